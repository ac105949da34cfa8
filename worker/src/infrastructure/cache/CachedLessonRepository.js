// @ts-check
import { Lesson } from '../../domain/entities/Lesson.js'

/** @typedef {import('../repositories/D1LessonRepository.js').D1LessonRepository} D1LessonRepository */
/** @typedef {import('./KVCacheService.js').KVCacheService} KVCacheService */
/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {import('../../domain/entities/Lesson.js').LessonProps} LessonProps */

const CACHE_TTL = 3600 // 1 h: lessons change rarely, and every write here invalidates

/** Decorator: lesson metadata by id through KV; writes invalidate. */
class CachedLessonRepository {
  /** @param {D1LessonRepository} repo @param {KVCacheService} cache */
  constructor(repo, cache) {
    this.repo = repo
    this.cache = cache
  }

  /** @param {string} id */
  static key(id) {
    return `lesson:${id}`
  }

  /** @param {string} id @returns {Promise<Lesson|null>} */
  async findById(id) {
    const cached = /** @type {LessonProps|null} */ (await this.cache.get(CachedLessonRepository.key(id)))
    if (cached) return Lesson.reconstitute(cached)
    const lesson = await this.repo.findById(id)
    // Cache the props, not toJSON(): contentKey is internal but needed.
    if (lesson) await this.cache.set(CachedLessonRepository.key(id), { ...lesson }, { ttl: CACHE_TTL })
    return lesson
  }

  /** @param {string} id */
  findByIdFresh(id) {
    return this.repo.findById(id)
  }

  /** @param {import('../repositories/D1LessonRepository.js').LessonListQuery} q */
  list(q) {
    return this.repo.list(q)
  }

  /** @param {Lesson} l @param {DomainEvent[]} events */
  insert(l, events) {
    return this.repo.insert(l, events)
  }

  /** @param {Lesson} l @param {number} expectedVersion @param {DomainEvent[]} events */
  async update(l, expectedVersion, events) {
    const ok = await this.repo.update(l, expectedVersion, events)
    await this.cache.delete(CachedLessonRepository.key(l.id))
    return ok
  }

  /** @param {Lesson} l @param {DomainEvent[]} events */
  async delete(l, events) {
    const ok = await this.repo.delete(l, events)
    await this.cache.delete(CachedLessonRepository.key(l.id))
    return ok
  }
}

export { CachedLessonRepository }
