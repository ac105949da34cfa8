// @ts-check
import { nowIso } from '../../shared/time.js'

/** @typedef {{id: string, email: string}} Actor who caused an event (null: the system or the CLI) */

/**
 * @typedef {'user.created'|'user.updated'|'user.deleted'|'lesson.created'|'lesson.updated'|'lesson.deleted'|
 *   'lesson.content_updated'|'progress.upserted'|'progress.deleted'|'upload.created'|'upload.deleted'|
 *   'auth.login'|'auth.logout'|'auth.sessions_revoked'} EventType
 */

/** An immutable fact: recorded in the events table with the change, then published on the bus. */
class DomainEvent {
  /**
   * @param {EventType} type
   * @param {'user'|'lesson'|'progress'|'upload'} subjectType
   * @param {string} subjectId
   * @param {Record<string, unknown>} payload
   * @param {Actor|null} actor
   */
  constructor(type, subjectType, subjectId, payload, actor) {
    this.type = type
    this.subjectType = subjectType
    this.subjectId = subjectId
    this.payload = payload
    this.actor = actor
    this.occurredAt = nowIso()
    Object.freeze(this)
  }
}

/** @typedef {import('../entities/User.js').User} User */
/** @typedef {import('../entities/Lesson.js').Lesson} Lesson */
/** @typedef {import('../entities/Progress.js').Progress} Progress */
/** @typedef {import('../entities/Upload.js').Upload} Upload */

/** @param {User} u */
const userFacts = (u) => ({ email: u.email, username: u.username, role: u.role })
/** @param {Lesson} l */
const lessonFacts = (l) => ({ title: l.title, track: l.track, status: l.status, version: l.version })

/** @param {Progress} p */
const progressFacts = (p) => ({
  userId: p.userId, lessonId: p.lessonId, completed: p.completed, score: p.score, completedAt: p.completedAt, version: p.version,
})

/**
 * The learner's email and the lesson's title, when the handler has them, so the audit trail
 * names the row for people (imports leave them out rather than read every name).
 * @param {{email: string}|null|undefined} user @param {{title: string}|null|undefined} lesson
 */
export const progressNames = (user, lesson) => (user && lesson ? { userEmail: user.email, lessonTitle: lesson.title } : {})

/** Factories, one per event type, so payloads stay uniform. */
export const Events = {
  /** @param {User} u @param {Actor|null} a */
  userCreated: (u, a) => new DomainEvent('user.created', 'user', u.id, userFacts(u), a),
  /** @param {User} u @param {string[]} changes @param {Actor|null} a */
  userUpdated: (u, changes, a) => new DomainEvent('user.updated', 'user', u.id, { ...userFacts(u), changes }, a),
  /** @param {User} u @param {Actor|null} a */
  userDeleted: (u, a) => new DomainEvent('user.deleted', 'user', u.id, userFacts(u), a),
  /** @param {Lesson} l @param {Actor|null} a */
  lessonCreated: (l, a) => new DomainEvent('lesson.created', 'lesson', l.id, lessonFacts(l), a),
  /** @param {Lesson} l @param {string[]} changes @param {Actor|null} a */
  lessonUpdated: (l, changes, a) => new DomainEvent('lesson.updated', 'lesson', l.id, { ...lessonFacts(l), changes }, a),
  /** @param {Lesson} l @param {Actor|null} a */
  lessonDeleted: (l, a) => new DomainEvent('lesson.deleted', 'lesson', l.id, lessonFacts(l), a),
  /** @param {Lesson} l @param {number} bytes @param {Actor|null} a */
  lessonContentUpdated: (l, bytes, a) => new DomainEvent('lesson.content_updated', 'lesson', l.id, { ...lessonFacts(l), bytes }, a),
  /**
   * The row as written, whether it was created, and `changes`: the old and new value of each
   * field that changed (old null for a new row).
   * @param {Progress} p @param {Progress|null} previous @param {Actor|null} a
   * @param {{userEmail?: string, lessonTitle?: string}} [names] progressNames(user, lesson)
   */
  progressUpserted: (p, previous, a, names = {}) => new DomainEvent('progress.upserted', 'progress', `${p.userId}:${p.lessonId}`,
    { ...progressFacts(p), ...names, created: previous === null, changes: p.changesFrom(previous) }, a),
  /**
   * @param {Progress} p the row as it was when deleted @param {Actor|null} a
   * @param {{userEmail?: string, lessonTitle?: string}} [names] progressNames(user, lesson)
   */
  progressDeleted: (p, a, names = {}) => new DomainEvent('progress.deleted', 'progress', `${p.userId}:${p.lessonId}`,
    { ...progressFacts(p), ...names }, a),
  /** @param {Upload} u @param {Actor|null} a */
  uploadCreated: (u, a) => new DomainEvent('upload.created', 'upload', u.key,
    { size: u.size, contentType: u.contentType, originalName: u.originalName }, a),
  /** @param {Upload} u @param {Actor|null} a */
  uploadDeleted: (u, a) => new DomainEvent('upload.deleted', 'upload', u.key, { size: u.size, originalName: u.originalName }, a),
  /** @param {User} u @param {string} sessionId */
  login: (u, sessionId) => new DomainEvent('auth.login', 'user', u.id, { sessionId, role: u.role }, { id: u.id, email: u.email }),
  /** @param {Actor} a @param {string} sessionId */
  logout: (a, sessionId) => new DomainEvent('auth.logout', 'user', a.id, { sessionId }, a),
  /** @param {User} u whose sessions ended @param {number} count @param {Actor} a */
  sessionsRevoked: (u, count, a) => new DomainEvent('auth.sessions_revoked', 'user', u.id, { email: u.email, count }, a),
}

export { DomainEvent }
