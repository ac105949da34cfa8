// @ts-check
import { nowIso } from '../../shared/time.js'
import { Id } from '../value-objects/Id.js'
import { parseTitle, parseTrack, parseDifficulty, parseStatus } from '../value-objects/LessonFields.js'
import { collectFieldErrors } from './collect.js'

/** @typedef {import('../value-objects/LessonFields.js').LessonStatus} LessonStatus */

/**
 * @typedef {Object} LessonProps
 * @property {string} id
 * @property {string} title
 * @property {string} track
 * @property {number} difficulty
 * @property {LessonStatus} status
 * @property {string|null} contentKey R2 key of the HTML content, if any
 * @property {number} version
 * @property {string} createdAt
 * @property {string} updatedAt
 */

/** @typedef {{id: string, title: string, track: string, difficulty: number, status: LessonStatus, hasContent: boolean, version: number, createdAt: string, updatedAt: string}} LessonJSON */

class Lesson {
  /** @param {LessonProps} props */
  constructor(props) {
    this.id = props.id
    this.title = props.title
    this.track = props.track
    this.difficulty = props.difficulty
    this.status = props.status
    this.contentKey = props.contentKey
    this.version = props.version
    this.createdAt = props.createdAt
    this.updatedAt = props.updatedAt
  }

  /** @param {{title: unknown, track: unknown, difficulty?: unknown, status?: unknown}} input */
  static create(input) {
    const fields = collectFieldErrors({
      title: () => parseTitle(input.title),
      track: () => parseTrack(input.track),
      difficulty: () => (input.difficulty === undefined ? 1 : parseDifficulty(input.difficulty)),
      status: () => (input.status === undefined ? 'draft' : parseStatus(input.status)),
    })
    const now = nowIso()
    return new Lesson({ id: Id.generate().value, ...fields, contentKey: null, version: 1, createdAt: now, updatedAt: now })
  }

  /** @param {LessonProps} props */
  static reconstitute(props) {
    return new Lesson(props)
  }

  /**
   * A fresh R2 key for a new revision of a lesson's HTML. Every write gets its own object, so
   * the lesson row's content_key (changed only by a version-checked update) decides which
   * revision is served: a writer that loses the race never touches the winner's bytes.
   */
  static newContentKey(/** @type {string} */ id) {
    return `lessons/${id}/${crypto.randomUUID()}.html`
  }

  get isPublished() {
    return this.status === 'published'
  }

  /**
   * @param {{title?: unknown, track?: unknown, difficulty?: unknown, status?: unknown}} input
   * @returns {string[]} names of the fields that changed
   */
  applyChanges(input) {
    /** @type {Record<string, () => unknown>} */
    const rules = {}
    if (input.title !== undefined) rules.title = () => parseTitle(input.title)
    if (input.track !== undefined) rules.track = () => parseTrack(input.track)
    if (input.difficulty !== undefined) rules.difficulty = () => parseDifficulty(input.difficulty)
    if (input.status !== undefined) rules.status = () => parseStatus(input.status)
    const next = /** @type {Record<string, any>} */ (collectFieldErrors(rules))
    const self = /** @type {Record<string, any>} */ (/** @type {unknown} */ (this))
    const changes = []
    for (const field of ['title', 'track', 'difficulty', 'status']) {
      if (next[field] !== undefined && next[field] !== self[field]) {
        self[field] = next[field]
        changes.push(field)
      }
    }
    return changes
  }

  /** @returns {LessonJSON} */
  toJSON() {
    return {
      id: this.id, title: this.title, track: this.track, difficulty: this.difficulty, status: this.status,
      hasContent: this.contentKey !== null, version: this.version, createdAt: this.createdAt, updatedAt: this.updatedAt,
    }
  }
}

export { Lesson }
