#pragma once

class QLabel;
class QString;
class QWidget;

namespace edge::ui {

// Inline validation messages shown under a form field, the same in every dialog.

// A hidden, word-wrapped, red message label named objectName (tests find it by that name).
QLabel *makeFieldErrorLabel(const QString &objectName);

// The input with its message underneath, as one form row.
QWidget *withErrorBelow(QWidget *input, QLabel *error);

} // namespace edge::ui
