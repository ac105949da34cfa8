#pragma once

#include "application/ports/LessonRepository.h"

#include <memory>

namespace edge::remote {

class LessonContentMemo;
class WorkerClient;

// LessonRepository over the Worker's /lessons endpoints (openapi.yaml). The Worker validates,
// checks roles and versions, and records the audit events itself; this class maps JSON and
// errors so that callers cannot tell it from the embedded store:
// - 404 on a single lesson: findById gives nullopt, the rest throw NotFoundError;
// - 409 stale version (PATCH, PUT content): ConflictError whose current() holds the Worker's
//   Lesson, no field errors, the same message as the embedded store's;
// - update() sends only the handler's changed fields with the version they were based on,
//   remove() reads the deleted lesson from the DELETE answer: nothing is read first;
// - putContent() sends the HTML as text/html with If-Match: "<expectedVersion>";
// - content() remembers the last HTML per lesson (LessonContentMemo) and, when the caller
//   knows that version, asks with If-None-Match: a 304 carries no body. The version of a 200
//   is its ETag. A lesson without content is a 404 for its content on the Worker ("Lesson
//   content not found"): whether the lesson exists decides between empty HTML at the
//   lesson's version and NotFoundError.
// Everything is a coroutine on the calling thread; nothing blocks. Writes are retried only
// when WorkerClient finds them idempotent (PUT, DELETE), never POST or PATCH.
class HttpLessonRepository final : public LessonRepository
{
public:
    // The memo's bounds: a handful of lessons being edited, at most a few at the 2 MiB limit.
    static constexpr qsizetype MaxRememberedContents = 16;
    static constexpr qsizetype MaxRememberedBytes = 16 * 1024 * 1024;

    explicit HttpLessonRepository(std::shared_ptr<WorkerClient> client);
    ~HttpLessonRepository() override;

    QCoro::Task<std::optional<Lesson>> findById(QString id) override;
    QCoro::Task<LessonPage> list(LessonListQuery query) override;
    QCoro::Task<qint64> count(LessonListQuery query) override;
    QCoro::Task<qint64> progressCount(QString id) override;
    // The Worker makes its own id and timestamps: the result is what it stored.
    QCoro::Task<Lesson> insert(Lesson lesson, DomainEvent event) override;
    QCoro::Task<Lesson> update(LessonWrite write) override;
    QCoro::Task<Lesson> remove(QString id, LessonEvent describe) override;
    QCoro::Task<LessonContent> content(QString id, int knownVersion) override;
    QCoro::Task<Lesson> putContent(QString id, QByteArray html, int expectedVersion,
                                   LessonEvent describe) override;

    // What content() would send If-None-Match for (tests).
    std::optional<LessonContent> rememberedContent(const QString &id) const;

private:
    std::shared_ptr<WorkerClient> m_client;
    // Shared with running coroutines, which may outlive this repository.
    std::shared_ptr<LessonContentMemo> m_memo;
};

} // namespace edge::remote
