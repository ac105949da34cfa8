#include "PasswordHasher.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QStringList>

namespace edge {

namespace {
const QLatin1String Scheme("pbkdf2_sha256");

QByteArray deriveKey(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt,
                                              iterations, PasswordHasher::KeyBytes);
}

// Looks at every byte whatever the content, so timing does not tell how much matched.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QByteArray decodeStrict(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : QByteArray();
}
} // namespace

QString PasswordHasher::hashWithSalt(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray key = deriveKey(password, salt, iterations);
    return QStringLiteral("%1$%2$%3$%4")
        .arg(Scheme)
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

QString PasswordHasher::hash(const QString &password, int iterations)
{
    QByteArray salt(SaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    return hashWithSalt(password, salt, iterations);
}

bool PasswordHasher::verify(const QString &password, const QString &storedHash)
{
    const QStringList parts = storedHash.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != Scheme)
        return false;
    bool isNumber = false;
    const int iterations = parts[1].toInt(&isNumber);
    if (!isNumber || iterations < 1 || iterations > MaxIterations)
        return false;
    const QByteArray salt = decodeStrict(parts[2]);
    const QByteArray expected = decodeStrict(parts[3]);
    if (salt.isEmpty() || expected.size() != KeyBytes)
        return false;
    return constantTimeEquals(deriveKey(password, salt, iterations), expected);
}

} // namespace edge
