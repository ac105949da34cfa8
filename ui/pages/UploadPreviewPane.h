#pragma once

#include "application/Services.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace edge::ui {

// The Uploads detail pane: the selected file's key, size, type, sha256, uploader and time,
// Copy key, and a preview: images (read whole when at most MaxImageBytes, decoded and scaled
// off the UI thread), text (the first MaxTextBytes, by a ranged read), otherwise the metadata
// alone. Reads run asynchronously; a newer selection drops the answer of an older one.
class UploadPreviewPane final : public QWidget
{
    Q_OBJECT

public:
    static constexpr qint64 MaxImageBytes = 8 * 1024 * 1024;
    static constexpr qint64 MaxTextBytes = 64 * 1024;

    explicit UploadPreviewPane(QWidget *parent = nullptr);

    void setServices(std::shared_ptr<Services> services);
    void showUpload(const std::optional<Upload> &upload);
    const std::optional<Upload> &upload() const { return m_upload; }

    // What the preview shows now (for tests): "image", "text", or "message".
    QString previewKind() const;
    QString previewText() const;  // the text shown, or the message
    QSize previewImageSize() const; // the scaled image's size

signals:
    void copyKeyRequested();
    void previewShown(); // a preview (or its failure) replaced "Loading preview…"

private:
    void startPreview();
    void showMessage(const QString &message);
    void showImage(const QImage &image);
    void showText(const QString &text, bool truncated);

    std::shared_ptr<Services> m_services;
    std::optional<Upload> m_upload;
    quint64 m_generation = 0;

    QStackedWidget *m_stack;  // no file / the file
    QLabel *m_empty;
    QLabel *m_key;
    QLabel *m_originalName;
    QLabel *m_size;
    QLabel *m_type;
    QLabel *m_sha256;
    QLabel *m_uploadedBy;
    QLabel *m_uploadedAt;
    QPushButton *m_copyKey;
    QStackedWidget *m_preview; // message / image / text
    QLabel *m_previewMessage;
    QLabel *m_image;
    QPlainTextEdit *m_text;
};

} // namespace edge::ui
