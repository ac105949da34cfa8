// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'

/**
 * An admin ends all of a user's sessions: their tokens are refused (401) from the next
 * request on, and cannot be refreshed. Recorded in the audit trail.
 */
class EndUserSessionsHandler {
  /**
   * @param {import('../../types.js').UserRepo} users
   * @param {import('../../types.js').SessionStore} sessions
   * @param {import('../../types.js').EventStore} eventStore
   * @param {import('../../types.js').EventBus} bus
   */
  constructor(users, sessions, eventStore, bus) {
    this.users = users
    this.sessions = sessions
    this.eventStore = eventStore
    this.bus = bus
  }

  /** @param {import('../../types.js').Principal} who @param {string} userId */
  async execute(who, userId) {
    AccessPolicy.require(who, 'users:write')
    const user = await this.users.findByIdFresh(userId)
    if (!user) throw new NotFoundError('User', userId)
    const ended = await this.sessions.revokeAllForUser(userId)
    const event = Events.sessionsRevoked(user, ended.length, actorOf(who))
    await this.eventStore.append(event)
    await this.bus.publish(event)
    return { revoked: ended.length }
  }
}

export { EndUserSessionsHandler }
