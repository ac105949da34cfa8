// @ts-check
import { ValidationError } from '../../shared/errors.js'
import { hasControlChars, hasFormatChars, FORMAT_CHARS_PROBLEM } from './text.js'

/**
 * Upload key: the R2 object key. Relative path segments of printable characters, no "." or
 * ".." segments, no backslash, no leading or trailing "/" or empty segment, at most 512
 * bytes. That keeps keys usable as file names when the console downloads them.
 */
class UploadKey {
  /** @param {string} value */
  constructor(value) {
    this.value = value
    Object.freeze(this)
  }

  /**
   * The key of an existing file, for reads and deletes: the rules of create() except the
   * format-character one, so files stored before that rule stay reachable (and removable).
   * @param {unknown} value
   */
  static existing(value) {
    return UploadKey.create(value, 'key', { allowFormatChars: true })
  }

  /** @param {unknown} value @param {string} [field] @param {{allowFormatChars?: boolean}} [o] */
  static create(value, field = 'key', o = {}) {
    if (typeof value !== 'string' || value.length === 0) throw ValidationError.field(field, 'must be a non-empty string')
    if (new TextEncoder().encode(value).length > 512) throw ValidationError.field(field, 'must be at most 512 bytes')
    if (hasControlChars(value)) throw ValidationError.field(field, 'must not contain control characters')
    if (!o.allowFormatChars && hasFormatChars(value)) throw ValidationError.field(field, FORMAT_CHARS_PROBLEM)
    if (value.includes('\\')) throw ValidationError.field(field, 'must not contain a backslash')
    const segments = value.split('/')
    if (segments.some((s) => s === '' || s === '.' || s === '..')) {
      throw ValidationError.field(field, 'must be a relative path without empty, "." or ".." segments')
    }
    if (segments.some((s) => s !== s.trim())) {
      throw ValidationError.field(field, 'segments must not start or end with spaces')
    }
    return new UploadKey(value)
  }

  /** The last path segment: the default original file name. */
  get baseName() {
    return this.value.slice(this.value.lastIndexOf('/') + 1)
  }
}

/** Original file name: 1..255 characters, no control characters, no path separators. */
export function parseOriginalName(/** @type {unknown} */ value) {
  if (typeof value !== 'string' || value.trim() === '') throw ValidationError.field('originalName', 'must be a non-empty string')
  if ([...value].length > 255) throw ValidationError.field('originalName', 'must be at most 255 characters')
  if (hasFormatChars(value)) throw ValidationError.field('originalName', FORMAT_CHARS_PROBLEM)
  if (hasControlChars(value) || /[/\\]/.test(value)) {
    throw ValidationError.field('originalName', 'must not contain control characters or path separators')
  }
  return value
}

/** Content type: a type/subtype media type with optional parameters, printable ASCII. */
export function parseContentType(/** @type {unknown} */ value) {
  if (typeof value !== 'string' || value.length > 255 || !/^[\w.+-]+\/[\w.+-]+(\s*;[\x20-\x7e]*)?$/.test(value)) {
    throw ValidationError.field('contentType', 'must be a media type such as application/pdf')
  }
  return value
}

export { UploadKey }
