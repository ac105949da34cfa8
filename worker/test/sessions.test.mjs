// Issue 11, "Sessions": token refresh without the password for as long as the session lives,
// and an admin's view of a user's sessions with the power to end them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { api, expectError, adminToken, login, userWithRole } from './helpers/client.mjs'

const secret = readFileSync(process.env.DEV_VARS, 'utf8').match(/^JWT_SECRET=(.*)$/m)[1]
const b64u = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url'))
/** The same token with other times, signed with the Worker's secret (as the Worker would). */
function retimed(token, { iat, exp }) {
  const head = `${b64u({ alg: 'HS256', typ: 'JWT' })}.${b64u({ ...claimsOf(token), iat, exp })}`
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`
}
const GRACE = 900 // wrangler.toml TOKEN_REFRESH_GRACE_SECONDS

test('refresh: a new token for the same session, without the password; the role is read anew', async () => {
  const s = await userWithRole('support')
  const r = await api('POST', '/api/v1/auth/refresh', { token: s.token })
  assert.equal(r.status, 200)
  const { token, expiresAt, user } = r.body.data
  assert.ok(claimsOf(token).exp >= claimsOf(s.token).exp)
  assert.equal(claimsOf(token).sid, claimsOf(s.token).sid, 'same session')
  assert.equal(user.id, s.user.id)
  assert.ok(Date.parse(expiresAt) > Date.now() + 3000 * 1000, 'about an hour')
  assert.equal((await api('GET', '/api/v1/auth/me', { token })).body.data.id, s.user.id)
  // A demotion shows in the refreshed answer.
  const admin = await adminToken()
  assert.equal((await api('PATCH', `/api/v1/users/${s.user.id}`, { token: admin, json: { version: 1, role: 'learner' } })).status, 200)
  const again = await api('POST', '/api/v1/auth/refresh', { token })
  assert.equal(again.body.data.user.role, 'learner')
  assert.equal(claimsOf(again.body.data.token).role, 'learner')
})

test('refresh: a recently expired token works, one expired too long ago or forged does not', async () => {
  const s = await userWithRole('editor')
  const now = Math.floor(Date.now() / 1000)
  const recent = retimed(s.token, { iat: now - 3700, exp: now - 100 })
  expectError(await api('GET', '/api/v1/auth/me', { token: recent }), 401, 'unauthorized') // expired for everything else
  assert.equal((await api('POST', '/api/v1/auth/refresh', { token: recent })).status, 200)
  const stale = retimed(s.token, { iat: now - 3600 - GRACE - 100, exp: now - GRACE - 100 })
  expectError(await api('POST', '/api/v1/auth/refresh', { token: stale }), 401, 'unauthorized')
  const [h, p] = s.token.split('.')
  expectError(await api('POST', '/api/v1/auth/refresh', { token: `${h}.${p}.${'A'.repeat(43)}` }), 401, 'unauthorized')
  expectError(await api('POST', '/api/v1/auth/refresh'), 401, 'unauthorized')
  expectError(await api('POST', '/api/v1/auth/refresh', { headers: { Authorization: 'Basic abc' } }), 401, 'unauthorized')
})

test('refresh stops at once when the session is revoked: logout, admin ending sessions, user deleted', async () => {
  const a = await userWithRole('learner')
  assert.equal((await api('POST', '/api/v1/auth/logout', { token: a.token })).status, 204)
  expectError(await api('POST', '/api/v1/auth/refresh', { token: a.token }), 401, 'unauthorized')

  const admin = await adminToken()
  const b = await userWithRole('support')
  const b2 = await login(b.user.email, b.password)
  const refreshed = (await api('POST', '/api/v1/auth/refresh', { token: b.token })).body.data.token
  const ended = await api('DELETE', `/api/v1/users/${b.user.id}/sessions`, { token: admin })
  assert.equal(ended.status, 200)
  assert.deepEqual(ended.body.data, { revoked: 2 })
  for (const t of [b.token, b2.token, refreshed]) {
    expectError(await api('GET', '/api/v1/auth/me', { token: t }), 401, 'unauthorized')
    expectError(await api('POST', '/api/v1/auth/refresh', { token: t }), 401, 'unauthorized')
  }
  // Signing in again works (ending sessions is not a lockout).
  assert.equal((await api('GET', '/api/v1/auth/me', { token: (await login(b.user.email, b.password)).token })).status, 200)

  const c = await userWithRole('learner')
  assert.equal((await api('DELETE', `/api/v1/users/${c.user.id}`, { token: admin })).status, 200)
  expectError(await api('POST', '/api/v1/auth/refresh', { token: c.token }), 401, 'unauthorized')
})

test('sessions of a user: admins list the live ones (no secrets) and end them all; audited', async () => {
  const admin = await adminToken()
  const u = await userWithRole('editor')
  const second = await login(u.user.email, u.password)
  const third = await login(u.user.email, u.password)
  assert.equal((await api('POST', '/api/v1/auth/logout', { token: third.token })).status, 204)
  const listed = await api('GET', `/api/v1/users/${u.user.id}/sessions`, { token: admin })
  assert.equal(listed.status, 200)
  const ids = listed.body.data.map((s) => s.id).sort()
  assert.deepEqual(ids, [claimsOf(u.token).sid, claimsOf(second.token).sid].sort(), 'live sessions only')
  for (const s of listed.body.data) {
    assert.deepEqual(Object.keys(s).sort(), ['createdAt', 'current', 'expiresAt', 'id'])
    assert.equal(s.current, false)
    assert.ok(Date.parse(s.expiresAt) > Date.now() + 6 * 86400 * 1000)
  }
  assert.ok(!JSON.stringify(listed.body).includes(u.token.split('.')[2]), 'no token material')
  // The admin's own list marks the session making the request.
  const me = (await api('GET', '/api/v1/auth/me', { token: admin })).body.data
  const mine = (await api('GET', `/api/v1/users/${me.id}/sessions`, { token: admin })).body.data
  assert.equal(mine.filter((s) => s.current).length, 1)
  assert.equal(mine.find((s) => s.current).id, claimsOf(admin).sid)

  // Only admins; unknown users are 404; bad ids 400.
  for (const role of ['editor', 'support', 'learner']) {
    const t = role === 'editor' ? u.token : (await userWithRole(role)).token
    expectError(await api('GET', `/api/v1/users/${u.user.id}/sessions`, { token: t }), 403, 'forbidden')
    expectError(await api('DELETE', `/api/v1/users/${u.user.id}/sessions`, { token: t }), 403, 'forbidden')
  }
  expectError(await api('GET', `/api/v1/users/${u.user.id}/sessions`), 401, 'unauthorized')
  expectError(await api('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000/sessions', { token: admin }), 404, 'not_found')
  expectError(await api('DELETE', '/api/v1/users/00000000-0000-4000-8000-000000000000/sessions', { token: admin }), 404, 'not_found')
  expectError(await api('GET', '/api/v1/users/nope/sessions', { token: admin }), 400, 'validation')

  const ended = await api('DELETE', `/api/v1/users/${u.user.id}/sessions`, { token: admin })
  assert.deepEqual(ended.body.data, { revoked: 2 })
  assert.deepEqual((await api('GET', `/api/v1/users/${u.user.id}/sessions`, { token: admin })).body.data, [])
  expectError(await api('GET', '/api/v1/auth/me', { token: second.token }), 401, 'unauthorized')
  const events = (await api('GET', `/api/v1/events?subjectId=${u.user.id}&type=auth.sessions_revoked`, { token: admin })).body.data
  assert.equal(events.length, 1)
  assert.equal(events[0].actorId, me.id)
  assert.equal(events[0].payload.count, 2)
})
