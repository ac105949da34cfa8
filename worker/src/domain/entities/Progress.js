// @ts-check
import { nowIso } from '../../shared/time.js'
import { ValidationError } from '../../shared/errors.js'
import { parseScore } from '../value-objects/Score.js'
import { parseCompletedAt } from '../value-objects/CompletedAt.js'
import { collectFieldErrors } from './collect.js'

/** @typedef {{userId: string, lessonId: string, completed: boolean, score: number, completedAt: string|null, updatedAt: string, version: number}} ProgressJSON */
/** @typedef {{userEmail: string, username: string, lessonTitle: string, track: string}} ProgressContext the learner's and the lesson's names */
/** @typedef {ProgressJSON & ProgressContext} ProgressRowJSON */
/** @typedef {{completed?: unknown, score?: unknown, completedAt?: unknown}} ProgressInput */

/** The fields a write may change, in the order events list them. */
export const PROGRESS_FIELDS = /** @type {const} */ (['completed', 'score', 'completedAt'])

/** A learner's progress on one lesson (one row per user and lesson). */
class Progress {
  /** @param {ProgressJSON} props */
  constructor(props) {
    this.userId = props.userId
    this.lessonId = props.lessonId
    this.completed = props.completed
    this.score = props.score
    this.completedAt = props.completedAt
    this.updatedAt = props.updatedAt
    this.version = props.version
  }

  /**
   * Builds the new state from the previous one (if any). Omitted fields keep their value
   * (false and 0 for a new row). completedAt, when not given, is set when the row first
   * becomes completed, kept while it stays completed and cleared when it is not completed;
   * a given completedAt (admins) must agree with completed. The version is the previous + 1.
   * @param {string} userId @param {string} lessonId
   * @param {ProgressInput} input
   * @param {Progress|null} previous
   * @param {string} [now] the write's time (one for every row of a batch)
   */
  static record(userId, lessonId, input, previous, now = nowIso()) {
    const fields = collectFieldErrors({
      completed: () => {
        if (input.completed === undefined) return previous?.completed ?? false
        if (typeof input.completed !== 'boolean') throw ValidationError.field('completed', 'must be a boolean')
        return input.completed
      },
      score: () => (input.score === undefined ? previous?.score ?? 0 : parseScore(input.score)),
      completedAt: () => (input.completedAt === undefined ? undefined : parseCompletedAt(input.completedAt, Date.parse(now))),
    })
    let completedAt
    if (fields.completedAt === undefined) {
      completedAt = fields.completed ? previous?.completedAt ?? now : null
    } else if (fields.completedAt !== null && !fields.completed) {
      throw ValidationError.field('completedAt', 'needs completed: true (a row that is not completed has no completion time)')
    } else if (fields.completedAt === null && fields.completed) {
      throw ValidationError.field('completedAt', 'must be a timestamp when completed is true (omit it to keep the current one)')
    } else {
      completedAt = fields.completedAt
    }
    return new Progress({
      userId, lessonId, completed: fields.completed, score: fields.score, completedAt, updatedAt: now,
      version: previous ? previous.version + 1 : 1,
    })
  }

  /**
   * What changed from `previous` (null: the row is new, every field was null before).
   * @param {Progress|null} previous
   * @returns {Record<string, {old: unknown, new: unknown}>}
   */
  changesFrom(previous) {
    /** @type {Record<string, {old: unknown, new: unknown}>} */
    const changes = {}
    for (const field of PROGRESS_FIELDS) {
      const before = previous ? previous[field] : null
      if (before !== this[field]) changes[field] = { old: before, new: this[field] }
    }
    return changes
  }

  /** @returns {ProgressJSON} */
  toJSON() {
    return {
      userId: this.userId, lessonId: this.lessonId, completed: this.completed, score: this.score,
      completedAt: this.completedAt, updatedAt: this.updatedAt, version: this.version,
    }
  }
}

/** A progress row as lists show it: with its learner's email and username and its lesson's title and track. */
class ProgressRow {
  /** @param {Progress} progress @param {ProgressContext} context */
  constructor(progress, context) {
    this.progress = progress
    this.context = context
  }

  /** @returns {ProgressRowJSON} */
  toJSON() {
    const c = this.context
    return { ...this.progress.toJSON(), userEmail: c.userEmail, username: c.username, lessonTitle: c.lessonTitle, track: c.track }
  }
}

export { Progress, ProgressRow }
