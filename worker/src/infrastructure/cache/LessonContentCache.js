// @ts-check
import { Lesson } from '../../domain/entities/Lesson.js'

/** @typedef {import('./KVCacheService.js').KVCacheService} KVCacheService */
/** @typedef {import('../storage/R2StorageService.js').R2StorageService} R2StorageService */
/** @typedef {import('../repositories/D1LessonRepository.js').D1LessonRepository} D1LessonRepository */
/** @typedef {import('../../domain/entities/Lesson.js').LessonProps} LessonProps */

const CACHE_TTL = 3600

/**
 * The seed's multi-tier read: KV (lesson + HTML together), then D1 metadata, then R2
 * content; the result goes back to KV. Invalidated on every lesson event (see container).
 */
class LessonContentCache {
  /** @param {KVCacheService} cache @param {D1LessonRepository} lessons @param {R2StorageService} storage */
  constructor(cache, lessons, storage) {
    this.cache = cache
    this.lessons = lessons
    this.storage = storage
  }

  /** @param {string} id */
  static key(id) {
    return `lesson-content:${id}`
  }

  /**
   * @param {string} id
   * @returns {Promise<{lesson: Lesson, html: string|null, tier: 'kv'|'origin'}|null>}
   */
  async get(id) {
    const hit = /** @type {{lesson: LessonProps, html: string|null}|null} */ (await this.cache.get(LessonContentCache.key(id)))
    if (hit) return { lesson: Lesson.reconstitute(hit.lesson), html: hit.html, tier: 'kv' }
    // A revision replaced between reading the row and reading its object is gone from R2:
    // read the row again (it names the new revision) rather than serve nothing.
    for (let attempt = 1; ; attempt++) {
      const lesson = await this.lessons.findById(id)
      if (!lesson) return null
      const html = lesson.contentKey ? await this.storage.getText(lesson.contentKey) : null
      if (lesson.contentKey && html === null) {
        if (attempt < 3) continue
        return { lesson, html, tier: 'origin' } // not cached: a missing object is never remembered
      }
      await this.cache.set(LessonContentCache.key(id), { lesson: { ...lesson }, html }, { ttl: CACHE_TTL })
      return { lesson, html, tier: 'origin' }
    }
  }

  /** @param {string} id */
  async invalidate(id) {
    await this.cache.delete(LessonContentCache.key(id))
  }
}

export { LessonContentCache }
