#include "LessonStoreReads.h"

#include "domain/Errors.h"

namespace edge {

QCoro::Task<LessonSnapshot> readLessonSnapshot(LessonQueryHandler &queries, Lesson lesson)
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (!lesson.hasContent)
            co_return LessonSnapshot{lesson, {}};
        const LessonContent content = co_await queries.content(lesson.id, lesson.version);
        if (content.version == lesson.version)
            co_return LessonSnapshot{lesson, content.html};
        lesson = co_await queries.get(lesson.id);
    }
    throw ConflictError(QStringLiteral("\"%1\" kept changing while it was being read; try again").arg(lesson.title),
                        {}, QVariant::fromValue(lesson));
}

QCoro::Task<QList<Lesson>> lessonsOfTrack(LessonQueryHandler &queries, QString track)
{
    QList<Lesson> lessons;
    LessonListQuery query;
    query.track = track;
    query.pageSize = LessonListQuery::MaxPageSize;
    query.sort = LessonSortField::CreatedAt;
    query.order = SortOrder::Ascending;
    query.withTotal = false;
    // Offset paging: a lesson deleted by someone else meanwhile can shift a later one onto a
    // page already read, so it would be missed; one created meanwhile lands at the end.
    for (query.page = 1;; ++query.page) {
        const LessonPage page = co_await queries.list(query);
        for (const Lesson &lesson : page.items) {
            if (lesson.track == track) // exactly: a store may compare tracks more loosely
                lessons.append(lesson);
        }
        if (page.items.size() < query.pageSize)
            break;
    }
    co_return lessons;
}

} // namespace edge
