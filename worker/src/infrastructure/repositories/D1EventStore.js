// @ts-check
import { pageOf } from './pagination.js'

/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {{id: number, type: string, actorId: string|null, actorEmail: string|null, subjectType: string, subjectId: string, payload: Record<string, unknown>, createdAt: string}} EventJSON */
/** @typedef {{type?: string, actorId?: string, subjectType?: string, subjectId?: string, from?: string, to?: string}} EventFilter */

/**
 * Scribe for the audit trail. Writers get prepared statements to put in the same D1 batch
 * (one transaction) as the change itself, so the trail never disagrees with the data.
 */
class D1EventStore {
  /** @param {D1Database} db */
  constructor(db) {
    this.db = db
  }

  /**
   * @param {DomainEvent} event
   * @param {boolean} [onlyIfChanged] insert only when the previous statement in the batch
   *   changed a row (SQLite's changes()), so a lost optimistic-concurrency race logs nothing
   */
  insertStatement(event, onlyIfChanged = false) {
    return this.db.prepare(
      `INSERT INTO events (type, actor_id, actor_email, subject_type, subject_id, payload, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?${onlyIfChanged ? ' WHERE changes() > 0' : ''}`,
    ).bind(event.type, event.actor?.id ?? null, event.actor?.email ?? null, event.subjectType, event.subjectId,
      JSON.stringify(event.payload), event.occurredAt)
  }

  /**
   * One statement inserting many events, in order, for batches too large for one statement
   * per event: the events travel as one JSON parameter (D1 allows 100 bound parameters).
   * @param {DomainEvent[]} events
   */
  insertManyStatement(events) {
    const rows = events.map((e) => [e.type, e.actor?.id ?? null, e.actor?.email ?? null, e.subjectType, e.subjectId,
      JSON.stringify(e.payload), e.occurredAt])
    const at = (/** @type {number} */ i) => `json_extract(value, '$[${i}]')`
    return this.db.prepare(
      `INSERT INTO events (type, actor_id, actor_email, subject_type, subject_id, payload, created_at)
       SELECT ${[0, 1, 2, 3, 4, 5, 6].map(at).join(', ')} FROM json_each(?) ORDER BY key`,
    ).bind(JSON.stringify(rows))
  }

  /** @param {DomainEvent} event a change-less fact (login, logout) stands alone */
  async append(event) {
    await this.insertStatement(event).run()
  }

  /**
   * @param {EventFilter} filter
   * @param {import('./pagination.js').Paging} paging
   */
  async list(filter, paging) {
    const where = []
    /** @type {unknown[]} */
    const args = []
    if (filter.type) { where.push('type = ?'); args.push(filter.type) }
    if (filter.actorId) { where.push('actor_id = ?'); args.push(filter.actorId) }
    if (filter.subjectType) { where.push('subject_type = ?'); args.push(filter.subjectType) }
    if (filter.subjectId) { where.push('subject_id = ?'); args.push(filter.subjectId) }
    if (filter.from) { where.push('created_at >= ?'); args.push(filter.from) }
    if (filter.to) { where.push('created_at < ?'); args.push(filter.to) }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    return pageOf(this.db, {
      select: `SELECT * FROM events ${clause} ORDER BY created_at DESC, id DESC`,
      count: `SELECT COUNT(*) AS total FROM events ${clause}`,
      args,
      paging,
      map: toJSON,
    })
  }
}

/** @param {Record<string, any>} row @returns {EventJSON} */
function toJSON(row) {
  /** @type {Record<string, unknown>} */
  let payload = {}
  try { payload = JSON.parse(row.payload) } catch { /* a hand-edited row: show it empty */ }
  return {
    id: row.id, type: row.type, actorId: row.actor_id, actorEmail: row.actor_email, subjectType: row.subject_type,
    subjectId: row.subject_id, payload, createdAt: row.created_at,
  }
}

export { D1EventStore }
