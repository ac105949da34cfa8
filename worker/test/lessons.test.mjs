import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, userWithRole, createLesson } from './helpers/client.mjs'

test('create, get, update, delete a lesson', async () => {
  const token = await adminToken()
  const l = await createLesson(token, { title: '  Intro to HTML  ', track: 'web basics', difficulty: 1 })
  assert.equal(l.title, 'Intro to HTML')
  assert.equal(l.status, 'draft')
  assert.equal(l.hasContent, false)
  assert.equal(l.version, 1)
  assert.deepEqual((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data, l)
  const p = await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 1, status: 'published', difficulty: 3 } })
  assert.equal(p.status, 200)
  assert.equal(p.body.data.version, 2)
  assert.equal(p.body.data.status, 'published')
  // The cached copy was invalidated by the write.
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.version, 2)
  // DELETE answers the lesson as it was (the console needs no GET before deleting).
  const deleted = await api('DELETE', `/api/v1/lessons/${l.id}`, { token })
  assert.equal(deleted.status, 200)
  assert.deepEqual(deleted.body.data, p.body.data)
  expectError(await api('GET', `/api/v1/lessons/${l.id}`, { token }), 404, 'not_found')
})

test('lesson validation', async () => {
  const token = await adminToken()
  const bad = [
    [{ title: '' }, 'title'], [{ title: 't'.repeat(201) }, 'title'], [{ track: 'web/../x' }, 'track'],
    [{ track: 't'.repeat(65) }, 'track'], [{ difficulty: 0 }, 'difficulty'], [{ difficulty: 6 }, 'difficulty'],
    [{ difficulty: 2.5 }, 'difficulty'], [{ difficulty: '3' }, 'difficulty'], [{ status: 'archived' }, 'status'],
  ]
  for (const [over, field] of bad) {
    const r = await api('POST', '/api/v1/lessons', { token, json: { title: 'ok', track: 'web', ...over } })
    assert.ok(expectError(r, 400, 'validation').details[field], JSON.stringify(over))
  }
  expectError(await api('POST', '/api/v1/lessons', { token, json: { title: 'ok' } }), 400, 'validation')
})

test('stale lesson version: 409 with current, nothing changes', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 1, title: 'Winner' } })
  const body = expectError(await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 1, title: 'Loser' } }), 409, 'conflict')
  assert.equal(body.current.title, 'Winner')
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.title, 'Winner')
})

test('list with track and status filters, sort and pagination', async () => {
  const token = await adminToken()
  const track = `track-${randomUUID().slice(0, 6)}`
  for (let d = 1; d <= 5; d++) await createLesson(token, { track, difficulty: d, status: d % 2 ? 'published' : 'draft' })
  const all = await api('GET', `/api/v1/lessons?track=${track}&sort=difficulty&order=asc`, { token })
  assert.deepEqual(all.body.data.map((l) => l.difficulty), [1, 2, 3, 4, 5])
  const pub = await api('GET', `/api/v1/lessons?track=${track}&status=published&pageSize=2`, { token })
  assert.deepEqual(pub.body.pagination, { page: 1, pageSize: 2, total: 3, totalPages: 2 })
  assert.ok(pub.body.data.every((l) => l.status === 'published'))
})

test('HTML content: put, get through the cache tiers, invalidation on write', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  expectError(await api('GET', `/api/v1/lessons/${l.id}/content`, { token }), 404, 'not_found')
  const html = '<h1>Héllo</h1><p>ünïcode ✓</p>'
  const put = await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: html, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
  assert.equal(put.status, 200)
  assert.equal(put.body.data.hasContent, true)
  assert.equal(put.body.data.version, 2)
  const first = await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  assert.equal(first.body, html)
  assert.match(first.headers.get('content-type'), /^text\/html/)
  assert.equal(first.headers.get('x-cache'), 'MISS')
  const second = await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  assert.equal(second.headers.get('x-cache'), 'HIT')
  assert.equal(second.body, html)
  // A new version invalidates the KV tier (write-through invalidation on the event bus).
  await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>v2</p>', headers: { 'Content-Type': 'text/html' } })
  const third = await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  assert.equal(third.headers.get('x-cache'), 'MISS')
  assert.equal(third.body, '<p>v2</p>')
  // Metadata updates invalidate it too.
  await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 3, title: 'Renamed' } })
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}/content`, { token })).headers.get('x-cache'), 'MISS')
  // If-Match: stale version is 409.
  const stale = await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>x</p>', headers: { 'Content-Type': 'text/html', 'If-Match': '"1"' } })
  assert.equal(expectError(stale, 409, 'conflict').current.version, 4)
  const ok = await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>y</p>', headers: { 'Content-Type': 'text/html', 'If-Match': '"4"' } })
  assert.equal(ok.body.data.version, 5)
})

test('content: wrong type, too large, not UTF-8, deleted with the lesson', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  expectError(await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>x</p>', headers: { 'Content-Type': 'application/json' } }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: 'x'.repeat(2 * 1024 * 1024 + 1), headers: { 'Content-Type': 'text/html' } }), 413, 'payload_too_large')
  expectError(await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: Buffer.from([0xff, 0xfe, 0x41]), headers: { 'Content-Type': 'text/html' } }), 400, 'validation')
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.hasContent, false)
  expectError(await api('PUT', `/api/v1/lessons/${randomUUID()}/content`, { token, body: '<p/>', headers: { 'Content-Type': 'text/html' } }), 404, 'not_found')
  await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>bye</p>', headers: { 'Content-Type': 'text/html' } })
  await api('DELETE', `/api/v1/lessons/${l.id}`, { token })
  expectError(await api('GET', `/api/v1/lessons/${l.id}/content`, { token }), 404, 'not_found')
})

test('learners see published lessons only; drafts are 404 for them', async () => {
  const token = await adminToken()
  const learner = await userWithRole('learner')
  const track = `lt-${randomUUID().slice(0, 6)}`
  const draft = await createLesson(token, { track })
  const pub = await createLesson(token, { track, status: 'published' })
  await api('PUT', `/api/v1/lessons/${draft.id}/content`, { token, body: '<p>secret</p>', headers: { 'Content-Type': 'text/html' } })
  await api('PUT', `/api/v1/lessons/${pub.id}/content`, { token, body: '<p>public</p>', headers: { 'Content-Type': 'text/html' } })
  const list = await api('GET', `/api/v1/lessons?track=${track}`, { token: learner.token })
  assert.deepEqual(list.body.data.map((l) => l.id), [pub.id])
  assert.equal((await api('GET', `/api/v1/lessons?track=${track}&status=draft`, { token: learner.token })).body.data.length, 0)
  expectError(await api('GET', `/api/v1/lessons/${draft.id}`, { token: learner.token }), 404, 'not_found')
  expectError(await api('GET', `/api/v1/lessons/${draft.id}/content`, { token: learner.token }), 404, 'not_found')
  assert.equal((await api('GET', `/api/v1/lessons/${pub.id}/content`, { token: learner.token })).body, '<p>public</p>')
  // Unpublishing hides it again at once (cache invalidated).
  await api('PATCH', `/api/v1/lessons/${pub.id}`, { token, json: { version: 2, status: 'draft' } })
  expectError(await api('GET', `/api/v1/lessons/${pub.id}/content`, { token: learner.token }), 404, 'not_found')
})
