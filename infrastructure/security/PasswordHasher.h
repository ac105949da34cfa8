#pragma once

#include <QByteArray>
#include <QString>

namespace edge {

// PBKDF2-SHA256 password hashes in the form the Worker produces and verifies too:
//   pbkdf2_sha256$<iterations>$<16-byte salt, base64>$<32-byte key, base64>
// Workers' WebCrypto allows at most 100,000 iterations, so that is both the default and
// the ceiling; a hash made here lets the user sign in after the store is pushed to D1.
class PasswordHasher
{
public:
    static constexpr int DefaultIterations = 100000;
    static constexpr int MaxIterations = 100000;
    static constexpr int SaltBytes = 16;
    static constexpr int KeyBytes = 32;

    // Slow on purpose (~0.1 s): call it off the UI thread.
    static QString hash(const QString &password, int iterations = DefaultIterations);
    // With a given salt: for tests with known vectors.
    static QString hashWithSalt(const QString &password, const QByteArray &salt, int iterations);
    // False for a wrong password and for any malformed or out-of-range stored hash.
    static bool verify(const QString &password, const QString &storedHash);
};

} // namespace edge
