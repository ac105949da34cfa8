// @ts-check
import { ValidationError } from '../../shared/errors.js'

/** Score: an integer 0..100. */
export function parseScore(/** @type {unknown} */ value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    throw ValidationError.field('score', 'must be an integer from 0 to 100')
  }
  return value
}
