#pragma once

#include "application/Services.h"

#include <QObject>

#include <atomic>
#include <memory>

class QProgressDialog;
class QWidget;

namespace edge {
struct ProgressCsvContent;
}

namespace edge::ui {

// Progress to and from CSV files for the Progress page. Export writes the rows of the view as
// it is filtered and sorted, streamed page by page, with a progress bar and Cancel (a
// cancelled or failed export leaves no file behind). Import reads and checks the whole file
// off the UI thread first, lists the problems by line and field, and writes nothing while any
// is left unless the user chooses to import only the valid rows; it asks before writing,
// shows its progress, and Cancel writes nothing.
class ProgressTransfer final : public QObject
{
    Q_OBJECT

public:
    explicit ProgressTransfer(QWidget *page);

    void setServices(std::shared_ptr<Services> services) { m_services = std::move(services); }
    bool isBusy() const { return m_busy; }

    void exportView(const ProgressListQuery &query);
    void importFile();

signals:
    void statusMessage(const QString &text);
    void busyChanged(bool busy);

private:
    // Rows done and rows in all, from any thread; the dialog shows them from the UI thread.
    struct Counter
    {
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{0};
        std::atomic_bool cancelled{false};
    };

    void runExport(const ProgressListQuery &query, const QString &path);
    void readFile(const QString &path);
    void askToImport(const std::shared_ptr<ProgressCsvContent> &content);
    void runImport(const std::shared_ptr<ProgressCsvContent> &content, bool validOnly);
    // A window-modal progress dialog following `counter`; Cancel sets counter->cancelled.
    QProgressDialog *showProgress(const QString &text, const QString &objectName, const std::shared_ptr<Counter> &counter);
    void setBusy(bool busy);

    QWidget *m_page;
    std::shared_ptr<Services> m_services;
    bool m_busy = false;
};

} // namespace edge::ui
