#pragma once

#include "application/ports/ProfileRepository.h"

#include <QDialog>
#include <QMap>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace edge::ui {

// File › Connect…: the connection profiles (an embedded store file, or a Worker URL and the
// account that signs in), created, edited and deleted here and kept by ProfileRepository
// (never a secret). Fields are checked as they are typed with ConnectionProfile::problems().
// "Connect" saves pending edits, then asks the owner to switch to the chosen profile.
class ProfilesDialog final : public QDialog
{
    Q_OBJECT

public:
    ProfilesDialog(ProfileRepository &profiles, const QString &activeProfile, QWidget *parent);

    // The profile the form shows (as typed, not normalised).
    ConnectionProfile formProfile() const;

signals:
    void connectRequested(const edge::ConnectionProfile &profile);

private:
    void buildLayout();
    void reloadList(const QString &select);
    void onCurrentProfileChanged();
    void startNewProfile();
    void loadForm(const ConnectionProfile &profile);
    void updateKindRows();
    void updateValidation();
    bool saveProfile();
    void deleteProfile();
    void connectToProfile();
    void browseForStore();

    ProfileRepository &m_profiles;
    QString m_activeProfile;   // marked in the list as connected
    QString m_editingName;     // the stored profile in the form; empty for a new one
    bool m_dirty = false;
    bool m_showAllProblems = false; // after a save attempt: also untouched fields
    QMap<QString, bool> m_touched;
    QMap<QString, QString> m_saveErrors; // from the repository (e.g. a taken name)

    QListWidget *m_list = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_storePath = nullptr;
    QWidget *m_storeRow = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_accountEmail = nullptr;
    QMap<QString, QLabel *> m_errors; // "name", "storePath", "baseUrl", "accountEmail"
    QLabel *m_formMessage = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_connectButton = nullptr;
};

} // namespace edge::ui
