// @ts-check
import { ForbiddenError } from '../../shared/errors.js'

/** @typedef {import('../value-objects/Role.js').Role} Role */

/**
 * @typedef {'users:read'|'users:write'|'users:own'|
 *   'lessons:read'|'lessons:read-published'|'lessons:write'|
 *   'progress:read'|'progress:write'|'progress:own'|
 *   'uploads:read'|'uploads:create'|'uploads:delete'|
 *   'events:read'|'events:own'} Permission
 */

/**
 * ARCHITECTURE.md's role table, as data. "own" permissions are narrowed to the caller's rows by
 * the handlers (learners: own profile and own progress; editor and support: own events).
 * @type {Record<Role, ReadonlySet<Permission>>}
 */
const GRANTS = {
  admin: new Set(/** @type {Permission[]} */ (['users:read', 'users:write', 'users:own', 'lessons:read', 'lessons:read-published',
    'lessons:write', 'progress:read', 'progress:write', 'progress:own', 'uploads:read', 'uploads:create', 'uploads:delete',
    'events:read', 'events:own'])),
  editor: new Set(/** @type {Permission[]} */ (['lessons:read', 'lessons:read-published', 'lessons:write', 'progress:read',
    'uploads:read', 'uploads:create', 'events:own'])),
  support: new Set(/** @type {Permission[]} */ (['users:read', 'lessons:read', 'lessons:read-published', 'progress:read',
    'uploads:read', 'uploads:create', 'uploads:delete', 'events:own'])),
  learner: new Set(/** @type {Permission[]} */ (['users:own', 'lessons:read-published', 'progress:own'])),
}

/** @typedef {{id: string, email: string, role: Role, sessionId: string}} Principal the authenticated caller */

class AccessPolicy {
  /** @param {Principal} who @param {Permission} permission */
  static can(who, permission) {
    return GRANTS[who.role].has(permission)
  }

  /** @param {Principal} who @param {...Permission} anyOf */
  static require(who, ...anyOf) {
    if (!anyOf.some((p) => AccessPolicy.can(who, p))) {
      throw new ForbiddenError(`Role ${who.role} may not do this (needs ${anyOf.join(' or ')})`)
    }
  }
}

export { AccessPolicy }
