// Connection profiles kept in settings: they come back after a restart, names stay unique,
// and nothing secret is ever written.
#include "FileScan.h"
#include "domain/Errors.h"
#include "infrastructure/settings/SettingsProfileRepository.h"
#include "infrastructure/remote/WorkerClient.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace edge;
using namespace edge::remote;
using namespace edge::remote::test;
using namespace Qt::Literals::StringLiterals;

namespace {

const ConnectionProfile laptop = ConnectionProfile::embedded(u"Laptop"_s, u"/home/ada/edge.sqlite"_s);
const ConnectionProfile work = ConnectionProfile::remote(
    u"Work"_s, QUrl(u"https://edge.example.com/api/v1"_s), u"ada@example.com"_s);
const ConnectionProfile dev =
    ConnectionProfile::remote(u"dev"_s, QUrl(u"http://127.0.0.1:8787/api/v1"_s));

} // namespace

class TestProfileRepository final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void profilesSurviveARestart();
    void findIgnoresCase();
    void takenNameIsRefusedIgnoringCase();
    void invalidProfileIsRefusedAndNothingStored();
    void renameKeepsLastUsed();
    void updateAndRemoveOfUnknownProfileFail();
    void removingLastUsedForgetsIt();
    void storedValuesAreNormalized();
    void settingsHoldNoSecret();

private:
    // A fresh QSettings on the same file: what the next start of the app would read.
    void restart();

    QTemporaryDir m_dir;
    QString m_file;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SettingsProfileRepository> m_repository;
};

void TestProfileRepository::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Nothing may land in the real user's configuration, whatever a code path opens.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

void TestProfileRepository::init()
{
    m_file = m_dir.filePath(u"%1.ini"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    QFile::remove(m_file);
    restart();
}

void TestProfileRepository::cleanup()
{
    m_repository.reset();
    m_settings.reset();
}

void TestProfileRepository::restart()
{
    m_repository.reset();
    m_settings = std::make_unique<QSettings>(m_file, QSettings::IniFormat);
    m_repository = std::make_unique<SettingsProfileRepository>(*m_settings);
}

void TestProfileRepository::profilesSurviveARestart()
{
    m_repository->add(work);
    m_repository->add(laptop);
    m_repository->add(dev);
    m_repository->setLastUsed(u"Work"_s);

    restart();

    const QList<ConnectionProfile> expected{dev, laptop, work}; // sorted by name, any case
    QCOMPARE(m_repository->list(), expected);
    QCOMPARE(m_repository->lastUsed(), std::optional(work));
}

void TestProfileRepository::findIgnoresCase()
{
    m_repository->add(work);
    QCOMPARE(m_repository->find(u"WORK"_s), std::optional(work));
    QCOMPARE(m_repository->find(u"Home"_s), std::nullopt);
}

void TestProfileRepository::takenNameIsRefusedIgnoringCase()
{
    m_repository->add(work);
    try {
        m_repository->add(ConnectionProfile::embedded(u"work"_s, u"/tmp/other.sqlite"_s));
        QFAIL("a second profile called work was accepted");
    } catch (const ConflictError &error) {
        QVERIFY2(error.fieldErrors().contains(u"name"_s), qPrintable(error.message()));
        QVERIFY(error.message().contains(u"already taken"_s));
    }
    QCOMPARE(m_repository->list(), QList<ConnectionProfile>{work});
}

void TestProfileRepository::invalidProfileIsRefusedAndNothingStored()
{
    const ConnectionProfile plainHttp =
        ConnectionProfile::remote(u"Work"_s, QUrl(u"http://edge.example.com/api/v1"_s));
    try {
        m_repository->add(plainHttp);
        QFAIL("plain http to another machine was accepted");
    } catch (const ValidationError &error) {
        QCOMPARE(error.fieldErrors().keys(), QStringList{u"baseUrl"_s});
    }
    restart();
    QVERIFY(m_repository->list().isEmpty());
}

void TestProfileRepository::renameKeepsLastUsed()
{
    m_repository->add(work);
    m_repository->add(laptop);
    m_repository->setLastUsed(u"Work"_s);

    ConnectionProfile renamed = work;
    renamed.name = u"Office"_s;
    m_repository->update(u"Work"_s, renamed);
    restart();

    QCOMPARE(m_repository->find(u"Work"_s), std::nullopt);
    QCOMPARE(m_repository->find(u"Office"_s), std::optional(renamed));
    QCOMPARE(m_repository->lastUsed(), std::optional(renamed));

    // Renaming onto another profile's name is refused; changing only the case is not.
    ConnectionProfile clash = renamed;
    clash.name = u"laptop"_s;
    QVERIFY_THROWS_EXCEPTION(ConflictError, m_repository->update(u"Office"_s, clash));
    ConnectionProfile recased = renamed;
    recased.name = u"OFFICE"_s;
    m_repository->update(u"Office"_s, recased);
    QCOMPARE(m_repository->find(u"office"_s)->name, u"OFFICE"_s);
}

void TestProfileRepository::updateAndRemoveOfUnknownProfileFail()
{
    m_repository->add(laptop);
    QVERIFY_THROWS_EXCEPTION(NotFoundError, m_repository->update(u"Work"_s, work));
    QVERIFY_THROWS_EXCEPTION(NotFoundError, m_repository->remove(u"Work"_s));
    QVERIFY_THROWS_EXCEPTION(NotFoundError, m_repository->setLastUsed(u"Work"_s));
    QCOMPARE(m_repository->list(), QList<ConnectionProfile>{laptop});
}

void TestProfileRepository::removingLastUsedForgetsIt()
{
    m_repository->add(work);
    m_repository->add(laptop);
    m_repository->setLastUsed(u"Work"_s);
    m_repository->remove(u"work"_s);
    restart();

    QCOMPARE(m_repository->list(), QList<ConnectionProfile>{laptop});
    QCOMPARE(m_repository->lastUsed(), std::nullopt);

    // A new profile that happens to reuse the name does not inherit "last used".
    m_repository->add(work);
    QCOMPARE(m_repository->lastUsed(), std::nullopt);
}

void TestProfileRepository::storedValuesAreNormalized()
{
    m_repository->add(ConnectionProfile::remote(
        u"  Work "_s, QUrl(u"https://edge.example.com/api/v1/"_s), u"Ada@Example.com"_s));
    restart();
    QCOMPARE(m_repository->list(), QList<ConnectionProfile>{work});
}

void TestProfileRepository::settingsHoldNoSecret()
{
    // The sign-in flow: a profile is chosen, the client gets a token, the profile becomes the
    // last used. The token belongs in the keychain only.
    const QString token = u"eyJhbGciOiJIUzI1NiJ9.settings-canary.sig"_s;
    m_repository->add(work);
    WorkerClient client(work.baseUrl);
    client.setToken(token);
    m_repository->setLastUsed(work.name);
    m_settings->sync();

    QCOMPARE(filesContaining(m_dir.path(), token.toUtf8()), QStringList());

    // Only the profile's own fields are written, so a future token field cannot slip in.
    const QStringList allowed{u"name"_s, u"kind"_s, u"storePath"_s, u"baseUrl"_s,
                              u"accountEmail"_s, u"size"_s, u"lastUsed"_s};
    QSettings written(m_file, QSettings::IniFormat);
    const QStringList keys = written.allKeys();
    QVERIFY(!keys.isEmpty());
    for (const QString &key : keys) {
        QVERIFY2(key.startsWith(u"profiles/"_s), qPrintable(key));
        QVERIFY2(allowed.contains(key.section(u'/', -1)), qPrintable(key));
    }
}

QTEST_GUILESS_MAIN(TestProfileRepository)
#include "tst_profilerepository.moc"
