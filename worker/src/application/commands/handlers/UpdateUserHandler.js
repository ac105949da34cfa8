// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { parsePassword } from '../../../domain/value-objects/Password.js'
import { parseVersion } from '../../../domain/value-objects/Version.js'
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'

/**
 * PATCH a user with optimistic concurrency: the command names the version it was based on;
 * a stale one gets 409 with the current user, and nothing changes.
 * Passwords: changing your own needs `currentPassword` (a stolen token alone cannot take the
 * account over); an admin resetting someone else's does not. A new password ends the user's
 * other sessions (all of them on a reset) in the same transaction as the change.
 * The last admin can be neither demoted nor (see DeleteUserHandler) deleted.
 */
class UpdateUserHandler {
  /**
   * @param {import('../../types.js').UserRepo} users
   * @param {import('../../types.js').PasswordHasher} hasher
   * @param {import('../../types.js').EventBus} bus
   * @param {import('../../types.js').RateLimiter} limiter counts current-password checks per user
   */
  constructor(users, hasher, bus, limiter) {
    this.users = users
    this.hasher = hasher
    this.bus = bus
    this.limiter = limiter
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {string} id
   * @param {{version?: unknown, email?: unknown, username?: unknown, role?: unknown, password?: unknown, currentPassword?: unknown}} cmd
   */
  async execute(who, id, cmd) {
    const own = id === who.id
    if (!AccessPolicy.can(who, 'users:write')) {
      AccessPolicy.require(who, 'users:own')
      if (!own) throw new ForbiddenError(`Role ${who.role} may only update its own profile`)
      if (cmd.role !== undefined) throw new ForbiddenError(`Role ${who.role} may not change roles`)
    }
    if (cmd.version === undefined) throw ValidationError.field('version', 'is required (the version this update is based on)')
    const expected = parseVersion(cmd.version)
    const password = cmd.password === undefined ? undefined : parsePassword(cmd.password)
    const current = checkCurrentPasswordField(cmd.currentPassword, password !== undefined, own)

    const user = await this.users.findByIdFresh(id)
    if (!user) throw new NotFoundError('User', id)
    if (user.version !== expected) throw stale(user)
    if (current !== undefined) await this.verifyCurrentPassword(user, current)

    const wasAdmin = user.role === 'admin'
    const changes = user.applyChanges(cmd, password === undefined ? undefined : await this.hasher.hash(password))
    if (changes.length === 0) return user
    if (changes.includes('email')) {
      const other = await this.users.findByEmail(user.email)
      if (other && other.id !== user.id) throw new ConflictError(`A user with email ${user.email} already exists`, { email: 'is already taken' })
    }
    const demotesAdmin = wasAdmin && user.role !== 'admin'
    user.version = expected + 1
    user.updatedAt = nowIso()
    const event = Events.userUpdated(user, changes, actorOf(who))
    const written = await this.users.update(user, expected, [event], {
      keepAnAdmin: demotesAdmin,
      // Your own change keeps the session you made it from; a reset by an admin ends all.
      endSessionsExcept: changes.includes('password') ? (own ? who.sessionId : null) : undefined,
    })
    if (!written) {
      const now = await this.users.findByIdFresh(id)
      if (!now) throw new NotFoundError('User', id)
      if (now.version !== expected) throw stale(now)
      throw lastAdmin(now, 'demoted')
    }
    await this.bus.publish(event)
    return user
  }

  /**
   * @param {import('../../../domain/entities/User.js').User} user
   * @param {string} given
   */
  async verifyCurrentPassword(user, given) {
    // Guessing the current password through this endpoint is rate limited like logins are.
    const { allowed, retryAfter } = await this.limiter.hit(`password-check:${user.id}`)
    if (!allowed) throw new RateLimitedError(retryAfter)
    if (!user.passwordHash || !(await this.hasher.verify(given, user.passwordHash))) {
      throw ValidationError.field('currentPassword', 'is not your current password')
    }
  }
}

/**
 * @param {unknown} value the currentPassword field
 * @param {boolean} changesPassword @param {boolean} own
 * @returns {string|undefined} the password to verify, when one must be
 */
function checkCurrentPasswordField(value, changesPassword, own) {
  if (value !== undefined && typeof value !== 'string') throw ValidationError.field('currentPassword', 'must be a string')
  if (value !== undefined && !changesPassword) throw ValidationError.field('currentPassword', 'is only accepted together with password')
  if (!changesPassword) return undefined
  if (own) {
    if (value === undefined || value === '') throw ValidationError.field('currentPassword', 'is required to change your own password')
    return /** @type {string} */ (value)
  }
  if (value !== undefined) throw ValidationError.field('currentPassword', "is only for changing your own password (an admin resets another user's without it)")
  return undefined
}

/** @param {import('../../../domain/entities/User.js').User} current */
function stale(current) {
  return new ConflictError(`User ${current.id} was changed by someone else (current version ${current.version})`,
    { version: `is stale; current version is ${current.version}` }, current.toJSON())
}

/**
 * @param {import('../../../domain/entities/User.js').User} user
 * @param {'demoted'|'deleted'} what
 */
export function lastAdmin(user, what) {
  return new ConflictError(`${user.email} is the only admin and cannot be ${what}; make another user an admin first`,
    { [what === 'demoted' ? 'role' : 'id']: `the last admin cannot be ${what}` }, user.toJSON())
}

export { UpdateUserHandler }
