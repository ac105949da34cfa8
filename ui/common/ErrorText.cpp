#include "ErrorText.h"

#include <QCoreApplication>

namespace edge::ui {

const DomainError *asDomainError(const std::exception &error)
{
    return dynamic_cast<const DomainError *>(&error);
}

QString errorMessage(const std::exception &error)
{
    if (const DomainError *domain = asDomainError(error))
        return domain->message();
    return QCoreApplication::translate("edge::ui", "Unexpected error: %1")
        .arg(QString::fromUtf8(error.what()));
}

QMap<QString, QString> fieldErrors(const std::exception &error)
{
    if (const DomainError *domain = asDomainError(error))
        return domain->fieldErrors();
    return {};
}

} // namespace edge::ui
