// The full role x endpoint matrix of DESIGN.md, enforced by the Worker. Each row runs the
// request as every role (and without a token) and checks the exact status.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, allRoles, adminToken, createLesson, login, ADMIN, uniqueEmail } from './helpers/client.mjs'

const ROLES = ['admin', 'editor', 'support', 'learner']
const enc = encodeURIComponent
const html = { 'Content-Type': 'text/html' }

/** @param {Record<string, number>} allowed role -> success status; others get 403 */
const only = (allowed) => Object.fromEntries(ROLES.map((r) => [r, allowed[r] ?? 403]))
const all = (status) => only(Object.fromEntries(ROLES.map((r) => [r, status])))

test('role x endpoint matrix', { timeout: 120000 }, async () => {
  const who = await allRoles()
  const admin = await adminToken()
  const victim = async () => (await api('POST', '/api/v1/users', { token: admin, json: { email: uniqueEmail('victim'), username: 'Victim', role: 'learner', password: 'password-1' } })).body.data
  const published = await createLesson(admin, { status: 'published' })
  await api('PUT', `/api/v1/lessons/${published.id}/content`, { token: admin, body: '<p>x</p>', headers: html })
  const draft = await createLesson(admin)
  const uploaded = `matrix/${randomUUID()}`
  await api('PUT', `/api/v1/uploads/${enc(uploaded)}`, { token: admin, body: Buffer.from('data') })
  const startMultipart = async (token) => (await api('POST', '/api/v1/uploads/multipart', { token, json: { key: `matrix/${randomUUID()}`, partSize: 5 * 1024 * 1024 } })).body.data?.uploadId
  const canUpload = (role) => ['admin', 'editor', 'support'].includes(role)
  const other = (await victim()).id

  /** @type {{name: string, expect: Record<string, number>, run: (token: string, role: string) => Promise<{status: number}>}[]} */
  const rows = [
    { name: 'GET /auth/me', expect: all(200), run: (t) => api('GET', '/api/v1/auth/me', { token: t }) },
    {
      name: 'POST /auth/logout', expect: all(204),
      // A fresh session per role, so the matrix's tokens stay valid.
      run: async (_t, role) => api('POST', '/api/v1/auth/logout', { token: (await login(role === 'admin' ? ADMIN.email : who[role].user.email, role === 'admin' ? ADMIN.password : who[role].password)).token }),
    },
    { name: 'GET /users', expect: only({ admin: 200, support: 200 }), run: (t) => api('GET', '/api/v1/users', { token: t }) },
    { name: 'POST /users', expect: only({ admin: 201 }), run: (t) => api('POST', '/api/v1/users', { token: t, json: { email: uniqueEmail(), username: 'New One', role: 'learner', password: 'password-1' } }) },
    { name: 'GET /users/{other}', expect: only({ admin: 200, support: 200 }), run: (t) => api('GET', `/api/v1/users/${other}`, { token: t }) },
    { name: 'GET /users/{self}', expect: only({ admin: 200, support: 200, learner: 200 }), run: (t, r) => api('GET', `/api/v1/users/${who[r].user.id}`, { token: t }) },
    { name: 'PATCH /users/{other}', expect: only({ admin: 200 }), run: async (t) => api('PATCH', `/api/v1/users/${(await victim()).id}`, { token: t, json: { version: 1, username: 'Changed' } }) },
    {
      name: 'PATCH /users/{self}', expect: only({ admin: 200, learner: 200 }),
      run: async (t, r) => {
        const cur = (await api('GET', '/api/v1/auth/me', { token: t })).body.data
        return api('PATCH', `/api/v1/users/${cur.id}`, { token: t, json: { version: cur.version, username: `Self ${randomUUID().slice(0, 4)}` } })
      },
    },
    { name: 'DELETE /users/{id}', expect: only({ admin: 200 }), run: async (t) => api('DELETE', `/api/v1/users/${(await victim()).id}`, { token: t }) },
    { name: 'GET /users/{other}/dashboard', expect: only({ admin: 200, support: 200 }), run: (t) => api('GET', `/api/v1/users/${other}/dashboard`, { token: t }) },
    { name: 'GET /users/{self}/dashboard', expect: only({ admin: 200, support: 200, learner: 200 }), run: (t, r) => api('GET', `/api/v1/users/${who[r].user.id}/dashboard`, { token: t }) },

    { name: 'GET /lessons', expect: all(200), run: (t) => api('GET', '/api/v1/lessons', { token: t }) },
    { name: 'POST /lessons', expect: only({ admin: 201, editor: 201 }), run: (t) => api('POST', '/api/v1/lessons', { token: t, json: { title: 'T', track: 'web' } }) },
    { name: 'GET /lessons/{published}', expect: all(200), run: (t) => api('GET', `/api/v1/lessons/${published.id}`, { token: t }) },
    { name: 'GET /lessons/{draft}', expect: { ...all(200), learner: 404 }, run: (t) => api('GET', `/api/v1/lessons/${draft.id}`, { token: t }) },
    { name: 'PATCH /lessons/{id}', expect: only({ admin: 200, editor: 200 }), run: async (t) => api('PATCH', `/api/v1/lessons/${(await createLesson(admin)).id}`, { token: t, json: { version: 1, title: 'New' } }) },
    { name: 'DELETE /lessons/{id}', expect: only({ admin: 200, editor: 200 }), run: async (t) => api('DELETE', `/api/v1/lessons/${(await createLesson(admin)).id}`, { token: t }) },
    { name: 'GET /lessons/{published}/content', expect: all(200), run: (t) => api('GET', `/api/v1/lessons/${published.id}/content`, { token: t }) },
    { name: 'GET /lessons/{draft}/content', expect: { ...all(404), learner: 404 }, run: (t) => api('GET', `/api/v1/lessons/${draft.id}/content`, { token: t }) },
    { name: 'PUT /lessons/{id}/content', expect: only({ admin: 200, editor: 200 }), run: async (t) => api('PUT', `/api/v1/lessons/${(await createLesson(admin)).id}/content`, { token: t, body: '<p/>', headers: html }) },

    { name: 'GET /progress', expect: all(200), run: (t) => api('GET', '/api/v1/progress', { token: t }) },
    { name: 'GET /progress?userId={other}', expect: only({ admin: 200, editor: 200, support: 200 }), run: (t) => api('GET', `/api/v1/progress?userId=${other}`, { token: t }) },
    { name: 'PUT /progress/{other}/{lesson}', expect: only({ admin: 201 }), run: async (t) => api('PUT', `/api/v1/progress/${(await victim()).id}/${published.id}`, { token: t, json: { score: 1 } }) },
    { name: 'PUT /progress/{self}/{lesson}', expect: only({ admin: 201, learner: 201 }), run: async (t, r) => api('PUT', `/api/v1/progress/${who[r].user.id}/${(await createLesson(admin, { status: 'published' })).id}`, { token: t, json: { score: 1 } }) },
    {
      name: 'DELETE /progress/{other}/{lesson}', expect: only({ admin: 204 }),
      run: async (t) => {
        const v = (await victim()).id
        await api('PUT', `/api/v1/progress/${v}/${published.id}`, { token: admin, json: { score: 1 } })
        return api('DELETE', `/api/v1/progress/${v}/${published.id}`, { token: t })
      },
    },
    {
      name: 'DELETE /progress/{self}/{lesson}', expect: only({ admin: 204, learner: 204 }),
      run: async (t, r) => {
        const l = (await createLesson(admin, { status: 'published' })).id
        await api('PUT', `/api/v1/progress/${who[r].user.id}/${l}`, { token: admin, json: { score: 1 } })
        return api('DELETE', `/api/v1/progress/${who[r].user.id}/${l}`, { token: t })
      },
    },
    { name: 'GET /progress/stats/lessons', expect: only({ admin: 200, editor: 200, support: 200 }), run: (t) => api('GET', '/api/v1/progress/stats/lessons', { token: t }) },
    { name: 'GET /progress/stats/tracks', expect: only({ admin: 200, editor: 200, support: 200 }), run: (t) => api('GET', '/api/v1/progress/stats/tracks', { token: t }) },
    { name: 'GET /progress/stats/completions', expect: only({ admin: 200, editor: 200, support: 200 }), run: (t) => api('GET', '/api/v1/progress/stats/completions?bucket=month', { token: t }) },
    {
      name: 'POST /progress/batch', expect: only({ admin: 200 }),
      run: async (t) => api('POST', '/api/v1/progress/batch', { token: t, json: { rows: [{ userId: (await victim()).id, lessonId: published.id, completed: true, score: 1 }] } }),
    },
    { name: 'GET /progress?q=&sort=email', expect: all(200), run: (t) => api('GET', '/api/v1/progress?q=a&sort=email&order=asc&withTotal=false', { token: t }) },

    { name: 'GET /uploads', expect: only({ admin: 200, editor: 200, support: 200 }), run: (t) => api('GET', '/api/v1/uploads', { token: t }) },
    { name: 'PUT /uploads/{key}', expect: only({ admin: 201, editor: 201, support: 201 }), run: (t) => api('PUT', `/api/v1/uploads/${enc(`matrix/${randomUUID()}`)}`, { token: t, body: Buffer.from('x') }) },
    { name: 'GET /uploads/{key}', expect: only({ admin: 200, editor: 200, support: 200 }), run: (t) => api('GET', `/api/v1/uploads/${enc(uploaded)}`, { token: t, raw: true }) },
    {
      name: 'DELETE /uploads/{key}', expect: only({ admin: 204, support: 204 }),
      run: async (t) => {
        const k = `matrix/${randomUUID()}`
        await api('PUT', `/api/v1/uploads/${enc(k)}`, { token: admin, body: Buffer.from('x') })
        return api('DELETE', `/api/v1/uploads/${enc(k)}`, { token: t })
      },
    },
    { name: 'POST /uploads/multipart', expect: only({ admin: 201, editor: 201, support: 201 }), run: (t) => api('POST', '/api/v1/uploads/multipart', { token: t, json: { key: `matrix/${randomUUID()}`, partSize: 5 * 1024 * 1024 } }) },
    {
      name: 'PUT /uploads/multipart/{own id}/parts/1', expect: only({ admin: 200, editor: 200, support: 200 }),
      run: async (t, r) => api('PUT', `/api/v1/uploads/multipart/${enc(await startMultipart(canUpload(r) ? t : admin))}/parts/1`, { token: t, body: Buffer.from('part') }),
    },
    {
      name: 'POST /uploads/multipart/{own id}/complete', expect: only({ admin: 201, editor: 201, support: 201 }),
      run: async (t, r) => {
        const owner = canUpload(r) ? t : admin
        const id = enc(await startMultipart(owner))
        const part = (await api('PUT', `/api/v1/uploads/multipart/${id}/parts/1`, { token: owner, body: Buffer.from('only part') })).body.data
        return api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token: t, json: { parts: [part] } })
      },
    },
    {
      name: 'DELETE /uploads/multipart/{own id}', expect: only({ admin: 204, editor: 204, support: 204 }),
      run: async (t, r) => api('DELETE', `/api/v1/uploads/multipart/${enc(await startMultipart(canUpload(r) ? t : admin))}`, { token: t }),
    },

    { name: 'GET /events', expect: only({ admin: 200, editor: 200, support: 200 }), run: (t) => api('GET', '/api/v1/events', { token: t }) },
    { name: 'GET /events?actorId={other}', expect: only({ admin: 200 }), run: (t) => api('GET', `/api/v1/events?actorId=${other}`, { token: t }) },
  ]

  const failures = []
  for (const row of rows) {
    for (const role of ROLES) {
      const r = await row.run(who[role].token, role)
      if (r.status !== row.expect[role]) failures.push(`${row.name} as ${role}: expected ${row.expect[role]}, got ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)
    }
  }
  assert.deepEqual(failures, [])
})

test('every non-public route answers 401 without a token', async () => {
  const id = randomUUID()
  const routes = [
    ['GET', '/api/v1/auth/me'], ['POST', '/api/v1/auth/logout'], ['GET', '/api/v1/users'], ['POST', '/api/v1/users'],
    ['GET', `/api/v1/users/${id}`], ['PATCH', `/api/v1/users/${id}`], ['DELETE', `/api/v1/users/${id}`], ['GET', `/api/v1/users/${id}/dashboard`],
    ['GET', '/api/v1/lessons'], ['POST', '/api/v1/lessons'], ['GET', `/api/v1/lessons/${id}`], ['PATCH', `/api/v1/lessons/${id}`],
    ['DELETE', `/api/v1/lessons/${id}`], ['GET', `/api/v1/lessons/${id}/content`], ['PUT', `/api/v1/lessons/${id}/content`],
    ['GET', '/api/v1/progress'], ['PUT', `/api/v1/progress/${id}/${id}`], ['DELETE', `/api/v1/progress/${id}/${id}`],
    ['GET', '/api/v1/progress/stats/lessons'], ['GET', '/api/v1/progress/stats/tracks'], ['GET', '/api/v1/progress/stats/completions'],
    ['POST', '/api/v1/progress/batch'],
    ['GET', '/api/v1/uploads'], ['PUT', '/api/v1/uploads/k'], ['GET', '/api/v1/uploads/k'], ['DELETE', '/api/v1/uploads/k'],
    ['POST', '/api/v1/uploads/multipart'], ['PUT', '/api/v1/uploads/multipart/x/parts/1'], ['POST', '/api/v1/uploads/multipart/x/complete'],
    ['DELETE', '/api/v1/uploads/multipart/x'], ['GET', '/api/v1/events'],
  ]
  for (const [method, path] of routes) {
    const r = await api(method, path, { body: method === 'GET' || method === 'DELETE' ? undefined : '{}', headers: { 'Content-Type': 'application/json' } })
    assert.equal(r.status, 401, `${method} ${path}: ${r.status}`)
    assert.equal(r.body.code, 'unauthorized')
  }
  assert.equal((await api('GET', '/api/v1/health')).status, 200)
})
