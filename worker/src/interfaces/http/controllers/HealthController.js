// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { Query } from '../query.js'

/** @returns {import('../../../router.js').Route[]} */
export function healthRoutes() {
  return [{
    method: 'GET', path: '/api/v1/health', public: true,
    async handle({ url, c }) {
      new Query(url.searchParams, [])
      try {
        await c.db.prepare('SELECT 1').first()
      } catch {
        return ApiResponse.error('Database unavailable', 503, 'internal', { extra: { data: { status: 'degraded', database: 'error' } } })
      }
      return ApiResponse.success({ status: 'ok', database: 'ok' })
    },
  }]
}
