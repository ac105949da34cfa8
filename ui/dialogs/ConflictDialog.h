#pragma once

#include <QDialog>
#include <QList>
#include <QString>

#include <optional>

class QTableWidget;

namespace edge::ui {

// One field of a versioned record: as someone else saved it, and as my form holds it.
struct ConflictRow
{
    QString field;
    QString theirs;
    QString mine;
};

// A long text of the record (a lesson's HTML), compared line by line below the fields.
struct ConflictText
{
    QString field; // "Content"
    QString theirs;
    QString mine;
};

// A save that met a newer version of any versioned record (user, lesson, ...).
struct ConflictDescription
{
    QString kind;       // "User", "Lesson": the window title and questions name it
    QString recordName; // "ada@example.com": which one
    int loadedVersion = 0;
    int theirVersion = 0;
    QList<ConflictRow> rows;
    std::optional<ConflictText> text;
};

// Someone saved the record first: their version and mine side by side (field / theirs /
// mine, differing fields highlighted), and three deliberate ways on: reload theirs into
// the form, overwrite theirs with mine (after a confirmation that names what is lost), or
// go back to editing. Nothing is written from here; the caller acts on the choice.
class ConflictDialog final : public QDialog
{
    Q_OBJECT

public:
    ConflictDialog(const ConflictDescription &conflict, QWidget *parent);

signals:
    void reloadChosen();
    void overwriteChosen(); // already confirmed

private:
    void confirmOverwrite();

    ConflictDescription m_conflict;
    QTableWidget *m_table = nullptr;
    QStringList m_differing;
};

} // namespace edge::ui
