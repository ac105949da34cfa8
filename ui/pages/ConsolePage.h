#pragma once

#include "application/Services.h"
#include "connection/ConsoleAccess.h"

#include <QByteArray>
#include <QWidget>

#include <memory>

namespace edge::ui {

// One entry of the main window's navigation. MainWindow keeps its pages in one list and
// treats them alike: it shows a page only to roles it is for, gives it the open store (or
// none, with the reason to show instead), tells it about sign-in changes, and saves and
// restores its layout between runs.
class ConsolePage : public QWidget
{
    Q_OBJECT

public:
    // `title`: the navigation entry; `key`: names the page in settings and object names.
    ConsolePage(QString title, QString key, QWidget *parent = nullptr);

    const QString &title() const { return m_title; }
    const QString &key() const { return m_key; }

    // Whether this role sees the page at all.
    virtual bool isAvailableTo(const ConsoleAccess &access) const = 0;
    // The open store; nullptr shows `noStoreMessage` instead ("Opening…", "No store is open").
    virtual void setServices(std::shared_ptr<Services> services, const QString &noStoreMessage);
    // What the signed-in role may do here (after isAvailableTo said it may see the page).
    virtual void setAccess(const ConsoleAccess &access);
    // After a new sign-in: work refused for an expired sign-in may be retried.
    virtual void retryInterruptedWork() {}
    // Work that closing the window would interrupt, in words for the question asked then
    // ("2 transfers are not finished"); empty when there is none.
    virtual QString unfinishedWork() const { return {}; }

    virtual QByteArray saveState() const { return {}; }
    virtual void restoreState(const QByteArray &) {}

signals:
    void statusMessage(const QString &text);

private:
    QString m_title;
    QString m_key;
};

} // namespace edge::ui
