// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { ForbiddenError } from '../../../shared/errors.js'

/** The audit trail: admins read everything; editor and support read their own actions. */
class ListEventsHandler {
  /** @param {import('../../types.js').EventStore} events */
  constructor(events) {
    this.events = events
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {import('../../../infrastructure/repositories/D1EventStore.js').EventFilter} filter
   * @param {import('../../../infrastructure/repositories/pagination.js').Paging} paging
   */
  async execute(who, filter, paging) {
    if (!AccessPolicy.can(who, 'events:read')) {
      AccessPolicy.require(who, 'events:own')
      if (filter.actorId !== undefined && filter.actorId !== who.id) throw new ForbiddenError(`Role ${who.role} may only read its own events`)
      filter = { ...filter, actorId: who.id }
    }
    return this.events.list(filter, paging)
  }
}

export { ListEventsHandler }
