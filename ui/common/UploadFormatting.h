#pragma once

#include "domain/Upload.h"

#include <QList>
#include <QString>

namespace edge::ui {

// "0 bytes", "812 bytes", "1.4 KiB", "300.0 MiB", "1.00 GiB": sizes as file managers show them.
QString formatBytes(qint64 bytes);
// "2.5 MiB/s"; empty for 0.
QString formatSpeed(double bytesPerSecond);
// "3 s", "4 min 10 s", "2 h 5 min"; "–" when unknown (negative).
QString formatDuration(qint64 seconds);
// The first 12 hex digits of a sha256 ("" when not known), for a narrow column.
QString shortSha256(const QString &sha256);

// A content type family of the Uploads filter: its label and the store's filter value
// ("image/" for every image type, "application/pdf" exactly; empty: all files).
struct ContentTypeFamily
{
    QString label;
    QString filter;
};
QList<ContentTypeFamily> contentTypeFamilies();

// The content type a file's name suggests (by its extension, as the desktop's MIME database
// knows it), "application/octet-stream" when nothing matches.
QString contentTypeForFile(const QString &fileName);

// What the preview pane can show of a file of this type.
enum class PreviewKind { Image, Text, None };
PreviewKind previewKindOf(const Upload &upload);

// The folder part of a key ("docs/2024/" for "docs/2024/a.pdf"; "" at the top).
QString folderOfKey(const QString &key);
// The folder above a prefix ("docs/" for "docs/2024/"; "" for "docs/" or "").
QString parentFolder(const QString &prefix);
// A prefix as a folder: trimmed of spaces, no leading '/', ending with '/' unless empty.
QString normalizedFolder(const QString &text);

} // namespace edge::ui
