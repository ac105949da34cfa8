// @ts-check
import { isoFromMs } from '../../../shared/time.js'

const CURSOR_KEY = 'housekeeping:r2-cursor'
const MAX_LIST_PAGES = 5 // 5,000 objects per run; the next run continues from the saved cursor
const MAX_MULTIPART = 100

/**
 * The scheduled clean-up (Cron Trigger): aborts multipart uploads older than the minimum age
 * (a day), deletes R2 objects that no row refers to (left by a failure between R2 and D1, or
 * by a deleted lesson's content) once they are that old, deletes sessions past their expiry
 * or revoked, and rate-limit counters whose window ended.
 */
class HousekeepingHandler {
  /**
   * @param {{uploads: import('../../types.js').UploadRepo, storage: import('../../types.js').Storage,
   *   references: import('../../../infrastructure/repositories/D1BlobReferences.js').D1BlobReferences,
   *   sessions: import('../../types.js').SessionStore, cache: import('../../../infrastructure/cache/KVCacheService.js').KVCacheService,
   *   purgeRateLimits: () => Promise<number>, minAgeSeconds: number}} deps
   */
  constructor(deps) {
    this.d = deps
  }

  /** @param {number} [nowMs] */
  async execute(nowMs = Date.now()) {
    const cutoff = nowMs - this.d.minAgeSeconds * 1000
    const report = {
      multipartAborted: await this.abortOldMultipart(cutoff),
      orphansDeleted: await this.deleteOrphans(cutoff),
      sessionsDeleted: await this.d.sessions.purgeExpired(),
      rateLimitsDeleted: await this.d.purgeRateLimits(),
    }
    console.log(JSON.stringify({ housekeeping: report }))
    return report
  }

  /** @param {number} cutoff epoch ms */
  async abortOldMultipart(cutoff) {
    let n = 0
    for (const mp of await this.d.uploads.listMultipartStartedBefore(isoFromMs(cutoff), MAX_MULTIPART)) {
      try {
        await this.d.storage.abortMultipart(mp.blobKey, mp.uploadId)
      } catch (e) {
        // Usually already gone in R2 (R2 itself expires them after 7 days): forget it anyway.
        console.warn(JSON.stringify({ level: 'warn', message: 'abort of an old multipart upload failed', uploadId: mp.uploadId, error: String(e) }))
      }
      await this.d.uploads.deleteMultipart(mp.uploadId)
      n++
    }
    return n
  }

  /** @param {number} cutoff epoch ms: younger objects may belong to a write in progress */
  async deleteOrphans(cutoff) {
    let n = 0
    /** @type {string|undefined} */
    let cursor = (await this.d.cache.get(CURSOR_KEY)) ?? undefined
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const listed = await this.d.storage.listPage(cursor)
      const old = listed.objects.filter((o) => o.uploaded.getTime() <= cutoff).map((o) => o.key)
      const referenced = await this.d.references.referenced(old)
      const orphans = old.filter((k) => !referenced.has(k))
      await this.d.storage.deleteMany(orphans)
      n += orphans.length
      cursor = listed.cursor ?? undefined
      if (!cursor) break
    }
    if (cursor) await this.d.cache.set(CURSOR_KEY, cursor, { ttl: 7 * 86400 })
    else await this.d.cache.delete(CURSOR_KEY)
    return n
  }
}

export { HousekeepingHandler }
