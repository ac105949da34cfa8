// @ts-check
import { Progress } from '../../domain/entities/Progress.js'
import { pageOf, isForeignKeyViolation } from './pagination.js'
import { NotFoundError } from '../../shared/errors.js'

/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {import('./D1EventStore.js').D1EventStore} D1EventStore */
/** @typedef {{userId?: string, lessonId?: string, track?: string, completed?: boolean, page: number, pageSize: number}} ProgressListQuery */

/** Scribe for progress rows and their completion statistics. */
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
   * Creates the row if there is none yet; false (nothing written) when one exists.
   * @param {Progress} p @param {DomainEvent[]} events
   */
  async insert(p, events) {
    try {
      const [result] = await this.db.batch([
        this.db.prepare(`INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, lesson_id) DO NOTHING`)
          .bind(p.userId, p.lessonId, p.completed ? 1 : 0, p.score, p.completedAt, p.updatedAt),
        ...events.map((e) => this.events.insertStatement(e, true)),
      ])
      return result.meta.changes > 0
    } catch (e) {
      if (isForeignKeyViolation(e)) throw new NotFoundError('User or lesson', `${p.userId}/${p.lessonId}`)
      throw e
    }
  }

  /**
   * Compare-and-swap: replaces the row only if it still holds exactly `previous`.
   * @param {Progress} p @param {Progress} previous @param {DomainEvent[]} events
   */
  async replace(p, previous, events) {
    const [result] = await this.db.batch([
      this.db.prepare(`UPDATE progress SET completed = ?, score = ?, completed_at = ?, updated_at = ?
        WHERE user_id = ? AND lesson_id = ? AND completed = ? AND score = ? AND completed_at IS ? AND updated_at = ?`)
        .bind(p.completed ? 1 : 0, p.score, p.completedAt, p.updatedAt, p.userId, p.lessonId,
          previous.completed ? 1 : 0, previous.score, previous.completedAt, previous.updatedAt),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /** @param {string} userId @param {string} lessonId @param {DomainEvent[]} events */
  async delete(userId, lessonId, events) {
    const [result] = await this.db.batch([
      this.db.prepare('DELETE FROM progress WHERE user_id = ? AND lesson_id = ?').bind(userId, lessonId),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /** @param {ProgressListQuery} q */
  async list(q) {
    const where = []
    /** @type {unknown[]} */
    const args = []
    if (q.userId !== undefined) { where.push('p.user_id = ?'); args.push(q.userId) }
    if (q.lessonId !== undefined) { where.push('p.lesson_id = ?'); args.push(q.lessonId) }
    if (q.track !== undefined) { where.push('l.track = ?'); args.push(q.track) }
    if (q.completed !== undefined) { where.push('p.completed = ?'); args.push(q.completed ? 1 : 0) }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const from = 'FROM progress p JOIN lessons l ON l.id = p.lesson_id'
    return pageOf(this.db, {
      select: `SELECT p.* ${from} ${clause} ORDER BY p.updated_at DESC, p.user_id, p.lesson_id`,
      count: `SELECT COUNT(*) AS total ${from} ${clause}`,
      args,
      paging: q,
      map: progressFromRow,
    })
  }

  /**
   * Completion per lesson (every lesson, including those nobody started).
   * @param {{track?: string}} filter
   */
  async statsByLesson(filter) {
    const where = filter.track !== undefined ? 'WHERE l.track = ?' : ''
    const { results } = await this.db.prepare(
      `SELECT l.id, l.title, l.track, l.status, COUNT(p.user_id) AS learners, COALESCE(SUM(p.completed), 0) AS completed,
         AVG(p.score) AS average_score
       FROM lessons l LEFT JOIN progress p ON p.lesson_id = l.id ${where}
       GROUP BY l.id ORDER BY l.track, l.title, l.id`,
    ).bind(...(filter.track !== undefined ? [filter.track] : [])).all()
    return results.map((/** @type {any} */ r) => ({
      lessonId: r.id, title: r.title, track: r.track, status: r.status, ...rates(r),
    }))
  }

  /** Completion per track. */
  async statsByTrack() {
    const { results } = await this.db.prepare(
      `SELECT l.track, COUNT(DISTINCT l.id) AS lessons, COUNT(p.user_id) AS learners,
         COALESCE(SUM(p.completed), 0) AS completed, AVG(p.score) AS average_score
       FROM lessons l LEFT JOIN progress p ON p.lesson_id = l.id GROUP BY l.track ORDER BY l.track`,
    ).all()
    return results.map((/** @type {any} */ r) => ({ track: r.track, lessons: Number(r.lessons), ...rates(r) }))
  }
}

/** @param {any} r a stats row */
function rates(r) {
  const learners = Number(r.learners)
  const completed = Number(r.completed)
  return {
    learners,
    completed,
    completionRate: learners ? Math.round((completed / learners) * 10000) / 10000 : 0,
    averageScore: r.average_score === null ? 0 : Math.round(Number(r.average_score) * 100) / 100,
  }
}

/** @param {Record<string, any>} row */
export function progressFromRow(row) {
  return new Progress({
    userId: row.user_id, lessonId: row.lesson_id, completed: row.completed === 1, score: row.score,
    completedAt: row.completed_at ?? null, updatedAt: row.updated_at,
  })
}

export { D1ProgressRepository }
