// @ts-check
import { toBase64, fromBase64, timingSafeEqual } from '../../shared/encoding.js'

/** Workers cap PBKDF2 at 100,000 iterations in production; the console uses the same format. */
export const PBKDF2_ITERATIONS = 100000
const SALT_BYTES = 16
const KEY_BYTES = 32

/**
 * "pbkdf2_sha256$<iterations>$<salt b64>$<key b64>" (standard base64 with padding): a
 * self-describing string, so the iteration count can change without breaking old hashes.
 */
class PasswordHasher {
  /** @param {number} [iterations] for new hashes (PASSWORD_HASH_ITERATIONS; at most 100,000) */
  constructor(iterations = PBKDF2_ITERATIONS) {
    this.iterations = Math.min(iterations, PBKDF2_ITERATIONS)
  }

  /** @param {string} password */
  async hash(password) {
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
    const key = await derive(password, salt, this.iterations, KEY_BYTES)
    return `pbkdf2_sha256$${this.iterations}$${toBase64(salt)}$${toBase64(key)}`
  }

  /**
   * @param {string} password
   * @param {string} stored
   * @returns {Promise<boolean>} false for a wrong password or a malformed stored string
   */
  async verify(password, stored) {
    const parts = stored.split('$')
    if (parts.length !== 4 || parts[0] !== 'pbkdf2_sha256' || !/^[1-9][0-9]{0,5}$/.test(parts[1])) return false
    const iterations = Number(parts[1])
    const salt = fromBase64(parts[2])
    const expected = fromBase64(parts[3])
    if (iterations > PBKDF2_ITERATIONS || !salt || !expected || salt.length === 0 || expected.length < 16 || expected.length > 64) return false
    const actual = await derive(password, salt, iterations, expected.length)
    return timingSafeEqual(actual, expected)
  }

  /** Spends the time of one verification, so unknown emails answer as slowly as known ones. */
  async burn(/** @type {string} */ password) {
    await derive(password, new Uint8Array(SALT_BYTES), this.iterations, KEY_BYTES)
  }
}

/** @param {string} password @param {Uint8Array} salt @param {number} iterations @param {number} bytes */
async function derive(password, salt, iterations, bytes) {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, bytes * 8)
  return new Uint8Array(bits)
}

export { PasswordHasher }
