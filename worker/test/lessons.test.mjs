import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { api, expectError, adminToken, userWithRole, createLesson } from './helpers/client.mjs'

test('create, get, update, delete a lesson', async () => {
  const token = await adminToken()
  const l = await createLesson(token, { title: '  Intro to HTML  ', track: 'web basics', difficulty: 1 })
  assert.equal(l.title, 'Intro to HTML')
  assert.equal(l.status, 'draft')
  assert.equal(l.hasContent, false)
  assert.equal(l.version, 1)
  assert.deepEqual((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data, l)
  const p = await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 1, status: 'published', difficulty: 3 } })
  assert.equal(p.status, 200)
  assert.equal(p.body.data.version, 2)
  assert.equal(p.body.data.status, 'published')
  // The cached copy was invalidated by the write.
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.version, 2)
  // DELETE answers the lesson as it was (the console needs no GET before deleting).
  const deleted = await api('DELETE', `/api/v1/lessons/${l.id}`, { token })
  assert.equal(deleted.status, 200)
  assert.deepEqual(deleted.body.data, p.body.data)
  expectError(await api('GET', `/api/v1/lessons/${l.id}`, { token }), 404, 'not_found')
})

test('lesson validation', async () => {
  const token = await adminToken()
  const bad = [
    [{ title: '' }, 'title'], [{ title: 't'.repeat(201) }, 'title'], [{ track: 'web/../x' }, 'track'],
    [{ track: 't'.repeat(65) }, 'track'], [{ difficulty: 0 }, 'difficulty'], [{ difficulty: 6 }, 'difficulty'],
    [{ difficulty: 2.5 }, 'difficulty'], [{ difficulty: '3' }, 'difficulty'], [{ status: 'archived' }, 'status'],
  ]
  for (const [over, field] of bad) {
    const r = await api('POST', '/api/v1/lessons', { token, json: { title: 'ok', track: 'web', ...over } })
    assert.ok(expectError(r, 400, 'validation').details[field], JSON.stringify(over))
  }
  expectError(await api('POST', '/api/v1/lessons', { token, json: { title: 'ok' } }), 400, 'validation')
})

test('stale lesson version: 409 with current, nothing changes', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 1, title: 'Winner' } })
  const body = expectError(await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 1, title: 'Loser' } }), 409, 'conflict')
  assert.equal(body.current.title, 'Winner')
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.title, 'Winner')
})

test('list with track and status filters, sort and pagination', async () => {
  const token = await adminToken()
  const track = `track-${randomUUID().slice(0, 6)}`
  for (let d = 1; d <= 5; d++) await createLesson(token, { track, difficulty: d, status: d % 2 ? 'published' : 'draft' })
  const all = await api('GET', `/api/v1/lessons?track=${track}&sort=difficulty&order=asc`, { token })
  assert.deepEqual(all.body.data.map((l) => l.difficulty), [1, 2, 3, 4, 5])
  const pub = await api('GET', `/api/v1/lessons?track=${track}&status=published&pageSize=2`, { token })
  assert.deepEqual(pub.body.pagination, { page: 1, pageSize: 2, total: 3, totalPages: 2 })
  assert.ok(pub.body.data.every((l) => l.status === 'published'))
})

test('HTML content: put, get through the cache tiers, invalidation on write', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  expectError(await api('GET', `/api/v1/lessons/${l.id}/content`, { token }), 404, 'not_found')
  const html = '<h1>Héllo</h1><p>ünïcode ✓</p>'
  const put = await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: html, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
  assert.equal(put.status, 200)
  assert.equal(put.body.data.hasContent, true)
  assert.equal(put.body.data.version, 2)
  const first = await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  assert.equal(first.body, html)
  assert.match(first.headers.get('content-type'), /^text\/html/)
  assert.equal(first.headers.get('x-cache'), 'MISS')
  const second = await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  assert.equal(second.headers.get('x-cache'), 'HIT')
  assert.equal(second.body, html)
  // A new version invalidates the KV tier (write-through invalidation on the event bus).
  await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>v2</p>', headers: { 'Content-Type': 'text/html' } })
  const third = await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  assert.equal(third.headers.get('x-cache'), 'MISS')
  assert.equal(third.body, '<p>v2</p>')
  // Metadata updates invalidate it too.
  await api('GET', `/api/v1/lessons/${l.id}/content`, { token })
  await api('PATCH', `/api/v1/lessons/${l.id}`, { token, json: { version: 3, title: 'Renamed' } })
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}/content`, { token })).headers.get('x-cache'), 'MISS')
  // If-Match: stale version is 409.
  const stale = await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>x</p>', headers: { 'Content-Type': 'text/html', 'If-Match': '"1"' } })
  assert.equal(expectError(stale, 409, 'conflict').current.version, 4)
  const ok = await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>y</p>', headers: { 'Content-Type': 'text/html', 'If-Match': '"4"' } })
  assert.equal(ok.body.data.version, 5)
})

test('content: wrong type, too large, not UTF-8, deleted with the lesson', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  expectError(await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>x</p>', headers: { 'Content-Type': 'application/json' } }), 400, 'validation')
  expectError(await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: 'x'.repeat(2 * 1024 * 1024 + 1), headers: { 'Content-Type': 'text/html' } }), 413, 'payload_too_large')
  expectError(await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: Buffer.from([0xff, 0xfe, 0x41]), headers: { 'Content-Type': 'text/html' } }), 400, 'validation')
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.hasContent, false)
  expectError(await api('PUT', `/api/v1/lessons/${randomUUID()}/content`, { token, body: '<p/>', headers: { 'Content-Type': 'text/html' } }), 404, 'not_found')
  await api('PUT', `/api/v1/lessons/${l.id}/content`, { token, body: '<p>bye</p>', headers: { 'Content-Type': 'text/html' } })
  await api('DELETE', `/api/v1/lessons/${l.id}`, { token })
  expectError(await api('GET', `/api/v1/lessons/${l.id}/content`, { token }), 404, 'not_found')
})

test('learners see published lessons only; drafts are 404 for them', async () => {
  const token = await adminToken()
  const learner = await userWithRole('learner')
  const track = `lt-${randomUUID().slice(0, 6)}`
  const draft = await createLesson(token, { track })
  const pub = await createLesson(token, { track, status: 'published' })
  await api('PUT', `/api/v1/lessons/${draft.id}/content`, { token, body: '<p>secret</p>', headers: { 'Content-Type': 'text/html' } })
  await api('PUT', `/api/v1/lessons/${pub.id}/content`, { token, body: '<p>public</p>', headers: { 'Content-Type': 'text/html' } })
  const list = await api('GET', `/api/v1/lessons?track=${track}`, { token: learner.token })
  assert.deepEqual(list.body.data.map((l) => l.id), [pub.id])
  assert.equal((await api('GET', `/api/v1/lessons?track=${track}&status=draft`, { token: learner.token })).body.data.length, 0)
  expectError(await api('GET', `/api/v1/lessons/${draft.id}`, { token: learner.token }), 404, 'not_found')
  expectError(await api('GET', `/api/v1/lessons/${draft.id}/content`, { token: learner.token }), 404, 'not_found')
  assert.equal((await api('GET', `/api/v1/lessons/${pub.id}/content`, { token: learner.token })).body, '<p>public</p>')
  // Unpublishing hides it again at once (cache invalidated).
  await api('PATCH', `/api/v1/lessons/${pub.id}`, { token, json: { version: 2, status: 'draft' } })
  expectError(await api('GET', `/api/v1/lessons/${pub.id}/content`, { token: learner.token }), 404, 'not_found')
})

/** GET /lessons with the query string; asserts 200 and answers the ids of the page. */
async function listIds(token, query) {
  const r = await api('GET', `/api/v1/lessons?${query}`, { token })
  assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`)
  return r.body.data.map((l) => l.id)
}

test('list: q (title substring, case-insensitive, %, _ and \\ literal), difficulty, with track and status', async () => {
  const token = await adminToken()
  const tag = `Qz${randomUUID().slice(0, 6)}`
  const track = `qt-${tag}`
  const other = `qo-${tag}`
  const make = (title, difficulty, status, t = track) => createLesson(token, { title, track: t, difficulty, status })
  const pct = await make(`${tag} 100% HTML`, 1, 'published')
  const plain = await make(`${tag} 100 percent`, 2, 'draft')
  const under = await make(`${tag} snake_case`, 3, 'published')
  const noUnder = await make(`${tag} snakeXcase`, 3, 'draft')
  const slash = await make(`${tag} back\\slash`, 4, 'draft')
  const elsewhere = await make(`Intro ${tag.toLowerCase()} elsewhere`, 5, 'published', other)
  const q = (s) => `q=${encodeURIComponent(s)}`
  const sorted = (...ls) => ls.map((l) => l.id).sort()
  // Case-insensitive (ASCII), anywhere in the title; newest first by default.
  assert.deepEqual(await listIds(token, `${q(tag.toUpperCase())}&pageSize=200`), [elsewhere, slash, noUnder, under, plain, pct].map((l) => l.id))
  // % and _ are literal: unescaped, '0%' would match "100 percent" and 'e_c' "snakeXcase".
  assert.deepEqual(await listIds(token, `${q('0%')}&track=${track}`), [pct.id])
  assert.deepEqual(await listIds(token, `${q('e_c')}&track=${track}`), [under.id])
  assert.deepEqual(await listIds(token, `${q('k\\s')}&track=${track}`), [slash.id])
  assert.deepEqual(await listIds(token, q(`${tag} 100%`)), [pct.id])
  // Trimmed like the users search; a blank q is no filter.
  assert.deepEqual(await listIds(token, q(`  ${tag} 100%  `)), [pct.id])
  assert.deepEqual((await listIds(token, `q=%20&track=${track}`)).sort(), sorted(pct, plain, under, noUnder, slash))
  assert.deepEqual(await listIds(token, q(`${tag} nothing like it`)), [])
  // Difficulty, alone and with the other filters (AND).
  assert.deepEqual((await listIds(token, `track=${track}&difficulty=3`)).sort(), sorted(under, noUnder))
  assert.deepEqual(await listIds(token, `track=${track}&difficulty=3&status=published`), [under.id])
  assert.deepEqual(await listIds(token, `${q(tag)}&difficulty=3&status=draft`), [noUnder.id])
  assert.deepEqual(await listIds(token, `${q(tag)}&track=${other}`), [elsewhere.id])
  assert.deepEqual(await listIds(token, `${q(tag)}&track=${other}&difficulty=4`), [])
  const page = await api('GET', `/api/v1/lessons?${q(tag)}&status=published&pageSize=2`, { token })
  assert.deepEqual(page.body.pagination, { page: 1, pageSize: 2, total: 3, totalPages: 2 })
  // Learners: the same filters over published lessons only.
  const learner = await userWithRole('learner')
  assert.deepEqual((await listIds(learner.token, `${q(tag)}&pageSize=200`)).sort(), sorted(pct, under, elsewhere))
  assert.deepEqual(await listIds(learner.token, `${q(tag)}&difficulty=3`), [under.id])
  assert.deepEqual(await listIds(learner.token, `${q('k\\s')}&track=${track}`), [])
})

test('list: sort=updatedAt, ties ordered by id, pages in the same order', async () => {
  const token = await adminToken()
  const track = `up-${randomUUID().slice(0, 6)}`
  const made = []
  for (let i = 0; i < 4; i++) made.push(await createLesson(token, { track }))
  await new Promise((resolve) => setTimeout(resolve, 5))
  // The oldest lesson becomes the most recently updated one.
  await api('PATCH', `/api/v1/lessons/${made[0].id}`, { token, json: { version: 1, difficulty: 4 } })
  const desc = (await api('GET', `/api/v1/lessons?track=${track}&sort=updatedAt&order=desc`, { token })).body.data
  assert.equal(desc[0].id, made[0].id)
  const byUpdatedThenId = (a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  assert.deepEqual(desc.map((l) => l.id), [...desc].sort(byUpdatedThenId).reverse().map((l) => l.id))
  const asc = (await api('GET', `/api/v1/lessons?track=${track}&sort=updatedAt&order=asc`, { token })).body.data
  assert.deepEqual(asc.map((l) => l.id), desc.map((l) => l.id).reverse())
  assert.equal(asc.at(-1).id, made[0].id)
  const paged = []
  for (let p = 1; p <= 4; p++) paged.push(...await listIds(token, `track=${track}&sort=updatedAt&order=asc&pageSize=1&page=${p}`))
  assert.deepEqual(paged, asc.map((l) => l.id))
})

test('list: bad q, difficulty and sort are 400 naming the parameter', async () => {
  const token = await adminToken()
  const bad = [
    ['q=a%01b', 'q'], ['q=%7F', 'q'], ['q=tab%09', 'q'], ['q=line%0Abreak', 'q'], [`q=${'x'.repeat(201)}`, 'q'], ['q=a&q=b', 'q'],
    ['difficulty=0', 'difficulty'], ['difficulty=6', 'difficulty'], ['difficulty=2.5', 'difficulty'], ['difficulty=abc', 'difficulty'],
    ['difficulty=', 'difficulty'], ['difficulty=-1', 'difficulty'], ['difficulty=%203', 'difficulty'], ['difficulty=1e0', 'difficulty'],
    ['sort=updated_at', 'sort'], ['sort=updatedat', 'sort'],
  ]
  for (const [query, field] of bad) {
    const body = expectError(await api('GET', `/api/v1/lessons?${query}`, { token }), 400, 'validation')
    assert.ok(body.details?.[field], `${query}: ${JSON.stringify(body)}`)
    assert.match(body.error, new RegExp(`^${field} `), query)
  }
  // The limits themselves are accepted, and long terms work (D1 refuses LIKE patterns over
  // 50 bytes; the search must not be one).
  assert.deepEqual(await listIds(token, `q=${'x'.repeat(200)}`), [])
  assert.deepEqual(await listIds(token, `q=${encodeURIComponent('%'.repeat(60))}`), [])
  const long = await createLesson(token, { title: `${randomUUID()} ${'é_%'.repeat(60)}`.slice(0, 200) })
  assert.equal([...long.title].length, 200)
  assert.deepEqual(await listIds(token, `q=${encodeURIComponent(long.title.toUpperCase().replace(/É/g, 'é'))}`), [long.id])
  for (const d of [1, 5]) assert.equal((await api('GET', `/api/v1/lessons?difficulty=${d}`, { token })).status, 200)
})

test('content: If-None-Match answers 304 while the ETag holds, 200 with the body otherwise', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  const path = `/api/v1/lessons/${l.id}/content`
  const put = (html, headers = {}) => api('PUT', path, { token, body: html, headers: { 'Content-Type': 'text/html', ...headers } })
  const get = (inm, who = token) => api('GET', path, { token: who, headers: inm === undefined ? {} : { 'If-None-Match': inm } })
  // No content yet: 404 even for "*" (there is no current representation).
  expectError(await get('*'), 404, 'not_found')
  assert.equal((await put('<p>one</p>')).body.data.version, 2)
  // Right after a write the KV tier is empty: a 304 says MISS, the next one HIT.
  const first = await get('"2"')
  assert.equal(first.status, 304)
  assert.equal(first.body, '')
  assert.equal(first.headers.get('etag'), '"2"')
  assert.equal(first.headers.get('x-cache'), 'MISS')
  assert.equal(first.headers.get('content-type'), null)
  for (const inm of ['"2"', 'W/"2"', '"1", W/"2"', ' "7" ,, "2" ', '*']) {
    const r = await get(inm)
    assert.equal(r.status, 304, inm)
    assert.equal(r.body, '', inm)
    assert.equal(r.headers.get('etag'), '"2"', inm)
    assert.equal(r.headers.get('x-cache'), 'HIT', inm)
  }
  for (const inm of ['"1"', 'W/"1", "3"', '"22"', '""', '']) {
    const r = await get(inm)
    assert.equal(r.status, 200, inm)
    assert.equal(r.body, '<p>one</p>', inm)
    assert.equal(r.headers.get('etag'), '"2"', inm)
  }
  for (const inm of ['2', 'W/2', '"2', 'w/"2"', '"1" "2"', '"1", *']) {
    const body = expectError(await get(inm), 400, 'validation')
    assert.ok(body.details['If-None-Match'], inm)
  }
  // New content: the old tag no longer matches; the new one does.
  assert.equal((await put('<p>two</p>', { 'If-Match': '"2"' })).body.data.version, 3)
  const changed = await get('"2"')
  assert.equal(changed.status, 200)
  assert.equal(changed.body, '<p>two</p>')
  assert.equal(changed.headers.get('etag'), '"3"')
  assert.equal(changed.headers.get('x-cache'), 'MISS')
  assert.equal((await get('"3"')).status, 304)
  // A metadata change bumps the version, and with it the ETag.
  await api('PATCH', path.replace(/\/content$/, ''), { token, json: { version: 3, status: 'published' } })
  const renamed = await get('"3"')
  assert.equal(renamed.status, 200)
  assert.equal(renamed.headers.get('etag'), '"4"')
  // Visibility before 304: a draft stays 404 for a learner whatever the tag.
  const learner = await userWithRole('learner')
  assert.equal((await get('"4"', learner.token)).status, 304)
  await api('PATCH', path.replace(/\/content$/, ''), { token, json: { version: 4, status: 'draft' } })
  expectError(await get('*', learner.token), 404, 'not_found')
  expectError(await get('"5"', learner.token), 404, 'not_found')
})

test('content PUT: 2 MiB accepted, one byte more 413, bytes not UTF-8 400, stale If-Match 409, nothing changed', async () => {
  const token = await adminToken()
  const l = await createLesson(token)
  const path = `/api/v1/lessons/${l.id}/content`
  const put = (body, headers = {}) => api('PUT', path, { token, body, headers: { 'Content-Type': 'text/html', ...headers } })
  const tooLarge = expectError(await put('x'.repeat(2 * 1024 * 1024 + 1)), 413, 'payload_too_large')
  assert.match(tooLarge.error, /2097152 bytes/)
  for (const bytes of [[0xff, 0xfe, 0x41], [0x3c, 0x70, 0x3e, 0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
    const body = expectError(await put(Buffer.from(bytes)), 400, 'validation')
    assert.match(body.details.body, /UTF-8/, JSON.stringify(bytes))
  }
  assert.equal((await api('GET', `/api/v1/lessons/${l.id}`, { token })).body.data.version, 1)
  const full = await put('y'.repeat(2 * 1024 * 1024), { 'If-Match': '"1"' })
  assert.equal(full.status, 200)
  assert.equal(full.body.data.version, 2)
  const stale = expectError(await put('<p>late</p>', { 'If-Match': 'W/"1"' }), 409, 'conflict')
  assert.equal(stale.current.version, 2)
  const served = await api('GET', path, { token })
  assert.equal(served.body.length, 2 * 1024 * 1024)
  assert.equal(served.headers.get('etag'), '"2"')
})
