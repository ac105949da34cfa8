#include "LessonDetailPane.h"

#include "async/RunTask.h"
#include "common/ErrorText.h"
#include "common/LessonFormatting.h"
#include "common/UserFormatting.h"
#include "domain/Text.h"
#include "editor/HtmlPreview.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace edge::ui {

LessonDetailPane::LessonDetailPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("lessonDetailPane"));
    m_delay.setSingleShot(true);
    m_delay.setInterval(ContentDelayMs);
    connect(&m_delay, &QTimer::timeout, this, &LessonDetailPane::loadContent);

    m_message = new QLabel(tr("Select a lesson to see it here."));
    m_message->setObjectName(QStringLiteral("lessonDetailMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("lessonDetailTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_facts = new QLabel;
    m_facts->setObjectName(QStringLiteral("lessonDetailFacts"));
    m_facts->setWordWrap(true);
    m_preview = new HtmlPreview;
    m_preview->setObjectName(QStringLiteral("lessonDetailPreview"));

    auto *details = new QWidget;
    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_preview, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_message);
    m_stack->addWidget(details);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
}

void LessonDetailPane::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
    showLesson(std::nullopt);
}

void LessonDetailPane::showSelectionCount(int count)
{
    ++m_request;
    m_lesson.reset();
    m_message->setText(tr("%1 lessons selected. Publish, unpublish or delete them all from the toolbar.").arg(count));
    m_stack->setCurrentIndex(0);
}

void LessonDetailPane::showLesson(const std::optional<Lesson> &lesson)
{
    const bool sameVersion = lesson && m_lesson && lesson->id == m_lesson->id && lesson->version == m_lesson->version;
    m_lesson = lesson;
    if (!lesson) {
        ++m_request;
        m_message->setText(tr("Select a lesson to see it here."));
        m_stack->setCurrentIndex(0);
        return;
    }
    m_title->setText(withInvisiblesShown(lesson->title));
    m_facts->setText(tr("Track %1 · difficulty %2 · %3 · version %4\nCreated %5 · updated %6")
                         .arg(withInvisiblesShown(lesson->track))
                         .arg(lesson->difficulty)
                         .arg(statusDisplayName(lesson->status).toLower())
                         .arg(lesson->version)
                         .arg(formatTimestamp(lesson->createdAt), formatTimestamp(lesson->updatedAt)));
    m_stack->setCurrentIndex(1);
    if (sameVersion)
        return; // the preview already shows this version
    ++m_request;
    m_preview->clear();
    m_preview->setPlaceholderText(lesson->hasContent ? tr("Loading the preview…") : tr("This lesson has no content yet."));
    if (lesson->hasContent)
        m_delay.start();
}

void LessonDetailPane::loadContent()
{
    if (!m_services || !m_lesson)
        return;
    const quint64 request = ++m_request;
    runTask(
        m_services->lessonQueries.content(m_lesson->id, m_lesson->version), this,
        [this, request](LessonContent content) {
            if (request == m_request)
                m_preview->showHtml(QString::fromUtf8(content.html));
        },
        [this, request](const std::exception &error) {
            if (request == m_request)
                m_preview->setPlaceholderText(tr("Could not load the preview: %1").arg(errorMessage(error)));
        });
}

} // namespace edge::ui
