#pragma once

#include "domain/Errors.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace edge::cli {

// Exit codes, also listed by --help.
enum ExitCode {
    Success = 0,
    Failure = 1,  // the store cannot be used, or anything unexpected
    BadInput = 2, // wrong usage or invalid values (nothing was written)
    NotFound = 3, // no such user or lesson, an empty track
    Conflict = 4, // duplicate email, stale version, demo already seeded, file exists
    NotSignedIn = 5, // remote: no token, an expired one, or a wrong password
    Forbidden = 6,   // remote: the signed-in role may not do this
};

// Wrong usage (unknown command, missing argument); main() prints it with a hint.
struct UsageError
{
    QString message;
};

// What a command gets: the parsed options and its own positional arguments.
class CliPorts;

struct Invocation
{
    const QCommandLineParser &options;
    QStringList arguments; // after the command words ("users add" -> the rest)
    QString storePath;
    CliPorts &ports;       // the infrastructure, built once by main()
};

QTextStream &out();
QTextStream &err();

// Prints a DomainError for people (with per-field problems) and picks its exit code.
int report(const DomainError &error);

// --json: a whole document, or the Worker's envelope {"success": true, "data": ...} around data.
bool wantsJson(const Invocation &invocation);
void printJson(const QJsonObject &document);
void printData(const QJsonValue &data);
// A plain-text table on stdout: the headers, then the rows, each column as wide as its
// widest cell (the last column unpadded).
void printColumns(const QStringList &headers, const QList<QStringList> &rows);

// Whether progress lines on stderr reach a person (not a file or a pipe).
bool stderrIsTerminal();

// Asks a yes/no question on stderr and reads the answer from stdin (no answer: end of input).
enum class Answer { Yes, No, NoAnswer };
Answer ask(const QString &question);

// Takes the subcommand ("users list" -> "list") off the arguments; UsageError listing the
// choices when it is missing or not one of `known`.
QString takeSubcommand(Invocation &invocation, const QString &command, const QStringList &known);

// Integer option value, or UsageError naming the option.
int intOption(const QCommandLineParser &options, const QString &name, int fallback);

} // namespace edge::cli
