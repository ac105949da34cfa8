// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { Query } from '../query.js'
import { ValidationError } from '../../../shared/errors.js'

const EVENT_TYPES = /** @type {const} */ (['user.created', 'user.updated', 'user.deleted', 'lesson.created', 'lesson.updated',
  'lesson.deleted', 'lesson.content_updated', 'progress.upserted', 'progress.deleted', 'upload.created', 'upload.deleted',
  'auth.login', 'auth.logout', 'auth.sessions_revoked'])
const SUBJECT_TYPES = /** @type {const} */ (['user', 'lesson', 'progress', 'upload'])

/** @returns {import('../../../router.js').Route[]} */
export function eventRoutes() {
  return [{
    method: 'GET', path: '/api/v1/events', allow: ['events:read', 'events:own'],
    async handle({ url, principal, c }) {
      const q = new Query(url.searchParams, ['type', 'actorId', 'subjectType', 'subjectId', 'from', 'to', 'page', 'pageSize', 'withTotal'])
      const filter = {
        type: q.oneOf('type', EVENT_TYPES), actorId: q.id('actorId'), subjectType: q.oneOf('subjectType', SUBJECT_TYPES),
        subjectId: q.text('subjectId', 600), from: q.timestamp('from'), to: q.timestamp('to'),
      }
      if (filter.from && filter.to && filter.from > filter.to) throw ValidationError.field('to', 'must not be before from')
      const { items, pagination } = await c.queries.listEvents.execute(principal, filter, { ...q.paging(), withTotal: q.bool('withTotal') ?? true })
      return ApiResponse.success(items, 200, { pagination })
    },
  }]
}
