import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, userWithRole, createLesson, uniqueEmail } from './helpers/client.mjs'

test('domain events are recorded in the audit trail with actor and payload', async () => {
  const token = await adminToken()
  const me = (await api('GET', '/api/v1/auth/me', { token })).body.data
  const start = new Date().toISOString()
  const u = (await api('POST', '/api/v1/users', { token, json: { email: uniqueEmail(), username: 'Audited', role: 'learner', password: 'password-1' } })).body.data
  await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 1, username: 'Audited Two', role: 'support' } })
  const l = await createLesson(token, { status: 'published' })
  await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>hi</p>', headers: { 'Content-Type': 'text/html' } })
  await api('PUT', `/api/v1/progress/${u.id}/${l.id}`, { token, json: { score: 3 } })
  await api('DELETE', `/api/v1/progress/${u.id}/${l.id}`, { token })
  const key = `ev/${randomUUID()}`
  await api('PUT', `/api/v1/uploads/${encodeURIComponent(key)}`, { token, body: Buffer.from('x') })
  await api('DELETE', `/api/v1/uploads/${encodeURIComponent(key)}`, { token })
  await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 2, title: 'Renamed' } })
  await api('DELETE', `/api/v1/lessons/${l.id}`, { token })
  await api('DELETE', `/api/v1/users/${u.id}`, { token })

  const r = await api('GET', `/api/v1/events?from=${start}&actorId=${me.id}&pageSize=200`, { token })
  const types = r.body.data.map((e) => e.type).reverse()
  assert.deepEqual(types, ['user.created', 'user.updated', 'lesson.created', 'lesson.content_updated', 'progress.upserted', 'progress.deleted',
    'upload.created', 'upload.deleted', 'lesson.updated', 'lesson.deleted', 'user.deleted'])
  const updated = r.body.data.find((e) => e.type === 'user.updated')
  assert.deepEqual(updated.payload, { email: u.email, username: 'Audited Two', role: 'support', changes: ['username', 'role'] })
  assert.equal(updated.actorEmail, me.email)
  assert.equal(updated.subjectType, 'user')
  assert.equal(updated.subjectId, u.id)
  const ids = r.body.data.map((e) => e.id)
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first')

  // Filters.
  const byType = await api('GET', `/api/v1/events?type=user.deleted&subjectId=${u.id}`, { token })
  assert.equal(byType.body.data.length, 1)
  assert.deepEqual(byType.body.data[0].payload, { email: u.email, username: 'Audited Two', role: 'support' })
  const lessonEvents = await api('GET', `/api/v1/events?subjectType=lesson&subjectId=${l.id}`, { token })
  assert.equal(lessonEvents.body.pagination.total, 4)
  const none = await api('GET', `/api/v1/events?to=${start}&subjectId=${u.id}`, { token })
  assert.equal(none.body.pagination.total, 0)
  const paged = await api('GET', `/api/v1/events?from=${start}&actorId=${me.id}&pageSize=4&page=3`, { token })
  assert.deepEqual(paged.body.pagination, { page: 3, pageSize: 4, total: 11, totalPages: 3 })
})

test('login and logout are audited; editors and support read only their own events', async () => {
  const ed = await userWithRole('editor')
  const sup = await userWithRole('support')
  const learner = await userWithRole('learner')
  await createLesson(ed.token)
  const own = await api('GET', '/api/v1/events', { token: ed.token })
  assert.ok(own.body.data.length >= 2)
  assert.ok(own.body.data.every((e) => e.actorId === ed.user.id))
  assert.deepEqual(own.body.data.map((e) => e.type).slice(-1), ['auth.login'])
  expectError(await api('GET', `/api/v1/events?actorId=${sup.user.id}`, { token: ed.token }), 403, 'forbidden')
  assert.equal((await api('GET', `/api/v1/events?actorId=${sup.user.id}`, { token: sup.token })).status, 200)
  expectError(await api('GET', '/api/v1/events', { token: learner.token }), 403, 'forbidden')
  await api('POST', '/api/v1/auth/logout', { token: sup.token })
  const token = await adminToken()
  const out = await api('GET', `/api/v1/events?type=auth.logout&actorId=${sup.user.id}`, { token })
  assert.equal(out.body.data.length, 1)
})
