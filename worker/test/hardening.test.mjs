// Issue 11's defects, each reproduced black-box: parallel requests and deliberately slow
// bodies (the slow writer's body is held back until the fast writer has its answer, so the
// race is forced by events, not by timing).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { api, expectError, adminToken, userWithRole, createLesson, login, parseJsonBody, PROXY_LOST_CONNECTION, BASE } from './helpers/client.mjs'
import { checkResponse } from './helpers/openapi.mjs'

const enc = encodeURIComponent
const sha = (b) => createHash('sha256').update(b).digest('hex')
const KiB = 1024

/**
 * A PUT whose body is sent in two steps: `head` bytes at once, the rest when finish() is
 * called. `started` resolves once the head has been handed to the socket.
 */
function twoStepPut(path, token, data, head, headers = {}) {
  data = Buffer.isBuffer(data) ? data : Buffer.from(data)
  const req = http.request(new URL(BASE + path), {
    method: 'PUT',
    agent: false, // a connection of its own: parallel writers really are parallel
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.length), ...headers },
  })
  let resent = false
  const response = new Promise((resolve, reject) => {
    req.on('error', (error) => { if (!resent) reject(error) }) // after a resend, the first request no longer counts
    req.on('response', (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        try { // a failed check rejects this response (not an uncaught exception in an event handler)
          const text = Buffer.concat(chunks).toString('utf8')
          if (res.statusCode === 503 && text.startsWith(PROXY_LOST_CONNECTION)) {
            // wrangler dev's proxy lost its keep-alive connection to the Worker before the Worker
            // saw this request (see PROXY_LOST_CONNECTION in helpers/client.mjs); not the Worker's
            // answer. Sent again whole, it races like any other writer and its answer (from the
            // Worker this time) is checked like theirs, so the race assertions stay strict.
            resent = true
            console.log(`PUT ${path}: wrangler's proxy lost the connection before the Worker saw the request; sending it again`)
            api('PUT', path, { token, body: data, headers: { 'Content-Type': 'application/octet-stream', ...headers } })
              .then((r) => resolve({ status: r.status, body: r.body }), reject)
            return
          }
          const body = text ? parseJsonBody('PUT', path, res.statusCode, res.headers['content-type'], text) : null
          const problem = checkResponse('PUT', new URL(BASE + path).pathname, res.statusCode, res.headers['content-type'], body)
          assert.equal(problem, null, problem ?? '')
          resolve({ status: res.statusCode, body })
        } catch (error) {
          reject(error)
        }
      })
    })
  })
  const started = new Promise((resolve) => req.write(data.subarray(0, head), resolve))
  return { started, response, finish: () => req.end(data.subarray(head)) }
}

/**
 * Starts every request with most of its body, waits until all are in flight, then lets all
 * bodies finish at once: the Worker then handles them side by side.
 * @param {{path: string, token: string, data: Buffer|string, headers?: Record<string, string>}[]} reqs
 */
async function together(reqs) {
  const flights = reqs.map((r) => {
    const data = Buffer.isBuffer(r.data) ? r.data : Buffer.from(r.data)
    return twoStepPut(r.path, r.token, data, data.length - 1, r.headers)
  })
  await Promise.all(flights.map((f) => f.started))
  for (const f of flights) f.finish()
  return Promise.all(flights.map((f) => f.response))
}

/** What GET serves for a key must be what its row records. */
async function assertServedMatchesRecord(token, key, expectedData, expectedUploader) {
  const row = (await api('GET', `/api/v1/uploads?prefix=${enc(key)}`, { token })).body.data.find((u) => u.key === key)
  assert.ok(row, 'the winner is listed')
  const got = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, raw: true })
  assert.equal(got.status, 200)
  assert.equal(sha(got.body), row.sha256, 'the bytes served are the bytes recorded')
  assert.equal(got.body.length, row.size)
  assert.equal(got.headers.get('etag'), `"${row.sha256}"`)
  assert.equal(sha(got.body), sha(expectedData), 'the bytes served are the acknowledged writer\'s')
  assert.equal(row.uploadedBy, expectedUploader)
}

test('1. a slow upload and a fast one to the same new key: the 201 writer\'s bytes are served, the 409 writer stores nothing', async () => {
  const a = await userWithRole('support')
  const b = await userWithRole('editor')
  for (let round = 0; round < 3; round++) {
    const key = `race/${randomUUID()}.bin`
    const slow = randomBytes(256 * KiB)
    const fast = randomBytes(1000)
    const first = twoStepPut(`/api/v1/uploads/${enc(key)}`, a.token, slow, 128 * KiB)
    await first.started
    // The slow writer is mid-body; the fast one completes meanwhile.
    const second = await api('PUT', `/api/v1/uploads/${enc(key)}`, { token: b.token, body: fast, headers: { 'Content-Type': 'application/octet-stream' } })
    first.finish()
    const firstDone = await first.response
    const statuses = [firstDone.status, second.status].sort()
    assert.deepEqual(statuses, [201, 409], `exactly one writer wins (got ${statuses})`)
    const [winnerData, winner, ack] = second.status === 201 ? [fast, b, second.body.data] : [slow, a, firstDone.body.data]
    assert.equal(ack.sha256, sha(winnerData))
    await assertServedMatchesRecord(b.token, key, winnerData, winner.user.id)
    const loser = second.status === 201 ? firstDone : second
    assert.equal(loser.body.code, 'conflict')
  }
})

test('1. a slow single upload racing a multipart upload for the same new key: the multipart 201 is what is served', async () => {
  const token = await adminToken()
  const me = (await api('GET', '/api/v1/auth/me', { token })).body.data
  const key = `race/${randomUUID()}.bin`
  const single = randomBytes(256 * KiB)
  const slow = twoStepPut(`/api/v1/uploads/${enc(key)}`, token, single, 128 * KiB)
  await slow.started
  // While the single upload is mid-body, a multipart upload takes the key and completes.
  const started = await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize: 5 * 1024 * KiB } })
  assert.equal(started.status, 201)
  const id = enc(started.body.data.uploadId)
  const partData = randomBytes(300 * KiB)
  const part = await api('PUT', `/api/v1/uploads/multipart/${id}/parts/1`, { token, body: partData })
  const done = await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts: [part.body.data] } })
  assert.equal(done.status, 201)
  slow.finish()
  const lost = await slow.response
  assert.equal(lost.status, 409)
  const got = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, raw: true })
  assert.equal(sha(got.body), sha(partData), 'the multipart file is served, not the single upload\'s bytes')
  const row = (await api('GET', `/api/v1/uploads?prefix=${enc(key)}`, { token })).body.data.find((u) => u.key === key)
  assert.equal(row.size, partData.length)
  assert.equal(row.uploadedBy, me.id)
})

// The same invariant under a plain ten-way race (it reproduced the defect about one round in four).
test('1. ten parallel 2 MiB uploads to one new key: one 201, nine 409, served bytes are the winner\'s', async () => {
  const token = await adminToken()
  const me = (await api('GET', '/api/v1/auth/me', { token })).body.data
  const key = `race/${randomUUID()}.bin`
  const bodies = Array.from({ length: 10 }, () => randomBytes(2 * 1024 * KiB))
  const results = await together(bodies.map((data) => ({ path: `/api/v1/uploads/${enc(key)}`, token, data })))
  const won = results.filter((r) => r.status === 201)
  assert.equal(won.length, 1, `statuses: ${results.map((r) => r.status)}`)
  assert.equal(results.filter((r) => r.status === 409).length, 9)
  const winnerData = bodies[results.indexOf(won[0])]
  assert.equal(won[0].body.data.sha256, sha(winnerData))
  await assertServedMatchesRecord(token, key, winnerData, me.id)
})

test('2. twenty parallel lesson content PUTs with the same If-Match: the 200 writer\'s HTML is served under its version', async () => {
  const token = await adminToken()
  for (let round = 0; round < 5; round++) {
    const lesson = await createLesson(token)
    const htmls = Array.from({ length: 20 }, (_, i) => `<p>writer ${i} ${randomUUID()}</p>${'x'.repeat((i % 2 ? 200 : 1) * KiB)}`)
    const results = await together(htmls.map((data) => ({
      path: `/api/v1/lessons/${lesson.id}/content`, token, data, headers: { 'Content-Type': 'text/html', 'If-Match': '"1"' },
    })))
    const ok = results.filter((r) => r.status === 200)
    assert.equal(ok.length, 1, `statuses: ${results.map((r) => r.status)}`)
    assert.equal(results.filter((r) => r.status === 409).length, 19)
    const winnerHtml = htmls[results.indexOf(ok[0])]
    assert.equal(ok[0].body.data.version, 2)
    for (const tier of ['MISS', 'HIT']) {
      const got = await api('GET', `/api/v1/lessons/${lesson.id}/content`, { token })
      assert.equal(got.headers.get('x-cache'), tier)
      assert.equal(got.headers.get('etag'), '"2"')
      // (compared by its unique first line: the bodies are long)
      assert.equal(got.body.slice(0, 60), winnerHtml.slice(0, 60), 'the HTML served is the winner\'s')
      assert.ok(got.body === winnerHtml)
    }
    // Later writes keep working and replace the content (the old revision is no longer served).
    const next = await api('PUT', `/api/v1/lessons/${lesson.id}/content`, { token, body: '<p>next</p>', headers: { 'Content-Type': 'text/html', 'If-Match': '"2"' } })
    assert.equal(next.status, 200)
    assert.equal((await api('GET', `/api/v1/lessons/${lesson.id}/content`, { token })).body, '<p>next</p>')
  }
})

test('3. changing your own password needs currentPassword and ends your other sessions', async () => {
  const l = await userWithRole('learner')
  const other = await login(l.user.email, l.password) // a second session (e.g. a stolen token)
  const path = `/api/v1/users/${l.user.id}`
  const missing = expectError(await api('PATCH', path, { token: l.token, json: { version: 1, password: 'brand-new-password' } }), 400, 'validation')
  assert.match(missing.details.currentPassword, /required/)
  const wrong = expectError(await api('PATCH', path, { token: l.token, json: { version: 1, password: 'brand-new-password', currentPassword: 'not-it-at-all' } }), 400, 'validation')
  assert.match(wrong.details.currentPassword, /not your current password/)
  expectError(await api('PATCH', path, { token: l.token, json: { version: 1, username: 'No Password', currentPassword: l.password } }), 400, 'validation')
  // Nothing changed so far: same version, old password still works.
  assert.equal((await api('GET', path, { token: l.token })).body.data.version, 1)
  assert.equal((await api('GET', '/api/v1/auth/me', { token: other.token })).status, 200)

  const changed = await api('PATCH', path, { token: l.token, json: { version: 1, password: 'brand-new-password', currentPassword: l.password } })
  assert.equal(changed.status, 200)
  assert.equal(changed.body.data.version, 2)
  // The session it was made from goes on; every other session of the user ended.
  assert.equal((await api('GET', '/api/v1/auth/me', { token: l.token })).status, 200)
  expectError(await api('GET', '/api/v1/auth/me', { token: other.token }), 401, 'unauthorized')
  expectError(await api('POST', '/api/v1/auth/refresh', { token: other.token }), 401, 'unauthorized')
  await login(l.user.email, 'brand-new-password')
})

test('3. an admin resets another user\'s password without currentPassword; all that user\'s sessions end', async () => {
  const admin = await adminToken()
  const s = await userWithRole('support')
  const second = await login(s.user.email, s.password)
  const path = `/api/v1/users/${s.user.id}`
  expectError(await api('PATCH', path, { token: admin, json: { version: 1, password: 'reset-by-admin-1', currentPassword: 'whatever-it-was' } }), 400, 'validation')
  const reset = await api('PATCH', path, { token: admin, json: { version: 1, password: 'reset-by-admin-1' } })
  assert.equal(reset.status, 200)
  expectError(await api('GET', '/api/v1/auth/me', { token: s.token }), 401, 'unauthorized')
  expectError(await api('GET', '/api/v1/auth/me', { token: second.token }), 401, 'unauthorized')
  assert.equal((await api('GET', '/api/v1/auth/me', { token: admin })).status, 200, 'the admin\'s own session is untouched')
  await login(s.user.email, 'reset-by-admin-1')
})

test('3. an admin changing their own password needs currentPassword too', async () => {
  const admin = await adminToken()
  const me = (await api('GET', '/api/v1/auth/me', { token: admin })).body.data
  const body = expectError(await api('PATCH', `/api/v1/users/${me.id}`, { token: admin, json: { version: me.version, password: 'admin-new-password' } }), 400, 'validation')
  assert.ok(body.details.currentPassword)
  assert.equal((await api('GET', '/api/v1/auth/me', { token: admin })).body.data.version, me.version)
})

test('4. ten parallel progress PUTs on a missing row: exactly one 201, nine 200', async () => {
  const admin = await adminToken()
  for (let round = 0; round < 3; round++) {
    const l = await userWithRole('learner')
    const lesson = await createLesson(admin, { status: 'published' })
    const results = await together(Array.from({ length: 10 }, (_, i) => ({
      path: `/api/v1/progress/${l.user.id}/${lesson.id}`, token: i % 2 ? admin : l.token,
      data: JSON.stringify({ score: 10 + i }), headers: { 'Content-Type': 'application/json' },
    })))
    const statuses = results.map((r) => r.status)
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses}`)
    assert.equal(statuses.filter((s) => s === 200).length, 9, `statuses: ${statuses}`)
    const rows = (await api('GET', `/api/v1/progress?userId=${l.user.id}&lessonId=${lesson.id}`, { token: admin })).body.data
    assert.equal(rows.length, 1)
    assert.ok(results.some((r) => r.body.data.score === rows[0].score), 'the stored row is one of the answered ones')
  }
})

test('6. invisible format characters (Cf) are refused in usernames, lesson titles and upload names', async () => {
  const token = await adminToken()
  for (const ch of ['\u202e', '\u202a', '\u2066', '\u2069', '\u200b', '\u200f', '\ufeff']) {
    const email = `cf-${randomUUID().slice(0, 8)}@example.test`
    const u = expectError(await api('POST', '/api/v1/users', { token, json: { email, username: `evil${ch}gpj.exe`, role: 'learner', password: 'password-123' } }), 400, 'validation')
    assert.match(u.details.username, /format/)
    assert.match(u.error, /username/)
    assert.equal((await api('GET', `/api/v1/users?search=${enc(email)}`, { token })).body.data.length, 0)

    const t = expectError(await api('POST', '/api/v1/lessons', { token, json: { title: `Intro ${ch}txt.exe`, track: 'web' } }), 400, 'validation')
    assert.match(t.details.title, /format/)

    const key = `cf/${randomUUID()}${ch}fdp.exe`
    const k = expectError(await api('PUT', `/api/v1/uploads/${enc(key)}`, { token, body: Buffer.from('x') }), 400, 'validation')
    assert.match(k.details.key, /format/)
    const n = expectError(await api('PUT', `/api/v1/uploads/${enc(`cf/${randomUUID()}`)}?originalName=${enc(`a${ch}b.pdf`)}`, { token, body: Buffer.from('x') }), 400, 'validation')
    assert.match(n.details.originalName, /format/)
    const mp = expectError(await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize: 5 * 1024 * 1024 } }), 400, 'validation')
    assert.ok(mp.details.key)
  }
  const lesson = await createLesson(token)
  expectError(await api('PATCH', `/api/v1/lessons/${lesson.id}`, { token, json: { version: 1, title: 'a\u202eb' } }), 400, 'validation')
  const u = (await api('POST', '/api/v1/users', { token, json: { email: `cf-${randomUUID().slice(0, 8)}@example.test`, username: 'Plain', role: 'learner', password: 'password-123' } })).body.data
  expectError(await api('PATCH', `/api/v1/users/${u.id}`, { token, json: { version: 1, username: 'a\u2067b' } }), 400, 'validation')
  assert.equal((await api('GET', `/api/v1/lessons/${lesson.id}`, { token })).body.data.version, 1)
  // Visible non-ASCII text stays welcome.
  assert.equal((await api('POST', '/api/v1/lessons', { token, json: { title: 'Ünïcödé – 日本語 – עברית', track: 'web' } })).status, 201)
})

test('7. an R2 refusal is reported in the API\'s own words; JSON answers carry nosniff', async () => {
  const token = await adminToken()
  const started = await api('POST', '/api/v1/uploads/multipart', { token, json: { key: `mp/${randomUUID()}`, partSize: 5 * 1024 * 1024 } })
  assert.equal(started.headers.get('x-content-type-options'), 'nosniff')
  const id = enc(started.body.data.uploadId)
  const p1 = (await api('PUT', `/api/v1/uploads/multipart/${id}/parts/1`, { token, body: Buffer.alloc(1024 * KiB, 1) })).body.data
  const p2 = (await api('PUT', `/api/v1/uploads/multipart/${id}/parts/2`, { token, body: Buffer.alloc(1024 * KiB, 2) })).body.data
  const refused = await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts: [p1, p2] } })
  const body = expectError(refused, 400, 'validation')
  assert.doesNotMatch(body.error, /completeMultipartUpload|One or more|\(100\d\d\)|R2/i, body.error)
  assert.match(body.error, /partSize/)
  assert.ok(body.details.parts)
  assert.equal(refused.headers.get('x-content-type-options'), 'nosniff')
  for (const r of [await api('GET', '/api/v1/health'), await api('GET', '/api/v1/nope', { token, noContract: true }), await api('GET', '/api/v1/auth/me')]) {
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `status ${r.status}`)
  }
  assert.equal((await api('DELETE', `/api/v1/uploads/multipart/${id}`, { token })).status, 204)
})
