#pragma once

#include <QString>
#include <QUuid>

namespace edge {

// A user's identity: a lower-case UUID string, the same form the Worker's
// crypto.randomUUID() produces.
class UserId
{
public:
    static UserId generate() { return UserId(QUuid::createUuid().toString(QUuid::WithoutBraces)); }
    static UserId fromString(QString value) { return UserId(std::move(value)); }

    // Empty when `text` is a UUID (any case), otherwise what is wrong. The Worker refuses
    // anything else with 400, so the embedded store does too (not "not found").
    // `record` names what the id is of, for the message ("user", "lesson").
    static QString problem(const QString &text, const QString &record = QStringLiteral("user"));
    // Throws ValidationError naming `field`; the result is lower case, as stored.
    static UserId parse(const QString &text, const QString &field = QStringLiteral("id"));

    const QString &value() const { return m_value; }
    bool operator==(const UserId &other) const = default;

private:
    explicit UserId(QString value) : m_value(std::move(value)) {}
    QString m_value;
};

} // namespace edge
