// @ts-check
/**
 * Fixed-window counter in D1 (rate_limits table): one atomic upsert per attempt. D1 rather
 * than KV because KV allows one write per second per key and is eventually consistent.
 */
class RateLimiter {
  /** @param {D1Database} db @param {{limit: number, windowSeconds: number}} config */
  constructor(db, config) {
    this.db = db
    this.limit = config.limit
    this.windowSeconds = config.windowSeconds
  }

  /**
   * Counts one attempt for `key`.
   * @param {string} key e.g. login:<client ip>
   * @returns {Promise<{allowed: boolean, remaining: number, retryAfter: number}>}
   */
  async hit(key) {
    const now = Math.floor(Date.now() / 1000)
    const windowStart = now - (now % this.windowSeconds)
    const row = /** @type {{count: number}|null} */ (await this.db.prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN window_start = ?2 THEN count + 1 ELSE 1 END,
         window_start = ?2
       RETURNING count`,
    ).bind(key, windowStart).first())
    const count = row?.count ?? 1
    return {
      allowed: count <= this.limit,
      remaining: Math.max(0, this.limit - count),
      retryAfter: Math.max(1, windowStart + this.windowSeconds - now),
    }
  }
}

/**
 * Housekeeping: deletes counters whose window ended (a new attempt starts a new row anyway).
 * @param {D1Database} db @param {number} windowSeconds the longest window in use
 * @returns {Promise<number>} rows deleted
 */
export async function purgeStaleRateLimits(db, windowSeconds) {
  const r = await db.prepare('DELETE FROM rate_limits WHERE window_start + ? <= ?').bind(windowSeconds, Math.floor(Date.now() / 1000)).run()
  return r.meta.changes
}

export { RateLimiter }
