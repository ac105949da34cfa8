// @ts-check
import { nowIso } from '../../shared/time.js'
import { ValidationError } from '../../shared/errors.js'
import { parseScore } from '../value-objects/Score.js'
import { collectFieldErrors } from './collect.js'

/** @typedef {{userId: string, lessonId: string, completed: boolean, score: number, completedAt: string|null, updatedAt: string}} ProgressJSON */

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
  }

  /**
   * Builds the new state from the previous one (if any): completedAt is set when the lesson
   * first becomes completed and cleared when it is marked not completed again.
   * @param {string} userId @param {string} lessonId
   * @param {{completed?: unknown, score?: unknown}} input
   * @param {Progress|null} previous
   */
  static record(userId, lessonId, input, previous) {
    const fields = collectFieldErrors({
      completed: () => {
        if (input.completed === undefined) return previous?.completed ?? false
        if (typeof input.completed !== 'boolean') throw ValidationError.field('completed', 'must be a boolean')
        return input.completed
      },
      score: () => (input.score === undefined ? previous?.score ?? 0 : parseScore(input.score)),
    })
    const now = nowIso()
    const completedAt = fields.completed ? previous?.completedAt ?? now : null
    return new Progress({ userId, lessonId, completed: fields.completed, score: fields.score, completedAt, updatedAt: now })
  }

  /** @returns {ProgressJSON} */
  toJSON() {
    return {
      userId: this.userId, lessonId: this.lessonId, completed: this.completed, score: this.score,
      completedAt: this.completedAt, updatedAt: this.updatedAt,
    }
  }
}

export { Progress }
