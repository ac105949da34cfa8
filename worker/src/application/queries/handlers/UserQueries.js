// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../../shared/errors.js'

/** @typedef {import('../../types.js').Principal} Principal */

/** Reading a user: users:read, or a learner reading their own profile. */
function requireUserRead(/** @type {Principal} */ who, /** @type {string} */ id) {
  if (AccessPolicy.can(who, 'users:read')) return
  AccessPolicy.require(who, 'users:own')
  if (id !== who.id) throw new ForbiddenError(`Role ${who.role} may only read its own profile`)
}

class GetUserHandler {
  /** @param {import('../../types.js').UserRepo} users */
  constructor(users) {
    this.users = users
  }

  /** @param {Principal} who @param {string} id */
  async execute(who, id) {
    requireUserRead(who, id)
    const user = await this.users.findById(id)
    if (!user) throw new NotFoundError('User', id)
    return user
  }
}

/** The caller's own user: every role may read itself, whatever the table says about users. */
class GetCurrentUserHandler {
  /** @param {import('../../types.js').UserRepo} users */
  constructor(users) {
    this.users = users
  }

  /** @param {Principal} who */
  async execute(who) {
    const user = await this.users.findById(who.id)
    if (!user) throw new UnauthorizedError('The user of this token no longer exists')
    return user
  }
}

class ListUsersHandler {
  /** @param {import('../../types.js').UserRepo} users */
  constructor(users) {
    this.users = users
  }

  /** @param {Principal} who @param {import('../../../infrastructure/repositories/D1UserRepository.js').UserListQuery} q */
  async execute(who, q) {
    AccessPolicy.require(who, 'users:read')
    return this.users.list(q)
  }
}

/** The seed's dashboard: user, latest 10 progress rows and totals, from one D1 batch. */
class GetUserDashboardHandler {
  /** @param {import('../../types.js').UserRepo} users */
  constructor(users) {
    this.users = users
  }

  /** @param {Principal} who @param {string} id */
  async execute(who, id) {
    requireUserRead(who, id)
    const d = await this.users.dashboard(id)
    if (!d) throw new NotFoundError('User', id)
    return { user: d.user.toJSON(), recentProgress: d.recentProgress.map((p) => p.toJSON()), totals: d.totals }
  }
}

export { GetUserHandler, GetCurrentUserHandler, ListUsersHandler, GetUserDashboardHandler }
