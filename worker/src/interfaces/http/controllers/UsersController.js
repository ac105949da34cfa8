// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { readJsonObject } from '../request.js'
import { Query } from '../query.js'
import { Id } from '../../../domain/value-objects/Id.js'

const SORTS = /** @type {const} */ (['createdAt', 'email', 'username', 'role'])
const ORDERS = /** @type {const} */ (['asc', 'desc'])

/** @returns {import('../../../router.js').Route[]} */
export function userRoutes() {
  return [
    {
      method: 'GET', path: '/api/v1/users', allow: ['users:read'],
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['page', 'pageSize', 'withTotal', 'search', 'sort', 'order'])
        const { items, pagination } = await c.queries.listUsers.execute(principal, {
          ...q.paging(), withTotal: q.bool('withTotal') ?? true, search: q.text('search', 254), sort: q.oneOf('sort', SORTS) ?? 'createdAt', order: q.oneOf('order', ORDERS) ?? 'desc',
        })
        return ApiResponse.success(items.map((u) => u.toJSON()), 200, { pagination })
      },
    },
    {
      method: 'POST', path: '/api/v1/users', allow: ['users:write'],
      async handle({ request, principal, c }) {
        const b = await readJsonObject(request, ['email', 'username', 'role', 'password'])
        const user = await c.commands.createUser.execute(principal, { email: b.email, username: b.username, role: b.role, password: b.password })
        return ApiResponse.success(user.toJSON(), 201)
      },
    },
    {
      method: 'GET', path: '/api/v1/users/:id', allow: ['users:read', 'users:own'],
      async handle({ params, principal, c }) {
        return ApiResponse.success((await c.queries.getUser.execute(principal, Id.parse(params.id).value)).toJSON())
      },
    },
    {
      method: 'PATCH', path: '/api/v1/users/:id', allow: ['users:write', 'users:own'],
      async handle({ request, params, principal, c }) {
        const id = Id.parse(params.id).value
        const b = await readJsonObject(request, ['version', 'email', 'username', 'role', 'password', 'currentPassword'])
        const user = await c.commands.updateUser.execute(principal, id, b)
        return ApiResponse.success(user.toJSON())
      },
    },
    {
      method: 'DELETE', path: '/api/v1/users/:id', allow: ['users:write'],
      async handle({ params, principal, c }) {
        const deleted = await c.commands.deleteUser.execute(principal, Id.parse(params.id).value)
        return ApiResponse.success(deleted.toJSON())
      },
    },
    {
      method: 'GET', path: '/api/v1/users/:id/sessions', allow: ['users:write'],
      async handle({ url, params, principal, c }) {
        new Query(url.searchParams, [])
        return ApiResponse.success(await c.queries.listUserSessions.execute(principal, Id.parse(params.id).value))
      },
    },
    {
      method: 'DELETE', path: '/api/v1/users/:id/sessions', allow: ['users:write'],
      async handle({ params, principal, c }) {
        return ApiResponse.success(await c.commands.endUserSessions.execute(principal, Id.parse(params.id).value))
      },
    },
    {
      method: 'GET', path: '/api/v1/users/:id/dashboard', allow: ['users:read', 'users:own'],
      async handle({ params, principal, c }) {
        return ApiResponse.success(await c.queries.userDashboard.execute(principal, Id.parse(params.id).value))
      },
    },
  ]
}
