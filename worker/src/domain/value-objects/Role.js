// @ts-check
import { ValidationError } from '../../shared/errors.js'

/** @typedef {'admin'|'editor'|'support'|'learner'} Role */

export const ROLES = /** @type {const} */ (['admin', 'editor', 'support', 'learner'])

/** @param {unknown} value @returns {Role} */
export function parseRole(value) {
  if (typeof value !== 'string' || !ROLES.includes(/** @type {Role} */ (value))) {
    throw ValidationError.field('role', `must be one of ${ROLES.join(', ')}`)
  }
  return /** @type {Role} */ (value)
}
