// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { ForbiddenError, ValidationError } from '../../../shared/errors.js'

/** @typedef {import('../../types.js').Principal} Principal */
/** @typedef {import('../../../infrastructure/repositories/D1ProgressRepository.js').ProgressListQuery} ProgressListQuery */
/** @typedef {import('../../../infrastructure/repositories/D1ProgressRepository.js').CompletionsQuery} CompletionsQuery */

class ListProgressHandler {
  /** @param {import('../../types.js').ProgressRepo} progress */
  constructor(progress) {
    this.progress = progress
  }

  /** @param {Principal} who @param {ProgressListQuery} q */
  async execute(who, q) {
    if (!AccessPolicy.can(who, 'progress:read')) {
      AccessPolicy.require(who, 'progress:own')
      if (q.userId !== undefined && q.userId !== who.id) throw new ForbiddenError(`Role ${who.role} may only list its own progress`)
      q = { ...q, userId: who.id }
    }
    if (q.minScore !== undefined && q.maxScore !== undefined && q.minScore > q.maxScore) {
      throw ValidationError.field('maxScore', 'must not be below minScore')
    }
    if (q.completedFrom !== undefined && q.completedTo !== undefined && q.completedFrom > q.completedTo) {
      throw ValidationError.field('completedTo', 'must not be before completedFrom')
    }
    return this.progress.list(q)
  }
}

/** Completion statistics: aggregates over everyone, so progress:read. */
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

  /** @param {Principal} who @param {CompletionsQuery} q */
  async completions(who, q) {
    AccessPolicy.require(who, 'progress:read')
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) throw ValidationError.field('to', 'must not be before from')
    return this.progress.completions(q)
  }
}

export { ListProgressHandler, ProgressStatsHandler }
