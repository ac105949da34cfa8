import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, userWithRole, createLesson } from './helpers/client.mjs'

test('upsert: create (201), update (200), completedAt rules, delete', async () => {
  const token = await adminToken()
  const { user } = await userWithRole('learner')
  const l = await createLesson(token, { status: 'published' })
  const path = `/api/v1/progress/${user.id}/${l.id}`
  const c = await api('PUT', path, { token, json: { score: 40 } })
  assert.equal(c.status, 201)
  assert.deepEqual({ ...c.body.data, updatedAt: 'x' }, {
    userId: user.id, lessonId: l.id, completed: false, score: 40, completedAt: null, updatedAt: 'x', version: 1,
    userEmail: user.email, username: user.username, lessonTitle: l.title, track: l.track,
  })
  const done = await api('PUT', path, { token, json: { completed: true } })
  assert.equal(done.status, 200)
  assert.equal(done.body.data.score, 40, 'omitted fields keep their value')
  assert.equal(done.body.data.version, 2, 'every write is version + 1')
  assert.ok(done.body.data.completedAt)
  const again = await api('PUT', path, { token, json: { completed: true, score: 90 } })
  assert.equal(again.body.data.completedAt, done.body.data.completedAt, 'first completion time is kept')
  const undone = await api('PUT', path, { token, json: { completed: false } })
  assert.equal(undone.body.data.completedAt, null)
  assert.equal((await api('DELETE', path, { token })).status, 204)
  expectError(await api('DELETE', path, { token }), 404, 'not_found')
})

test('upsert validation and missing references', async () => {
  const token = await adminToken()
  const { user } = await userWithRole('learner')
  const l = await createLesson(token)
  const path = `/api/v1/progress/${user.id}/${l.id}`
  for (const json of [{ score: 101 }, { score: -1 }, { score: 5.5 }, { score: '50' }, { completed: 'yes' }, { completed: 1 }]) {
    expectError(await api('PUT', path, { token, json }), 400, 'validation')
  }
  expectError(await api('PUT', path, { token, json: { score: 5, note: 'x' } }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/progress/${randomUUID()}/${l.id}`, { token, json: { score: 1 } }), 404, 'not_found')
  expectError(await api('PUT', `/api/v1/progress/${user.id}/${randomUUID()}`, { token, json: { score: 1 } }), 404, 'not_found')
  expectError(await api('PUT', `/api/v1/progress/not-a-uuid/${l.id}`, { token, json: { score: 1 } }), 400, 'validation')
  assert.equal((await api('GET', `/api/v1/progress?userId=${user.id}`, { token })).body.pagination.total, 0)
})

test('list filters: user, lesson, track, completed', async () => {
  const token = await adminToken()
  const a = await userWithRole('learner')
  const b = await userWithRole('learner')
  const track = `pt-${randomUUID().slice(0, 6)}`
  const l1 = await createLesson(token, { track, status: 'published' })
  const l2 = await createLesson(token, { track, status: 'published' })
  const other = await createLesson(token, { status: 'published' })
  await api('PUT', `/api/v1/progress/${a.user.id}/${l1.id}`, { token, json: { completed: true, score: 100 } })
  await api('PUT', `/api/v1/progress/${a.user.id}/${l2.id}`, { token, json: { score: 50 } })
  await api('PUT', `/api/v1/progress/${b.user.id}/${l1.id}`, { token, json: { completed: true, score: 80 } })
  await api('PUT', `/api/v1/progress/${b.user.id}/${other.id}`, { token, json: { score: 10 } })
  const byTrack = await api('GET', `/api/v1/progress?track=${track}`, { token })
  assert.equal(byTrack.body.pagination.total, 3)
  assert.equal((await api('GET', `/api/v1/progress?track=${track}&completed=true`, { token })).body.pagination.total, 2)
  assert.equal((await api('GET', `/api/v1/progress?userId=${a.user.id}&completed=false`, { token })).body.data[0].lessonId, l2.id)
  assert.equal((await api('GET', `/api/v1/progress?lessonId=${l1.id}`, { token })).body.pagination.total, 2)
  const page = await api('GET', `/api/v1/progress?track=${track}&pageSize=2&page=2`, { token })
  assert.deepEqual(page.body.pagination, { page: 2, pageSize: 2, total: 3, totalPages: 2 })

  // Stats per lesson and per track.
  const stats = (await api('GET', `/api/v1/progress/stats/lessons?track=${track}`, { token })).body.data
  const s1 = stats.find((s) => s.lessonId === l1.id)
  assert.deepEqual({ ...s1, title: undefined }, { lessonId: l1.id, title: undefined, track, status: 'published', learners: 2, completed: 2, completionRate: 1, averageScore: 90 })
  const s2 = stats.find((s) => s.lessonId === l2.id)
  assert.deepEqual([s2.learners, s2.completed, s2.completionRate, s2.averageScore], [1, 0, 0, 50])
  const tracks = (await api('GET', '/api/v1/progress/stats/tracks', { token })).body.data
  const t = tracks.find((x) => x.track === track)
  assert.deepEqual(t, { track, lessons: 2, learners: 3, completed: 2, completionRate: 0.6667, averageScore: 76.67 })
})

test('learners read and write only their own progress, on published lessons', async () => {
  const token = await adminToken()
  const me = await userWithRole('learner')
  const other = await userWithRole('learner')
  const pub = await createLesson(token, { status: 'published' })
  const draft = await createLesson(token)
  assert.equal((await api('PUT', `/api/v1/progress/${me.user.id}/${pub.id}`, { token: me.token, json: { score: 70 } })).status, 201)
  expectError(await api('PUT', `/api/v1/progress/${other.user.id}/${pub.id}`, { token: me.token, json: { score: 70 } }), 403, 'forbidden')
  expectError(await api('PUT', `/api/v1/progress/${me.user.id}/${draft.id}`, { token: me.token, json: { score: 70 } }), 404, 'not_found')
  await api('PUT', `/api/v1/progress/${other.user.id}/${pub.id}`, { token, json: { score: 1 } })
  const mine = await api('GET', '/api/v1/progress', { token: me.token })
  assert.deepEqual(mine.body.data.map((p) => p.userId), [me.user.id])
  expectError(await api('GET', `/api/v1/progress?userId=${other.user.id}`, { token: me.token }), 403, 'forbidden')
  expectError(await api('DELETE', `/api/v1/progress/${other.user.id}/${pub.id}`, { token: me.token }), 403, 'forbidden')
  expectError(await api('GET', '/api/v1/progress/stats/tracks', { token: me.token }), 403, 'forbidden')
  assert.equal((await api('DELETE', `/api/v1/progress/${me.user.id}/${pub.id}`, { token: me.token })).status, 204)
})
