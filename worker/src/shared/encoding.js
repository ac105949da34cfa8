// @ts-check
/** Base64 helpers: standard alphabet with padding (password hashes) and base64url (JWT). */

/** @param {Uint8Array} bytes */
export function toBase64(bytes) {
  let s = ''
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i])
  return btoa(s)
}

/** @param {string} text @returns {Uint8Array|null} null when not valid standard base64 */
export function fromBase64(text) {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null
  const s = atob(text)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

/** @param {Uint8Array} bytes */
export function toBase64Url(bytes) {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** @param {string} text @returns {Uint8Array|null} */
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const std = text.replace(/-/g, '+').replace(/_/g, '/')
  return fromBase64(std + '='.repeat((4 - (std.length % 4)) % 4))
}

/** @param {ArrayBuffer|Uint8Array} buf */
export function toHex(buf) {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Constant-time comparison, so a verifier does not leak how many bytes matched. */
/** @param {Uint8Array} a @param {Uint8Array} b */
export function timingSafeEqual(a, b) {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

/**
 * Strict UTF-8 decoding. A leading byte order mark is dropped unless keepBom is set: JSON
 * must not start with one, but a document stored as it was sent (lesson HTML) keeps it.
 * @param {Uint8Array} bytes @param {{keepBom?: boolean}} [options] @returns {string|null} null when not UTF-8
 */
export function decodeUtf8(bytes, options = {}) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: options.keepBom === true }).decode(bytes)
  } catch {
    return null
  }
}
