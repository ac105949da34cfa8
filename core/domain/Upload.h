#pragma once

#include <QDateTime>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace edge {

// A stored file's record (the uploads table, the Worker's Upload): the bytes are kept apart,
// under a blob name of the store's choosing. The naming rules are the Worker's
// (worker/src/domain/value-objects/UploadKey.js), so a key accepted here is accepted there.
struct Upload
{
    static constexpr int KeyMaxBytes = 512;
    static constexpr int OriginalNameMaxLength = 255;
    static constexpr int ContentTypeMaxLength = 255;
    static constexpr qint64 MinPartSize = 5 * 1024 * 1024; // R2's rule: every part but the last
    static constexpr int MaxParts = 10000;

    QString key;          // relative path: "docs/guide.pdf"
    qint64 size = 0;
    QString contentType;  // "application/pdf"
    QString originalName; // the file's name on the uploader's machine
    QString sha256;       // lower-case hex; empty when not known (the Worker's multipart files)
    QString uploadedBy;   // user id; empty for the embedded store's local user or a deleted one
    QDateTime createdAt;  // UTC

    // The last path segment: the default original name.
    static QString baseNameOf(const QString &key);
};

// What a new file is called: validated together by parseUploadNaming().
struct UploadNaming
{
    UploadNaming(QString key = {}, QString originalName = {}, QString contentType = {})
        : key(std::move(key)), originalName(std::move(originalName)), contentType(std::move(contentType)) {}

    QString key;
    QString originalName; // empty: the key's last segment
    QString contentType;  // empty: application/octet-stream
};

// Each rule returns the problem in the Worker's words (empty when the value is fine).
// A new key: non-empty, at most 512 UTF-8 bytes, no control or invisible format characters
// (bidi overrides), no backslash, relative segments without "", "." or "..", none starting or
// ending with a space.
QString uploadKeyProblem(const QString &key);
// The key of a stored file (reads, deletes): the same rules but format characters, so files
// stored before that rule stay reachable.
QString existingUploadKeyProblem(const QString &key);
// 1..255 characters, not only spaces, no control or format characters, no '/' or '\'.
QString originalNameProblem(const QString &name);
// type/subtype with optional parameters, printable ASCII, at most 255 characters.
QString contentTypeProblem(const QString &contentType);
// 64 lower-case hex digits.
bool isSha256Hex(const QString &text);

// Every bad field at once (ValidationError with fieldErrors key, originalName, contentType);
// fills in the defaults. Throws ValidationError.
UploadNaming parseUploadNaming(const UploadNaming &naming);
// ValidationError naming "key" unless the key may name a stored file.
QString parseExistingUploadKey(const QString &key);
// ValidationError naming "partSize" unless MinPartSize <= partSize <= maxPartSize.
qint64 parsePartSize(qint64 partSize, qint64 maxPartSize);
// ValidationError naming "partNumber" unless 1..MaxParts.
int parsePartNumber(int partNumber);

// One byte range of a file: offset and length (length < 0: to the end).
struct ByteRange
{
    qint64 offset = 0;
    qint64 length = -1;
};

// The range within a file of `size` bytes as offset and exact length; throws DomainError
// (Validation, "range") when it starts at or past the end, as the Worker's 416.
ByteRange resolveRange(const ByteRange &range, qint64 size);

} // namespace edge

Q_DECLARE_METATYPE(edge::Upload)
