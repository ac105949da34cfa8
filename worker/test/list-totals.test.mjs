import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, userWithRole, createLesson } from './helpers/client.mjs'

// withTotal=false on the lists that count with a COUNT statement (users, lessons, events): the
// same rows, no count. D1 bills rows read and a count reads every row the filters select on
// every page, so a client that does not show the total asks without it.

/** The same page asked with and without its count: same rows; the count only when asked. */
async function comparePages(token, path, expected) {
  const sep = path.includes('?') ? '&' : '?'
  const counted = await api('GET', path, { token })
  const uncounted = await api('GET', `${path}${sep}withTotal=false`, { token })
  const explicit = await api('GET', `${path}${sep}withTotal=true`, { token })
  assert.equal(uncounted.status, 200, path)
  assert.deepEqual(counted.body.pagination, expected, `${path}: counted by default`)
  assert.deepEqual(explicit.body.pagination, expected, `${path}: withTotal=true`)
  assert.deepEqual(uncounted.body.pagination, { ...expected, total: null, totalPages: null }, `${path}: withTotal=false`)
  assert.deepEqual(uncounted.body.data, counted.body.data, `${path}: the same rows`)
  assert.ok(uncounted.body.data.length > 0, `${path}: a page with rows`)
}

test('users, lessons and events: withTotal=false answers the same rows with a null total', async () => {
  const token = await adminToken()
  const tag = randomUUID().slice(0, 8)
  for (let i = 0; i < 5; i++) {
    const made = await api('POST', '/api/v1/users', {
      token, json: { email: `${tag}-${i}@totals.test`, username: `Total ${tag} ${i}`, role: 'learner', password: 'password-123' },
    })
    assert.equal(made.status, 201)
  }
  await comparePages(token, `/api/v1/users?search=${tag}&pageSize=2&page=2&sort=email&order=asc`, { page: 2, pageSize: 2, total: 5, totalPages: 3 })

  const track = `totals-${tag}`
  for (let d = 1; d <= 3; d++) await createLesson(token, { track, difficulty: d, status: 'published' })
  await comparePages(token, `/api/v1/lessons?track=${track}&pageSize=2&sort=difficulty&order=asc`, { page: 1, pageSize: 2, total: 3, totalPages: 2 })

  // The five users' creation events, found by their subjects' ids.
  const users = (await api('GET', `/api/v1/users?search=${tag}&pageSize=5`, { token })).body.data
  assert.equal(users.length, 5)
  await comparePages(token, `/api/v1/events?subjectId=${users[0].id}&type=user.created&pageSize=1`, { page: 1, pageSize: 1, total: 1, totalPages: 1 })
  await comparePages(token, `/api/v1/events?type=lesson.created&pageSize=2&page=2`,
    { page: 2, pageSize: 2, ...await totalOf(token, '/api/v1/events?type=lesson.created&pageSize=2') })
})

/** total and totalPages as counted by the API (events of other tests are in the same table). */
async function totalOf(token, path) {
  const { total, totalPages } = (await api('GET', path, { token })).body.pagination
  assert.ok(total >= 3, `${path}: ${total}`)
  return { total, totalPages }
}

test('a learner asking for draft lessons without a count gets an empty page with a null total', async () => {
  const learner = await userWithRole('learner')
  const drafts = await api('GET', '/api/v1/lessons?status=draft&withTotal=false', { token: learner.token })
  assert.equal(drafts.status, 200)
  assert.deepEqual(drafts.body.data, [])
  assert.equal(drafts.body.pagination.total, null)
  assert.equal(drafts.body.pagination.totalPages, null)
  const counted = await api('GET', '/api/v1/lessons?status=draft', { token: learner.token })
  assert.equal(counted.body.pagination.total, 0)
})

test('a withTotal other than true or false is a 400 naming withTotal', async () => {
  const token = await adminToken()
  for (const path of ['/api/v1/users', '/api/v1/lessons', '/api/v1/events']) {
    for (const value of ['1', 'no', 'TRUE', '']) {
      const body = expectError(await api('GET', `${path}?withTotal=${value}`, { token }), 400, 'validation')
      assert.ok(body.details?.withTotal, `${path}?withTotal=${value}: ${JSON.stringify(body)}`)
    }
    const twice = expectError(await api('GET', `${path}?withTotal=false&withTotal=true`, { token }), 400, 'validation')
    assert.ok(twice.details?.withTotal)
  }
})
