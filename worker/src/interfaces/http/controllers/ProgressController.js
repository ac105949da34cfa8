// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { readJsonObject, ifMatchVersion } from '../request.js'
import { Query } from '../query.js'
import { Id } from '../../../domain/value-objects/Id.js'
import { parseTrack } from '../../../domain/value-objects/LessonFields.js'
import { ValidationError } from '../../../shared/errors.js'
import { toBase64Url, fromBase64Url, decodeUtf8 } from '../../../shared/encoding.js'

/** @typedef {import('../../../infrastructure/repositories/D1ProgressRepository.js').ProgressSort} ProgressSort */
/** @typedef {import('../../../infrastructure/repositories/D1ProgressRepository.js').ProgressPosition} ProgressPosition */

const SORTS = /** @type {const} */ (['updatedAt', 'score', 'completedAt', 'email', 'title'])
const ORDERS = /** @type {const} */ (['asc', 'desc'])
const BUCKETS = /** @type {const} */ (['day', 'week', 'month'])
/** The users search's longest term (GET /users `search`), for `q`. */
const MAX_SEARCH_LENGTH = 254
/** A batch of 1000 rows is about 150 KB of JSON; pretty-printed, about twice that. */
export const MAX_BATCH_BYTES = 512 * 1024

/**
 * Opaque list cursor: the sort and order it belongs to and the last row's position in them
 * (sort value, userId, lessonId), as base64url JSON.
 */
const Cursor = {
  /** @param {{sort: ProgressSort, order: 'asc'|'desc', at: ProgressPosition}} c */
  encode: (c) => toBase64Url(new TextEncoder().encode(JSON.stringify([c.sort, c.order, c.at.value, c.at.userId, c.at.lessonId]))),
  /**
   * @param {string} raw
   * @returns {{sort: ProgressSort, order: 'asc'|'desc', at: ProgressPosition}}
   */
  decode(raw) {
    const bytes = raw.length <= 2048 ? fromBase64Url(raw) : null
    const text = bytes && decodeUtf8(bytes)
    try {
      const v = text && JSON.parse(text)
      if (Array.isArray(v) && v.length === 5 && SORTS.includes(v[0]) && ORDERS.includes(v[1]) && validValue(v[0], v[2])) {
        return { sort: v[0], order: v[1], at: { value: v[2], userId: Id.parse(v[3]).value, lessonId: Id.parse(v[4]).value } }
      }
    } catch { /* reported below */ }
    throw ValidationError.field('cursor', 'is not a cursor returned by this API')
  },
}

/** @param {ProgressSort} sort @param {unknown} value */
function validValue(sort, value) {
  if (sort === 'score') return Number.isInteger(value) && /** @type {number} */ (value) >= 0 && /** @type {number} */ (value) <= 100
  return typeof value === 'string' && value.length <= 1024
}

/** @param {Query} q @param {string} name */
const trackOf = (q, name) => {
  const v = q.raw(name)
  return v === undefined ? undefined : parseTrack(v, name)
}

/**
 * `If-None-Match: *` on a PUT: create the row only if there is none (409 with `current`
 * otherwise). Absent: false. Any other value is 400: rows have no ETags to compare.
 * @param {string|null} header
 */
function ifNoneMatchAny(header) {
  if (header === null) return false
  if (header.trim() !== '*') throw ValidationError.field('If-None-Match', 'must be * (create only if the row does not exist)')
  return true
}

/**
 * Whether a Prefer header asks for the resource in the answer (`return=representation`,
 * among other preferences, in any case).
 * @param {string|null} header
 */
function wantsRepresentation(header) {
  return header !== null && header.split(',').some((p) => p.trim().toLowerCase().replace(/\s+/g, '') === 'return=representation')
}

/** @returns {import('../../../router.js').Route[]} */
export function progressRoutes() {
  return [
    {
      method: 'GET', path: '/api/v1/progress', allow: ['progress:read', 'progress:own'],
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['page', 'pageSize', 'cursor', 'withTotal', 'userId', 'lessonId', 'track', 'completed',
          'q', 'minScore', 'maxScore', 'completedFrom', 'completedTo', 'sort', 'order'])
        const raw = q.raw('cursor')
        const cursor = raw === undefined ? undefined : Cursor.decode(raw)
        let sort = q.oneOf('sort', SORTS)
        let order = q.oneOf('order', ORDERS)
        if (cursor) {
          if (q.raw('page') !== undefined) throw ValidationError.field('page', 'cannot be combined with cursor (the cursor says where the page starts)')
          if ((sort ?? cursor.sort) !== cursor.sort || (order ?? cursor.order) !== cursor.order) {
            throw ValidationError.field('cursor', `belongs to sort=${cursor.sort}&order=${cursor.order}`)
          }
          sort = cursor.sort
          order = cursor.order
        }
        const { page, pageSize } = q.paging()
        const score = { min: 0, max: 100, fallback: undefined }
        const result = await c.queries.listProgress.execute(principal, {
          userId: q.id('userId'), lessonId: q.id('lessonId'), track: trackOf(q, 'track'), completed: q.bool('completed'),
          search: q.text('q', MAX_SEARCH_LENGTH), minScore: q.int('minScore', score), maxScore: q.int('maxScore', score),
          completedFrom: q.timestamp('completedFrom'), completedTo: q.timestamp('completedTo'),
          sort: sort ?? 'updatedAt', order: order ?? 'desc', pageSize, withTotal: q.bool('withTotal') ?? true,
          ...(cursor ? { after: cursor.at } : { page }),
        })
        const { total } = result
        return ApiResponse.success(result.items.map((r) => r.toJSON()), 200, {
          pagination: { page: cursor ? null : page, pageSize, total, totalPages: total === null ? null : Math.ceil(total / pageSize) },
          nextCursor: result.next ? Cursor.encode({ sort: sort ?? 'updatedAt', order: order ?? 'desc', at: result.next }) : null,
        })
      },
    },
    {
      method: 'POST', path: '/api/v1/progress/batch', allow: ['progress:write'],
      async handle({ request, url, principal, c }) {
        const q = new Query(url.searchParams, ['dryRun'])
        const dryRun = q.bool('dryRun') ?? false
        const b = await readJsonObject(request, ['rows'], MAX_BATCH_BYTES)
        return ApiResponse.success(await c.commands.batchProgress.execute(principal, b.rows, { dryRun }))
      },
    },
    {
      method: 'GET', path: '/api/v1/progress/stats/lessons', allow: ['progress:read'],
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['track'])
        return ApiResponse.success(await c.queries.progressStats.byLesson(principal, { track: trackOf(q, 'track') }))
      },
    },
    {
      method: 'GET', path: '/api/v1/progress/stats/tracks', allow: ['progress:read'],
      async handle({ url, principal, c }) {
        new Query(url.searchParams, [])
        return ApiResponse.success(await c.queries.progressStats.byTrack(principal))
      },
    },
    {
      method: 'GET', path: '/api/v1/progress/stats/completions', allow: ['progress:read'],
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['track', 'lessonId', 'from', 'to', 'bucket'])
        return ApiResponse.success(await c.queries.progressStats.completions(principal, {
          track: trackOf(q, 'track'), lessonId: q.id('lessonId'), from: q.timestamp('from'), to: q.timestamp('to'),
          bucket: q.oneOf('bucket', BUCKETS) ?? 'day',
        }))
      },
    },
    {
      method: 'PUT', path: '/api/v1/progress/:userId/:lessonId', allow: ['progress:write', 'progress:own'],
      async handle({ request, params, principal, c }) {
        const userId = Id.parse(params.userId, 'userId').value
        const lessonId = Id.parse(params.lessonId, 'lessonId').value
        const ifMatch = ifMatchVersion(request.headers.get('If-Match'), 'the progress row version')
        const onlyIfAbsent = ifNoneMatchAny(request.headers.get('If-None-Match'))
        const b = await readJsonObject(request, ['completed', 'score', 'completedAt', 'version'])
        if (ifMatch !== undefined && b.version !== undefined && b.version !== ifMatch) {
          throw ValidationError.field('version', `differs from If-Match (${ifMatch}); send one of them`)
        }
        if (onlyIfAbsent && (ifMatch !== undefined || b.version !== undefined)) {
          throw ValidationError.field('If-None-Match', 'cannot be combined with a version (a row that does not exist has none)')
        }
        const { row, created } = await c.commands.upsertProgress.execute(principal, userId, lessonId, {
          completed: b.completed, score: b.score, completedAt: b.completedAt, version: b.version !== undefined ? b.version : ifMatch,
          onlyIfAbsent,
        })
        return ApiResponse.success(row.toJSON(), created ? 201 : 200)
      },
    },
    {
      method: 'DELETE', path: '/api/v1/progress/:userId/:lessonId', allow: ['progress:write', 'progress:own'],
      async handle({ request, params, principal, c }) {
        const deleted = await c.commands.deleteProgress.execute(principal, Id.parse(params.userId, 'userId').value, Id.parse(params.lessonId, 'lessonId').value)
        // 204 as before; with `Prefer: return=representation` (RFC 7240) 200 and the deleted row.
        if (wantsRepresentation(request.headers.get('Prefer'))) return ApiResponse.success(deleted.toJSON())
        return ApiResponse.noContent()
      },
    },
  ]
}
