// @ts-check
/**
 * Scribe for the question housekeeping asks: which R2 object names does any row refer to?
 * Uploads (object_key, or the key itself for older rows) and lesson content revisions.
 */
class D1BlobReferences {
  /** @param {D1Database} db */
  constructor(db) {
    this.db = db
  }

  /**
   * @param {string[]} keys R2 object names (one page of a bucket listing)
   * @returns {Promise<Set<string>>} those referred to
   */
  async referenced(keys) {
    if (keys.length === 0) return new Set()
    const { results } = await this.db.prepare(
      `SELECT value AS k FROM json_each(?1) WHERE
         EXISTS (SELECT 1 FROM uploads WHERE object_key = value)
         OR EXISTS (SELECT 1 FROM uploads WHERE object_key IS NULL AND key = value)
         OR EXISTS (SELECT 1 FROM lessons WHERE content_key = value)`,
    ).bind(JSON.stringify(keys)).all()
    return new Set(results.map((/** @type {any} */ r) => String(r.k)))
  }
}

export { D1BlobReferences }
