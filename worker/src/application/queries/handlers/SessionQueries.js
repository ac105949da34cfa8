// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { NotFoundError } from '../../../shared/errors.js'

/** An admin's view of a user's live sessions: ids and times, never tokens. */
class ListUserSessionsHandler {
  /** @param {import('../../types.js').UserRepo} users @param {import('../../types.js').SessionStore} sessions */
  constructor(users, sessions) {
    this.users = users
    this.sessions = sessions
  }

  /** @param {import('../../types.js').Principal} who @param {string} userId */
  async execute(who, userId) {
    AccessPolicy.require(who, 'users:write')
    if (!(await this.users.findByIdFresh(userId))) throw new NotFoundError('User', userId)
    const list = await this.sessions.listActive(userId)
    return list.map((s) => ({ id: s.id, createdAt: s.createdAt, expiresAt: s.expiresAt, current: s.id === who.sessionId }))
  }
}

export { ListUserSessionsHandler }
