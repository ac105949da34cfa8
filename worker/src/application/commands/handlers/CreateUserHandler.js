// @ts-check
import { User } from '../../../domain/entities/User.js'
import { Email } from '../../../domain/value-objects/Email.js'
import { parseUsername } from '../../../domain/value-objects/Username.js'
import { parseRole } from '../../../domain/value-objects/Role.js'
import { parsePassword } from '../../../domain/value-objects/Password.js'
import { collectFieldErrors } from '../../../domain/entities/collect.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { ConflictError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'

class CreateUserHandler {
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
   * @param {{email: unknown, username: unknown, role: unknown, password: unknown}} cmd
   */
  async execute(who, cmd) {
    AccessPolicy.require(who, 'users:write')
    // Every field checked (all problems reported at once) before the costly hash.
    const f = collectFieldErrors({
      email: () => Email.create(cmd.email).value,
      username: () => parseUsername(cmd.username),
      role: () => parseRole(cmd.role),
      password: () => parsePassword(cmd.password),
    })
    if (await this.users.findByEmail(f.email)) throw new ConflictError(`A user with email ${f.email} already exists`, { email: 'is already taken' })
    const user = User.create(f, await this.hasher.hash(f.password))
    const event = Events.userCreated(user, actorOf(who))
    await this.users.insert(user, [event])
    await this.bus.publish(event)
    return user
  }
}

export { CreateUserHandler }
