#include "dialogs/MessageBoxes.h"
#include "dialogs/ProfilesDialog.h"
#include "infrastructure/settings/SettingsProfileRepository.h"
#include "support/GuiTestSupport.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace edge;

using namespace edge::ui;

// File › Connect…'s profiles dialog offscreen, over a ProfileRepository in an isolated
// settings file: create, edit, rename, delete (asked first), inline validation from
// ConnectionProfile::problems(), persistence, and Connect.
class TestProfilesDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createsARemoteProfileThatPersists();
    void invalidFieldsAreShownInline_data();
    void invalidFieldsAreShownInline();
    void takenNameIsShownNextToTheName();
    void editsAndRenames();
    void deleteAsksFirst_data();
    void deleteAsksFirst();
    void connectSavesAndAsksToSwitch();

private:
    ProfilesDialog *openDialog();
    template<typename T>
    T *child(const char *name) const
    {
        T *found = m_dialog->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no child %s", name);
        return found;
    }
    void type(const char *edit, const QString &text)
    {
        auto *line = child<QLineEdit>(edit);
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Backspace);
        QTest::keyClicks(line, text);
    }
    void chooseKind(ProfileKind kind)
    {
        auto *combo = child<QComboBox>("profileKindCombo");
        combo->setCurrentIndex(combo->findData(int(kind)));
    }

    QTemporaryDir m_home;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SettingsProfileRepository> m_profiles;
    ProfilesDialog *m_dialog = nullptr;
};

void TestProfilesDialog::initTestCase()
{
    QVERIFY(m_home.isValid());
    testsupport::isolateUserFiles(m_home.path());
}

void TestProfilesDialog::init()
{
    MessageBoxes::clearShown();
    m_settings = std::make_unique<QSettings>(m_home.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    m_settings->clear();
    m_profiles = std::make_unique<SettingsProfileRepository>(*m_settings);
}

void TestProfilesDialog::cleanup()
{
    delete m_dialog;
    m_dialog = nullptr;
    m_profiles.reset();
    m_settings.reset();
}

ProfilesDialog *TestProfilesDialog::openDialog()
{
    delete m_dialog;
    m_dialog = new ProfilesDialog(*m_profiles, QString(), nullptr);
    m_dialog->show();
    return m_dialog;
}

void TestProfilesDialog::createsARemoteProfileThatPersists()
{
    openDialog();
    QCOMPARE(child<QListWidget>("profileList")->count(), 0);
    auto *save = child<QPushButton>("saveProfileButton");
    QVERIFY(!save->isEnabled());

    type("profileNameEdit", QStringLiteral("Production"));
    chooseKind(ProfileKind::Remote);
    type("baseUrlEdit", QStringLiteral("https://edge.example.com/api/v1/"));
    type("accountEmailEdit", QStringLiteral("Ada@Example.com"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    QCOMPARE(child<QListWidget>("profileList")->count(), 1);
    // Persisted, normalised, and read back by a new repository over the same file.
    m_settings->sync();
    QSettings reread(m_settings->fileName(), QSettings::IniFormat);
    SettingsProfileRepository again(reread);
    const std::optional<ConnectionProfile> stored = again.find(QStringLiteral("production"));
    QVERIFY(stored);
    QCOMPARE(stored->kind, ProfileKind::Remote);
    QCOMPARE(stored->baseUrl, QUrl(QStringLiteral("https://edge.example.com/api/v1")));
    QCOMPARE(stored->accountEmail, QStringLiteral("ada@example.com"));
    // Never a secret in the settings file.
    QFile file(m_settings->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll().toLower();
    QVERIFY(!content.contains("token") && !content.contains("password"));
}

void TestProfilesDialog::invalidFieldsAreShownInline_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("http to another host") << int(ProfileKind::Remote) << "baseUrlEdit"
                                          << "http://edge.example.com/api/v1" << "baseUrlError" << "https://";
    QTest::newRow("not a URL") << int(ProfileKind::Remote) << "baseUrlEdit" << "edge" << "baseUrlError"
                               << "not a complete URL";
    QTest::newRow("bad account email") << int(ProfileKind::Remote) << "accountEmailEdit" << "ada@"
                                       << "accountEmailError" << "Account email";
    QTest::newRow("relative store path") << int(ProfileKind::Embedded) << "storePathEdit" << "school.db"
                                         << "storePathError" << "full path";
    QTest::newRow("name with @") << int(ProfileKind::Remote) << "profileNameEdit" << "ada@work" << "nameError"
                                 << "must not contain";
}

void TestProfilesDialog::invalidFieldsAreShownInline()
{
    QFETCH(int, kind);
    QFETCH(QString, edit);
    QFETCH(QString, text);
    QFETCH(QString, errorLabel);
    QFETCH(QString, mentions);
    openDialog();
    type("profileNameEdit", QStringLiteral("Profile"));
    chooseKind(ProfileKind(kind));
    if (kind == int(ProfileKind::Remote) && edit != QLatin1String("baseUrlEdit"))
        type("baseUrlEdit", QStringLiteral("https://edge.example.com/api/v1"));
    if (kind == int(ProfileKind::Embedded) && edit != QLatin1String("storePathEdit"))
        type("storePathEdit", m_home.filePath(QStringLiteral("a.db")));
    type(edit.toLatin1().constData(), text);

    auto *error = m_dialog->findChild<QLabel *>(errorLabel);
    QVERIFY(error);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(mentions), qPrintable(error->text()));
    QVERIFY(!child<QPushButton>("saveProfileButton")->isEnabled());
    QVERIFY(!child<QPushButton>("connectButton")->isEnabled());
    QVERIFY(m_profiles->list().isEmpty());
    testsupport::snapshot(m_dialog, QStringLiteral("profiles-invalid-") + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
}

void TestProfilesDialog::takenNameIsShownNextToTheName()
{
    m_profiles->add(ConnectionProfile::embedded(QStringLiteral("School"), m_home.filePath(QStringLiteral("s.db"))));
    openDialog();
    QTest::mouseClick(child<QPushButton>("newProfileButton"), Qt::LeftButton);
    type("profileNameEdit", QStringLiteral("school"));
    chooseKind(ProfileKind::Remote);
    type("baseUrlEdit", QStringLiteral("https://edge.example.com/api/v1"));
    QTest::mouseClick(child<QPushButton>("saveProfileButton"), Qt::LeftButton);
    auto *error = child<QLabel>("nameError");
    QVERIFY(error->isVisible());
    QVERIFY2(!error->text().isEmpty(), "the taken name is named");
    QCOMPARE(m_profiles->list().size(), 1);
}

void TestProfilesDialog::editsAndRenames()
{
    m_profiles->add(ConnectionProfile::remote(QStringLiteral("Staging"), QUrl(QStringLiteral("https://staging.example.com/api/v1"))));
    openDialog();
    QCOMPARE(child<QLineEdit>("profileNameEdit")->text(), QStringLiteral("Staging"));
    type("profileNameEdit", QStringLiteral("Test copy"));
    type("accountEmailEdit", QStringLiteral("support@example.com"));
    QTest::mouseClick(child<QPushButton>("saveProfileButton"), Qt::LeftButton);
    QVERIFY(!m_profiles->find(QStringLiteral("Staging")));
    const std::optional<ConnectionProfile> renamed = m_profiles->find(QStringLiteral("Test copy"));
    QVERIFY(renamed);
    QCOMPARE(renamed->accountEmail, QStringLiteral("support@example.com"));
    testsupport::snapshot(m_dialog, QStringLiteral("profiles-dialog"));
    QCOMPARE(child<QListWidget>("profileList")->count(), 1);
}

void TestProfilesDialog::deleteAsksFirst_data()
{
    QTest::addColumn<QMessageBox::StandardButton>("answer");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("delete") << QMessageBox::Yes << true;
    QTest::newRow("keep") << QMessageBox::No << false;
}

void TestProfilesDialog::deleteAsksFirst()
{
    QFETCH(QMessageBox::StandardButton, answer);
    QFETCH(bool, deleted);
    m_profiles->add(ConnectionProfile::embedded(QStringLiteral("School"), m_home.filePath(QStringLiteral("s.db"))));
    openDialog();
    MessageBoxes::setNextAnswer(answer);
    QTest::mouseClick(child<QPushButton>("deleteProfileButton"), Qt::LeftButton);
    QTRY_COMPARE(MessageBoxes::shown().size(), 1);
    QVERIFY2(MessageBoxes::lastText().contains(QStringLiteral("\"School\"")), qPrintable(MessageBoxes::lastText()));
    QTRY_COMPARE(child<QListWidget>("profileList")->count(), deleted ? 0 : 1);
    QCOMPARE(m_profiles->find(QStringLiteral("School")).has_value(), !deleted);
}

void TestProfilesDialog::connectSavesAndAsksToSwitch()
{
    openDialog();
    QSignalSpy connectRequested(m_dialog, &ProfilesDialog::connectRequested);
    type("profileNameEdit", QStringLiteral("Local"));
    chooseKind(ProfileKind::Embedded);
    type("storePathEdit", m_home.filePath(QStringLiteral("local.db")));
    QTest::mouseClick(child<QPushButton>("connectButton"), Qt::LeftButton);
    QCOMPARE(connectRequested.size(), 1);
    const auto profile = connectRequested.constFirst().constFirst().value<ConnectionProfile>();
    QCOMPARE(profile.name, QStringLiteral("Local"));
    QVERIFY(m_profiles->find(QStringLiteral("Local")));
    QVERIFY(!m_dialog->isVisible());
}

QTEST_MAIN(TestProfilesDialog)
#include "tst_profilesdialog.moc"
