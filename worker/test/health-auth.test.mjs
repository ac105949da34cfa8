import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { api, expectError, login, ADMIN, randomIp, userWithRole, workerFetch } from './helpers/client.mjs'

const secret = readFileSync(process.env.DEV_VARS, 'utf8').match(/^JWT_SECRET=(.*)$/m)[1]
const b64u = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url')
function forge(claims, { alg = 'HS256', key = secret, sign = true } = {}) {
  const head = `${b64u({ alg, typ: 'JWT' })}.${b64u(claims)}`
  return `${head}.${sign ? createHmac('sha256', key).update(head).digest('base64url') : ''}`
}
const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url'))

test('health answers without auth', async () => {
  const r = await api('GET', '/api/v1/health')
  assert.equal(r.status, 200)
  assert.deepEqual(r.body, { success: true, data: { status: 'ok', database: 'ok' } })
})

test('login returns a token, its expiry and the user (no password hash)', async () => {
  const r = await api('POST', '/api/v1/auth/login', { json: { email: `  ${ADMIN.email.toUpperCase()} `, password: ADMIN.password }, headers: { 'CF-Connecting-IP': randomIp() } })
  assert.equal(r.status, 200)
  const { token, expiresAt, user } = r.body.data
  assert.equal(user.email, ADMIN.email)
  assert.equal(user.role, 'admin')
  assert.ok(!('passwordHash' in user) && !('password_hash' in user))
  const c = claimsOf(token)
  assert.deepEqual(Object.keys(c).sort(), ['email', 'exp', 'iat', 'role', 'sid', 'sub'])
  assert.equal(c.sub, user.id)
  assert.equal(c.exp - c.iat, 3600)
  assert.equal(new Date(c.exp * 1000).toISOString(), expiresAt)
  const me = await api('GET', '/api/v1/auth/me', { token })
  assert.deepEqual(me.body.data, user)
})

test('wrong password, unknown email and bad login bodies are refused', async () => {
  const h = { 'CF-Connecting-IP': randomIp() }
  expectError(await api('POST', '/api/v1/auth/login', { json: { email: ADMIN.email, password: 'wrong password' }, headers: h }), 401, 'unauthorized')
  expectError(await api('POST', '/api/v1/auth/login', { json: { email: 'nobody@example.test', password: 'whatever1' }, headers: h }), 401, 'unauthorized')
  const missing = expectError(await api('POST', '/api/v1/auth/login', { json: { email: ADMIN.email }, headers: h }), 400, 'validation')
  assert.ok(missing.details.password)
  expectError(await api('POST', '/api/v1/auth/login', { json: { email: 5, password: 'x' }, headers: h }), 400, 'validation')
  expectError(await api('POST', '/api/v1/auth/login', { json: '{"email":', headers: h }), 400, 'validation')
  const extra = expectError(await api('POST', '/api/v1/auth/login', { json: { email: ADMIN.email, password: 'x', remember: true }, headers: h }), 400, 'validation')
  assert.ok(extra.details.remember)
})

test('requests without a valid token get 401', async () => {
  const { token, user } = await login(ADMIN.email, ADMIN.password)
  const c = claimsOf(token)
  const now = Math.floor(Date.now() / 1000)
  const bad = {
    none: undefined,
    garbage: 'not-a-jwt',
    tampered: (() => { const [h, , s] = token.split('.'); return `${h}.${b64u({ ...c, role: 'admin', sub: user.id, exp: c.exp + 999 })}.${s}` })(),
    expired: forge({ ...c, iat: now - 7200, exp: now - 3600 }),
    algNone: forge({ ...c }, { alg: 'none', sign: false }),
    algNoneSigned: forge({ ...c }, { alg: 'none' }),
    wrongSecret: forge({ ...c }, { key: 'another secret that is long enough to be plausible' }),
    unknownSession: forge({ ...c, sid: '00000000-0000-4000-8000-000000000000' }),
    otherUsersSession: forge({ ...c, sub: '00000000-0000-4000-8000-000000000001' }),
  }
  for (const [name, t] of Object.entries(bad)) {
    const r = await api('GET', '/api/v1/auth/me', { token: t })
    assert.equal(r.status, 401, `${name}: ${JSON.stringify(r.body)}`)
    expectError(r, 401, 'unauthorized')
  }
  expectError(await api('GET', '/api/v1/users', { headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' } }), 401, 'unauthorized')
  // The forged-but-correct token is accepted: the checks above fail for the right reason.
  assert.equal((await api('GET', '/api/v1/auth/me', { token: forge({ ...c }) })).status, 200)
})

test('logout revokes the session: the same token then gets 401, others still work', async () => {
  const a = await login(ADMIN.email, ADMIN.password)
  const b = await login(ADMIN.email, ADMIN.password)
  assert.equal((await api('POST', '/api/v1/auth/logout', { token: a.token })).status, 204)
  expectError(await api('GET', '/api/v1/auth/me', { token: a.token }), 401, 'unauthorized')
  expectError(await api('POST', '/api/v1/auth/logout', { token: a.token }), 401, 'unauthorized')
  assert.equal((await api('GET', '/api/v1/auth/me', { token: b.token })).status, 200)
})

test('a deleted user\'s token stops working; a demoted user loses rights at once', async () => {
  const admin = (await login(ADMIN.email, ADMIN.password)).token
  const s = await userWithRole('support')
  assert.equal((await api('GET', '/api/v1/users', { token: s.token })).status, 200)
  const demoted = await api('PATCH', `/api/v1/users/${s.user.id}`, { token: admin, json: { version: 1, role: 'learner' } })
  assert.equal(demoted.status, 200)
  expectError(await api('GET', '/api/v1/users', { token: s.token }), 403, 'forbidden')
  const gone = await api('DELETE', `/api/v1/users/${s.user.id}`, { token: admin })
  assert.equal(gone.status, 200)
  assert.equal(gone.body.data.role, 'learner')
  expectError(await api('GET', '/api/v1/auth/me', { token: s.token }), 401, 'unauthorized')
})

test('too many login attempts from one client: 429 with Retry-After', async () => {
  const ip = randomIp()
  let limited
  for (let i = 0; i < 30 && !limited; i++) {
    const r = await api('POST', '/api/v1/auth/login', { json: { email: ADMIN.email, password: 'wrong password' }, headers: { 'CF-Connecting-IP': ip } })
    if (r.status === 429) limited = { r, i }
    else assert.equal(r.status, 401)
  }
  assert.ok(limited, 'no 429 within 30 attempts')
  assert.equal(limited.i, 20, 'the 21st attempt is the first refused (limit 20)')
  expectError(limited.r, 429, 'rate_limited')
  const after = Number(limited.r.headers.get('retry-after'))
  assert.ok(after >= 1 && after <= 300, `Retry-After ${after}`)
  // Even the right password is refused while limited; another client is not affected.
  const r = await api('POST', '/api/v1/auth/login', { json: { email: ADMIN.email, password: ADMIN.password }, headers: { 'CF-Connecting-IP': ip } })
  expectError(r, 429, 'rate_limited')
  await login(ADMIN.email, ADMIN.password)
})

test('CORS preflight and headers', async () => {
  const r = await workerFetch(`${process.env.WORKER_URL}/api/v1/users`, { method: 'OPTIONS', headers: { Origin: 'https://example.test', 'Access-Control-Request-Method': 'PATCH' } })
  assert.equal(r.status, 204)
  assert.match(r.headers.get('access-control-allow-methods'), /PATCH/)
  assert.match(r.headers.get('access-control-allow-headers'), /Authorization/)
  const h = await api('GET', '/api/v1/health')
  assert.equal(h.headers.get('access-control-allow-origin'), '*')
})
