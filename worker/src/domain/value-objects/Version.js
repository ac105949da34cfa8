// @ts-check
import { ValidationError } from '../../shared/errors.js'

/** The version an update was based on (optimistic concurrency): a positive integer. */
export function parseVersion(/** @type {unknown} */ value) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw ValidationError.field('version', 'must be a positive integer')
  }
  return value
}
