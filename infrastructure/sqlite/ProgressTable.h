#pragma once

#include "application/ports/ProgressRepository.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

namespace edge {

// The progress table, its per-lesson totals and daily completions (kept by migration 0005's
// triggers), synchronously, on one connection: what SqliteProgressRepository runs on its
// SQLite thread. Writes open their own BEGIN IMMEDIATE transaction and record their events
// in it.
class ProgressTable
{
public:
    // Sorts without an index refuse to sort more rows than this, as the Worker
    // (PROGRESS_MAX_SORTED_ROWS); a completion-time range of at most this many rows is read
    // through idx_progress_completions.
    static constexpr qint64 MaxSortedRows = 250000;
    // An import reports its progress (and may be stopped) every this many rows.
    static constexpr qint64 ImportProgressStep = 2000;

    explicit ProgressTable(QSqlDatabase &database) : m_database(database) {}

    std::optional<ProgressEntry> find(const QString &userId, const QString &lessonId);
    ProgressPage list(const ProgressListQuery &query);
    qint64 count(const ProgressListQuery &query);
    QList<LessonProgressStats> lessonStats(const QString &track);
    QList<TrackProgressStats> trackStats();
    QList<CompletionsPeriod> completions(const CompletionsQuery &query);

    ProgressEntry upsert(const ProgressWrite &write);
    ProgressEntry remove(const QString &userId, const QString &lessonId, const ProgressEvent &describe);
    ProgressBatchOutcome importRows(const QList<ProgressImportRow> &rows, bool checkOnly, const ProgressEvent &describe,
                                    const ImportProgress &progress);

private:
    // The stored row without names (for writes, which need only its values and version).
    std::optional<ProgressEntry> findBare(const QString &userId, const QString &lessonId);
    bool exists(const QString &table, const QString &id);
    void write(const ProgressEntry &entry, int expectedVersion);

    // Prepared once per ProgressTable (one job), bound again for each row: an import of a
    // million rows prepares them once.
    QSqlQuery &statement(std::optional<QSqlQuery> &slot, const QString &sql);

    QSqlDatabase &m_database;
    std::optional<QSqlQuery> m_selectBare;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_update;
    std::optional<QSqlQuery> m_userExists;
    std::optional<QSqlQuery> m_lessonExists;
};

} // namespace edge
