// @ts-check
import { Progress, ProgressRow } from '../../domain/entities/Progress.js'
import { isForeignKeyViolation } from './pagination.js'
import { userSearchCondition } from './D1UserRepository.js'
import { NotFoundError } from '../../shared/errors.js'

/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {import('./D1EventStore.js').D1EventStore} D1EventStore */
/** @typedef {'updatedAt'|'score'|'completedAt'|'email'|'title'} ProgressSort */
/** @typedef {{value: string|number, userId: string, lessonId: string}} ProgressPosition a row's place in a sort: its sort value and key */

/**
 * @typedef {Object} ProgressFilter
 * @property {string} [userId]
 * @property {string} [lessonId]
 * @property {string} [track]
 * @property {boolean} [completed]
 * @property {string} [search] a case-insensitive substring of the learner's email or username (the users search)
 * @property {number} [minScore] inclusive
 * @property {number} [maxScore] inclusive
 * @property {string} [completedFrom] inclusive
 * @property {string} [completedTo] exclusive
 */

/**
 * @typedef {ProgressFilter & {
 *   sort: ProgressSort, order: 'asc'|'desc', pageSize: number, withTotal: boolean,
 *   page?: number, after?: ProgressPosition, byCompletion?: boolean
 * }} ProgressListQuery `after` (keyset: rows after this position) or `page` (offset), not both;
 *   `byCompletion`: find the rows of a completion-time range through idx_progress_completions
 *   and sort them (for a range of few rows), rather than walk the sort's index
 */

/** @typedef {{lessonId?: string, track?: string, from?: string, to?: string, bucket: 'day'|'week'|'month'}} CompletionsQuery */

const COLUMNS = `p.user_id, p.lesson_id, p.completed, p.score, p.completed_at, p.updated_at, p.version,
  u.email AS user_email, u.username AS username, l.title AS lesson_title, l.track AS lesson_track`
const PROGRESS_FIRST = 'progress p JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id'

/**
 * Per sort: the value rows are ordered by (ties broken by user_id, then lesson_id, in the same
 * direction) and the join order that lets SQLite walk an index in that order. CROSS JOIN
 * fixes SQLite's join order (D1's planner otherwise puts a track's lessons first and sorts
 * everything): by email, users in email order (UNIQUE index) and each user's rows by the
 * primary key; by title, lessons in title order (INDEXED BY: D1's planner would rather sort)
 * and each lesson's rows, sorted per lesson, never the whole table. A completion time sorts
 * as '' when there is none (before every time ascending, after them descending, like NULL).
 * @type {Record<ProgressSort, {value: string, from: string, read: (row: any) => string|number}>}
 */
const SORTS = {
  updatedAt: { value: 'p.updated_at', from: PROGRESS_FIRST, read: (r) => r.updated_at },
  score: { value: 'p.score', from: PROGRESS_FIRST, read: (r) => r.score },
  completedAt: { value: "ifnull(p.completed_at, '')", from: PROGRESS_FIRST, read: (r) => r.completed_at ?? '' },
  email: {
    value: 'u.email', from: 'users u CROSS JOIN progress p ON p.user_id = u.id CROSS JOIN lessons l ON l.id = p.lesson_id',
    read: (r) => r.user_email,
  },
  title: {
    value: 'l.title',
    from: 'lessons l INDEXED BY idx_lessons_title CROSS JOIN progress p ON p.lesson_id = l.id CROSS JOIN users u ON u.id = p.user_id',
    read: (r) => r.lesson_title,
  },
}

/**
 * The WHERE terms of a progress filter over `progress p` (and `lessons l` where a term
 * names it). The track is matched on the row's copy of it (p.track, idx_progress_track)
 * only when no narrower filter leads: with a user, a lesson or a search SQLite would
 * otherwise scan the whole track; there the lesson's own track is checked per row.
 * @param {ProgressFilter} f
 * @param {'progress'|'lesson'} trackOn
 */
function filterTerms(f, trackOn) {
  /** @type {string[]} */
  const where = []
  /** @type {unknown[]} */
  const args = []
  if (f.userId !== undefined) { where.push('p.user_id = ?'); args.push(f.userId) }
  if (f.lessonId !== undefined) { where.push('p.lesson_id = ?'); args.push(f.lessonId) }
  if (f.track !== undefined) {
    where.push(trackOn === 'progress' ? 'p.track = ?' : 'l.track = ?')
    args.push(f.track)
  }
  if (f.completed !== undefined) { where.push('p.completed = ?'); args.push(f.completed ? 1 : 0) }
  const search = userSearchCondition(f.search)
  if (search) { where.push(`p.user_id IN (SELECT id FROM users WHERE ${search.sql})`); args.push(...search.args) }
  if (f.minScore !== undefined) { where.push('p.score >= ?'); args.push(f.minScore) }
  if (f.maxScore !== undefined) { where.push('p.score <= ?'); args.push(f.maxScore) }
  if (f.completedFrom !== undefined) { where.push('p.completed_at >= ?'); args.push(f.completedFrom) }
  if (f.completedTo !== undefined) { where.push('p.completed_at < ?'); args.push(f.completedTo) }
  return { where, args }
}

/** True when a user, lesson or search filter selects fewer rows than any track could. */
const narrowed = (/** @type {ProgressFilter} */ f) => f.userId !== undefined || f.lessonId !== undefined || !!f.search?.trim()

/**
 * The statements of one list page: the page (pageSize + 1 rows, the extra one only tells
 * whether there is a next page) and, with withTotal, the count. Exported, like the
 * statements below, for the query-plan checks of scripts/progress-bench.sh.
 * @param {ProgressListQuery} q
 * @returns {{page: {sql: string, args: unknown[]}, count: {sql: string, args: unknown[]}|null}}
 */
export function progressListStatements(q) {
  const sort = SORTS[q.sort]
  const completion = q.byCompletion && sort.from === PROGRESS_FIRST && (q.completedFrom !== undefined || q.completedTo !== undefined)
  const trackOn = q.sort === 'title' || q.sort === 'email' || narrowed(q) ? 'lesson' : 'progress'
  const { where, args } = filterTerms(completion ? { ...q, track: undefined } : q, trackOn)
  if (completion) {
    where.unshift(`p.lesson_id IN (SELECT id FROM lessons${q.track !== undefined ? ' WHERE track = ?' : ''})`)
    if (q.track !== undefined) args.unshift(q.track)
  }
  const dir = q.order === 'asc' ? 'ASC' : 'DESC'
  if (q.after) {
    // Keyset: strictly after the last row of the previous page in (value, user_id, lesson_id)
    // order. SQLite compares the row value on the index directly, so page 10,000 costs what
    // page 1 does, and rows inserted meanwhile never shift the pages.
    where.push(`(${sort.value}, p.user_id, p.lesson_id) ${dir === 'ASC' ? '>' : '<'} (?, ?, ?)`)
    args.push(q.after.value, q.after.userId, q.after.lessonId)
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const skip = q.after || !q.page ? 0 : (q.page - 1) * q.pageSize
  const offset = skip ? ` OFFSET ${skip}` : ''
  const from = completion ? sort.from.replace('progress p', 'progress p INDEXED BY idx_progress_completions') : sort.from
  const order = `ORDER BY ${sort.value} ${dir}, p.user_id ${dir}, p.lesson_id ${dir}`
  const onlyProgressTerms = sort.from === PROGRESS_FIRST && !completion && (trackOn === 'progress' || q.track === undefined)
  const page = skip && onlyProgressTerms
    ? {
        // A page deep by number: skip rows in the index alone and join the names onto the page
        // only (the middle of 10,000,000 rows: 3 s instead of 39 s on SQLite), not every skipped row.
        sql: `SELECT ${COLUMNS} FROM (SELECT p.user_id, p.lesson_id FROM progress p ${clause} ${order} LIMIT ${q.pageSize + 1}${offset}) AS page
          CROSS JOIN progress p ON p.user_id = page.user_id AND p.lesson_id = page.lesson_id
          JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id ${order}`,
        args,
      }
    : { sql: `SELECT ${COLUMNS} FROM ${from} ${clause} ${order} LIMIT ${q.pageSize + 1}${offset}`, args }
  return { page, count: q.withTotal ? countStatement(q) : null }
}

/**
 * Counting the rows of a filter. Filters of lessons, tracks and completion only are summed
 * from progress_lesson_totals (one row per lesson, kept by triggers: migration 0005); the
 * others count progress rows through the same indexes as the list.
 * @param {ProgressFilter} f
 */
function countStatement(f) {
  const perLesson = f.userId === undefined && !f.search?.trim() && f.minScore === undefined && f.maxScore === undefined &&
    f.completedFrom === undefined && f.completedTo === undefined
  if (perLesson) {
    const column = f.completed === undefined ? 't.learners' : f.completed ? 't.completed' : 't.learners - t.completed'
    const where = []
    const args = []
    if (f.lessonId !== undefined) { where.push('t.lesson_id = ?'); args.push(f.lessonId) }
    if (f.track !== undefined) { where.push('l.track = ?'); args.push(f.track) }
    return {
      sql: `SELECT COALESCE(SUM(${column}), 0) AS total FROM progress_lesson_totals t
        ${f.track !== undefined ? 'JOIN lessons l ON l.id = t.lesson_id' : ''} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      args,
    }
  }
  if ((f.completedFrom !== undefined || f.completedTo !== undefined) && f.userId === undefined && f.lessonId === undefined) {
    // A completion-time range is counted on idx_progress_completions, one range per lesson
    // (of the track, or of every lesson), instead of reading every row of the track.
    const { where, args } = filterTerms({ ...f, track: undefined }, 'progress')
    where.unshift(`p.lesson_id IN (SELECT id FROM lessons${f.track !== undefined ? ' WHERE track = ?' : ''})`)
    return { sql: `SELECT COUNT(*) AS total FROM progress p WHERE ${where.join(' AND ')}`, args: f.track !== undefined ? [f.track, ...args] : args }
  }
  const trackOn = narrowed(f) ? 'lesson' : 'progress'
  const { where, args } = filterTerms(f, trackOn)
  const join = f.track !== undefined && trackOn === 'lesson' ? ' JOIN lessons l ON l.id = p.lesson_id' : ''
  return { sql: `SELECT COUNT(*) AS total FROM progress p${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, args }
}

/** Scribe for progress rows, their per-lesson totals and their statistics. */
class D1ProgressRepository {
  /** @param {D1Database} db @param {D1EventStore} events */
  constructor(db, events) {
    this.db = db
    this.events = events
  }

  /** @param {string} userId @param {string} lessonId */
  async find(userId, lessonId) {
    const row = await this.db.prepare('SELECT * FROM progress WHERE user_id = ? AND lesson_id = ?').bind(userId, lessonId).first()
    return row ? progressFromRow(row) : null
  }

  /**
   * Creates the row if there is none yet; false (nothing written) when one exists. The row
   * gets its lesson's track in the same statement.
   * @param {Progress} p @param {DomainEvent[]} events
   */
  async insert(p, events) {
    try {
      const [result] = await this.db.batch([
        this.db.prepare(`INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, updated_at, version, track)
          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT track FROM lessons WHERE id = ?2)) ON CONFLICT (user_id, lesson_id) DO NOTHING`)
          .bind(p.userId, p.lessonId, p.completed ? 1 : 0, p.score, p.completedAt, p.updatedAt, p.version),
        ...events.map((e) => this.events.insertStatement(e, true)),
      ])
      return result.meta.changes > 0
    } catch (e) {
      if (isForeignKeyViolation(e)) throw new NotFoundError('User or lesson', `${p.userId}/${p.lessonId}`)
      throw e
    }
  }

  /**
   * Compare-and-swap: replaces the row only if it still has expectedVersion (p.version is
   * expectedVersion + 1). False when it changed or vanished meanwhile (nothing written).
   * @param {Progress} p @param {number} expectedVersion @param {DomainEvent[]} events
   */
  async replace(p, expectedVersion, events) {
    const [result] = await this.db.batch([
      this.db.prepare(`UPDATE progress SET completed = ?, score = ?, completed_at = ?, updated_at = ?, version = ?
        WHERE user_id = ? AND lesson_id = ? AND version = ?`)
        .bind(p.completed ? 1 : 0, p.score, p.completedAt, p.updatedAt, p.version, p.userId, p.lessonId, expectedVersion),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /**
   * Deletes the row if it still has the version read (so its event tells what was deleted).
   * @param {Progress} previous @param {DomainEvent[]} events
   */
  async delete(previous, events) {
    const [result] = await this.db.batch([
      this.db.prepare('DELETE FROM progress WHERE user_id = ? AND lesson_id = ? AND version = ?')
        .bind(previous.userId, previous.lessonId, previous.version),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /**
   * One page, in one D1 batch with its count. `next` is the position of the page's last row
   * when more rows follow (null at the end); `total` is null without withTotal.
   * @param {ProgressListQuery} q
   * @returns {Promise<{items: ProgressRow[], next: ProgressPosition|null, total: number|null}>}
   */
  async list(q) {
    const { page, count } = progressListStatements(q)
    const statements = [this.db.prepare(page.sql).bind(...page.args)]
    if (count) statements.push(this.db.prepare(count.sql).bind(...count.args))
    const [rows, counted] = await this.db.batch(statements)
    const results = /** @type {Record<string, any>[]} */ (rows.results)
    const more = results.length > q.pageSize
    const shown = results.slice(0, q.pageSize)
    const last = shown[shown.length - 1]
    return {
      items: shown.map(progressRowFromRow),
      next: more && last ? { value: SORTS[q.sort].read(last), userId: last.user_id, lessonId: last.lesson_id } : null,
      total: counted ? Number(/** @type {any} */ (counted.results[0])?.total ?? 0) : null,
    }
  }

  /**
   * How many rows a filter selects (per-lesson totals for lesson, track and completed filters).
   * @param {ProgressFilter} filter
   */
  async count(filter) {
    const { sql, args } = countStatement(filter)
    return Number(await this.db.prepare(sql).bind(...args).first('total') ?? 0)
  }

  /**
   * The existing rows among these (userId, lessonId) pairs, keyed "userId:lessonId". The
   * pairs travel as one JSON parameter (D1 allows 100 bound parameters per statement).
   * @param {{userId: string, lessonId: string}[]} keys
   * @returns {Promise<Map<string, Progress>>}
   */
  async findMany(keys) {
    const { results } = await this.db.prepare(`SELECT p.* FROM json_each(?) j CROSS JOIN progress p
      ON p.user_id = json_extract(j.value, '$[0]') AND p.lesson_id = json_extract(j.value, '$[1]')`)
      .bind(JSON.stringify(keys.map((k) => [k.userId, k.lessonId]))).all()
    return new Map(results.map((r) => { const p = progressFromRow(r); return [`${p.userId}:${p.lessonId}`, p] }))
  }

  /**
   * Which of these user ids and lesson ids exist.
   * @param {string[]} userIds @param {string[]} lessonIds
   */
  async existing(userIds, lessonIds) {
    const [users, lessons] = await this.db.batch([
      this.db.prepare('SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))').bind(JSON.stringify(userIds)),
      this.db.prepare('SELECT id FROM lessons WHERE id IN (SELECT value FROM json_each(?))').bind(JSON.stringify(lessonIds)),
    ])
    const ids = (/** @type {D1Result} */ r) => new Set(r.results.map((x) => /** @type {any} */ (x).id))
    return { users: ids(users), lessons: ids(lessons) }
  }

  /**
   * Writes many rows and their events atomically, in one D1 batch of four statements
   * whatever the number of rows (rows and events travel as JSON parameters). Each row is
   * written only from the state it was computed from: `previousVersion` null means "still
   * absent", a number "still at that version". D1 rolls a batch back only when a statement
   * fails, so the first two statements make a row that changed meanwhile fail the NOT NULL
   * constraint of version: one sets the version of a row that is not at the version read
   * (or exists when it was absent) to NULL, the other inserts a row that vanished with a NULL
   * version. Then nothing is written and this answers false (read again and retry). A user
   * or lesson deleted meanwhile fails the foreign keys: NotFoundError.
   * @param {{progress: Progress, previousVersion: number|null}[]} writes
   * @param {DomainEvent[]} events
   * @returns {Promise<boolean>}
   */
  async writeMany(writes, events) {
    const rows = JSON.stringify(writes.map(({ progress: p, previousVersion }) => ({
      u: p.userId, l: p.lessonId, c: p.completed ? 1 : 0, s: p.score, a: p.completedAt, t: p.updatedAt, e: previousVersion,
    })))
    const field = (/** @type {string} */ name) => `json_extract(j.value, '$.${name}')`
    const values = `${field('u')}, ${field('l')}, ${field('c')}, ${field('s')}, ${field('a')}, ${field('t')}`
    try {
      await this.db.batch([
        this.db.prepare(`UPDATE progress SET version = NULL WHERE rowid IN (
          SELECT p.rowid FROM json_each(?) j CROSS JOIN progress p ON p.user_id = ${field('u')} AND p.lesson_id = ${field('l')}
          WHERE p.version IS NOT ${field('e')})`).bind(rows),
        this.db.prepare(`INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, updated_at, version)
          SELECT ${values}, NULL FROM json_each(?) j WHERE ${field('e')} IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM progress p WHERE p.user_id = ${field('u')} AND p.lesson_id = ${field('l')})`).bind(rows),
        this.db.prepare(`INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, updated_at, version, track)
          SELECT ${values}, 1, (SELECT track FROM lessons WHERE id = ${field('l')}) FROM json_each(?) j WHERE true
          ON CONFLICT (user_id, lesson_id) DO UPDATE SET completed = excluded.completed, score = excluded.score,
            completed_at = excluded.completed_at, updated_at = excluded.updated_at, version = progress.version + 1`).bind(rows),
        this.events.insertManyStatement(events),
      ])
      return true
    } catch (e) {
      if (e instanceof Error && /NOT NULL constraint failed: progress\.version/i.test(e.message)) return false
      if (isForeignKeyViolation(e)) throw new NotFoundError('User or lesson', 'of a batch row')
      throw e
    }
  }

  /**
   * Completion per lesson (every lesson, including those nobody started), from the per-lesson
   * totals: one row read per lesson, however many progress rows there are.
   * @param {{track?: string}} filter
   */
  async statsByLesson(filter) {
    const { sql, args } = statsByLessonStatement(filter)
    const { results } = await this.db.prepare(sql).bind(...args).all()
    return results.map((/** @type {any} */ r) => ({
      lessonId: r.id, title: r.title, track: r.track, status: r.status, ...rates(r),
    }))
  }

  /** Completion per track, from the per-lesson totals. */
  async statsByTrack() {
    const { results } = await this.db.prepare(statsByTrackStatement().sql).all()
    return results.map((/** @type {any} */ r) => ({ track: r.track, lessons: Number(r.lessons), ...rates(r) }))
  }

  /**
   * Completed rows per period of their completion time (UTC), oldest first, periods without
   * completions left out. Whole days come from progress_daily_completions (one row per lesson
   * and day); the partial days at the edges of [from, to) are counted on
   * idx_progress_completions (lesson_id, completed_at). A period is named by its first day:
   * the day, the Monday of its ISO week, the 1st of its month.
   * @param {CompletionsQuery} q
   * @returns {Promise<{period: string, completed: number}[]>}
   */
  async completions(q) {
    const { sql, args } = completionsStatement(q)
    const { results } = await this.db.prepare(sql).bind(...args).all()
    return results.map((/** @type {any} */ r) => ({ period: r.period, completed: Number(r.completed) }))
  }
}

/** @param {{track?: string}} filter */
export function statsByLessonStatement(filter) {
  return {
    sql: `SELECT l.id, l.title, l.track, l.status, COALESCE(t.learners, 0) AS learners, COALESCE(t.completed, 0) AS completed,
        COALESCE(t.score_sum, 0) AS score_sum
      FROM lessons l LEFT JOIN progress_lesson_totals t ON t.lesson_id = l.id ${filter.track !== undefined ? 'WHERE l.track = ?' : ''}
      ORDER BY l.track, l.title, l.id`,
    args: filter.track !== undefined ? [filter.track] : [],
  }
}

export function statsByTrackStatement() {
  return {
    sql: `SELECT l.track, COUNT(*) AS lessons, COALESCE(SUM(t.learners), 0) AS learners, COALESCE(SUM(t.completed), 0) AS completed,
        COALESCE(SUM(t.score_sum), 0) AS score_sum
      FROM lessons l LEFT JOIN progress_lesson_totals t ON t.lesson_id = l.id GROUP BY l.track ORDER BY l.track`,
    args: [],
  }
}

/** The day after an ISO date (YYYY-MM-DD). */
const nextDay = (/** @type {string} */ day) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86400000).toISOString().slice(0, 10)

/**
 * Whole days of [from, to) from the per-day table, the partial first and last day from the
 * rows themselves, then days rolled up into weeks or months.
 * @param {CompletionsQuery} q from and to in the stored form (UTC, milliseconds)
 */
export function completionsStatement(q) {
  /** @param {string} column @param {unknown[]} args */
  const lessons = (column, args) => {
    const where = []
    if (q.lessonId !== undefined) { where.push(`${column} = ?`); args.push(q.lessonId) }
    if (q.track !== undefined) { where.push(`${column} IN (SELECT id FROM lessons WHERE track = ?)`); args.push(q.track) }
    if (where.length === 0) where.push(`${column} IN (SELECT id FROM lessons)`) // one index range per lesson
    return where
  }
  const midnight = (/** @type {string} */ day) => `${day}T00:00:00.000Z`
  /** @type {[string, string][]} ranges of completed_at counted row by row */
  const partial = []
  let firstDay = q.from === undefined ? undefined : q.from.slice(0, 10)
  const lastDay = q.to === undefined ? undefined : q.to.slice(0, 10) // exclusive
  let whole = true
  if (q.from !== undefined && q.to !== undefined && firstDay === lastDay) {
    partial.push([q.from, q.to]) // within one day
    whole = false
  } else {
    if (q.from !== undefined && firstDay !== undefined && q.from !== midnight(firstDay)) {
      firstDay = nextDay(firstDay)
      partial.push([q.from, midnight(firstDay)])
    }
    if (q.to !== undefined && lastDay !== undefined && q.to !== midnight(lastDay)) partial.push([midnight(lastDay), q.to])
  }
  const parts = []
  /** @type {unknown[]} */
  const args = []
  if (whole) {
    const where = lessons('c.lesson_id', args)
    if (firstDay !== undefined) { where.push('c.day >= ?'); args.push(firstDay) }
    if (lastDay !== undefined) { where.push('c.day < ?'); args.push(lastDay) }
    parts.push(`SELECT c.day, c.completed AS n FROM progress_daily_completions c WHERE ${where.join(' AND ')}`)
  }
  for (const [from, to] of partial) {
    const where = lessons('p.lesson_id', args)
    where.push('p.completed_at >= ?', 'p.completed_at < ?')
    args.push(from, to)
    parts.push(`SELECT substr(p.completed_at, 1, 10) AS day, COUNT(*) AS n FROM progress p WHERE ${where.join(' AND ')} GROUP BY day`)
  }
  const period = { day: 'day', week: "date(day, '-6 days', 'weekday 1')", month: "substr(day, 1, 7) || '-01'" }[q.bucket]
  return {
    sql: `SELECT ${period} AS period, SUM(n) AS completed FROM (${parts.join(' UNION ALL ')})
      GROUP BY period HAVING SUM(n) > 0 ORDER BY period`,
    args,
  }
}

/** @param {any} r a stats row with learners, completed and score_sum */
function rates(r) {
  const learners = Number(r.learners)
  const completed = Number(r.completed)
  return {
    learners,
    completed,
    completionRate: learners ? Math.round((completed / learners) * 10000) / 10000 : 0,
    averageScore: learners ? Math.round((Number(r.score_sum) / learners) * 100) / 100 : 0,
  }
}

/** @param {Record<string, any>} row */
export function progressFromRow(row) {
  return new Progress({
    userId: row.user_id, lessonId: row.lesson_id, completed: row.completed === 1, score: row.score,
    completedAt: row.completed_at ?? null, updatedAt: row.updated_at, version: row.version,
  })
}

/** @param {Record<string, any>} row a list row (progress with the learner's and the lesson's names) */
function progressRowFromRow(row) {
  return new ProgressRow(progressFromRow(row), {
    userEmail: row.user_email, username: row.username, lessonTitle: row.lesson_title, track: row.lesson_track,
  })
}

export { D1ProgressRepository }
