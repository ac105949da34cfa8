// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { parsePassword } from '../../../domain/value-objects/Password.js'
import { parseVersion } from '../../../domain/value-objects/Version.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'

/**
 * PATCH a user with optimistic concurrency: the command names the version it was based on;
 * a stale one gets 409 with the current user, and nothing changes.
 */
class UpdateUserHandler {
  /**
   * @param {import('../../types.js').UserRepo} users
   * @param {import('../../types.js').PasswordHasher} hasher
   * @param {import('../../types.js').EventBus} bus
   */
  constructor(users, hasher, bus) {
    this.users = users
    this.hasher = hasher
    this.bus = bus
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {string} id
   * @param {{version?: unknown, email?: unknown, username?: unknown, role?: unknown, password?: unknown}} cmd
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

    const user = await this.users.findByIdFresh(id)
    if (!user) throw new NotFoundError('User', id)
    if (user.version !== expected) throw stale(user)

    const changes = user.applyChanges(cmd, password === undefined ? undefined : await this.hasher.hash(password))
    if (changes.length === 0) return user
    if (changes.includes('email')) {
      const other = await this.users.findByEmail(user.email)
      if (other && other.id !== user.id) throw new ConflictError(`A user with email ${user.email} already exists`, { email: 'is already taken' })
    }
    user.version = expected + 1
    user.updatedAt = nowIso()
    const event = Events.userUpdated(user, changes, actorOf(who))
    if (!(await this.users.update(user, expected, [event]))) {
      const current = await this.users.findByIdFresh(id)
      if (!current) throw new NotFoundError('User', id)
      throw stale(current)
    }
    await this.bus.publish(event)
    return user
  }
}

/** @param {import('../../../domain/entities/User.js').User} current */
function stale(current) {
  return new ConflictError(`User ${current.id} was changed by someone else (current version ${current.version})`,
    { version: `is stale; current version is ${current.version}` }, current.toJSON())
}

export { UpdateUserHandler }
