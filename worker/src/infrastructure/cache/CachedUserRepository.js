// @ts-check
import { User } from '../../domain/entities/User.js'

/** @typedef {import('../repositories/D1UserRepository.js').D1UserRepository} D1UserRepository */
/** @typedef {import('./KVCacheService.js').KVCacheService} KVCacheService */
/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */

const CACHE_TTL = 300 // 5 min: the role of a demoted user is stale at most this long in other colos

/**
 * Decorator: reads by id through KV, every write invalidates. The cached copy never holds
 * the password hash; writers that need the authoritative row call findByIdFresh.
 */
class CachedUserRepository {
  /** @param {D1UserRepository} repo @param {KVCacheService} cache */
  constructor(repo, cache) {
    this.repo = repo
    this.cache = cache
  }

  /** @param {string} id */
  static key(id) {
    return `user:${id}`
  }

  /** @param {string} id @returns {Promise<User|null>} */
  async findById(id) {
    const cached = /** @type {import('../../domain/entities/User.js').UserJSON|null} */ (await this.cache.get(CachedUserRepository.key(id)))
    if (cached) return User.reconstitute({ ...cached, passwordHash: null })
    const user = await this.repo.findById(id)
    if (user) await this.cache.set(CachedUserRepository.key(id), user.toJSON(), { ttl: CACHE_TTL })
    return user
  }

  /** @param {string} id the D1 row, for read-modify-write */
  findByIdFresh(id) {
    return this.repo.findById(id)
  }

  /** @param {string} email */
  findByEmail(email) {
    return this.repo.findByEmail(email)
  }

  /** @param {import('../repositories/D1UserRepository.js').UserListQuery} q */
  list(q) {
    return this.repo.list(q)
  }

  /** @param {string} id */
  dashboard(id) {
    return this.repo.dashboard(id)
  }

  /** @param {User} user @param {DomainEvent[]} events */
  async insert(user, events) {
    await this.repo.insert(user, events)
  }

  /**
   * @param {User} user @param {number} expectedVersion @param {DomainEvent[]} events
   * @param {Parameters<D1UserRepository['update']>[3]} [o]
   */
  async update(user, expectedVersion, events, o) {
    const ok = await this.repo.update(user, expectedVersion, events, o)
    await this.cache.delete(CachedUserRepository.key(user.id))
    return ok
  }

  /** @param {User} user @param {DomainEvent[]} events @param {Parameters<D1UserRepository['delete']>[2]} [o] */
  async delete(user, events, o) {
    const ok = await this.repo.delete(user, events, o)
    await this.cache.delete(CachedUserRepository.key(user.id))
    return ok
  }
}

export { CachedUserRepository }
