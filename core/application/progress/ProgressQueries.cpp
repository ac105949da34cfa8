#include "ProgressQueries.h"

#include "domain/Errors.h"
#include "domain/Lesson.h"
#include "domain/UserId.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace edge {

QString sortFieldToString(ProgressSortField field)
{
    switch (field) {
    case ProgressSortField::UpdatedAt:
        return QStringLiteral("updatedAt");
    case ProgressSortField::Score:
        return QStringLiteral("score");
    case ProgressSortField::CompletedAt:
        return QStringLiteral("completedAt");
    case ProgressSortField::Email:
        return QStringLiteral("email");
    case ProgressSortField::Title:
        return QStringLiteral("title");
    }
    return QStringLiteral("updatedAt");
}

QString bucketToString(CompletionBucket bucket)
{
    switch (bucket) {
    case CompletionBucket::Day:
        return QStringLiteral("day");
    case CompletionBucket::Week:
        return QStringLiteral("week");
    case CompletionBucket::Month:
        return QStringLiteral("month");
    }
    return QStringLiteral("day");
}

namespace {

// As the Worker's query parameters: C0 controls and DEL.
bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

void checkScore(const std::optional<int> &score, const QString &field)
{
    if (score && (*score < ProgressEntry::MinScore || *score > ProgressEntry::MaxScore))
        throw ValidationError::field(field, QStringLiteral("must be an integer from %1 to %2")
                                                .arg(ProgressEntry::MinScore)
                                                .arg(ProgressEntry::MaxScore));
}

void checkId(const QString &id, const QString &field, const QString &record)
{
    if (!id.isEmpty())
        if (const QString why = UserId::problem(id, record); !why.isEmpty())
            throw ValidationError::field(field, why);
}

void checkTrack(const QString &track)
{
    if (!track.isEmpty())
        if (const QString why = Lesson::trackProblem(track); !why.isEmpty())
            throw ValidationError::field(QStringLiteral("track"), why);
}

void checkTime(const QDateTime &time, const QString &field)
{
    // A null time means "open"; one that is set but invalid came from bad input.
    if (!time.isNull() && !time.isValid())
        throw ValidationError::field(field, QStringLiteral("must be an ISO-8601 timestamp such as 2026-01-31T12:00:00.000Z"));
}

} // namespace

void ProgressListQuery::validate() const
{
    if (pageSize < 1 || pageSize > MaxPageSize)
        throw ValidationError::field(QStringLiteral("pageSize"),
                                     QStringLiteral("must be an integer from 1 to %1").arg(MaxPageSize));
    if (cursor.isEmpty() && page < 1)
        throw ValidationError::field(QStringLiteral("page"), QStringLiteral("must be 1 or more"));
    // The Worker's parameter for the search is q.
    if (search.size() > MaxSearchLength)
        throw ValidationError::field(QStringLiteral("q"),
                                     QStringLiteral("must be at most %1 characters").arg(MaxSearchLength));
    if (hasControlCharacter(search))
        throw ValidationError::field(QStringLiteral("q"), QStringLiteral("must not contain control characters"));
    checkId(userId, QStringLiteral("userId"), QStringLiteral("user"));
    checkId(lessonId, QStringLiteral("lessonId"), QStringLiteral("lesson"));
    checkTrack(track);
    checkScore(minScore, QStringLiteral("minScore"));
    checkScore(maxScore, QStringLiteral("maxScore"));
    if (minScore && maxScore && *minScore > *maxScore)
        throw ValidationError::field(QStringLiteral("maxScore"), QStringLiteral("must not be below minScore"));
    checkTime(completedFrom, QStringLiteral("completedFrom"));
    checkTime(completedTo, QStringLiteral("completedTo"));
    if (completedFrom.isValid() && completedTo.isValid() && completedFrom > completedTo)
        throw ValidationError::field(QStringLiteral("completedTo"), QStringLiteral("must not be before completedFrom"));
}

bool ProgressListQuery::sameFilters(const ProgressListQuery &other) const
{
    return search == other.search && userId == other.userId && lessonId == other.lessonId && track == other.track
           && completed == other.completed && minScore == other.minScore && maxScore == other.maxScore
           && completedFrom == other.completedFrom && completedTo == other.completedTo && sort == other.sort
           && order == other.order;
}

void CompletionsQuery::validate() const
{
    checkId(lessonId, QStringLiteral("lessonId"), QStringLiteral("lesson"));
    checkTrack(track);
    checkTime(from, QStringLiteral("from"));
    checkTime(to, QStringLiteral("to"));
    if (from.isValid() && to.isValid() && from > to)
        throw ValidationError::field(QStringLiteral("to"), QStringLiteral("must not be before from"));
}

QMap<QString, QString> progressImportReferenceProblems(const QList<ProgressImportRow> &rows,
                                                       const std::function<bool(const QString &)> &userExists,
                                                       const std::function<bool(const QString &)> &lessonExists)
{
    QMap<QString, QString> problems;
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const ProgressImportRow &row = rows.at(i);
        const QString at = QStringLiteral("rows[%1]").arg(i);
        const auto first = seen.constFind(row.userId + QLatin1Char(':') + row.lessonId);
        if (first != seen.cend()) {
            problems.insert(at, QStringLiteral("repeats rows[%1] (the same userId and lessonId)").arg(*first));
            continue;
        }
        seen.insert(row.userId + QLatin1Char(':') + row.lessonId, i);
        if (!userExists(row.userId))
            problems.insert(at + QStringLiteral(".userId"), QStringLiteral("is not the id of a user"));
        if (!lessonExists(row.lessonId))
            problems.insert(at + QStringLiteral(".lessonId"), QStringLiteral("is not the id of a lesson"));
    }
    return problems;
}

void refuseImportProblems(const QMap<QString, QString> &problems, qsizetype rowCount)
{
    if (problems.isEmpty())
        return;
    // Problems are keyed "rows[i]" or "rows[i].field": count the rows, not the fields.
    QSet<QString> badRows;
    for (auto it = problems.cbegin(); it != problems.cend(); ++it)
        badRows.insert(it.key().section(QLatin1Char('.'), 0, 0));
    const qsizetype bad = badRows.size();
    throw ValidationError(QStringLiteral("%1 of %2 rows %3; nothing was written")
                              .arg(bad)
                              .arg(rowCount)
                              .arg(bad == 1 ? QStringLiteral("has a problem") : QStringLiteral("have problems")),
                          problems);
}

} // namespace edge
