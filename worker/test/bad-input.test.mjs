// Bad input of every kind: always a 4xx JSON envelope naming the problem, never a 500,
// and nothing stored (checked through the totals and the audit trail).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, createLesson } from './helpers/client.mjs'

async function snapshot(token) {
  const [users, lessons, events] = await Promise.all(['/api/v1/users?pageSize=1', '/api/v1/lessons?pageSize=1', '/api/v1/events?pageSize=1']
    .map((p) => api('GET', p, { token })))
  return { users: users.body.pagination.total, lessons: lessons.body.pagination.total, lastEvent: events.body.data[0]?.id }
}

test('malformed, wrong-typed, unknown and oversized bodies', async () => {
  const token = await adminToken()
  const before = await snapshot(token)
  const bodies = [
    ['{"email": "a@b.c", ', 'validation'], ['', 'validation'], ['null', 'validation'], ['[]', 'validation'], ['"str"', 'validation'],
    ['{"email": "a@b.c", "username": "ok ok", "role": "learner", "password": "password-1", "isAdmin": true}', 'validation'],
    ['{"email": ["a@b.c"], "username": "ok ok", "role": "learner", "password": "password-1"}', 'validation'],
    ['{"email": "a@b.c", "username": {"$ne": null}, "role": "learner", "password": "password-1"}', 'validation'],
    ['{"email": "a@b.c", "username": "ok ok", "role": "learner", "password": true}', 'validation'],
  ]
  for (const [json, code] of bodies) {
    const r = await api('POST', '/api/v1/users', { token, json })
    const body = expectError(r, 400, code)
    assert.ok(body.error.length > 3, json)
  }
  const unknown = expectError(await api('POST', '/api/v1/lessons', { token, json: { title: 'x', track: 'web', author: 'me' } }), 400, 'validation')
  assert.match(unknown.error, /author/)
  assert.ok(unknown.details.author)
  expectError(await api('POST', '/api/v1/users', { token, body: '{}', headers: { 'Content-Type': 'text/plain' } }), 400, 'validation')
  expectError(await api('POST', '/api/v1/users', { token, body: Buffer.from([0x7b, 0xff, 0x7d]), headers: { 'Content-Type': 'application/json' } }), 400, 'validation')
  const huge = { email: 'big@example.test', username: 'Big One', role: 'learner', password: 'p'.repeat(70 * 1024) }
  expectError(await api('POST', '/api/v1/users', { token, json: huge }), 413, 'payload_too_large')
  assert.deepEqual(await snapshot(token), before)
})

test('bad ids, bad pagination, unknown or repeated query parameters', async () => {
  const token = await adminToken()
  for (const id of ['123', 'not-a-uuid', `${randomUUID()}x`, "1' OR '1'='1", '%00', '..']) {
    const r = await api('GET', `/api/v1/users/${encodeURIComponent(id)}`, { token, noContract: id === '..' })
    assert.ok(r.status === 400 || r.status === 404, `${id}: ${r.status}`)
    assert.equal(r.body.success, false)
  }
  expectError(await api('GET', '/api/v1/users/not-a-uuid', { token }), 400, 'validation')
  expectError(await api('GET', `/api/v1/lessons/${randomUUID()}`, { token }), 404, 'not_found')
  const paging = ['page=0', 'page=-1', 'page=abc', 'page=1.5', 'pageSize=0', 'pageSize=201', 'pageSize=1e2', 'page=99999999999',
    'sort=password_hash', 'order=sideways', 'sort=createdAt;DROP TABLE users', 'pagesize=10', 'page=1&page=2', 'search=' + 'x'.repeat(300)]
  for (const q of paging) {
    const body = expectError(await api('GET', `/api/v1/users?${q}`, { token }), 400, 'validation')
    assert.ok(Object.keys(body.details ?? {}).length > 0, q)
  }
  for (const q of ['status=archived', 'track=a/b', 'difficulty=6', 'level=3', 'sort=updated_at', 'q=a%01b']) {
    expectError(await api('GET', `/api/v1/lessons?${q}`, { token }), 400, 'validation')
  }
  for (const q of ['userId=42', 'completed=yes', 'lessonId=x', 'minScore=x', 'maxScore=1e2', 'sort=score;DROP TABLE progress',
    'cursor=%E0%A4%A', 'cursor=' + 'A'.repeat(3000), 'withTotal=1', 'completedFrom=2026-02-30', 'page=1&cursor=x']) {
    expectError(await api('GET', `/api/v1/progress?${q}`, { token }), 400, 'validation')
  }
  for (const q of ['bucket=hour', 'from=x', 'lessonId=1']) expectError(await api('GET', `/api/v1/progress/stats/completions?${q}`, { token }), 400, 'validation')
  for (const q of ['type=user.hacked', 'from=yesterday', 'to=2026-13-45', 'actorId=me', 'subjectType=session', 'from=2026-02-01&to=2026-01-01']) {
    expectError(await api('GET', `/api/v1/events?${q}`, { token }), 400, 'validation')
  }
})

test('SQL-looking strings are data: lessons, searches and filters', async () => {
  const token = await adminToken()
  const title = "x'; DELETE FROM lessons; --"
  const l = await createLesson(token, { title, track: 'sql_ish' })
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.title, title)
  const before = (await api('GET', '/api/v1/lessons?pageSize=1', { token })).body.pagination.total
  const r = await api('GET', `/api/v1/events?subjectId=${encodeURIComponent("' OR 1=1 --")}`, { token })
  assert.equal(r.status, 200)
  assert.equal(r.body.data.length, 0)
  for (const s of ['%', '_', '\\', '"', "'", 'a" OR "1', 'NEAR(a b)', 'email:x', '*', 'a AND b']) {
    assert.equal((await api('GET', `/api/v1/users?search=${encodeURIComponent(s)}`, { token })).status, 200, s)
  }
  assert.equal((await api('GET', '/api/v1/lessons?pageSize=1', { token })).body.pagination.total, before)
})

test('unknown routes are 404 and wrong methods 405, as envelopes', async () => {
  const token = await adminToken()
  expectError(await api('GET', '/api/v1/nope', { token, noContract: true }), 404, 'not_found')
  expectError(await api('GET', '/', { noContract: true }), 404, 'not_found')
  const r = await api('PUT', '/api/v1/users', { token, json: {}, noContract: true })
  expectError(r, 405, 'validation')
  assert.match(r.headers.get('allow'), /GET/)
})
