#include "HttpLessonRepository.h"

#include "ApiJson.h"
#include "LessonContentMemo.h"
#include "WorkerClient.h"
#include "application/lessons/LessonHandlers.h"
#include "domain/Errors.h"

#include <QJsonArray>

namespace edge::remote {

namespace {

// Rounds of content() when the lesson's content changes between its requests.
constexpr int MaxContentRounds = 3;

QString lessonPath(const QString &id)
{
    return QStringLiteral("/lessons/") + id;
}

QString contentPath(const QString &id)
{
    return lessonPath(id) + QStringLiteral("/content");
}

QByteArray quotedVersion(int version)
{
    return '"' + QByteArray::number(version) + '"';
}

// The Worker's ETag is the lesson version, quoted ("3"); a weak form (W/"3") means the same.
std::optional<int> versionOfEtag(QByteArray etag)
{
    etag = etag.trimmed();
    if (etag.startsWith("W/"))
        etag = etag.mid(2);
    if (etag.size() < 3 || !etag.startsWith('"') || !etag.endsWith('"'))
        return std::nullopt;
    bool ok = false;
    const int version = etag.mid(1, etag.size() - 2).toInt(&ok);
    return ok && version >= 1 ? std::optional<int>(version) : std::nullopt;
}

QString orderToString(SortOrder order)
{
    return order == SortOrder::Ascending ? QStringLiteral("asc") : QStringLiteral("desc");
}

// Text goes percent-encoded ('+' and '&' included), as HttpUserRepository sends its search:
// QUrlQuery leaves '+' alone, which the Worker would read as a space.
void addText(QUrlQuery &parameters, const char *name, const QString &value)
{
    parameters.addQueryItem(QLatin1String(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

QUrlQuery listParameters(const LessonListQuery &query)
{
    QUrlQuery parameters;
    addText(parameters, "page", QString::number(query.page));
    addText(parameters, "pageSize", QString::number(query.pageSize));
    if (!query.search.trimmed().isEmpty()) // the Worker trims too: blank is no filter
        addText(parameters, "q", query.search);
    if (!query.track.isEmpty())
        addText(parameters, "track", query.track);
    if (query.status)
        addText(parameters, "status", lessonStatusToString(*query.status));
    if (query.difficulty != 0)
        addText(parameters, "difficulty", QString::number(query.difficulty));
    addText(parameters, "sort", sortFieldToString(query.sort));
    addText(parameters, "order", orderToString(query.order));
    // D1 bills rows read: without withTotal the Worker skips the count of every match.
    if (!query.withTotal)
        addText(parameters, "withTotal", QStringLiteral("false"));
    return parameters;
}

// The PATCH body: the version the change is based on and the fields the handler found
// changed, so the Worker's event names exactly those.
QJsonObject patchBody(const LessonWrite &write)
{
    QJsonObject body{{QStringLiteral("version"), write.expectedVersion}};
    const QStringList &changed = write.changedFields;
    if (changed.contains(QStringLiteral("title")))
        body.insert(QStringLiteral("title"), write.lesson.title);
    if (changed.contains(QStringLiteral("track")))
        body.insert(QStringLiteral("track"), write.lesson.track);
    if (changed.contains(QStringLiteral("difficulty")))
        body.insert(QStringLiteral("difficulty"), write.lesson.difficulty);
    if (changed.contains(QStringLiteral("status")))
        body.insert(QStringLiteral("status"), lessonStatusToString(write.lesson.status));
    return body;
}

// The Worker's 409 as the embedded store throws it: a stale version is the handlers'
// staleLessonConflict (same message, no field errors) carrying the Worker's Lesson.
[[noreturn]] void rethrowWithLesson(const ConflictError &conflict, int baseVersion)
{
    const QVariant current = conflict.current();
    QMap<QString, QString> fields = conflict.fieldErrors();
    const bool stale = fields.remove(QStringLiteral("version")) > 0;
    if (!current.canConvert<QJsonObject>() || current.toJsonObject().isEmpty())
        throw ConflictError(conflict.message(), fields);
    const Lesson lesson = lessonFromJson(current.toJsonObject());
    if (stale && fields.isEmpty())
        throw staleLessonConflict(lesson, baseVersion);
    throw ConflictError(conflict.message(), fields, QVariant::fromValue(lesson));
}

QCoro::Task<std::optional<Lesson>> findLesson(std::shared_ptr<WorkerClient> client, QString id)
{
    ApiResult result;
    try {
        result = co_await client->send(ApiRequest::get(lessonPath(id)));
    } catch (const NotFoundError &) {
        co_return std::nullopt;
    }
    co_return lessonFromJson(result.data.toObject());
}

} // namespace

HttpLessonRepository::HttpLessonRepository(std::shared_ptr<WorkerClient> client)
    : m_client(std::move(client))
    , m_memo(std::make_shared<LessonContentMemo>(MaxRememberedContents, MaxRememberedBytes))
{
}

HttpLessonRepository::~HttpLessonRepository() = default;

std::optional<LessonContent> HttpLessonRepository::rememberedContent(const QString &id) const
{
    return m_memo->get(id);
}

QCoro::Task<std::optional<Lesson>> HttpLessonRepository::findById(QString id)
{
    co_return co_await findLesson(m_client, std::move(id));
}

QCoro::Task<LessonPage> HttpLessonRepository::list(LessonListQuery query)
{
    const ApiResult result =
        co_await m_client->send(ApiRequest::get(QStringLiteral("/lessons"), listParameters(query)));

    LessonPage page;
    for (const QJsonValue &item : result.data.toArray())
        page.items.append(lessonFromJson(item.toObject()));
    // A total of -1 (null in the answer) when asked without withTotal.
    if (result.pagination) {
        page.page = result.pagination->page;
        page.pageSize = result.pagination->pageSize;
        page.total = result.pagination->total;
        page.totalPages = result.pagination->totalPages;
    } else {
        page.page = query.page;
        page.pageSize = query.pageSize;
        page.total = page.items.size();
        page.totalPages = page.items.isEmpty() ? 0 : 1;
    }
    co_return page;
}

QCoro::Task<qint64> HttpLessonRepository::count(LessonListQuery query)
{
    query.page = 1;
    query.pageSize = 1;
    query.withTotal = true; // the count is the point
    const LessonPage page = co_await list(std::move(query));
    co_return page.total;
}

QCoro::Task<qint64> HttpLessonRepository::progressCount(QString id)
{
    QUrlQuery parameters;
    addText(parameters, "lessonId", id);
    addText(parameters, "pageSize", QStringLiteral("1"));
    const ApiResult result = co_await m_client->send(ApiRequest::get(QStringLiteral("/progress"), parameters));
    co_return result.pagination ? result.pagination->total : qint64(result.data.toArray().size());
}

QCoro::Task<Lesson> HttpLessonRepository::insert(Lesson lesson, DomainEvent)
{
    const QJsonObject body{{QStringLiteral("title"), lesson.title},
                           {QStringLiteral("track"), lesson.track},
                           {QStringLiteral("difficulty"), lesson.difficulty},
                           {QStringLiteral("status"), lessonStatusToString(lesson.status)}};
    const ApiResult result = co_await m_client->send(ApiRequest::post(QStringLiteral("/lessons"), body));
    co_return lessonFromJson(result.data.toObject());
}

QCoro::Task<Lesson> HttpLessonRepository::update(LessonWrite write)
{
    const std::shared_ptr<LessonContentMemo> memo = m_memo;
    const QString id = write.lesson.id;
    const int expected = write.expectedVersion;
    ApiResult result;
    try {
        result = co_await m_client->send(ApiRequest::patch(lessonPath(id), patchBody(write)));
    } catch (const ConflictError &conflict) {
        rethrowWithLesson(conflict, expected);
    }
    const Lesson stored = lessonFromJson(result.data.toObject());
    // Only the metadata changed, and only from `expected` on: the HTML remembered for that
    // version is the new version's, so the next content() can still be a 304.
    memo->advance(id, expected, stored.version);
    co_return stored;
}

QCoro::Task<Lesson> HttpLessonRepository::remove(QString id, LessonEvent)
{
    const std::shared_ptr<LessonContentMemo> memo = m_memo;
    // The Worker answers with the lesson it deleted (and records its own event).
    const ApiResult result = co_await m_client->send(ApiRequest::remove(lessonPath(id)));
    memo->remove(id);
    co_return lessonFromJson(result.data.toObject());
}

QCoro::Task<LessonContent> HttpLessonRepository::content(QString id, int knownVersion)
{
    // Locals only after the first co_await: the repository may be gone by then.
    const std::shared_ptr<WorkerClient> client = m_client;
    const std::shared_ptr<LessonContentMemo> memo = m_memo;

    for (int round = 1;; ++round) {
        std::optional<LessonContent> remembered = memo->get(id);
        if (remembered && (knownVersion < 1 || remembered->version != knownVersion))
            remembered.reset();
        ApiRequest request = ApiRequest::get(contentPath(id));
        request.expect = ResponseFormat::Raw;
        if (remembered)
            request.setHeader("If-None-Match", quotedVersion(remembered->version));

        ApiResult result;
        std::exception_ptr notFound;
        try {
            result = co_await client->send(request);
        } catch (const NotFoundError &) {
            notFound = std::current_exception();
        }

        if (!notFound) {
            const std::optional<int> version = versionOfEtag(result.header("etag"));
            if (result.status == 304) {
                if (remembered && (!version || *version == remembered->version))
                    co_return *remembered;
                memo->remove(id); // a 304 for another version: ask again without a condition
            } else {
                if (!version)
                    throw DomainError(ErrorKind::Internal,
                                      QStringLiteral("The server sent the content of lesson %1 without a "
                                                     "valid ETag (got \"%2\")")
                                          .arg(id, QString::fromLatin1(result.header("etag").left(40))));
                LessonContent fetched{result.body, *version};
                memo->put(id, fetched);
                co_return fetched;
            }
        } else {
            // The Worker answers 404 both for a missing (or hidden) lesson and for a lesson
            // without content ("Lesson content not found"); only the lesson itself tells
            // which, and gives the version that empty content belongs to.
            memo->remove(id);
            const std::optional<Lesson> lesson = co_await findLesson(client, id);
            if (!lesson)
                std::rethrow_exception(notFound);
            if (!lesson->hasContent)
                co_return LessonContent{QByteArray(), lesson->version};
            // Content arrived between the two requests: read it again.
        }
        if (round >= MaxContentRounds)
            throw DomainError(ErrorKind::Unavailable,
                              QStringLiteral("The content of lesson %1 kept changing while it was read; "
                                             "try again")
                                  .arg(id));
    }
}

QCoro::Task<Lesson> HttpLessonRepository::putContent(QString id, QByteArray html, int expectedVersion,
                                                     LessonEvent)
{
    const std::shared_ptr<LessonContentMemo> memo = m_memo;
    ApiRequest request;
    request.method = HttpMethod::Put;
    request.path = contentPath(id);
    request.body = html;
    request.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    // With If-Match a repeated PUT cannot store anything twice: WorkerClient may retry it.
    request.setHeader("If-Match", quotedVersion(expectedVersion));
    ApiResult result;
    try {
        result = co_await m_client->send(request);
    } catch (const ConflictError &conflict) {
        rethrowWithLesson(conflict, expectedVersion);
    }
    const Lesson stored = lessonFromJson(result.data.toObject());
    memo->put(id, LessonContent{std::move(html), stored.version});
    co_return stored;
}

} // namespace edge::remote
