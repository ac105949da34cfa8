#include "UploadPreviewPane.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/UploadFormatting.h"
#include "common/UserFormatting.h"
#include "domain/Text.h"

#include <QBuffer>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QImageReader>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace edge::ui {

namespace {
const QSize PreviewBox(360, 300);

// Bytes of the stored file, read into memory (previews only: a few MiB at most). The buffer
// lives in the coroutine, which ends after the store has finished writing it.
QCoro::Task<QByteArray> readBytes(std::shared_ptr<Services> services, QString key, ByteRange range)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    co_await services->uploadQueries.download(key, range, &buffer);
    co_return QByteArray(buffer.data());
}

// Decodes and scales on a pool thread: a large photo takes a while.
QImage decodeScaled(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > PreviewBox.width() || size.height() > PreviewBox.height()))
        reader.setScaledSize(size.scaled(PreviewBox, Qt::KeepAspectRatio));
    return reader.read();
}

QLabel *valueLabel(const char *name)
{
    auto *label = new QLabel;
    label->setObjectName(QString::fromLatin1(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}
} // namespace

UploadPreviewPane::UploadPreviewPane(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget)
    , m_empty(new QLabel(tr("Select a file to see its details and a preview.")))
    , m_key(valueLabel("uploadKeyLabel"))
    , m_originalName(valueLabel("uploadOriginalNameLabel"))
    , m_size(valueLabel("uploadSizeLabel"))
    , m_type(valueLabel("uploadTypeLabel"))
    , m_sha256(valueLabel("uploadSha256Label"))
    , m_uploadedBy(valueLabel("uploadUploadedByLabel"))
    , m_uploadedAt(valueLabel("uploadUploadedAtLabel"))
    , m_copyKey(new QPushButton(tr("Copy &key")))
    , m_preview(new QStackedWidget)
    , m_previewMessage(new QLabel)
    , m_image(new QLabel)
    , m_text(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("uploadPreviewPane"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_sha256->setWordWrap(false);
    m_sha256->setFont(QFont(QStringLiteral("monospace")));
    m_copyKey->setObjectName(QStringLiteral("copyUploadKeyButton"));
    connect(m_copyKey, &QPushButton::clicked, this, &UploadPreviewPane::copyKeyRequested);

    m_previewMessage->setObjectName(QStringLiteral("uploadPreviewMessage"));
    m_previewMessage->setAlignment(Qt::AlignCenter);
    m_previewMessage->setWordWrap(true);
    m_image->setObjectName(QStringLiteral("uploadPreviewImage"));
    m_image->setAlignment(Qt::AlignCenter);
    m_text->setObjectName(QStringLiteral("uploadPreviewText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFont(QStringLiteral("monospace")));
    m_preview->addWidget(m_previewMessage);
    m_preview->addWidget(m_image);
    m_preview->addWidget(m_text);

    auto *details = new QWidget;
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Key:"), m_key);
    form->addRow(tr("Original name:"), m_originalName);
    form->addRow(tr("Size:"), m_size);
    form->addRow(tr("Type:"), m_type);
    form->addRow(tr("SHA-256:"), m_sha256);
    form->addRow(tr("Uploaded by:"), m_uploadedBy);
    form->addRow(tr("Uploaded at:"), m_uploadedAt);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(8, 0, 0, 0);
    detailsLayout->addLayout(form);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyKey);
    buttons->addStretch();
    detailsLayout->addLayout(buttons);
    detailsLayout->addWidget(m_preview, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(details);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void UploadPreviewPane::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
    showUpload(std::nullopt);
}

void UploadPreviewPane::showUpload(const std::optional<Upload> &upload)
{
    const bool same = upload && m_upload && upload->key == m_upload->key && upload->sha256 == m_upload->sha256
        && upload->size == m_upload->size && upload->createdAt == m_upload->createdAt;
    m_upload = upload;
    if (same)
        return; // the same file reloaded: keep the preview
    ++m_generation;
    if (!upload) {
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_key->setText(withInvisiblesShown(upload->key));
    m_originalName->setText(withInvisiblesShown(upload->originalName));
    m_size->setText(tr("%1 (%2 bytes)").arg(formatBytes(upload->size), formatCount(upload->size)));
    m_type->setText(upload->contentType);
    // In two lines of 32: on one line its 64 digits would set the pane's width.
    m_sha256->setText(upload->sha256.isEmpty() ? tr("not known")
                                               : upload->sha256.left(32) + QLatin1Char('\n') + upload->sha256.mid(32));
    m_sha256->setToolTip(upload->sha256);
    m_uploadedBy->setText(upload->uploadedBy.isEmpty() ? tr("(local)") : upload->uploadedBy);
    m_uploadedAt->setText(formatTimestampLong(upload->createdAt));
    m_stack->setCurrentIndex(1);
    startPreview();
}

void UploadPreviewPane::startPreview()
{
    const Upload upload = *m_upload;
    const PreviewKind kind = previewKindOf(upload);
    if (kind == PreviewKind::None) {
        showMessage(tr("No preview for %1 files.").arg(upload.contentType));
        return;
    }
    if (upload.size == 0) {
        showMessage(tr("The file is empty."));
        return;
    }
    if (kind == PreviewKind::Image && upload.size > MaxImageBytes) {
        showMessage(tr("Images over %1 are not previewed; download it to see it.").arg(formatBytes(MaxImageBytes)));
        return;
    }
    if (!m_services)
        return;
    showMessage(tr("Loading preview…"));
    const quint64 generation = m_generation;
    const ByteRange range{0, kind == PreviewKind::Text ? qMin(upload.size, MaxTextBytes) : upload.size};
    runTask(
        readBytes(m_services, upload.key, range), this,
        [this, generation, kind, upload](QByteArray bytes) {
            if (generation != m_generation)
                return;
            if (kind == PreviewKind::Text) {
                QStringDecoder decoder(QStringDecoder::Utf8);
                QString text = decoder.decode(bytes);
                showText(text, upload.size > bytes.size());
                return;
            }
            auto *watcher = new QFutureWatcher<QImage>(this);
            connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, generation] {
                watcher->deleteLater();
                if (generation == m_generation)
                    showImage(watcher->result());
            });
            watcher->setFuture(QtConcurrent::run(decodeScaled, bytes));
        },
        [this, generation](const std::exception &error) {
            if (generation == m_generation)
                showMessage(tr("Could not load the preview: %1").arg(errorMessage(error)));
        });
}

void UploadPreviewPane::showMessage(const QString &message)
{
    m_previewMessage->setText(message);
    m_preview->setCurrentWidget(m_previewMessage);
    if (message != tr("Loading preview…"))
        emit previewShown();
}

void UploadPreviewPane::showImage(const QImage &image)
{
    if (image.isNull()) {
        showMessage(tr("This image could not be read (damaged, or a format Qt does not know)."));
        return;
    }
    m_image->setPixmap(QPixmap::fromImage(image));
    m_preview->setCurrentWidget(m_image);
    emit previewShown();
}

void UploadPreviewPane::showText(const QString &text, bool truncated)
{
    m_text->setPlainText(truncated ? text + tr("\n\n… (the first %1 only)").arg(formatBytes(MaxTextBytes)) : text);
    m_preview->setCurrentWidget(m_text);
    emit previewShown();
}

QString UploadPreviewPane::previewKind() const
{
    if (m_preview->currentWidget() == m_image)
        return QStringLiteral("image");
    if (m_preview->currentWidget() == m_text)
        return QStringLiteral("text");
    return QStringLiteral("message");
}

QString UploadPreviewPane::previewText() const
{
    return m_preview->currentWidget() == m_text ? m_text->toPlainText() : m_previewMessage->text();
}

QSize UploadPreviewPane::previewImageSize() const
{
    return m_image->pixmap().size();
}

} // namespace edge::ui
