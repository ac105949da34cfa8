// @ts-check
import { ValidationError } from '../../shared/errors.js'

/** The plain password rule (8..256 characters); hashing lives in the application layer. */
export function parsePassword(/** @type {unknown} */ value) {
  if (typeof value !== 'string') throw ValidationError.field('password', 'must be a string')
  const length = [...value].length
  if (length < 8 || length > 256) throw ValidationError.field('password', 'must be 8 to 256 characters')
  return value
}
