// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { ForbiddenError } from '../../../shared/errors.js'

/** @typedef {import('../../types.js').Principal} Principal */

class ListProgressHandler {
  /** @param {import('../../types.js').ProgressRepo} progress */
  constructor(progress) {
    this.progress = progress
  }

  /** @param {Principal} who @param {import('../../../infrastructure/repositories/D1ProgressRepository.js').ProgressListQuery} q */
  async execute(who, q) {
    if (!AccessPolicy.can(who, 'progress:read')) {
      AccessPolicy.require(who, 'progress:own')
      if (q.userId !== undefined && q.userId !== who.id) throw new ForbiddenError(`Role ${who.role} may only list its own progress`)
      q = { ...q, userId: who.id }
    }
    return this.progress.list(q)
  }
}

/** Completion statistics per lesson or per track: aggregates over everyone, so progress:read. */
class ProgressStatsHandler {
  /** @param {import('../../types.js').ProgressRepo} progress */
  constructor(progress) {
    this.progress = progress
  }

  /** @param {Principal} who @param {{track?: string}} filter */
  async byLesson(who, filter) {
    AccessPolicy.require(who, 'progress:read')
    return this.progress.statsByLesson(filter)
  }

  /** @param {Principal} who */
  async byTrack(who) {
    AccessPolicy.require(who, 'progress:read')
    return this.progress.statsByTrack()
  }
}

export { ListProgressHandler, ProgressStatsHandler }
