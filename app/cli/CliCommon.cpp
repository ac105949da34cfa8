#include "CliCommon.h"

#include <QJsonDocument>

#include <algorithm>
#include <iostream>
#include <string>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace edge::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int report(const DomainError &error)
{
    // Each bad field on its own line, named as the API names it ("email: ...").
    const auto &fields = error.fieldErrors();
    if (fields.size() == 1) {
        err() << "error: " << fields.firstKey() << ": " << fields.first() << Qt::endl;
    } else {
        err() << "error: " << error.message() << Qt::endl;
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            err() << "  " << it.key() << ": " << it.value() << Qt::endl;
    }
    if (error.kind() == ErrorKind::Validation)
        err() << "Nothing was written." << Qt::endl;
    switch (error.kind()) {
    case ErrorKind::Validation: return BadInput;
    case ErrorKind::NotFound: return NotFound;
    case ErrorKind::Conflict: return Conflict;
    case ErrorKind::Unauthorized: return NotSignedIn;
    case ErrorKind::Forbidden: return Forbidden;
    default: return Failure;
    }
}

bool wantsJson(const Invocation &invocation)
{
    return invocation.options.isSet(QStringLiteral("json"));
}

void printJson(const QJsonObject &document)
{
    out() << QJsonDocument(document).toJson(QJsonDocument::Indented);
}

void printData(const QJsonValue &data)
{
    printJson({{QStringLiteral("success"), true}, {QStringLiteral("data"), data}});
}

void printColumns(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &header : headers)
        widths << header.size();
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    const auto printRow = [&widths](const QStringList &cells) {
        QString line;
        for (qsizetype c = 0; c < cells.size(); ++c)
            line += c + 1 < cells.size() && c < widths.size() ? cells[c].leftJustified(widths[c] + 2) : cells[c];
        out() << line << Qt::endl;
    };
    printRow(headers);
    for (const QStringList &row : rows)
        printRow(row);
}

bool stderrIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDERR_FILENO) == 1;
#else
    return false;
#endif
}

Answer ask(const QString &question)
{
    err() << question << " [y/N] " << Qt::flush;
    std::string line;
    if (!std::getline(std::cin, line))
        return Answer::NoAnswer;
    const QString answer = QString::fromStdString(line).trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes") ? Answer::Yes : Answer::No;
}

QString takeSubcommand(Invocation &invocation, const QString &command, const QStringList &known)
{
    const QString choices = known.join(QStringLiteral(", "));
    if (invocation.arguments.isEmpty())
        throw UsageError{QStringLiteral("%1 needs a subcommand: %2").arg(command, choices)};
    const QString sub = invocation.arguments.takeFirst();
    if (!known.contains(sub))
        throw UsageError{QStringLiteral("Unknown %1 subcommand \"%2\": use %3").arg(command, sub, choices)};
    return sub;
}

int intOption(const QCommandLineParser &options, const QString &name, int fallback)
{
    if (!options.isSet(name))
        return fallback;
    bool ok = false;
    const int value = options.value(name).toInt(&ok);
    if (!ok)
        throw UsageError{QStringLiteral("--%1 needs a whole number (got \"%2\")").arg(name, options.value(name))};
    return value;
}

} // namespace edge::cli
