// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { readJsonObject } from '../request.js'

/**
 * The client key for rate limiting. Cloudflare sets CF-Connecting-IP at its edge (clients
 * cannot forge it there); `wrangler dev` passes the header through, which the tests use.
 * @param {Request} request
 */
function clientKey(request) {
  return request.headers.get('CF-Connecting-IP') ?? 'unknown'
}

/** @returns {import('../../../router.js').Route[]} */
export function authRoutes() {
  return [
    {
      method: 'POST', path: '/api/v1/auth/login', public: true,
      async handle({ request, c }) {
        const body = await readJsonObject(request, ['email', 'password'])
        return ApiResponse.success(await c.auth.login({ email: body.email, password: body.password }, clientKey(request)))
      },
    },
    {
      // Public: the handler checks the token itself, allowing one that expired a moment ago.
      method: 'POST', path: '/api/v1/auth/refresh', public: true,
      async handle({ request, c }) {
        return ApiResponse.success(await c.auth.refresh(request.headers.get('Authorization')))
      },
    },
    {
      method: 'POST', path: '/api/v1/auth/logout',
      async handle({ principal, c }) {
        await c.auth.logout(principal)
        return ApiResponse.noContent()
      },
    },
    {
      method: 'GET', path: '/api/v1/auth/me',
      async handle({ principal, c }) {
        return ApiResponse.success((await c.queries.me.execute(principal)).toJSON())
      },
    },
  ]
}
