#pragma once

#include "application/ports/ProgressRepository.h"
#include "domain/Errors.h"

namespace edge::test {

// SKELETON (work in progress): an in-memory ProgressRepository for tests of what sits above
// the port. Every call throws until it is filled in.
class FakeProgressRepository final : public ProgressRepository
{
public:
    QCoro::Task<std::optional<ProgressEntry>> find(QString, QString) override { fail(); co_return std::nullopt; }
    QCoro::Task<ProgressPage> list(ProgressListQuery) override { fail(); co_return {}; }
    QCoro::Task<qint64> count(ProgressListQuery) override { fail(); co_return 0; }
    QCoro::Task<QList<LessonProgressStats>> lessonStats(QString) override { fail(); co_return {}; }
    QCoro::Task<QList<TrackProgressStats>> trackStats() override { fail(); co_return {}; }
    QCoro::Task<QList<CompletionsPeriod>> completions(CompletionsQuery) override { fail(); co_return {}; }
    QCoro::Task<ProgressEntry> upsert(ProgressWrite) override { fail(); co_return {}; }
    QCoro::Task<ProgressEntry> remove(QString, QString, ProgressEvent) override { fail(); co_return {}; }
    QCoro::Task<ProgressBatchOutcome> importRows(QList<ProgressImportRow>, bool, ProgressEvent, ImportProgress) override
    {
        fail();
        co_return {};
    }

private:
    [[noreturn]] static void fail() { throw StoreError(QStringLiteral("FakeProgressRepository is not built yet")); }
};

} // namespace edge::test
