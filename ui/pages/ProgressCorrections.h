#pragma once

#include "application/Services.h"
#include "connection/ConsoleAccess.h"

#include <QObject>

#include <memory>

class QWidget;

namespace edge::ui {

// What an admin does to one progress record, wherever it is shown (the Progress page, a
// learner's dashboard): correct it in a ProgressDialog, or reset it (delete the row) after
// saying what is lost. Only roles allowed to write progress are offered either.
class ProgressCorrections final : public QObject
{
    Q_OBJECT

public:
    // Dialogs and questions are shown over `window`.
    explicit ProgressCorrections(QWidget *window);

    void setServices(std::shared_ptr<Services> services) { m_services = std::move(services); }
    void setAccess(const ConsoleAccess &access) { m_access = access; }
    bool isWritable() const { return m_services && m_access.progressWritable(); }
    bool isResetting() const { return m_resetting; }

    void correct(const ProgressEntry &entry);
    void reset(const ProgressEntry &entry);

signals:
    void corrected(const edge::ProgressEntry &entry);
    void wasReset(const edge::ProgressEntry &entry);
    void statusMessage(const QString &text);
    void busyChanged();

private:
    void runReset(const ProgressEntry &entry);

    QWidget *m_window;
    std::shared_ptr<Services> m_services;
    ConsoleAccess m_access;
    bool m_resetting = false;
};

} // namespace edge::ui
