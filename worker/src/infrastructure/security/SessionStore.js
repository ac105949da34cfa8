// @ts-check
import { isoFromMs } from '../../shared/time.js'

export const SESSION_TTL = 7 * 24 * 60 * 60 // 7 days

/** @typedef {{id: string, userId: string, createdAt: string, expiresAt: string}} Session */

/**
 * Sessions live in two places: KV `session:<id>` (the seed's session document, 7-day TTL)
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

  /** @param {string} sessionId */
  async revoke(sessionId) {
    await this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .bind(isoFromMs(Date.now()), sessionId).run()
    await this.kv.delete(`session:${sessionId}`)
  }
}

export { SessionStore }
