// @ts-check
import { AccessPolicy } from '../domain/policies/AccessPolicy.js'
import { ForbiddenError } from '../shared/errors.js'

/**
 * Writes to progress: admins anyone's, learners only their own.
 * @param {import('../domain/policies/AccessPolicy.js').Principal} who @param {string} userId
 */
export function requireProgressWrite(who, userId) {
  if (AccessPolicy.can(who, 'progress:write')) return
  AccessPolicy.require(who, 'progress:own')
  if (userId !== who.id) throw new ForbiddenError(`Role ${who.role} may only change its own progress`)
}
