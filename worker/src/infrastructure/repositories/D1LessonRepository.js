// @ts-check
import { Lesson } from '../../domain/entities/Lesson.js'
import { pageOf } from './pagination.js'

/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {import('./D1EventStore.js').D1EventStore} D1EventStore */
/**
 * @typedef {Object} LessonListQuery
 * @property {string} [search] a substring of the title, literal (no wildcards); case-insensitive for ASCII letters
 * @property {string} [track]
 * @property {'draft'|'published'} [status]
 * @property {number} [difficulty]
 * @property {'createdAt'|'updatedAt'|'title'|'difficulty'|'track'} sort
 * @property {'asc'|'desc'} order
 * @property {number} page
 * @property {number} pageSize
 * @property {boolean} [withTotal] false: no count (total null)
 */

const SORT_COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at', title: 'title', difficulty: 'difficulty', track: 'track' }

/** Scribe for lessons; writes carry their events into the same batch. */
class D1LessonRepository {
  /** @param {D1Database} db @param {D1EventStore} events */
  constructor(db, events) {
    this.db = db
    this.events = events
  }

  /** @param {string} id */
  async findById(id) {
    const row = await this.db.prepare('SELECT * FROM lessons WHERE id = ?').bind(id).first()
    return row ? lessonFromRow(row) : null
  }

  /** @param {Lesson} l @param {DomainEvent[]} events */
  async insert(l, events) {
    await this.db.batch([
      this.db.prepare(`INSERT INTO lessons (id, title, track, difficulty, status, content_key, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).bind(l.id, l.title, l.track, l.difficulty, l.status, l.contentKey, l.version,
        l.createdAt, l.updatedAt),
      ...events.map((e) => this.events.insertStatement(e)),
    ])
  }

  /**
   * Optimistic write: applies only if the row still has expectedVersion.
   * @param {Lesson} l @param {number} expectedVersion @param {DomainEvent[]} events
   */
  async update(l, expectedVersion, events) {
    const [result] = await this.db.batch([
      this.db.prepare(`UPDATE lessons SET title = ?, track = ?, difficulty = ?, status = ?, content_key = ?, version = ?,
        updated_at = ? WHERE id = ? AND version = ?`).bind(l.title, l.track, l.difficulty, l.status, l.contentKey, l.version,
        l.updatedAt, l.id, expectedVersion),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /**
   * Deletes the lesson if the stored version is still l.version.
   * @param {Lesson} l @param {DomainEvent[]} events
   */
  async delete(l, events) {
    const [result] = await this.db.batch([
      this.db.prepare('DELETE FROM lessons WHERE id = ? AND version = ?').bind(l.id, l.version),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /**
   * The filters combine with AND; ties of the sort column are broken by id, in the same order.
   * The title search is instr(), not LIKE: every character is literal, and D1 refuses LIKE
   * patterns over 50 bytes ("pattern too complex"), shorter than a title may be. lower()
   * folds ASCII letters only, as LIKE does.
   * @param {LessonListQuery} q
   */
  async list(q) {
    const where = []
    /** @type {unknown[]} */
    const args = []
    if (q.search !== undefined) { where.push('instr(lower(title), lower(?)) > 0'); args.push(q.search) }
    if (q.track !== undefined) { where.push('track = ?'); args.push(q.track) }
    if (q.status !== undefined) { where.push('status = ?'); args.push(q.status) }
    if (q.difficulty !== undefined) { where.push('difficulty = ?'); args.push(q.difficulty) }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const order = q.order === 'asc' ? 'ASC' : 'DESC'
    return pageOf(this.db, {
      select: `SELECT * FROM lessons ${clause} ORDER BY ${SORT_COLUMNS[q.sort]} ${order}, id ${order}`,
      count: `SELECT COUNT(*) AS total FROM lessons ${clause}`,
      args,
      paging: q,
      map: lessonFromRow,
    })
  }
}

/** @param {Record<string, any>} row */
export function lessonFromRow(row) {
  return Lesson.reconstitute({
    id: row.id, title: row.title, track: row.track, difficulty: row.difficulty, status: row.status,
    contentKey: row.content_key ?? null, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
  })
}

export { D1LessonRepository }
