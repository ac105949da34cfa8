// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { readJsonObject, readBodyBytes, ifMatchVersion } from '../request.js'
import { Query } from '../query.js'
import { Id } from '../../../domain/value-objects/Id.js'
import { parseTrack, parseStatus } from '../../../domain/value-objects/LessonFields.js'
import { ValidationError } from '../../../shared/errors.js'
import { decodeUtf8 } from '../../../shared/encoding.js'

export const MAX_CONTENT_BYTES = 2 * 1024 * 1024
const SORTS = /** @type {const} */ (['createdAt', 'updatedAt', 'title', 'difficulty', 'track'])
/** The longest `q`: a title's maximum length. */
const MAX_SEARCH_LENGTH = 200
const ORDERS = /** @type {const} */ (['asc', 'desc'])
const READ = /** @type {import('../../../router.js').Route['allow']} */ (['lessons:read', 'lessons:read-published'])

/** One entity tag, weak or strong (RFC 9110 8.8.3); headers hold Latin-1 at most. */
const ENTITY_TAG = String.raw`(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"`
/** A comma-separated list of entity tags (empty elements allowed, as lists may have them). */
const ENTITY_TAG_LIST = new RegExp(String.raw`^[ \t,]*(?:${ENTITY_TAG}(?:[ \t]*,[ \t,]*${ENTITY_TAG})*)?[ \t,]*$`)

/**
 * If-None-Match (RFC 9110 13.1.2): true when it is "*" or lists an entity tag that matches
 * etag by weak comparison (W/"3" matches "3"). Absent: false. Malformed: 400 naming it.
 * @param {string|null} header @param {string} etag a strong tag, e.g. "3"
 */
function noneMatchHits(header, etag) {
  if (header === null) return false
  if (header.trim() === '*') return true
  if (!ENTITY_TAG_LIST.test(header)) throw ValidationError.field('If-None-Match', 'must be * or a list of entity tags such as "3", W/"3"')
  const tags = header.match(new RegExp(ENTITY_TAG, 'g')) ?? []
  return tags.some((tag) => tag.replace(/^W\//, '') === etag)
}

/** @returns {import('../../../router.js').Route[]} */
export function lessonRoutes() {
  return [
    {
      method: 'GET', path: '/api/v1/lessons', allow: READ,
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['page', 'pageSize', 'withTotal', 'q', 'track', 'status', 'difficulty', 'sort', 'order'])
        const track = q.raw('track')
        const status = q.raw('status')
        const { items, pagination } = await c.queries.listLessons.execute(principal, {
          ...q.paging(),
          withTotal: q.bool('withTotal') ?? true,
          search: q.text('q', MAX_SEARCH_LENGTH),
          track: track === undefined ? undefined : parseTrack(track),
          status: status === undefined ? undefined : parseStatus(status),
          difficulty: q.int('difficulty', { min: 1, max: 5, fallback: undefined }),
          sort: q.oneOf('sort', SORTS) ?? 'createdAt',
          order: q.oneOf('order', ORDERS) ?? 'desc',
        })
        return ApiResponse.success(items.map((l) => l.toJSON()), 200, { pagination })
      },
    },
    {
      method: 'POST', path: '/api/v1/lessons', allow: ['lessons:write'],
      async handle({ request, principal, c }) {
        const b = await readJsonObject(request, ['title', 'track', 'difficulty', 'status'])
        const lesson = await c.commands.createLesson.execute(principal, { title: b.title, track: b.track, difficulty: b.difficulty, status: b.status })
        return ApiResponse.success(lesson.toJSON(), 201)
      },
    },
    {
      method: 'GET', path: '/api/v1/lessons/:id', allow: READ,
      async handle({ params, principal, c }) {
        return ApiResponse.success((await c.queries.getLesson.execute(principal, Id.parse(params.id).value)).toJSON())
      },
    },
    {
      method: 'PATCH', path: '/api/v1/lessons/:id', allow: ['lessons:write'],
      async handle({ request, params, principal, c }) {
        const id = Id.parse(params.id).value
        const b = await readJsonObject(request, ['version', 'title', 'track', 'difficulty', 'status'])
        return ApiResponse.success((await c.commands.updateLesson.execute(principal, id, b)).toJSON())
      },
    },
    {
      method: 'DELETE', path: '/api/v1/lessons/:id', allow: ['lessons:write'],
      async handle({ params, principal, c }) {
        const deleted = await c.commands.deleteLesson.execute(principal, Id.parse(params.id).value)
        return ApiResponse.success(deleted.toJSON())
      },
    },
    {
      method: 'GET', path: '/api/v1/lessons/:id/content', allow: READ,
      async handle({ request, params, principal, c }) {
        const { html, tier, lesson } = await c.queries.lessonContent.execute(principal, Id.parse(params.id).value)
        const etag = `"${lesson.version}"`
        const headers = { 'Cache-Control': 'no-store', ETag: etag, 'X-Cache': tier === 'kv' ? 'HIT' : 'MISS', 'X-Content-Type-Options': 'nosniff' }
        // Only after the read: a lesson the caller may not see, or without content, stays 404.
        if (noneMatchHits(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers })
        return new Response(html, {
          headers: {
            ...headers, 'Content-Type': 'text/html; charset=utf-8',
            // Lesson HTML is data for the console, never a page to run in a browser here.
            'Content-Security-Policy': "default-src 'none'; sandbox",
          },
        })
      },
    },
    {
      method: 'PUT', path: '/api/v1/lessons/:id/content', allow: ['lessons:write'],
      async handle({ request, params, principal, c }) {
        const id = Id.parse(params.id).value
        const type = request.headers.get('Content-Type') ?? ''
        if (!/^text\/html\s*(;|$)/i.test(type)) throw ValidationError.field('Content-Type', 'must be text/html')
        const expected = ifMatchVersion(request.headers.get('If-Match'), 'the lesson version')
        const bytes = await readBodyBytes(request, MAX_CONTENT_BYTES, 'Lesson content')
        const html = decodeUtf8(bytes, { keepBom: true }) // byte for byte, as the editor saved it
        if (html === null) throw ValidationError.field('body', 'must be UTF-8 text')
        const lesson = await c.commands.putLessonContent.execute(principal, id, html, expected)
        return ApiResponse.success(lesson.toJSON())
      },
    },
  ]
}

