#pragma once

#include <QString>

namespace edge {

// An email address, trimmed and lower-cased; only valid ones can exist.
class Email
{
public:
    static constexpr int MaxLength = 254; // RFC 5321 path limit

    // Throws ValidationError naming "email" when the text is not an address.
    static Email parse(const QString &text);
    // Empty when valid, otherwise what is wrong (for inline messages while typing).
    static QString problem(const QString &text);
    // Rebuilds an Email read back from a trusted store, without validation.
    static Email fromTrusted(QString normalized) { return Email(std::move(normalized)); }

    const QString &value() const { return m_value; }
    bool operator==(const Email &other) const = default;

private:
    explicit Email(QString normalized) : m_value(std::move(normalized)) {}
    QString m_value;
};

} // namespace edge
