#pragma once

#include "domain/User.h"

#include <QDialog>

class QTableWidget;

namespace edge::ui {

// What the edit form holds when a save met a newer version.
struct UserFormValues
{
    QString email;
    QString username;
    Role role = Role::Learner;
    bool changesPassword = false;
};

// Someone saved the user first: their version and mine side by side (field / theirs /
// mine, differing fields highlighted), and three deliberate ways on: reload theirs into
// the form, overwrite theirs with mine (after a confirmation that names what is lost), or
// go back to editing. Nothing is written from here; the caller acts on the choice.
class ConflictDialog final : public QDialog
{
    Q_OBJECT

public:
    ConflictDialog(const User &loaded, const User &theirs, const UserFormValues &mine, QWidget *parent);

signals:
    void reloadChosen();
    void overwriteChosen(); // already confirmed

private:
    void confirmOverwrite();

    User m_theirs;
    QTableWidget *m_table = nullptr;
    QStringList m_differing;
};

} // namespace edge::ui
