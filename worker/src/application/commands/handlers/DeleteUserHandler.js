// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { ConflictError, NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'
import { lastAdmin } from './UpdateUserHandler.js'

/**
 * Deletes a user; D1 cascades progress, sessions and multipart uploads, and keeps uploads
 * (uploaded_by NULL). Answers the user as it was when deleted: the delete applies only to
 * the version read (re-read and retried when it changed meanwhile). The last admin stays.
 */
class DeleteUserHandler {
  /** @param {import('../../types.js').UserRepo} users @param {import('../../types.js').EventBus} bus */
  constructor(users, bus) {
    this.users = users
    this.bus = bus
  }

  /** @param {import('../../types.js').Principal} who @param {string} id */
  async execute(who, id) {
    AccessPolicy.require(who, 'users:write')
    for (let attempt = 0; attempt < 5; attempt++) {
      const user = await this.users.findByIdFresh(id)
      if (!user) throw new NotFoundError('User', id)
      const event = Events.userDeleted(user, actorOf(who))
      if (await this.users.delete(user, [event], { keepAnAdmin: user.role === 'admin' })) {
        await this.bus.publish(event)
        return user
      }
      const now = await this.users.findByIdFresh(id)
      if (!now) throw new NotFoundError('User', id)
      if (now.version === user.version) throw lastAdmin(now, 'deleted')
    }
    throw new ConflictError(`User ${id} keeps changing; try again`)
  }
}

export { DeleteUserHandler }
