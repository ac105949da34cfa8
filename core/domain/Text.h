#pragma once

#include <QString>

namespace edge {

// Rules for names people type (usernames, lesson titles, file names), shared by every
// record and by the Worker's: no invisible format characters (Unicode Cf: bidi overrides
// such as U+202E, zero-width spaces and joiners), which could make a name read reversed or
// look like another.
bool hasFormatCharacters(const QString &text);
// The message for a field that has them, in the Worker's words.
QString formatCharactersProblem(const QString &field);

// For display: invisible format and control characters written out as "<U+202E>", so a
// name stored before the rule (or by another tool) cannot disguise itself on screen.
QString withInvisiblesShown(const QString &text);

} // namespace edge
