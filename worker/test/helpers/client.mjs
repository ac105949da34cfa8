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
 * Parses a response body the API sent as JSON. A body that is not JSON (e.g. a plain-text error
 * page of the local runtime) fails with its status, Content-Type and first 300 characters,
 * not a bare SyntaxError.
 * @param {string} method @param {string} path @param {number} status
 * @param {string|undefined|null} type the Content-Type @param {string} text
 */
export function parseJsonBody(method, path, status, type, text) {
  try {
    return JSON.parse(text)
  } catch (error) {
    assert.fail(`${method} ${path}: ${status} (${type || 'no Content-Type'}) with a body that is not JSON ` +
      `(${/** @type {Error} */ (error).message}): ${JSON.stringify(text.slice(0, 300))}${text.length > 300 ? '...' : ''}`)
  }
}

/**
 * wrangler dev's local proxy (its ProxyWorker, in front of the workerd running this Worker)
 * forwards each request over a pooled HTTP/1.1 keep-alive connection. Both ends drop an idle
 * connection after 5 s (kj's defaults), so a request sent on a connection idle for about 5 s
 * can meet the other end's close: the proxy's fetch fails with "Network connection lost" before
 * the Worker sees the request. The proxy then answers a non-GET with this 503 text (it is not a
 * restart), and parks a GET or HEAD for a retry after the next reload, which never comes: the
 * request hangs. Neither is the Worker's answer and a deployed Worker has no such proxy, so
 * workerFetch() sends such a request again (the Worker never saw it); the Worker's own answers,
 * 503 included, are always its JSON envelope and are returned as they are.
 */
export const PROXY_LOST_CONNECTION = 'Your worker restarted mid-request'
/** A parked GET/HEAD is retried after this long without response headers. */
const GET_HEADERS_TIMEOUT_MS = 20_000
/** Any other request fails with a clear message after this long (CI must not stall). */
const HEADERS_TIMEOUT_MS = 120_000
const ATTEMPTS = 3

/**
 * fetch() to the Worker under `wrangler dev`, with the retries described above, a timeout until
 * the response headers arrive, and failures that name the request and their cause.
 * @param {string} url
 * @param {RequestInit & {body?: any, duplex?: string}} init a stream body is sent once, without retries
 * @returns {Promise<Response>}
 */
export async function workerFetch(url, init = {}) {
  const method = init.method ?? 'GET'
  const idempotentRead = method === 'GET' || method === 'HEAD'
  const what = `${method} ${new URL(url).pathname}${new URL(url).search}`
  // A stream body is sent once (duplex 'half'): it cannot be sent again.
  const streamed = !!init.body && typeof init.body.getReader === 'function'
  const attempts = streamed ? 1 : ATTEMPTS
  if (streamed) init = { ...init, duplex: 'half' }
  for (let attempt = 1; ; attempt++) {
    const ac = new AbortController()
    const limit = idempotentRead ? GET_HEADERS_TIMEOUT_MS : HEADERS_TIMEOUT_MS
    const timer = setTimeout(() => ac.abort(), limit)
    let res
    try {
      res = await fetch(url, { ...init, signal: ac.signal })
    } catch (error) {
      const err = /** @type {any} */ (error)
      if (ac.signal.aborted) {
        if (idempotentRead && attempt < attempts) {
          console.log(`${what}: no response in ${limit} ms (wrangler's proxy parks a GET whose connection was lost); sending it again`)
          continue
        }
        throw new Error(`${what}: no response headers within ${limit} ms (attempt ${attempt})`, { cause: error })
      }
      // fetch's own message is only "fetch failed": say which request, and why (its cause).
      const cause = err.cause
      throw new Error(`${what}: ${err.message}${cause ? ` (${cause.code ?? cause.name}: ${cause.message})` : ''}`, { cause: error })
    } finally {
      clearTimeout(timer)
    }
    if (res.status === 503 && (res.headers.get('content-type') ?? '').startsWith('text/plain')) {
      const text = await res.text()
      if (text.startsWith(PROXY_LOST_CONNECTION) && attempt < attempts) {
        console.log(`${what}: wrangler's proxy lost its connection to the Worker before the Worker saw the request (503 "${PROXY_LOST_CONNECTION}..."); sending it again`)
        continue
      }
      return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers })
    }
    return res
  }
}

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
  const res = await workerFetch(BASE + path, { method, headers, body })
  const type = res.headers.get('content-type') ?? ''
  let data
  if (o.raw && res.ok) {
    data = Buffer.from(await res.arrayBuffer())
  } else {
    const text = await res.text()
    data = type.startsWith('application/json') ? parseJsonBody(method, path, res.status, type, text) : text
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
