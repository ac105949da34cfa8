// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { ForbiddenError, ValidationError } from '../../../shared/errors.js'

/** @typedef {import('../../types.js').Principal} Principal */
/** @typedef {import('../../../infrastructure/repositories/D1ProgressRepository.js').ProgressListQuery} ProgressListQuery */
/** @typedef {import('../../../infrastructure/repositories/D1ProgressRepository.js').CompletionsQuery} CompletionsQuery */

/** @param {ProgressListQuery} q True when a user, a lesson or a search leads (few rows). */
const narrowed = (q) => q.userId !== undefined || q.lessonId !== undefined || !!q.search?.trim()

/** Sorts no index orders: they sort every row the filters select, on every page. */
const UNINDEXED_SORTS = ['score', 'completedAt']

class ListProgressHandler {
  /**
   * @param {import('../../types.js').ProgressRepo} progress
   * @param {number} maxSortedRows the most rows an unindexed sort may sort (PROGRESS_MAX_SORTED_ROWS)
   */
  constructor(progress, maxSortedRows) {
    this.progress = progress
    this.maxSortedRows = maxSortedRows
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
    // One user's rows are few; any other filter may select millions, and sorting them would
    // run into D1's 30 s limit: counted first (per-lesson totals where they can answer), and
    // the count is the page's total.
    const unindexed = UNINDEXED_SORTS.includes(q.sort) && q.userId === undefined
    // A completion-time range, walked in the order of another index, reads a table row per
    // candidate until it has a page: millions for a range far from the first rows. Counted on
    // idx_progress_completions first: a range of few rows is read through that index and sorted.
    const timeRange = (q.completedFrom !== undefined || q.completedTo !== undefined) && !narrowed(q)
    if (!unindexed && !timeRange) return this.progress.list(q)
    const rows = await this.progress.count(q)
    if (unindexed && rows > this.maxSortedRows) {
      throw ValidationError.field('sort', `${q.sort} has no index: it sorts every row the filters select (${rows}, at most ` +
        `${this.maxSortedRows}); filter by userId, lessonId or a narrower q or track, or sort by updatedAt, email or title`)
    }
    const page = await this.progress.list({ ...q, withTotal: false, byCompletion: timeRange && rows <= this.maxSortedRows })
    return { ...page, total: q.withTotal ? rows : null }
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
