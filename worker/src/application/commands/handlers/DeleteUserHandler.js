// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'

/** Deletes a user; D1 cascades progress, sessions and multipart uploads, and keeps uploads (uploaded_by NULL). */
class DeleteUserHandler {
  /** @param {import('../../types.js').UserRepo} users @param {import('../../types.js').EventBus} bus */
  constructor(users, bus) {
    this.users = users
    this.bus = bus
  }

  /** @param {import('../../types.js').Principal} who @param {string} id */
  async execute(who, id) {
    AccessPolicy.require(who, 'users:write')
    const user = await this.users.findByIdFresh(id)
    if (!user) throw new NotFoundError('User', id)
    const event = Events.userDeleted(user, actorOf(who))
    if (!(await this.users.delete(user, [event]))) throw new NotFoundError('User', id)
    await this.bus.publish(event)
  }
}

export { DeleteUserHandler }
