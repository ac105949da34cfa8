// Test client for the Worker started by scripts/test.sh. Every response is checked against
// openapi.yaml, so each test is also a contract test.
import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import { checkResponse } from './openapi.mjs'

export const BASE = process.env.WORKER_URL ?? 'http://127.0.0.1:8787'
export const ADMIN = { email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD }
if (!ADMIN.email || !ADMIN.password) throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD must be set (scripts/test.sh does it)')

/** A fresh client "IP" per login: the login rate limit is per client, tests are many. */
export const randomIp = () => `10.${randomBytes(3).join('.')}`

/**
 * @param {string} method
 * @param {string} path starting with /api/v1
 * @param {{token?: string, json?: unknown, body?: any, headers?: Record<string,string>, raw?: boolean, noContract?: boolean}} [o]
 */
export async function api(method, path, o = {}) {
  const headers = { ...(o.headers ?? {}) }
  if (o.token) headers.Authorization = `Bearer ${o.token}`
  let body = o.body
  if (o.json !== undefined) {
    headers['Content-Type'] ??= 'application/json'
    body = typeof o.json === 'string' ? o.json : JSON.stringify(o.json)
  }
  const res = await fetch(BASE + path, { method, headers, body, duplex: body && typeof body.getReader === 'function' ? 'half' : undefined })
  const type = res.headers.get('content-type') ?? ''
  let data
  if (o.raw && res.ok) {
    data = Buffer.from(await res.arrayBuffer())
  } else {
    const text = await res.text()
    data = type.startsWith('application/json') ? JSON.parse(text) : text
  }
  if (!o.noContract) {
    const problem = checkResponse(method, new URL(BASE + path).pathname, res.status, type, res.status === 204 ? data || undefined : data)
    assert.equal(problem, null, problem ?? '')
  }
  return { status: res.status, body: data, headers: res.headers }
}

/** Asserts an error envelope with the given status and code; returns the body. */
export function expectError(r, status, code) {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status}: ${JSON.stringify(r.body)}`)
  assert.equal(r.body.success, false)
  assert.equal(r.body.code, code)
  assert.ok(typeof r.body.error === 'string' && r.body.error.length > 0)
  return r.body
}

export async function login(email, password, ip = randomIp()) {
  const r = await api('POST', '/api/v1/auth/login', { json: { email, password }, headers: { 'CF-Connecting-IP': ip } })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return r.body.data
}

let adminToken
export async function adminToken_() {
  adminToken ??= (await login(ADMIN.email, ADMIN.password)).token
  return adminToken
}
export { adminToken_ as adminToken }

export const uniqueEmail = (tag = 'u') => `${tag}-${randomUUID().slice(0, 8)}@example.test`

/** Creates a user with the role (as admin) and logs in: {user, token, password}. */
export async function userWithRole(role) {
  const password = `pw-${randomUUID()}`
  const r = await api('POST', '/api/v1/users', {
    token: await adminToken_(), json: { email: uniqueEmail(role), username: `${role} ${randomUUID().slice(0, 6)}`, role, password },
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const { token } = await login(r.body.data.email, password)
  return { user: r.body.data, token, password }
}

/** One user per role, admin included (the seeded one). */
export async function allRoles() {
  const [editor, support, learner] = await Promise.all(['editor', 'support', 'learner'].map(userWithRole))
  const me = await api('GET', '/api/v1/auth/me', { token: await adminToken_() })
  return { admin: { user: me.body.data, token: await adminToken_() }, editor, support, learner }
}

export async function createLesson(token, fields = {}) {
  const r = await api('POST', '/api/v1/lessons', { token, json: { title: `Lesson ${randomUUID().slice(0, 6)}`, track: 'web', difficulty: 2, ...fields } })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return r.body.data
}
