// @ts-check
import { isoFromMs } from '../../shared/time.js'

export const SESSION_TTL = 7 * 24 * 60 * 60 // 7 days

/** @typedef {{id: string, userId: string, createdAt: string, expiresAt: string}} Session */

/**
 * Sessions live in two places: KV `session:<id>` (the session document, 7-day TTL)
 * and the D1 sessions row, the authority on revocation because KV is eventually consistent
 * (a logout could stay invisible in other locations for up to 60 s). Both are read in
 * parallel, so KV adds no latency; the answer never rests on KV alone.
 */
class SessionStore {
  /** @param {KVNamespace} kv @param {D1Database} db */
  constructor(kv, db) {
    this.kv = kv
    this.db = db
  }

  /** @param {string} userId @returns {Promise<Session>} */
  async create(userId) {
    const now = Date.now()
    const session = { id: crypto.randomUUID(), userId, createdAt: isoFromMs(now), expiresAt: isoFromMs(now + SESSION_TTL * 1000) }
    await this.db.prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .bind(session.id, userId, session.createdAt, session.expiresAt).run()
    await this.kv.put(`session:${session.id}`, JSON.stringify(session), { expirationTtl: SESSION_TTL })
    return session
  }

  /**
   * @param {string} sessionId @param {string} userId the token's subject, which must own it
   * @returns {Promise<boolean>}
   */
  async isActive(sessionId, userId) {
    const [cached, row] = await Promise.all([
      /** @type {Promise<Session|null>} */ (this.kv.get(`session:${sessionId}`, 'json')),
      /** @type {Promise<{user_id: string, expires_at: string, revoked_at: string|null}|null>} */
      (this.db.prepare('SELECT user_id, expires_at, revoked_at FROM sessions WHERE id = ?').bind(sessionId).first()),
    ])
    if (!row || row.revoked_at !== null || row.user_id !== userId) return false
    if (cached && cached.userId !== userId) return false
    return Date.parse(row.expires_at) > Date.now()
  }

  /**
   * The D1 row of a live session (not revoked, not expired) owned by userId, or null.
   * @param {string} sessionId @param {string} userId
   * @returns {Promise<Session|null>}
   */
  async findActive(sessionId, userId) {
    const row = /** @type {{id: string, user_id: string, created_at: string, expires_at: string, revoked_at: string|null}|null} */
      (await this.db.prepare('SELECT * FROM sessions WHERE id = ?').bind(sessionId).first())
    if (!row || row.revoked_at !== null || row.user_id !== userId || Date.parse(row.expires_at) <= Date.now()) return null
    return { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at }
  }

  /**
   * A user's live sessions, newest first (ids and times only; tokens are never stored).
   * @param {string} userId
   * @returns {Promise<Session[]>}
   */
  async listActive(userId) {
    const { results } = await this.db.prepare(
      `SELECT id, user_id, created_at, expires_at FROM sessions
       WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id`,
    ).bind(userId, isoFromMs(Date.now())).all()
    return results.map((/** @type {any} */ r) => ({ id: r.id, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at }))
  }

  /** @param {string} sessionId */
  async revoke(sessionId) {
    await this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .bind(isoFromMs(Date.now()), sessionId).run()
    await this.kv.delete(`session:${sessionId}`)
  }

  /**
   * Ends every live session of a user (D1 first: it is the authority); returns their ids.
   * @param {string} userId
   * @returns {Promise<string[]>}
   */
  async revokeAllForUser(userId) {
    const { results } = await this.db.prepare(
      'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id',
    ).bind(isoFromMs(Date.now()), userId).all()
    const ids = results.map((/** @type {any} */ r) => String(r.id))
    await Promise.all(ids.map((id) => this.kv.delete(`session:${id}`)))
    return ids
  }

  /**
   * A statement ending a user's sessions (all but `exceptSessionId`) that applies only if the
   * user row carries `passwordHash`: put in the same D1 batch as a password change, it ends
   * the sessions exactly when that change commits. KV documents are left to expire: D1
   * decides on every request.
   * @param {string} userId @param {string|null} exceptSessionId @param {string} passwordHash
   */
  revokeOnPasswordChangeStatement(userId, exceptSessionId, passwordHash) {
    return this.db.prepare(
      `UPDATE sessions SET revoked_at = ?1 WHERE user_id = ?2 AND revoked_at IS NULL AND id IS NOT ?3
         AND EXISTS (SELECT 1 FROM users WHERE id = ?2 AND password_hash = ?4)`,
    ).bind(isoFromMs(Date.now()), userId, exceptSessionId, passwordHash)
  }

  /**
   * Housekeeping: deletes sessions past their expiry, and revoked ones a day after revocation.
   * @returns {Promise<number>} rows deleted
   */
  async purgeExpired() {
    const now = Date.now()
    const r = await this.db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR revoked_at <= ?')
      .bind(isoFromMs(now), isoFromMs(now - 24 * 3600 * 1000)).run()
    return r.meta.changes
  }
}

export { SessionStore }
