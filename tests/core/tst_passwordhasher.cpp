// PBKDF2-SHA256 hashes in the Worker's format.

#include "infrastructure/security/PasswordHasher.h"

#include <QTest>

using namespace edge;

class TestPasswordHasher final : public QObject
{
    Q_OBJECT

private slots:
    void matchesNodeVector()
    {
        // node -e "require('crypto').pbkdf2Sync('correct horse','0123456789abcdef',100000,32,'sha256')
        //          .toString('base64')"
        const QString hash = PasswordHasher::hashWithSalt(QStringLiteral("correct horse"),
                                                          QByteArrayLiteral("0123456789abcdef"), 100000);
        QCOMPARE(hash, QStringLiteral("pbkdf2_sha256$100000$MDEyMzQ1Njc4OWFiY2RlZg==$"
                                      "WYEVV1ul0qBt7iGnOFpq5RmH0aOFvmOKTlUAgn9mWYM="));
        QVERIFY(PasswordHasher::verify(QStringLiteral("correct horse"), hash));
        QVERIFY(!PasswordHasher::verify(QStringLiteral("correct horsE"), hash));
    }

    void hashRoundTripsWithRandomSalt()
    {
        const QString first = PasswordHasher::hash(QStringLiteral("s3cret-pass"));
        const QString second = PasswordHasher::hash(QStringLiteral("s3cret-pass"));
        QVERIFY(first != second); // fresh salt each time
        const QStringList parts = first.split(QLatin1Char('$'));
        QCOMPARE(parts.size(), 4);
        QCOMPARE(parts[1], QStringLiteral("100000"));
        QCOMPARE(QByteArray::fromBase64(parts[2].toLatin1()).size(), 16);
        QCOMPARE(QByteArray::fromBase64(parts[3].toLatin1()).size(), 32);
        QVERIFY(PasswordHasher::verify(QStringLiteral("s3cret-pass"), first));
    }

    void verifyAcceptsFewerIterations()
    {
        const QString hash = PasswordHasher::hashWithSalt(QStringLiteral("pw"), QByteArrayLiteral("saltsaltsaltsalt"), 1000);
        QVERIFY(PasswordHasher::verify(QStringLiteral("pw"), hash));
    }

    void verifyRejectsMalformed_data()
    {
        QTest::addColumn<QString>("stored");
        const QString salt = QStringLiteral("MDEyMzQ1Njc4OWFiY2RlZg==");
        const QString key = QStringLiteral("WYEVV1ul0qBt7iGnOFpq5RmH0aOFvmOKTlUAgn9mWYM=");
        QTest::newRow("empty") << QString();
        QTest::newRow("other scheme") << QStringLiteral("bcrypt$100000$%1$%2").arg(salt, key);
        QTest::newRow("too many iterations") << QStringLiteral("pbkdf2_sha256$100001$%1$%2").arg(salt, key);
        QTest::newRow("zero iterations") << QStringLiteral("pbkdf2_sha256$0$%1$%2").arg(salt, key);
        QTest::newRow("not a number") << QStringLiteral("pbkdf2_sha256$lots$%1$%2").arg(salt, key);
        QTest::newRow("bad base64") << QStringLiteral("pbkdf2_sha256$100000$%1$!!!").arg(salt);
        QTest::newRow("short key") << QStringLiteral("pbkdf2_sha256$100000$%1$AAAA").arg(salt);
        QTest::newRow("missing part") << QStringLiteral("pbkdf2_sha256$100000$%1").arg(salt);
    }

    void verifyRejectsMalformed()
    {
        QFETCH(QString, stored);
        QVERIFY(!PasswordHasher::verify(QStringLiteral("correct horse"), stored));
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
