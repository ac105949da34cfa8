import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { api, expectError, adminToken, userWithRole, workerFetch, BASE } from './helpers/client.mjs'

const MiB = 1024 * 1024
const MAX_UPLOAD = 94371840 // wrangler.toml MAX_UPLOAD_BYTES
const sha = (b) => createHash('sha256').update(b).digest('hex')
const enc = encodeURIComponent
const put = (token, key, body, headers = {}, query = '') =>
  api('PUT', `/api/v1/uploads/${enc(key)}${query}`, { token, body, headers: { 'Content-Type': 'application/pdf', ...headers } })

test('single upload: stored with size, type, name and sha256; download, range, delete', async () => {
  const token = await adminToken()
  const data = randomBytes(300 * 1024 + 7)
  const key = `docs/${randomUUID()}/report 2026 ü.pdf`
  const r = await put(token, key, data)
  assert.equal(r.status, 201)
  const u = r.body.data
  assert.deepEqual({ ...u, createdAt: 'x' }, { key, size: data.length, contentType: 'application/pdf', originalName: 'report 2026 ü.pdf', sha256: sha(data), uploadedBy: (await api('GET', '/api/v1/auth/me', { token })).body.data.id, createdAt: 'x' })

  const d = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, raw: true })
  assert.equal(d.status, 200)
  assert.equal(sha(d.body), sha(data))
  assert.equal(d.headers.get('content-type'), 'application/pdf')
  assert.equal(d.headers.get('accept-ranges'), 'bytes')
  assert.match(d.headers.get('content-disposition'), /filename\*=UTF-8''report%202026%20%C3%BC\.pdf/)

  const part = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, raw: true, headers: { Range: 'bytes=100-199' } })
  assert.equal(part.status, 206)
  assert.equal(part.headers.get('content-range'), `bytes 100-199/${data.length}`)
  assert.deepEqual(part.body, data.subarray(100, 200))
  const tail = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, raw: true, headers: { Range: 'bytes=-10' } })
  assert.deepEqual(tail.body, data.subarray(data.length - 10))
  const open = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, raw: true, headers: { Range: `bytes=${data.length - 5}-` } })
  assert.deepEqual(open.body, data.subarray(data.length - 5))
  const beyond = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, headers: { Range: `bytes=${data.length}-` } })
  assert.equal(beyond.status, 416)
  assert.equal(beyond.headers.get('content-range'), `bytes */${data.length}`)

  expectError(await put(token, key, Buffer.from('again')), 409, 'conflict')
  assert.equal((await api('DELETE', `/api/v1/uploads/${enc(key)}`, { token })).status, 204)
  expectError(await api('GET', `/api/v1/uploads/${enc(key)}`, { token }), 404, 'not_found')
  expectError(await api('DELETE', `/api/v1/uploads/${enc(key)}`, { token }), 404, 'not_found')
})

test('upload naming: originalName, default content type, bad keys refused and nothing stored', async () => {
  const token = await adminToken()
  const key = `named/${randomUUID()}`
  const r = await api('PUT', `/api/v1/uploads/${enc(key)}?originalName=${enc('Quarterly report.bin')}`, { token, body: Buffer.from('abc') })
  assert.equal(r.body.data.originalName, 'Quarterly report.bin')
  assert.equal(r.body.data.contentType, 'application/octet-stream')
  const bad = ['../etc/passwd', 'a/../../b', '/abs', 'trailing/', 'a//b', './x', 'nul\u0000byte', 'new\nline', 'tab\tname', 'back\\slash',
    'del\u007f', 'x'.repeat(513), ' lead', 'seg /x']
  for (const k of bad) {
    expectError(await put(token, k, Buffer.from('evil')), 400, 'validation')
  }
  expectError(await api('PUT', '/api/v1/uploads/%E0%A4%A', { token, body: Buffer.from('x') }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/uploads/${enc(`ok/${randomUUID()}`)}?originalName=${enc('a/b')}`, { token, body: Buffer.from('x') }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/uploads/${enc(`ok/${randomUUID()}`)}`, { token, body: Buffer.from('x'), headers: { 'Content-Type': 'not a type' } }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/uploads/${enc(`ok/${randomUUID()}`)}`, { token, body: Buffer.alloc(0) }), 400, 'validation')
  const listed = (await api('GET', '/api/v1/uploads?limit=200', { token })).body.data.map((u) => u.key)
  assert.ok(!listed.some((k) => bad.includes(k) || k.startsWith('ok/')))
})

test('a single upload above MAX_UPLOAD_BYTES is 413 and stores nothing', async () => {
  const token = await adminToken()
  const key = `big/${randomUUID()}`
  expectError(await put(token, key, Buffer.alloc(MAX_UPLOAD + 1)), 413, 'payload_too_large')
  expectError(await api('GET', `/api/v1/uploads/${enc(key)}`, { token }), 404, 'not_found')
  // Without Content-Length (a chunked stream) the Worker cannot give R2 a length: 400.
  const stream = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close() } })
  expectError(await api('PUT', `/api/v1/uploads/${enc(key)}`, { token, body: stream }), 400, 'validation')
})

test('list uploads with a cursor, newest first, with prefix', async () => {
  const token = await adminToken()
  const prefix = `list-${randomUUID().slice(0, 8)}/`
  const keys = []
  for (let i = 0; i < 5; i++) {
    keys.push(`${prefix}f${i}`)
    await put(token, keys[i], Buffer.from(`file ${i}`))
  }
  const seen = []
  let cursor = null
  let pages = 0
  do {
    const r = await api('GET', `/api/v1/uploads?limit=2&prefix=${enc(prefix)}${cursor ? `&cursor=${cursor}` : ''}`, { token })
    seen.push(...r.body.data.map((u) => u.key))
    cursor = r.body.cursor
    pages++
  } while (cursor)
  assert.equal(pages, 3)
  assert.deepEqual(seen, [...keys].reverse())
  expectError(await api('GET', '/api/v1/uploads?cursor=bogus', { token }), 400, 'validation')
  expectError(await api('GET', '/api/v1/uploads?limit=0', { token }), 400, 'validation')
  expectError(await api('GET', '/api/v1/uploads?limit=201', { token }), 400, 'validation')
})

test('list prefix: long prefixes, case-sensitive, % and _ literal, any last character', async () => {
  const token = await adminToken()
  const tag = randomUUID().slice(0, 8)
  const long = `long-${tag}/${'a'.repeat(300)}/end.txt`
  const keys = [long, `docs-${tag}/a.txt`, `Docs-${tag}/b.txt`, `pct-${tag}/x`, `pct-${tag}/%y`, `emoji-${tag}/\u{1F600}a`, `emoji-${tag}/\u{1F601}b`]
  for (const k of keys) assert.equal((await put(token, k, Buffer.from(k))).status, 201, k)
  const list = async (prefix) => {
    const r = await api('GET', `/api/v1/uploads?limit=200&prefix=${enc(prefix)}`, { token })
    assert.equal(r.status, 200, JSON.stringify(r.body))
    return r.body.data.map((u) => u.key).sort()
  }
  // D1 refused LIKE patterns over 50 bytes with a 500; a range on the key has no such limit.
  assert.deepEqual(await list(long.slice(0, -1)), [long])
  assert.deepEqual(await list(long), [long])
  assert.deepEqual(await list('x'.repeat(512)), [])
  assert.deepEqual(await list(`long-${tag}/${'a'.repeat(300)}/enD`), [])
  // Keys are case-sensitive, and so is the prefix.
  assert.deepEqual(await list(`Docs-${tag}/`), [`Docs-${tag}/b.txt`])
  assert.deepEqual(await list(`docs-${tag}/`), [`docs-${tag}/a.txt`])
  // % and _ are characters, not wildcards.
  assert.deepEqual(await list(`pct-${tag}/%`), [`pct-${tag}/%y`])
  assert.deepEqual(await list(`pct-${tag}/_`), [])
  // A last character outside the BMP (a surrogate pair in JavaScript).
  assert.deepEqual(await list(`emoji-${tag}/\u{1F600}`), [`emoji-${tag}/\u{1F600}a`])
  assert.deepEqual(await list(`emoji-${tag}/`), [`emoji-${tag}/\u{1F600}a`, `emoji-${tag}/\u{1F601}b`])
  expectError(await api('GET', `/api/v1/uploads?prefix=${'x'.repeat(513)}`, { token }), 400, 'validation')
})

test('multipart rules: part size limits, owner checks, abort, R2 equal-part rule', async () => {
  const token = await adminToken()
  const other = await userWithRole('support')
  const key = `mp/${randomUUID()}.bin`
  expectError(await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize: 5 * MiB - 1 } }), 400, 'validation')
  expectError(await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize: MAX_UPLOAD + 1 } }), 400, 'validation')
  expectError(await api('POST', '/api/v1/uploads/multipart', { token, json: { key: '../x', partSize: 5 * MiB } }), 400, 'validation')
  const started = await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize: 5 * MiB, contentType: 'application/zip', originalName: 'a.zip' } })
  assert.equal(started.status, 201)
  const { uploadId } = started.body.data
  const id = enc(uploadId)
  // The key is reserved while the upload is in flight.
  expectError(await put(token, key, Buffer.from('x')), 409, 'conflict')
  expectError(await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize: 5 * MiB } }), 409, 'conflict')

  // Someone else may not touch it.
  expectError(await api('PUT', `/api/v1/uploads/multipart/${id}/parts/1`, { token: other.token, body: Buffer.alloc(10) }), 403, 'forbidden')
  expectError(await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token: other.token, json: { parts: [{ partNumber: 1, etag: 'x' }] } }), 403, 'forbidden')
  expectError(await api('DELETE', `/api/v1/uploads/multipart/${id}`, { token: other.token }), 403, 'forbidden')

  expectError(await api('PUT', `/api/v1/uploads/multipart/${id}/parts/1`, { token, body: Buffer.alloc(5 * MiB + 1) }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/uploads/multipart/${id}/parts/0`, { token, body: Buffer.alloc(10) }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/uploads/multipart/${id}/parts/10001`, { token, body: Buffer.alloc(10) }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/uploads/multipart/nope/parts/1`, { token, body: Buffer.alloc(10) }), 404, 'not_found')

  // A short part that is not the last breaks R2's rule: completion is refused with 400.
  const p1 = await api('PUT', `/api/v1/uploads/multipart/${id}/parts/1`, { token, body: Buffer.alloc(MiB, 1) })
  const p2 = await api('PUT', `/api/v1/uploads/multipart/${id}/parts/2`, { token, body: Buffer.alloc(MiB, 2) })
  assert.equal(p1.status, 200)
  const parts = [p1.body.data, p2.body.data]
  expectError(await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts: [parts[1], parts[0]] } }), 400, 'validation')
  expectError(await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts: [] } }), 400, 'validation')
  expectError(await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts } }), 400, 'validation')

  assert.equal((await api('DELETE', `/api/v1/uploads/multipart/${id}`, { token })).status, 204)
  expectError(await api('DELETE', `/api/v1/uploads/multipart/${id}`, { token }), 404, 'not_found')
  expectError(await api('GET', `/api/v1/uploads/${enc(key)}`, { token }), 404, 'not_found')
  // The key is free again.
  assert.equal((await put(token, key, Buffer.from('now single'))).status, 201)
})

test('multipart upload of a file larger than 100 MB: downloaded bytes match (sha256)', { timeout: 300000 }, async () => {
  const { token } = await userWithRole('editor') // editors may create uploads
  const size = 105 * MiB + 12345
  const partSize = 20 * MiB
  const file = randomBytes(size)
  const expected = sha(file)
  const key = `videos/${randomUUID()}/lecture.mp4`
  const t0 = Date.now()
  const started = await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize, contentType: 'video/mp4' } })
  assert.equal(started.status, 201)
  const id = enc(started.body.data.uploadId)
  const parts = []
  for (let n = 1, off = 0; off < size; n++, off += partSize) {
    const r = await api('PUT', `/api/v1/uploads/multipart/${id}/parts/${n}`, { token, body: file.subarray(off, Math.min(off + partSize, size)) })
    assert.equal(r.status, 200, JSON.stringify(r.body))
    parts.push(r.body.data)
  }
  assert.equal(parts.length, 6)
  const done = await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts } })
  assert.equal(done.status, 201)
  assert.equal(done.body.data.size, size)
  assert.equal(done.body.data.contentType, 'video/mp4')
  assert.equal(done.body.data.originalName, 'lecture.mp4')
  assert.equal(done.body.data.sha256, null)
  const uploadedMs = Date.now() - t0

  const res = await workerFetch(`${BASE}/api/v1/uploads/${enc(key)}`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'video/mp4')
  assert.equal(Number(res.headers.get('content-length')), size)
  const h = createHash('sha256')
  let got = 0
  for await (const chunk of res.body) { h.update(chunk); got += chunk.length }
  assert.equal(got, size)
  assert.equal(h.digest('hex'), expected)
  const range = await api('GET', `/api/v1/uploads/${enc(key)}`, { token, raw: true, headers: { Range: `bytes=${100 * MiB}-${100 * MiB + 99}` } })
  assert.deepEqual(range.body, file.subarray(100 * MiB, 100 * MiB + 100))
  console.log(`# multipart ${size} bytes: upload+complete ${uploadedMs} ms, total ${Date.now() - t0} ms`)
  expectError(await api('DELETE', `/api/v1/uploads/${enc(key)}`, { token }), 403, 'forbidden') // editors may not delete
})
