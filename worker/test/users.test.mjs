import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, uniqueEmail, userWithRole, createLesson, login } from './helpers/client.mjs'

const newUser = (over = {}) => ({ email: uniqueEmail(), username: `user ${randomUUID().slice(0, 6)}`, role: 'learner', password: 'password-123', ...over })

test('create, get, update and delete a user', async () => {
  const token = await adminToken()
  const input = newUser({ email: `  Mixed.${randomUUID().slice(0, 6)}@Example.TEST `, username: '  Ada  ' })
  const created = await api('POST', '/api/v1/users', { token, json: input })
  assert.equal(created.status, 201)
  const u = created.body.data
  assert.equal(u.email, input.email.trim().toLowerCase())
  assert.equal(u.username, 'Ada')
  assert.equal(u.version, 1)
  assert.equal(u.createdAt, u.updatedAt)
  assert.deepEqual((await api('GET', `/api/v1/users/${u.id}`, { token })).body.data, u)
  assert.deepEqual((await api('GET', `/api/v1/users/${u.id.toUpperCase()}`, { token })).body.data, u)

  const patched = await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 1, username: 'Ada L', role: 'editor' } })
  assert.equal(patched.status, 200)
  assert.equal(patched.body.data.version, 2)
  assert.equal(patched.body.data.role, 'editor')
  assert.ok(patched.body.data.updatedAt > u.updatedAt)
  // Nothing to change: same version, no event.
  const same = await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 2, username: 'Ada L' } })
  assert.equal(same.body.data.version, 2)

  // Password change: the old one stops working.
  assert.equal((await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 2, password: 'new-password-1' } })).body.data.version, 3)
  await login(u.email, 'new-password-1')
  expectError(await api('POST', '/api/v1/auth/login', { json: { email: u.email, password: input.password }, headers: { 'CF-Connecting-IP': '10.9.9.9' } }), 401, 'unauthorized')

  // DELETE answers the user as it was (the console needs no GET before deleting).
  const deleted = await api('DELETE', `/api/v1/users/${u.id}`, { token })
  assert.equal(deleted.status, 200)
  assert.equal(deleted.body.data.id, u.id)
  assert.equal(deleted.body.data.version, 3)
  assert.equal(deleted.body.data.role, 'editor')
  expectError(await api('GET', `/api/v1/users/${u.id}`, { token }), 404, 'not_found')
  expectError(await api('DELETE', `/api/v1/users/${u.id}`, { token }), 404, 'not_found')
  expectError(await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 3, username: 'x y' } }), 404, 'not_found')
})

test('a stale version gets 409 with the current user and changes nothing', async () => {
  const token = await adminToken()
  const u = (await api('POST', '/api/v1/users', { token, json: newUser() })).body.data
  assert.equal((await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 1, username: 'first writer' } })).status, 200)
  const conflict = await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 1, username: 'second writer', role: 'admin' } })
  const body = expectError(conflict, 409, 'conflict')
  assert.equal(body.current.username, 'first writer')
  assert.equal(body.current.version, 2)
  assert.ok(body.details.version)
  const now = (await api('GET', `/api/v1/users/${u.id}`, { token })).body.data
  assert.equal(now.username, 'first writer')
  assert.equal(now.role, 'learner')
  const events = (await api('GET', `/api/v1/events?subjectId=${u.id}&type=user.updated`, { token })).body.data
  assert.equal(events.length, 1, 'only the winning update is in the audit trail')
  assert.deepEqual(events[0].payload.changes, ['username'])
})

test('duplicate email is 409 with details.email, on create and on update', async () => {
  const token = await adminToken()
  const a = (await api('POST', '/api/v1/users', { token, json: newUser() })).body.data
  const b = (await api('POST', '/api/v1/users', { token, json: newUser() })).body.data
  const dup = expectError(await api('POST', '/api/v1/users', { token, json: newUser({ email: a.email.toUpperCase() }) }), 409, 'conflict')
  assert.ok(dup.details.email)
  const dup2 = expectError(await api('PATCH', `/api/v1/users/${b.id}`, { token, json: { version: 1, email: a.email } }), 409, 'conflict')
  assert.ok(dup2.details.email)
  assert.equal((await api('GET', `/api/v1/users/${b.id}`, { token })).body.data.version, 1)
})

test('validation rules name every bad field and store nothing', async () => {
  const token = await adminToken()
  const before = (await api('GET', '/api/v1/users?pageSize=1', { token })).body.pagination.total
  const cases = [
    [{ email: 'not-an-email' }, 'email'],
    [{ email: `${'a'.repeat(250)}@x.io` }, 'email'],
    [{ username: 'x' }, 'username'],
    [{ username: 'a'.repeat(65) }, 'username'],
    [{ username: 'bad\u0007name' }, 'username'],
    [{ role: 'root' }, 'role'],
    [{ password: 'short' }, 'password'],
    [{ password: 'p'.repeat(257) }, 'password'],
    [{ password: 12345678 }, 'password'],
    [{ role: null }, 'role'],
  ]
  for (const [over, field] of cases) {
    const body = expectError(await api('POST', '/api/v1/users', { token, json: newUser(over) }), 400, 'validation')
    assert.ok(body.details[field], `${JSON.stringify(over)} -> ${JSON.stringify(body)}`)
  }
  const all = expectError(await api('POST', '/api/v1/users', { token, json: { email: 'x', username: '', role: 'x', password: '' } }), 400, 'validation')
  assert.deepEqual(Object.keys(all.details).sort(), ['email', 'password', 'role', 'username'])
  const missing = expectError(await api('POST', '/api/v1/users', { token, json: {} }), 400, 'validation')
  assert.deepEqual(Object.keys(missing.details).sort(), ['email', 'password', 'role', 'username'])
  const u = (await api('POST', '/api/v1/users', { token, json: newUser() })).body.data
  expectError(await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { username: 'no version' } }), 400, 'validation')
  expectError(await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: '1', username: 'str version' } }), 400, 'validation')
  expectError(await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 0 } }), 400, 'validation')
  expectError(await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 1, id: 'x' } }), 400, 'validation')
  assert.equal((await api('GET', '/api/v1/users?pageSize=1', { token })).body.pagination.total, before + 1)
})

test('SQL-looking strings are stored literally', async () => {
  const token = await adminToken()
  const username = "Robert'); DROP TABLE users;--"
  const u = (await api('POST', '/api/v1/users', { token, json: newUser({ username }) })).body.data
  assert.equal(u.username, username)
  const found = await api('GET', `/api/v1/users?search=${encodeURIComponent("'); DROP")}`, { token })
  assert.ok(found.body.data.some((x) => x.id === u.id))
  const quoted = await api('GET', `/api/v1/users?search=${encodeURIComponent('" OR 1=1 --')}`, { token })
  assert.equal(quoted.status, 200)
  assert.equal(quoted.body.data.length, 0)
})

test('list: search (FTS and short LIKE), sort, order and pagination', async () => {
  const token = await adminToken()
  const tag = randomUUID().slice(0, 8)
  const made = []
  for (const [i, name] of ['Zed', 'amy', 'Bob_', 'ca%l', 'Dee'].entries()) {
    made.push((await api('POST', '/api/v1/users', { token, json: newUser({ email: `${tag}-${i}@Search.test`, username: `${name} ${tag}` }) })).body.data)
  }
  const s = await api('GET', `/api/v1/users?search=${tag.toUpperCase()}&sort=username&order=asc&pageSize=2`, { token })
  assert.deepEqual(s.body.pagination, { page: 1, pageSize: 2, total: 5, totalPages: 3 })
  assert.deepEqual(s.body.data.map((u) => u.username.split(' ')[0]), ['Bob_', 'Dee'])
  const p3 = await api('GET', `/api/v1/users?search=${tag}&sort=username&order=asc&pageSize=2&page=3`, { token })
  // Binary (case-sensitive) collation, as in SQLite: upper case sorts first.
  assert.deepEqual(p3.body.data.map((u) => u.username.split(' ')[0]), ['ca%l'])
  const beyond = await api('GET', `/api/v1/users?search=${tag}&page=9`, { token })
  assert.equal(beyond.body.data.length, 0)
  assert.equal(beyond.body.pagination.total, 5)
  // Short terms use LIKE with % and _ taken literally.
  const pct = await api('GET', `/api/v1/users?search=${encodeURIComponent('a%')}`, { token })
  assert.deepEqual(pct.body.data.map((u) => u.id), [made[3].id])
  const under = await api('GET', `/api/v1/users?search=${encodeURIComponent('b_')}`, { token })
  assert.ok(under.body.data.some((u) => u.id === made[2].id))
  assert.ok(under.body.data.every((u) => /b_/i.test(u.username) || /b_/i.test(u.email)))
  // Default sort: createdAt desc.
  const recent = await api('GET', `/api/v1/users?search=${tag}`, { token })
  assert.deepEqual(recent.body.data.map((u) => u.id), made.map((u) => u.id).reverse())
  const byEmail = await api('GET', `/api/v1/users?search=search.test&sort=email&order=desc&pageSize=200`, { token })
  const emails = byEmail.body.data.map((u) => u.email)
  assert.deepEqual(emails, [...emails].sort().reverse())
})

test('dashboard: user, latest 10 progress rows and totals', async () => {
  const token = await adminToken()
  const u = (await api('POST', '/api/v1/users', { token, json: newUser() })).body.data
  const empty = await api('GET', `/api/v1/users/${u.id}/dashboard`, { token })
  assert.deepEqual(empty.body.data.totals, { lessons: 0, completed: 0, averageScore: 0 })
  for (let i = 0; i < 12; i++) {
    const l = await createLesson(token, { status: 'published' })
    const r = await api('PUT', `/api/v1/progress/${u.id}/${l.id}`, { token, json: { completed: i % 3 === 0, score: i * 5 } })
    assert.equal(r.status, 201)
  }
  const d = (await api('GET', `/api/v1/users/${u.id}/dashboard`, { token })).body.data
  assert.equal(d.user.id, u.id)
  assert.equal(d.recentProgress.length, 10)
  assert.deepEqual(d.recentProgress.map((p) => p.score), [55, 50, 45, 40, 35, 30, 25, 20, 15, 10])
  assert.deepEqual(d.totals, { lessons: 12, completed: 4, averageScore: 27.5 })
  expectError(await api('GET', `/api/v1/users/${randomUUID()}/dashboard`, { token }), 404, 'not_found')
})

test('learners read and edit only their own profile, and not their role', async () => {
  const l = await userWithRole('learner')
  const other = await userWithRole('learner')
  assert.equal((await api('GET', `/api/v1/users/${l.user.id}`, { token: l.token })).status, 200)
  assert.equal((await api('GET', `/api/v1/users/${l.user.id}/dashboard`, { token: l.token })).status, 200)
  expectError(await api('GET', `/api/v1/users/${other.user.id}`, { token: l.token }), 403, 'forbidden')
  const own = await api('PATCH', `/api/v1/users/${l.user.id}`, { token: l.token, json: { version: 1, username: 'Renamed Learner' } })
  assert.equal(own.status, 200)
  expectError(await api('PATCH', `/api/v1/users/${l.user.id}`, { token: l.token, json: { version: 2, role: 'admin' } }), 403, 'forbidden')
  expectError(await api('PATCH', `/api/v1/users/${other.user.id}`, { token: l.token, json: { version: 1, username: 'hijack' } }), 403, 'forbidden')
  assert.equal((await api('GET', `/api/v1/auth/me`, { token: l.token })).body.data.role, 'learner')
})
