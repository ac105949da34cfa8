// Issue 11, defect 5: the last admin can be neither demoted nor deleted (409 conflict), so
// recovering never needs shell access to the database. Runs first (file name), before other
// suites could create admins; other admins found are demoted first so the guard applies.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, login, uniqueEmail } from './helpers/client.mjs'

async function otherAdmins(token, myId) {
  const page = (await api('GET', '/api/v1/users?sort=role&order=asc&pageSize=200', { token })).body.data
  return page.filter((u) => u.role === 'admin' && u.id !== myId)
}

test('5. the only admin cannot demote or delete themselves; with a second admin, demotion works', async () => {
  const token = await adminToken()
  const me = (await api('GET', '/api/v1/auth/me', { token })).body.data
  for (const a of await otherAdmins(token, me.id)) {
    assert.equal((await api('PATCH', `/api/v1/users/${a.id}`, { token, json: { version: a.version, role: 'learner' } })).status, 200)
  }

  const demote = expectError(await api('PATCH', `/api/v1/users/${me.id}`, { token, json: { version: me.version, role: 'editor' } }), 409, 'conflict')
  assert.match(demote.error, /only admin/)
  assert.match(demote.details.role, /last admin/)
  assert.equal(demote.current.role, 'admin')
  const del = expectError(await api('DELETE', `/api/v1/users/${me.id}`, { token }), 409, 'conflict')
  assert.match(del.error, /only admin/)
  assert.match(del.details.id, /last admin/)
  const still = (await api('GET', '/api/v1/auth/me', { token })).body.data
  assert.equal(still.role, 'admin')
  assert.equal(still.version, me.version, 'nothing changed')
  const events = (await api('GET', `/api/v1/events?subjectId=${me.id}&type=user.updated`, { token })).body.data
  assert.ok(!events.some((e) => e.payload.changes?.includes('role')), 'no audit row for the refused demotion')

  // A second admin: now either may step down, but not both.
  const password = `pw-${randomUUID()}`
  const second = (await api('POST', '/api/v1/users', { token, json: { email: uniqueEmail('admin'), username: 'Second Admin', role: 'admin', password } })).body.data
  const secondToken = (await login(second.email, password)).token
  const stepDown = await api('PATCH', `/api/v1/users/${second.id}`, { token: secondToken, json: { version: 1, role: 'support' } })
  assert.equal(stepDown.status, 200)
  assert.equal(stepDown.body.data.role, 'support')
  expectError(await api('DELETE', `/api/v1/users/${me.id}`, { token }), 409, 'conflict')
  // Other roles' demotions and deletions are unaffected.
  const gone = await api('DELETE', `/api/v1/users/${second.id}`, { token })
  assert.equal(gone.status, 200)
  assert.equal(gone.body.data.role, 'support')
})
