#pragma once

#include "application/Services.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QWidget;

namespace edge::ui {

// Deleting files from the Uploads page: asks first (naming how many and the first few),
// deletes one after another through the upload handler, reports progress as it goes, and
// lists the files that could not be deleted with the reason for each.
class UploadDeletion final : public QObject
{
    Q_OBJECT

public:
    static constexpr int NamesInQuestion = 5;

    explicit UploadDeletion(QWidget *window);

    void setServices(std::shared_ptr<Services> services);
    bool isBusy() const { return m_busy; }
    // Asks, then deletes these keys.
    void remove(const QStringList &keys);

signals:
    void busyChanged(bool busy);
    void statusMessage(const QString &text);
    void deleted(const QString &key);
    // Every key was tried: `failed` are "key: reason" lines.
    void finished(int deletedCount, const QStringList &failed);

private:
    void run(const QStringList &keys);

    QPointer<QWidget> m_window;
    std::shared_ptr<Services> m_services;
    bool m_busy = false;
};

} // namespace edge::ui
