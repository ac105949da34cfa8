#pragma once

#include "application/Services.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QStackedWidget;

namespace edge::ui {

class HtmlPreview;

// The selected lesson at a glance: its metadata and a preview of its HTML, read
// asynchronously after a short pause (running down the table does not read every lesson).
class LessonDetailPane final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int ContentDelayMs = 120;

    explicit LessonDetailPane(QWidget *parent = nullptr);

    void setServices(std::shared_ptr<Services> services);
    void showLesson(const std::optional<Lesson> &lesson);
    // Several rows selected: says how many instead of one lesson.
    void showSelectionCount(int count);

private:
    void loadContent();

    std::shared_ptr<Services> m_services;
    std::optional<Lesson> m_lesson;
    quint64 m_request = 0; // answers for a lesson no longer shown are dropped
    QTimer m_delay;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    HtmlPreview *m_preview = nullptr;
};

} // namespace edge::ui
