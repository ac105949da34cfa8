// @ts-check
import { User } from '../../domain/entities/User.js'
import { ConflictError } from '../../shared/errors.js'
import { pageOf, isUniqueViolation } from './pagination.js'
import { progressFromRow } from './D1ProgressRepository.js'

/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {import('./D1EventStore.js').D1EventStore} D1EventStore */
/** @typedef {{search?: string, sort: 'createdAt'|'email'|'username'|'role', order: 'asc'|'desc', page: number, pageSize: number, withTotal?: boolean}} UserListQuery */

/**
 * @typedef {Object} WriteConditions
 * @property {boolean} [keepAnAdmin] apply only if another admin exists (checked in the same statement)
 */

/** The write condition "some other user is an admin", appended to a statement on users(id). */
const OTHER_ADMIN = " AND EXISTS (SELECT 1 FROM users AS other WHERE other.role = 'admin' AND other.id <> users.id)"

const SORT_COLUMNS = { createdAt: 'created_at', email: 'email', username: 'username', role: 'role' }

/** Scribe for users. Every write carries its domain events into the same D1 batch. */
class D1UserRepository {
  /**
   * @param {D1Database} db @param {D1EventStore} events
   * @param {import('../security/SessionStore.js').SessionStore} sessions for session ends that commit with a password change
   */
  constructor(db, events, sessions) {
    this.db = db
    this.events = events
    this.sessions = sessions
  }

  /** @param {string} id */
  async findById(id) {
    const row = await this.db.prepare('SELECT * FROM users WHERE id = ?').bind(id).first()
    return row ? toDomain(row) : null
  }

  /** @param {string} email normalized */
  async findByEmail(email) {
    const row = await this.db.prepare('SELECT * FROM users WHERE email = ?').bind(email).first()
    return row ? toDomain(row) : null
  }

  /** @param {User} user @param {DomainEvent[]} events */
  async insert(user, events) {
    try {
      await this.db.batch([
        this.db.prepare(`INSERT INTO users (id, email, username, password_hash, role, version, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).bind(user.id, user.email, user.username, user.passwordHash, user.role,
          user.version, user.createdAt, user.updatedAt),
        ...events.map((e) => this.events.insertStatement(e)),
      ])
    } catch (e) {
      throw duplicateEmail(e, user.email)
    }
  }

  /**
   * Writes the user if the stored version is still expectedVersion (then user.version is
   * expectedVersion + 1). Returns false when the row changed or vanished meanwhile, or when
   * a requested condition does not hold.
   * @param {User} user @param {number} expectedVersion @param {DomainEvent[]} events
   * @param {WriteConditions & {endSessionsExcept?: string|null}} [o] endSessionsExcept: with a new
   *   password, end the user's sessions but this one (null: all) in the same transaction
   */
  async update(user, expectedVersion, events, o = {}) {
    const statements = [
      this.db.prepare(`UPDATE users SET email = ?, username = ?, password_hash = COALESCE(?, password_hash), role = ?,
        version = ?, updated_at = ? WHERE id = ? AND version = ?${o.keepAnAdmin ? OTHER_ADMIN : ''}`).bind(user.email, user.username,
        user.passwordHash, user.role, user.version, user.updatedAt, user.id, expectedVersion),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ]
    if (o.endSessionsExcept !== undefined && user.passwordHash) {
      statements.push(this.sessions.revokeOnPasswordChangeStatement(user.id, o.endSessionsExcept, user.passwordHash))
    }
    try {
      const [result] = await this.db.batch(statements)
      return result.meta.changes > 0
    } catch (e) {
      throw duplicateEmail(e, user.email)
    }
  }

  /**
   * Deletes the user if the stored version is still user.version (and the conditions hold).
   * @param {User} user @param {DomainEvent[]} events @param {WriteConditions} [o]
   * @returns {Promise<boolean>}
   */
  async delete(user, events, o = {}) {
    const [result] = await this.db.batch([
      this.db.prepare(`DELETE FROM users WHERE id = ? AND version = ?${o.keepAnAdmin ? OTHER_ADMIN : ''}`).bind(user.id, user.version),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /**
   * Search: FTS5 trigram MATCH for terms of 3+ characters (a quoted phrase, so any input is
   * literal), LIKE with escaped wildcards for shorter ones. Both are case-insensitive.
   * @param {UserListQuery} q
   */
  async list(q) {
    const search = userSearchCondition(q.search)
    const where = search ? `WHERE ${search.sql}` : ''
    const args = search ? search.args : []
    const column = SORT_COLUMNS[q.sort]
    const order = q.order === 'asc' ? 'ASC' : 'DESC'
    return pageOf(this.db, {
      select: `SELECT * FROM users ${where} ORDER BY ${column} ${order}, id ${order}`,
      count: `SELECT COUNT(*) AS total FROM users ${where}`,
      args,
      paging: q,
      map: toDomain,
    })
  }

  /**
   * The seed's batch pattern: user, latest progress and totals in one round trip.
   * @param {string} id
   */
  async dashboard(id) {
    const [user, recent, totals] = await this.db.batch([
      this.db.prepare('SELECT * FROM users WHERE id = ?').bind(id),
      this.db.prepare('SELECT * FROM progress WHERE user_id = ? ORDER BY updated_at DESC, lesson_id LIMIT 10').bind(id),
      this.db.prepare(`SELECT COUNT(*) AS lessons, COALESCE(SUM(completed), 0) AS completed,
        COALESCE(AVG(score), 0) AS average_score FROM progress WHERE user_id = ?`).bind(id),
    ])
    const row = user.results[0]
    if (!row) return null
    const t = /** @type {any} */ (totals.results[0])
    return {
      user: toDomain(row),
      recentProgress: /** @type {Record<string, any>[]} */ (recent.results).map(progressFromRow),
      totals: { lessons: Number(t.lessons), completed: Number(t.completed), averageScore: Math.round(Number(t.average_score) * 100) / 100 },
    }
  }
}

/**
 * The users search as a condition on the users table (null for no term): FTS5 trigram MATCH
 * for terms of 3+ characters (a quoted phrase, so any input is literal), LIKE with escaped
 * wildcards for shorter ones (under D1's 50-byte LIKE limit). Both are case-insensitive
 * substrings of email or username. Shared by the users list and the progress list's `q`.
 * @param {string|undefined} search blank means no filter
 * @returns {{sql: string, args: unknown[]}|null}
 */
export function userSearchCondition(search) {
  const term = search?.trim() ?? ''
  if ([...term].length >= 3) {
    return { sql: 'rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ?)', args: [`"${term.replace(/"/g, '""')}"`] }
  }
  if (term.length === 0) return null
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return { sql: "(email LIKE ? ESCAPE '\\' OR username LIKE ? ESCAPE '\\')", args: [like, like] }
}

/** @param {unknown} e @param {string} email */
function duplicateEmail(e, email) {
  if (isUniqueViolation(e)) return new ConflictError(`A user with email ${email} already exists`, { email: 'is already taken' })
  return e
}

/** @param {Record<string, any>} row */
function toDomain(row) {
  return User.reconstitute({
    id: row.id, email: row.email, username: row.username, role: row.role, passwordHash: row.password_hash,
    version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
  })
}

export { D1UserRepository }
