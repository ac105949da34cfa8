// The measuring half of scripts/progress-bench.sh (see there):
//   STATE=<persist dir> node scripts/lib/progress-bench.mjs plans
//   STATE=<persist dir> node scripts/lib/progress-bench.mjs http http://127.0.0.1:PORT
// `plans` prints EXPLAIN QUERY PLAN of the Worker's own statements, by workerd's SQLite (D1's),
// and flags full scans and sorts. `http` times requests against wrangler dev on that state
// (median and minimum of 5 warm runs) with the admin serve-test.sh created.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  progressListStatements, statsByLessonStatement, statsByTrackStatement, completionsStatement,
} from '../../src/infrastructure/repositories/D1ProgressRepository.js'

const WORKER_DIR = fileURLToPath(new URL('../..', import.meta.url))
const STATE = process.env.STATE
if (!STATE) throw new Error('STATE (the --persist-to directory) is required')

/** Runs SQL statements on the local D1 with wrangler; answers each statement's rows. */
function d1(sql) {
  const out = execFileSync(`${WORKER_DIR}/node_modules/.bin/wrangler`,
    ['d1', 'execute', 'DB', '--local', '--persist-to', STATE, '--json', '--command', sql],
    { cwd: WORKER_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } })
  return JSON.parse(out.slice(out.indexOf('['))).map((r) => r.results)
}

const literal = (v) => (typeof v === 'number' ? String(v) : v === null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`)
const inline = ({ sql, args }) => { let i = 0; return sql.replace(/\?/g, () => literal(args[i++])) }

function samples() {
  const [[s]] = d1(`SELECT (SELECT id FROM users WHERE email = 'learner0000777@example.test') AS userId,
    (SELECT id FROM lessons WHERE title = 'Lesson 033') AS lessonId, (SELECT COUNT(*) FROM progress) AS rows`)
  return s
}

/** The list queries the Progress screen makes, by name. */
function listQueries({ userId, lessonId }) {
  const base = { pageSize: 50, withTotal: true, page: 1, order: 'desc' }
  const deep = (sort, value) => ({ ...base, page: undefined, withTotal: false, sort, after: { value, userId: 'ffffffff-ffff-4fff-8fff-ffffffffffff', lessonId: 'ffffffff-ffff-4fff-8fff-ffffffffffff' } })
  return {
    'newest first': { ...base, sort: 'updatedAt' },
    'newest first, keyset': deep('updatedAt', '2025-06-01T00:00:00.000Z'),
    'completed, newest first': { ...base, sort: 'updatedAt', completed: true },
    'track + completed, newest first': { ...base, sort: 'updatedAt', track: 'track03', completed: true },
    'track + completed, keyset': { ...deep('updatedAt', '2025-06-01T00:00:00.000Z'), track: 'track03', completed: true },
    'one lesson, newest first': { ...base, sort: 'updatedAt', lessonId },
    'one lesson + track': { ...base, sort: 'updatedAt', lessonId, track: 'track03' },
    'one user, newest first': { ...base, sort: 'updatedAt', userId },
    'one user + track': { ...base, sort: 'updatedAt', userId, track: 'track03' },
    'q (FTS), newest first': { ...base, sort: 'updatedAt', search: 'learner000012' },
    'q (LIKE), newest first': { ...base, sort: 'updatedAt', search: 'zz' },
    'score 90-100, newest first': { ...base, sort: 'updatedAt', minScore: 90 },
    'completed in January 2025': { ...base, sort: 'updatedAt', completedFrom: '2025-01-01T00:00:00.000Z', completedTo: '2025-02-01T00:00:00.000Z' },
    'track + completed in January 2025': { ...base, sort: 'updatedAt', track: 'track03', completedFrom: '2025-01-01T00:00:00.000Z', completedTo: '2025-02-01T00:00:00.000Z' },
    'track + score >= 98, by score': { ...base, sort: 'score', track: 'track03', minScore: 98 },
    'q + score >= 98': { ...base, sort: 'updatedAt', search: 'learner000012', minScore: 98 },
    'by email, keyset': { ...deep('email', 'learner0100000@example.test'), order: 'asc' },
    'by email + track': { ...base, sort: 'email', order: 'asc', track: 'track03' },
    'by email + lesson': { ...base, sort: 'email', order: 'asc', lessonId },
    'by title, keyset': { ...deep('title', 'Lesson 250'), order: 'asc' },
    'by title + track': { ...base, sort: 'title', order: 'asc', track: 'track03' },
    'by title + user': { ...base, sort: 'title', order: 'asc', userId },
    'by score + lesson': { ...base, sort: 'score', lessonId },
    'by score + user': { ...base, sort: 'score', userId },
    'by score + track': { ...base, sort: 'score', track: 'track03' },
    'by completedAt + lesson': { ...base, sort: 'completedAt', lessonId },
    'by score, everything': { ...base, sort: 'score' },
  }
}

function plans() {
  const s = samples()
  console.log(`# ${s.rows} progress rows; user ${s.userId}, lesson ${s.lessonId}`)
  console.log('# ! = a sort of every row read, or a full scan: cheap when what is read is small (one user, one lesson)')
  /** @type {[string, {sql: string, args: unknown[]}][]} */
  const statements = []
  for (const [name, q] of Object.entries(listQueries(s))) {
    const { page, count } = progressListStatements(q)
    statements.push([`list: ${name}`, page])
    if (count) statements.push([`count: ${name}`, count])
  }
  statements.push(['stats per lesson', statsByLessonStatement({})], ['stats per lesson, track', statsByLessonStatement({ track: 'track03' })],
    ['stats per track', statsByTrackStatement()],
    ['completions, everything, by month', completionsStatement({ bucket: 'month' })],
    ['completions, track, by week', completionsStatement({ bucket: 'week', track: 'track03' })],
    ['completions, lesson, 30 days', completionsStatement({ bucket: 'day', lessonId: s.lessonId, from: '2025-12-01T00:00:00.000Z' })])
  const results = d1(statements.map(([, st]) => `EXPLAIN QUERY PLAN ${inline(st)}`).join(';\n'))
  statements.forEach(([name], i) => {
    const lines = results[i].map((r) => r.detail)
    const slow = lines.filter((l) => /^SCAN (p|progress)$|USE TEMP B-TREE FOR (ORDER BY|RIGHT PART)/.test(l))
    console.log(`\n${slow.length ? '!' : ' '} ${name}\n${lines.map((l) => `    ${l}`).join('\n')}`)
  })
}

async function http(base) {
  // wrangler dev's proxy and node's connection pool drop connections idle for 5 s (README,
  // "Tests"): a request meeting a closed connection is sent once more. No other retries, and
  // 120 s per request, so a slow request is measured, not sent again on top of itself.
  const fetch = async (/** @type {string} */ url, /** @type {any} */ init = {}) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await globalThis.fetch(url, { ...init, signal: AbortSignal.timeout(120000) })
      } catch (e) {
        const why = String(e?.cause?.message ?? e?.message)
        if (attempt > 1 || !/other side closed|ECONNRESET|socket/i.test(why)) throw e
      }
    }
  }
  const s = samples()
  const login = await (await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '10.9.9.9' },
    body: JSON.stringify({ email: process.env.EDGE_ADMIN_EMAIL, password: process.env.EDGE_ADMIN_PASSWORD }),
  })).json()
  const auth = { Authorization: `Bearer ${login.data.token}` }
  // A cursor 10,000 rows deep, made as the Worker makes them, from the 10,000th row itself.
  const cursorAt = (sort, order, where, value) => {
    const [[r]] = d1(`SELECT ${value} AS v, user_id AS u, lesson_id AS l FROM progress p ${where}
      ORDER BY ${value} ${order}, user_id ${order}, lesson_id ${order} LIMIT 1 OFFSET 9999`)
    return r ? Buffer.from(JSON.stringify([sort, order, r.v, r.u, r.l])).toString('base64url') : null // null: fewer rows
  }
  const deepAll = cursorAt('updatedAt', 'desc', '', 'updated_at')
  const deepTrack = cursorAt('updatedAt', 'desc', "WHERE track = 'track03' AND completed = 1", 'updated_at')
  const L = s.lessonId
  const requests = [
    ['newest first (no total)', 'progress?withTotal=false'],
    ['newest first, total from per-lesson totals', 'progress'],
    ['newest first, 10,000 deep by cursor', `progress?withTotal=false&cursor=${deepAll}`],
    ['newest first, 10,000 deep by page=201', 'progress?withTotal=false&page=201'],
    ['track + completed (no total)', 'progress?track=track03&completed=true&withTotal=false'],
    ['track + completed, with total', 'progress?track=track03&completed=true'],
    ['track + completed, 10,000 deep by cursor', `progress?track=track03&completed=true&withTotal=false&cursor=${deepTrack}`],
    ['track + completed, 10,000 deep by page=201', 'progress?track=track03&completed=true&withTotal=false&page=201'],
    ['one lesson, with total', `progress?lessonId=${L}`],
    ['one user, with total', `progress?userId=${s.userId}`],
    ['q=learner000012 (FTS), with total', 'progress?q=learner000012'],
    ['by email asc (no total)', 'progress?sort=email&order=asc&withTotal=false'],
    ['by title asc, track (no total)', 'progress?sort=title&order=asc&track=track03&withTotal=false'],
    ['by score, one lesson (no total)', `progress?sort=score&lessonId=${L}&withTotal=false`],
    ['by email asc, track (no total)', 'progress?sort=email&order=asc&track=track03&withTotal=false'],
    ['by score, a whole track', 'progress?sort=score&track=track03'],
    ['by score, track, minScore=98 (2% of it)', 'progress?sort=score&track=track03&minScore=98'],
    ['by score, everything', 'progress?sort=score'],
    ['minScore=90, counted row by row', 'progress?minScore=90'],
    ['track + minScore=90, with total', 'progress?track=track03&minScore=90'],
    ['track + completed in January 2025, with total', 'progress?track=track03&completedFrom=2025-01-01&completedTo=2025-02-01'],
    ['completed in January 2025, with total', 'progress?completedFrom=2025-01-01&completedTo=2025-02-01'],
    ['completed since 2024-03-01 (most rows), with total', 'progress?completedFrom=2024-03-01'],
    ['stats per lesson', 'progress/stats/lessons'],
    ['stats per lesson, track', 'progress/stats/lessons?track=track03'],
    ['stats per track', 'progress/stats/tracks'],
    ['completions, everything, by month', 'progress/stats/completions?bucket=month'],
    ['completions, track, by week', 'progress/stats/completions?bucket=week&track=track03'],
    ['completions, everything, 2025 to the millisecond, by week', 'progress/stats/completions?bucket=week&from=2025-01-01T12:00:00.000Z&to=2025-12-31T12:00:00.000Z'],
    ['completions, last 30 days, by day', `progress/stats/completions?from=${new Date(Date.parse('2025-12-31') - 30 * 86400000).toISOString()}`],
  ]
  console.log('| request | status | median ms | min ms |\n|---|---|---|---|')
  for (const [name, path] of requests) {
    if (path.includes('cursor=null')) continue
    const times = []
    let status = 0
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now()
      const r = await fetch(`${base}/api/v1/${path}`, { headers: auth })
      await r.arrayBuffer()
      status = r.status
      if (i > 0) times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    console.log(`| ${name} | ${status} | ${times[2].toFixed(0)} | ${times[0].toFixed(0)} |`)
  }
  // Writes: a correction with its version, and a batch of 1000 existing rows.
  const row = (await (await fetch(`${base}/api/v1/progress?lessonId=${L}&pageSize=1&withTotal=false`, { headers: auth })).json()).data[0]
  let t0 = performance.now()
  const put = await fetch(`${base}/api/v1/progress/${row.userId}/${row.lessonId}`, {
    method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ score: 42, version: row.version }),
  })
  console.log(`| PUT correction with version | ${put.status} | ${(performance.now() - t0).toFixed(0)} | |`)
  const rows = (await (await fetch(`${base}/api/v1/progress?lessonId=${L}&pageSize=200&withTotal=false`, { headers: auth })).json()).data
  const [more] = d1(`SELECT user_id AS u, lesson_id AS l FROM progress WHERE track = 'track05' LIMIT 800`)
  const batchRows = [...rows.map((r) => [r.userId, r.lessonId]), ...more.map((r) => [r.u, r.l])]
    .map(([userId, lessonId], i) => ({ userId, lessonId, completed: i % 2 === 0, score: i % 101 }))
  for (let round = 0; round < 3; round++) {
    t0 = performance.now()
    const b = await fetch(`${base}/api/v1/progress/batch`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ rows: batchRows }),
    })
    console.log(`| POST batch of ${batchRows.length} rows | ${b.status} | ${(performance.now() - t0).toFixed(0)} | |`)
  }
}

const [mode, url] = process.argv.slice(2)
if (mode === 'plans') plans()
else if (mode === 'http') await http(url)
else throw new Error('usage: progress-bench.mjs plans|http URL')
