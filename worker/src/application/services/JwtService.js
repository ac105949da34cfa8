// @ts-check
import { toBase64Url, fromBase64Url, decodeUtf8 } from '../../shared/encoding.js'

/** @typedef {{sub: string, sid: string, role: string, email: string, iat: number, exp: number}} Claims */

const HEADER = toBase64Url(new TextEncoder().encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })))

/**
 * HS256 JWTs with WebCrypto. The algorithm is pinned: a token whose header says anything
 * but HS256 (alg=none included) is rejected before its signature is looked at.
 */
class JwtService {
  /** @param {string} secret */
  constructor(secret) {
    this.keyPromise = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' },
      false, ['sign', 'verify'])
  }

  /** @param {Claims} claims */
  async sign(claims) {
    const body = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)))
    const sig = await crypto.subtle.sign('HMAC', await this.keyPromise, new TextEncoder().encode(`${HEADER}.${body}`))
    return `${HEADER}.${body}.${toBase64Url(new Uint8Array(sig))}`
  }

  /**
   * @param {string} token
   * @param {number} [nowSeconds]
   * @param {number} [expiredLeewaySeconds] accept a token expired at most this long ago (refresh only)
   * @returns {Promise<Claims|null>} null for any malformed, forged or expired token
   */
  async verify(token, nowSeconds = Math.floor(Date.now() / 1000), expiredLeewaySeconds = 0) {
    const parts = token.split('.')
    if (parts.length !== 3) return null
    const header = parseJson(parts[0])
    if (!header || header.alg !== 'HS256' || (header.typ !== undefined && header.typ !== 'JWT')) return null
    const sig = fromBase64Url(parts[2])
    if (!sig || sig.length !== 32) return null
    const ok = await crypto.subtle.verify('HMAC', await this.keyPromise, sig, new TextEncoder().encode(`${parts[0]}.${parts[1]}`))
    if (!ok) return null
    const c = parseJson(parts[1])
    if (!c || typeof c.sub !== 'string' || typeof c.sid !== 'string' || typeof c.exp !== 'number' || typeof c.iat !== 'number') return null
    if (c.exp + expiredLeewaySeconds <= nowSeconds) return null
    return /** @type {Claims} */ (c)
  }
}

/** @param {string} segment @returns {Record<string, unknown>|null} */
function parseJson(segment) {
  const bytes = fromBase64Url(segment)
  if (!bytes) return null
  const text = decodeUtf8(bytes)
  if (text === null) return null
  try {
    const v = JSON.parse(text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null
  } catch {
    return null
  }
}

export { JwtService }
