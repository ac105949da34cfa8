// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { readJsonObject } from '../request.js'
import { Query } from '../query.js'
import { Id } from '../../../domain/value-objects/Id.js'
import { parseTrack } from '../../../domain/value-objects/LessonFields.js'

/** @returns {import('../../../router.js').Route[]} */
export function progressRoutes() {
  return [
    {
      method: 'GET', path: '/api/v1/progress', allow: ['progress:read', 'progress:own'],
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['page', 'pageSize', 'userId', 'lessonId', 'track', 'completed'])
        const track = q.raw('track')
        const { items, pagination } = await c.queries.listProgress.execute(principal, {
          ...q.paging(), userId: q.id('userId'), lessonId: q.id('lessonId'), completed: q.bool('completed'),
          track: track === undefined ? undefined : parseTrack(track),
        })
        return ApiResponse.success(items.map((p) => p.toJSON()), 200, { pagination })
      },
    },
    {
      method: 'GET', path: '/api/v1/progress/stats/lessons', allow: ['progress:read'],
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['track'])
        const track = q.raw('track')
        return ApiResponse.success(await c.queries.progressStats.byLesson(principal, { track: track === undefined ? undefined : parseTrack(track) }))
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
      method: 'PUT', path: '/api/v1/progress/:userId/:lessonId', allow: ['progress:write', 'progress:own'],
      async handle({ request, params, principal, c }) {
        const userId = Id.parse(params.userId, 'userId').value
        const lessonId = Id.parse(params.lessonId, 'lessonId').value
        const b = await readJsonObject(request, ['completed', 'score'])
        const { progress, created } = await c.commands.upsertProgress.execute(principal, userId, lessonId, b)
        return ApiResponse.success(progress.toJSON(), created ? 201 : 200)
      },
    },
    {
      method: 'DELETE', path: '/api/v1/progress/:userId/:lessonId', allow: ['progress:write', 'progress:own'],
      async handle({ params, principal, c }) {
        await c.commands.deleteProgress.execute(principal, Id.parse(params.userId, 'userId').value, Id.parse(params.lessonId, 'lessonId').value)
        return ApiResponse.noContent()
      },
    },
  ]
}
