// What makes a connection profile acceptable, and the messages that say what is not.
#include "application/ConnectionProfile.h"
#include "domain/Errors.h"

#include <QTest>

using namespace edge;

using namespace Qt::Literals::StringLiterals;

class TestConnectionProfile final : public QObject
{
    Q_OBJECT

private slots:
    void validation_data();
    void validation();
    void validateThrowsFieldErrors();
    void normalizedIsWhatGetsStored();
};

void TestConnectionProfile::validation_data()
{
    QTest::addColumn<bool>("remote");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("location"); // store path or base URL
    QTest::addColumn<QString>("email");
    QTest::addColumn<QStringList>("badFields");
    QTest::addColumn<QString>("messagePart");

    const QString url = u"https://edge.example.com/api/v1"_s;
    QTest::newRow("embedded") << false << u"Laptop"_s << u"/home/ada/edge.sqlite"_s << QString()
                              << QStringList() << QString();
    QTest::newRow("remote https") << true << u"Work"_s << url << u"ada@example.com"_s
                                  << QStringList() << QString();
    QTest::newRow("remote without email") << true << u"Work"_s << url << QString() << QStringList()
                                          << QString();
    QTest::newRow("wrangler dev on 127.0.0.1") << true << u"Dev"_s << u"http://127.0.0.1:8787/api/v1"_s
                                               << QString() << QStringList() << QString();
    QTest::newRow("wrangler dev on localhost") << true << u"Dev"_s << u"http://localhost:8787/api/v1"_s
                                               << QString() << QStringList() << QString();
    QTest::newRow("wrangler dev on ::1") << true << u"Dev"_s << u"http://[::1]:8787/api/v1"_s
                                         << QString() << QStringList() << QString();

    QTest::newRow("empty name") << false << QString() << u"/tmp/a.sqlite"_s << QString()
                                << QStringList{u"name"_s} << u"Profile name"_s;
    QTest::newRow("blank name") << false << u"   "_s << u"/tmp/a.sqlite"_s << QString()
                                << QStringList{u"name"_s} << u"enter a name"_s;
    QTest::newRow("name with @") << true << u"me@work"_s << url << QString()
                                 << QStringList{u"name"_s} << u"'@'"_s;
    QTest::newRow("name with /") << true << u"a/b"_s << url << QString()
                                 << QStringList{u"name"_s} << u"'/'"_s;
    QTest::newRow("name too long") << false << QString(65, u'x') << u"/tmp/a.sqlite"_s << QString()
                                   << QStringList{u"name"_s} << u"64"_s;
    QTest::newRow("no store path") << false << u"Laptop"_s << QString() << QString()
                                   << QStringList{u"storePath"_s} << u"Database file"_s;
    QTest::newRow("relative store path") << false << u"Laptop"_s << u"edge.sqlite"_s << QString()
                                         << QStringList{u"storePath"_s} << u"full path"_s;
    QTest::newRow("no URL") << true << u"Work"_s << QString() << QString()
                            << QStringList{u"baseUrl"_s} << u"Server address"_s;
    QTest::newRow("plain http to another machine")
        << true << u"Work"_s << u"http://edge.example.com/api/v1"_s << QString()
        << QStringList{u"baseUrl"_s} << u"use https://"_s;
    QTest::newRow("http to a LAN address") << true << u"Work"_s << u"http://192.168.1.5:8787/api/v1"_s
                                           << QString() << QStringList{u"baseUrl"_s} << u"https://"_s;
    QTest::newRow("other scheme") << true << u"Work"_s << u"ftp://edge.example.com/api/v1"_s
                                  << QString() << QStringList{u"baseUrl"_s} << u"https://"_s;
    QTest::newRow("no scheme") << true << u"Work"_s << u"edge.example.com/api/v1"_s << QString()
                               << QStringList{u"baseUrl"_s} << u"complete URL"_s;
    QTest::newRow("credentials in URL") << true << u"Work"_s << u"https://ada:pw@edge.example.com/api/v1"_s
                                        << QString() << QStringList{u"baseUrl"_s} << u"password"_s;
    QTest::newRow("query in URL") << true << u"Work"_s << u"https://edge.example.com/api/v1?x=1"_s
                                  << QString() << QStringList{u"baseUrl"_s} << u"'?'"_s;
    QTest::newRow("bad email") << true << u"Work"_s << url << u"ada-at-example"_s
                               << QStringList{u"accountEmail"_s} << u"Account email"_s;
    QTest::newRow("several at once") << true << QString() << u"http://example.com"_s << u"x"_s
                                     << QStringList{u"accountEmail"_s, u"baseUrl"_s, u"name"_s}
                                     << QString();
}

void TestConnectionProfile::validation()
{
    QFETCH(bool, remote);
    QFETCH(QString, name);
    QFETCH(QString, location);
    QFETCH(QString, email);
    QFETCH(QStringList, badFields);
    QFETCH(QString, messagePart);

    const ConnectionProfile profile = remote ? ConnectionProfile::remote(name, QUrl(location), email)
                                             : ConnectionProfile::embedded(name, location);
    const QMap<QString, QString> problems = profile.problems();
    QCOMPARE(problems.keys(), badFields);
    if (!messagePart.isEmpty())
        QVERIFY2(problems.first().contains(messagePart), qPrintable(problems.first()));
}

void TestConnectionProfile::validateThrowsFieldErrors()
{
    const ConnectionProfile profile =
        ConnectionProfile::remote(QString(), QUrl(u"http://example.com/api/v1"_s));
    try {
        profile.validate();
        QFAIL("an invalid profile passed validate()");
    } catch (const ValidationError &error) {
        QCOMPARE(error.fieldErrors(), profile.problems());
        QVERIFY(error.message().contains(u"Profile name"_s));
        QVERIFY(error.message().contains(u"Server address"_s));
    }
    ConnectionProfile::remote(u"Fine"_s, QUrl(u"https://edge.example.com/api/v1"_s)).validate();
}

void TestConnectionProfile::normalizedIsWhatGetsStored()
{
    ConnectionProfile remote = ConnectionProfile::remote(
        u"  Work  "_s, QUrl(u"https://edge.example.com/api/v1/"_s), u" Ada@Example.com "_s);
    remote.storePath = u"/left/over.sqlite"_s; // from when it was an embedded profile
    const ConnectionProfile normalized = remote.normalized();
    QCOMPARE(normalized.name, u"Work"_s);
    QCOMPARE(normalized.baseUrl, QUrl(u"https://edge.example.com/api/v1"_s));
    QCOMPARE(normalized.accountEmail, u"ada@example.com"_s);
    QVERIFY(normalized.storePath.isEmpty());

    const ConnectionProfile embedded =
        ConnectionProfile::embedded(u"Laptop"_s, u"/home/ada/./data//edge.sqlite"_s).normalized();
    QCOMPARE(embedded.storePath, u"/home/ada/data/edge.sqlite"_s);
    QVERIFY(embedded.baseUrl.isEmpty());
}

QTEST_GUILESS_MAIN(TestConnectionProfile)
#include "tst_connectionprofile.moc"
