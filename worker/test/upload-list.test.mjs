import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import { api, expectError, adminToken } from './helpers/client.mjs'

const MiB = 1024 * 1024
const enc = encodeURIComponent
const sha = (b) => createHash('sha256').update(b).digest('hex')

/** Uploads under a fresh prefix: names, types and sizes chosen so every sort orders them differently. */
async function seed(token) {
  const prefix = `ls-${randomUUID().slice(0, 8)}/`
  const files = [
    { name: 'Zebra.PNG', type: 'image/png', size: 30 },
    { name: 'apple.jpg', type: 'image/jpeg', size: 5 },
    { name: 'notes.txt', type: 'text/plain; charset=utf-8', size: 12 },
    { name: 'Report-final.pdf', type: 'application/pdf', size: 30 },
    { name: 'mango.txt', type: 'text/plain', size: 1 },
    { name: 'imagery.bin', type: 'application/octet-stream', size: 7 },
  ]
  const stored = []
  for (const [i, f] of files.entries()) {
    const key = `${prefix}${String.fromCharCode(102 - i)}-${i}` // f-0, e-1, ... so key order is not name order
    const r = await api('PUT', `/api/v1/uploads/${enc(key)}?originalName=${enc(f.name)}`,
      { token, body: Buffer.alloc(f.size, i), headers: { 'Content-Type': f.type } })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    stored.push(r.body.data)
  }
  return { prefix, stored }
}

/** Every page of a list, by cursor. */
async function listAll(token, query, limit = 2) {
  const keys = []
  let cursor = null
  do {
    const r = await api('GET', `/api/v1/uploads?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`, { token })
    assert.equal(r.status, 200, JSON.stringify(r.body))
    keys.push(...r.body.data.map((u) => u.key))
    cursor = r.body.cursor
  } while (cursor)
  return keys
}

const byColumn = { createdAt: 'createdAt', key: 'key', name: 'originalName', size: 'size', contentType: 'contentType' }
const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

test('list uploads sorted by each column in both orders, paged without gaps or repeats', async () => {
  const token = await adminToken()
  const { prefix, stored } = await seed(token)
  for (const sort of Object.keys(byColumn)) {
    for (const order of ['asc', 'desc']) {
      const field = byColumn[sort]
      const sign = order === 'asc' ? 1 : -1
      const expected = [...stored].sort((a, b) => sign * (compare(a[field], b[field]) || compare(a.key, b.key))).map((u) => u.key)
      assert.deepEqual(await listAll(token, `prefix=${enc(prefix)}&sort=${sort}&order=${order}`), expected, `${sort} ${order}`)
    }
  }
  // The default is newest first.
  assert.deepEqual(await listAll(token, `prefix=${enc(prefix)}`), await listAll(token, `prefix=${enc(prefix)}&sort=createdAt&order=desc`))
})

test('list uploads by search (key or name, any case) and content type (exact or family)', async () => {
  const token = await adminToken()
  const { prefix, stored } = await seed(token)
  const keysOf = (pred) => stored.filter(pred).map((u) => u.key).sort()
  const list = async (query) => (await listAll(token, `prefix=${enc(prefix)}&sort=key&order=asc&${query}`, 200))
  assert.deepEqual(await list('q=IMAGE'), keysOf((u) => u.originalName === 'imagery.bin'))
  assert.deepEqual(await list('q=.TXT'), keysOf((u) => u.originalName.endsWith('.txt')))
  assert.deepEqual(await list(`q=${enc('e-1')}`), keysOf((u) => u.key.endsWith('e-1'))) // part of the key
  assert.deepEqual(await list('q=nothing-like-it'), [])
  assert.deepEqual(await list(`contentType=${enc('image/')}`), keysOf((u) => u.contentType.startsWith('image/')))
  assert.deepEqual(await list(`contentType=${enc('text/plain')}`), keysOf((u) => u.contentType.startsWith('text/plain')))
  assert.deepEqual(await list(`contentType=${enc('image/png')}`), keysOf((u) => u.contentType === 'image/png'))
  assert.deepEqual(await list(`contentType=${enc('image')}`), []) // not a family without its slash
  assert.deepEqual(await list(`contentType=${enc('text/')}&q=mango`), keysOf((u) => u.originalName === 'mango.txt'))
})

test('a list cursor continues only its own list; bad sort and order are 400', async () => {
  const token = await adminToken()
  const { prefix } = await seed(token)
  const first = await api('GET', `/api/v1/uploads?limit=2&prefix=${enc(prefix)}&sort=name&order=asc`, { token })
  const cursor = first.body.cursor
  assert.ok(cursor)
  for (const other of ['sort=size&order=asc', 'sort=name&order=desc', `sort=name&order=asc&q=a`, `sort=name&order=asc&contentType=image%2F`]) {
    const r = expectError(await api('GET', `/api/v1/uploads?limit=2&prefix=${enc(prefix)}&${other}&cursor=${cursor}`, { token }), 400, 'validation')
    assert.ok(r.details.cursor, other)
  }
  const otherPrefix = expectError(await api('GET', `/api/v1/uploads?limit=2&prefix=x&sort=name&order=asc&cursor=${cursor}`, { token }), 400, 'validation')
  assert.ok(otherPrefix.details.cursor)
  assert.ok(expectError(await api('GET', '/api/v1/uploads?sort=owner', { token }), 400, 'validation').details.sort)
  assert.ok(expectError(await api('GET', '/api/v1/uploads?order=up', { token }), 400, 'validation').details.order)
  assert.ok(expectError(await api('GET', `/api/v1/uploads?q=${enc('a\nb')}`, { token }), 400, 'validation').details.q)
  // The same cursor continues its own list.
  const next = await api('GET', `/api/v1/uploads?limit=2&prefix=${enc(prefix)}&sort=name&order=asc&cursor=${cursor}`, { token })
  assert.equal(next.status, 200)
  assert.equal(next.body.data.length, 2)
})

test('multipart completion records the declared sha256; a malformed one is a 400 naming sha256', async () => {
  const token = await adminToken()
  const key = `mp-sha/${randomUUID()}.bin`
  const data = Buffer.alloc(MiB + 3, 7)
  const started = await api('POST', '/api/v1/uploads/multipart', { token, json: { key, partSize: 5 * MiB } })
  assert.equal(started.status, 201)
  const id = enc(started.body.data.uploadId)
  const part = await api('PUT', `/api/v1/uploads/multipart/${id}/parts/1`, { token, body: data })
  assert.equal(part.status, 200)
  const parts = [part.body.data]
  for (const bad of ['ABC', sha(data).toUpperCase(), 42, null, `${sha(data)}0`]) {
    const r = expectError(await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts, sha256: bad } }), 400, 'validation')
    assert.ok(r.details.sha256, String(bad))
  }
  const done = await api('POST', `/api/v1/uploads/multipart/${id}/complete`, { token, json: { parts, sha256: sha(data) } })
  assert.equal(done.status, 201, JSON.stringify(done.body))
  assert.equal(done.body.data.sha256, sha(data))
  const listed = await api('GET', `/api/v1/uploads?prefix=${enc(key)}`, { token })
  assert.equal(listed.body.data[0].sha256, sha(data))
  assert.equal((await api('DELETE', `/api/v1/uploads/${enc(key)}`, { token })).status, 204)
})
