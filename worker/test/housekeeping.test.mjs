// Issue 11, "Housekeeping": the Cron Trigger's handler, run through `wrangler dev
// --test-scheduled` (GET /__scheduled). scripts/test.sh sets HOUSEKEEPING_MIN_AGE_SECONDS=0 so
// its effect is visible at once. What the API cannot show (an orphaned R2 object, an expired
// session row, a stale rate-limit row) is arranged and checked with wrangler's own local
// D1/R2 commands on the test server's state directory.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { api, adminToken, createLesson, expectError, userWithRole, workerFetch, BASE } from './helpers/client.mjs'

const WORKER_DIR = fileURLToPath(new URL('..', import.meta.url))
const STATE = join(process.env.TEST_TMP, 'data')
const BUCKET = 'edge-admin-uploads'
const enc = encodeURIComponent
const sha = (b) => createHash('sha256').update(b).digest('hex')
const run = promisify(execFile)

function wrangler(args) {
  return run(join(WORKER_DIR, 'node_modules/.bin/wrangler'), [...args, '--local', '--persist-to', STATE],
    { cwd: WORKER_DIR, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, maxBuffer: 16 * 1024 * 1024 })
}
/** Runs SQL on the local D1; returns the rows of each statement. */
async function d1(sql) {
  const { stdout } = await wrangler(['d1', 'execute', 'DB', '--json', '--command', sql])
  return JSON.parse(stdout).map((r) => r.results)
}
async function r2Exists(key) {
  try {
    await wrangler(['r2', 'object', 'get', `${BUCKET}/${key}`, '--pipe'])
    return true
  } catch (e) {
    // Only "no such key" means absent; any other failure fails the test.
    if (/specified key does not exist/.test(String(e.stderr ?? ''))) return false
    throw e
  }
}
const q = (s) => `'${s.replace(/'/g, "''")}'`

test('the scheduled handler aborts old multipart uploads, deletes orphaned objects, expired sessions and stale rate-limit rows', { timeout: 120000 }, async () => {
  const token = await adminToken()
  // Kept: a file, a lesson's content, a live session, the current rate-limit window.
  const fileKey = `kept/${randomUUID()}.bin`
  const fileData = randomBytes(4096)
  assert.equal((await api('PUT', `/api/v1/uploads/${enc(fileKey)}`, { token, body: fileData })).status, 201)
  const lesson = await createLesson(token)
  assert.equal((await api('PUT', `/api/v1/lessons/${lesson.id}/content`, { token, body: '<p>kept</p>', headers: { 'Content-Type': 'text/html' } })).status, 200)
  const live = await userWithRole('learner')
  const currentKey = `login:current-${randomUUID()}`

  // Removed: a multipart upload in flight (old enough at minimum age 0), an orphaned object,
  // an expired session, a stale rate-limit counter.
  const mpKey = `abandoned/${randomUUID()}.bin`
  const started = await api('POST', '/api/v1/uploads/multipart', { token, json: { key: mpKey, partSize: 5 * 1024 * 1024 } })
  assert.equal(started.status, 201)
  const mpId = enc(started.body.data.uploadId)
  assert.equal((await api('PUT', `/api/v1/uploads/multipart/${mpId}/parts/1`, { token, body: Buffer.alloc(1024, 7) })).status, 200)
  const orphan = `files/orphan-${randomUUID()}`
  const orphanFile = join(process.env.TEST_TMP, 'orphan.bin')
  writeFileSync(orphanFile, randomBytes(100))
  await wrangler(['r2', 'object', 'put', `${BUCKET}/${orphan}`, '--file', orphanFile])
  assert.ok(await r2Exists(orphan), 'the orphan is in R2')
  const expired = await userWithRole('support')
  const expiredSid = JSON.parse(Buffer.from(expired.token.split('.')[1], 'base64url')).sid
  const staleKey = `login:stale-${randomUUID()}`
  await d1(`UPDATE sessions SET expires_at = '2001-01-01T00:00:00.000Z' WHERE id = ${q(expiredSid)};
    INSERT INTO rate_limits (key, window_start, count) VALUES (${q(staleKey)}, 1000, 3);
    INSERT INTO rate_limits (key, window_start, count) VALUES (${q(currentKey)}, ${Math.floor(Date.now() / 1000)}, 3)`)
  // (a window that started now ends LOGIN_RATE_WINDOW_SECONDS = 300 s later, after this test)
  expectError(await api('GET', '/api/v1/auth/me', { token: expired.token }), 401, 'unauthorized')

  const ran = await workerFetch(`${BASE}/__scheduled`)
  assert.equal(ran.status, 200, await ran.text())

  // Kept things still work.
  const got = await api('GET', `/api/v1/uploads/${enc(fileKey)}`, { token, raw: true })
  assert.equal(sha(got.body), sha(fileData))
  assert.equal((await api('GET', `/api/v1/lessons/${lesson.id}/content`, { token })).body, '<p>kept</p>')
  assert.equal((await api('GET', '/api/v1/auth/me', { token: live.token })).status, 200)
  // The multipart upload was aborted and forgotten: its id is unknown, its key free again.
  expectError(await api('PUT', `/api/v1/uploads/multipart/${mpId}/parts/2`, { token, body: Buffer.alloc(10) }), 404, 'not_found')
  assert.equal((await api('PUT', `/api/v1/uploads/${enc(mpKey)}`, { token, body: Buffer.from('reuse') })).status, 201)
  // The orphan is gone; the rows too.
  assert.equal(await r2Exists(orphan), false, 'the orphaned object was deleted')
  const [sessions, stale, current] = await d1(`SELECT id FROM sessions WHERE id = ${q(expiredSid)};
    SELECT key FROM rate_limits WHERE key = ${q(staleKey)};
    SELECT key FROM rate_limits WHERE key = ${q(currentKey)}`)
  assert.deepEqual(sessions, [], 'the expired session row was deleted')
  assert.deepEqual(stale, [], 'the stale rate-limit row was deleted')
  assert.equal(current.length, 1, 'the current window is kept')
})
