// @ts-check
import { ValidationError } from '../../shared/errors.js'
import { hasControlChars, hasFormatChars, FORMAT_CHARS_PROBLEM } from './text.js'

/** Username: trimmed, 2..64 characters (code points), no control characters. */
export function parseUsername(/** @type {unknown} */ value) {
  if (typeof value !== 'string') throw ValidationError.field('username', 'must be a string')
  const trimmed = value.trim()
  const length = [...trimmed].length
  if (length < 2 || length > 64) throw ValidationError.field('username', 'must be 2 to 64 characters')
  if (hasControlChars(trimmed)) throw ValidationError.field('username', 'must not contain control characters')
  if (hasFormatChars(trimmed)) throw ValidationError.field('username', FORMAT_CHARS_PROBLEM)
  return trimmed
}
