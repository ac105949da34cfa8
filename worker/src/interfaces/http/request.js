// @ts-check
import { ValidationError, PayloadTooLargeError } from '../../shared/errors.js'
import { decodeUtf8 } from '../../shared/encoding.js'

export const MAX_JSON_BYTES = 64 * 1024

/**
 * Reads at most maxBytes of the body, failing with 413 as soon as it grows past them
 * (a declared Content-Length over the limit fails before anything is read).
 * @param {Request} request @param {number} maxBytes @param {string} what
 */
export async function readBodyBytes(request, maxBytes, what) {
  const declared = request.headers.get('Content-Length')
  if (declared !== null && Number(declared) > maxBytes) throw new PayloadTooLargeError(what, maxBytes)
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  /** @type {Uint8Array[]} */
  const chunks = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw new PayloadTooLargeError(what, maxBytes)
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) { out.set(c, at); at += c.byteLength }
  return out
}

/**
 * Parses a JSON object body and rejects unknown members, so a typo never passes silently.
 * @param {Request} request
 * @param {readonly string[]} allowed member names
 * @param {number} [maxBytes] the largest body accepted (413 above)
 * @returns {Promise<Record<string, unknown>>}
 */
export async function readJsonObject(request, allowed, maxBytes = MAX_JSON_BYTES) {
  const type = request.headers.get('Content-Type')
  if (type !== null && !/^application\/json\s*(;|$)/i.test(type)) {
    throw ValidationError.field('Content-Type', 'must be application/json')
  }
  const bytes = await readBodyBytes(request, maxBytes, 'JSON body')
  const text = decodeUtf8(bytes)
  if (text === null) throw new ValidationError('The JSON body is not UTF-8', { body: 'is not valid UTF-8' })
  let value
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new ValidationError(`Malformed JSON body: ${e instanceof Error ? e.message : 'cannot parse'}`, { body: 'is not valid JSON' })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError('The JSON body must be an object', { body: 'must be a JSON object' })
  }
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k))
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      Object.fromEntries(unknown.map((k) => [k, 'is not a known field'])))
  }
  return value
}

/**
 * The declared length of a raw upload body. R2 needs it up front, and checking it against
 * the limit here answers 413 before a byte is read.
 * @param {Request} request @param {number} maxBytes @param {string} what
 */
export function declaredLength(request, maxBytes, what) {
  const raw = request.headers.get('Content-Length')
  if (raw === null || !/^\d{1,16}$/.test(raw)) {
    throw ValidationError.field('Content-Length', 'header is required (chunked uploads are not supported)')
  }
  const n = Number(raw)
  if (n > maxBytes) throw new PayloadTooLargeError(what, maxBytes)
  if (n === 0 || !request.body) throw ValidationError.field('body', 'must not be empty')
  return { length: n, body: request.body }
}

/**
 * The version named by an If-Match header ("3", 3 or W/"3"); undefined when absent.
 * @param {string|null} header @param {string} what e.g. "the lesson version"
 */
export function ifMatchVersion(header, what) {
  if (header === null) return undefined
  const m = /^(?:W\/)?"?([1-9]\d{0,15})"?$/.exec(header.trim())
  if (!m) throw ValidationError.field('If-Match', `must be ${what}, e.g. "3"`)
  return Number(m[1])
}
