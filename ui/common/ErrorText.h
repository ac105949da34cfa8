#pragma once

#include "domain/Errors.h"

#include <QMap>
#include <QString>

#include <exception>

namespace edge::ui {

// What to tell people about a failed task: DomainError's message, or a generic line for
// anything else (a bug), so no raw what() text from a library reaches a dialog.
QString errorMessage(const std::exception &error);

// The per-field problems a DomainError carries ("email" -> "Email is already taken").
QMap<QString, QString> fieldErrors(const std::exception &error);

// The DomainError behind the exception, or nullptr.
const DomainError *asDomainError(const std::exception &error);

} // namespace edge::ui
