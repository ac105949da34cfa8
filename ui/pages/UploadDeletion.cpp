#include "UploadDeletion.h"

#include "common/ErrorText.h"
#include "common/UserFormatting.h"
#include "dialogs/MessageBoxes.h"
#include "domain/Text.h"

#include <QWidget>

namespace edge::ui {

namespace {
struct Outcome
{
    int deleted = 0;
    QStringList failed;
};

// One after another: a store need not take many deletes at once, and the user sees the
// count move. `progress` is called on the UI thread after each key.
QCoro::Task<Outcome> removeAll(std::shared_ptr<Services> services, QStringList keys,
                               std::function<void(int done, const QString &key, bool ok)> progress)
{
    Outcome outcome;
    for (int i = 0; i < keys.size(); ++i) {
        const QString key = keys.at(i);
        bool ok = true;
        try {
            co_await services->uploadCommands.remove(key);
            ++outcome.deleted;
        } catch (const std::exception &error) {
            ok = false;
            outcome.failed.append(QStringLiteral("%1: %2").arg(withInvisiblesShown(key), errorMessage(error)));
        }
        progress(i + 1, key, ok);
    }
    co_return outcome;
}
} // namespace

UploadDeletion::UploadDeletion(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

void UploadDeletion::setServices(std::shared_ptr<Services> services)
{
    m_services = std::move(services);
}

void UploadDeletion::remove(const QStringList &keys)
{
    if (keys.isEmpty() || !m_services || m_busy)
        return;
    QStringList names;
    for (int i = 0; i < keys.size() && i < NamesInQuestion; ++i)
        names.append(QStringLiteral("  • %1").arg(withInvisiblesShown(keys.at(i))));
    if (keys.size() > NamesInQuestion)
        names.append(tr("  … and %1 more").arg(formatCount(keys.size() - NamesInQuestion)));

    MessageBoxes::Question question;
    question.title = tr("Delete files");
    question.text = keys.size() == 1 ? tr("Delete 1 file from the store?")
                                     : tr("Delete %1 files from the store?").arg(formatCount(keys.size()));
    question.informativeText = names.join(QLatin1Char('\n')) + tr("\n\nThis cannot be undone.");
    question.icon = QMessageBox::Warning;
    question.buttonTexts = {{QMessageBox::Yes, keys.size() == 1 ? tr("Delete") : tr("Delete %1").arg(keys.size())}};
    MessageBoxes::ask(m_window, question, [this, keys](QMessageBox::StandardButton answer) {
        if (answer == QMessageBox::Yes)
            run(keys);
    });
}

void UploadDeletion::run(const QStringList &keys)
{
    if (!m_services || m_busy)
        return;
    m_busy = true;
    emit busyChanged(true);
    const int total = int(keys.size());
    QPointer<UploadDeletion> self(this);
    auto progress = [self, total](int done, const QString &key, bool ok) {
        if (!self)
            return;
        if (ok)
            emit self->deleted(key);
        emit self->statusMessage(tr("Deleting files: %1 of %2").arg(done).arg(total));
    };
    removeAll(m_services, keys, progress)
        .then([self](Outcome outcome) {
            if (!self)
                return;
            self->m_busy = false;
            emit self->busyChanged(false);
            emit self->statusMessage(outcome.deleted == 1 ? tr("Deleted 1 file")
                                                          : tr("Deleted %1 files").arg(outcome.deleted));
            if (!outcome.failed.isEmpty() && self->m_window)
                MessageBoxes::showError(self->m_window, tr("Delete files"),
                                        tr("%1 of the files could not be deleted:\n\n%2")
                                            .arg(outcome.failed.size())
                                            .arg(outcome.failed.join(QLatin1Char('\n'))));
            emit self->finished(outcome.deleted, outcome.failed);
        });
}

} // namespace edge::ui
