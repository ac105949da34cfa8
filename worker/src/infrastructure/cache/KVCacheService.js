// @ts-check
/** Thin JSON cache over KV. KV is eventually consistent: never the authority for anything. */
class KVCacheService {
  /** @param {KVNamespace} kv */
  constructor(kv) {
    this.kv = kv
  }

  /**
   * @template T
   * @param {string} key
   * @returns {Promise<T|null>}
   */
  async get(key) {
    return /** @type {T|null} */ (await this.kv.get(key, 'json'))
  }

  /**
   * @param {string} key
   * @param {unknown} value
   * @param {{ttl?: number}} [options] seconds; KV's minimum is 60
   */
  async set(key, value, { ttl } = {}) {
    const opts = ttl ? { expirationTtl: Math.max(60, ttl) } : {}
    await this.kv.put(key, JSON.stringify(value), opts)
  }

  /** @param {string} key */
  async delete(key) {
    await this.kv.delete(key)
  }
}

export { KVCacheService }
