#pragma once

#include "application/Services.h"
#include "dialogs/EditDialog.h"

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace edge::ui {

// An admin corrects one learner's progress on one lesson (after a support request, say):
// completed or not, the score, and the completion time (empty: automatic, now when it
// becomes completed). Fields are checked with the domain's rules as they are typed; the save
// carries the version the dialog loaded, and if someone changed the record first both
// versions are shown side by side (reload theirs, or overwrite deliberately).
class ProgressDialog final : public EditDialog
{
    Q_OBJECT

public:
    ProgressDialog(std::shared_ptr<Services> services, const ProgressEntry &entry, QWidget *parent);

    const ProgressEntry &entry() const { return m_entry; }

signals:
    void saved(const edge::ProgressEntry &entry);

protected:
    QMap<QString, QString> localProblems() const override;
    void submit() override;
    QString forbiddenAction() const override;
    bool handleConflict(const ConflictError &conflict) override;

private:
    void loadEntry(const ProgressEntry &entry);
    void onCompletedToggled(bool completed);
    ProgressChange change() const;
    void overwriteWithMine(const ProgressEntry &theirs);

    std::shared_ptr<Services> m_services;
    ProgressEntry m_entry; // as loaded; its version is what the correction is based on
    bool m_recreate = false; // the row was reset meanwhile: saving records it again
    QLabel *m_learner = nullptr;
    QLabel *m_lesson = nullptr;
    QCheckBox *m_completed = nullptr;
    QLineEdit *m_score = nullptr;
    QLineEdit *m_completedAt = nullptr;
};

} // namespace edge::ui
