// @ts-check
import { Progress, ProgressRow } from '../../../domain/entities/Progress.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events, progressNames } from '../../../domain/events/DomainEvent.js'
import { parseVersion } from '../../../domain/value-objects/Version.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'
import { requireProgressWrite } from '../../progressAccess.js'

/** @typedef {import('../../../domain/entities/User.js').User} User */
/** @typedef {import('../../../domain/entities/Lesson.js').Lesson} Lesson */

/**
 * Creates or replaces one user's progress on one lesson (PUT semantics). With `version` (a
 * correction based on a row read earlier) it applies only to that version: 409 with the
 * current row otherwise, and nothing changes.
 */
class UpsertProgressHandler {
  /**
   * @param {import('../../types.js').ProgressRepo} progress
   * @param {import('../../types.js').UserRepo} users
   * @param {import('../../types.js').LessonRepo} lessons
   * @param {import('../../types.js').EventBus} bus
   */
  constructor(progress, users, lessons, bus) {
    this.progress = progress
    this.users = users
    this.lessons = lessons
    this.bus = bus
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {string} userId @param {string} lessonId
   * @param {import('../../../domain/entities/Progress.js').ProgressInput & {version?: unknown, onlyIfAbsent?: boolean}} cmd
   * @returns {Promise<{row: ProgressRow, created: boolean}>}
   */
  async execute(who, userId, lessonId, cmd) {
    requireProgressWrite(who, userId)
    // Completion times are set by the Worker; only admins correct them.
    if (cmd.completedAt !== undefined && !AccessPolicy.can(who, 'progress:write')) {
      throw new ForbiddenError(`Role ${who.role} may not set completedAt`)
    }
    const expected = cmd.version === undefined ? undefined : parseVersion(cmd.version)
    const [user, lesson] = await Promise.all([this.users.findById(userId), this.lessons.findById(lessonId)])
    if (!user) throw new NotFoundError('User', userId)
    // A learner cannot see drafts, so a draft is "not found" for them.
    if (!lesson || (!lesson.isPublished && !AccessPolicy.can(who, 'lessons:read'))) throw new NotFoundError('Lesson', lessonId)
    // Read, decide, then write only if the row is still what was read (created only if still
    // absent): of parallel PUTs on a missing row exactly one creates (201), the others
    // re-read and update it (200); a PUT with a version the row no longer has is 409.
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const previous = await this.progress.find(userId, lessonId)
      if (expected !== undefined && previous?.version !== expected) throw staleProgress(userId, lessonId, previous, user, lesson)
      if (cmd.onlyIfAbsent && previous !== null) throw staleProgress(userId, lessonId, previous, user, lesson)
      const p = Progress.record(userId, lessonId, { completed: cmd.completed, score: cmd.score, completedAt: cmd.completedAt }, previous)
      const event = Events.progressUpserted(p, previous, actorOf(who), progressNames(user, lesson))
      const written = previous === null ? await this.progress.insert(p, [event]) : await this.progress.replace(p, previous.version, [event])
      if (written) {
        await this.bus.publish(event)
        return { row: new ProgressRow(p, contextOf(user, lesson)), created: previous === null }
      }
    }
    throw new ConflictError(`Progress ${userId}/${lessonId} is being changed by others; try again`)
  }
}

const MAX_ATTEMPTS = 20

/** @param {User} user @param {Lesson} lesson */
export function contextOf(user, lesson) {
  return { userEmail: user.email, username: user.username, lessonTitle: lesson.title, track: lesson.track }
}

/**
 * 409 for a write based on a version the row no longer has; `current` is the row as it is
 * now, or null when it no longer exists.
 * @param {string} userId @param {string} lessonId @param {Progress|null} current @param {User} user @param {Lesson} lesson
 */
function staleProgress(userId, lessonId, current, user, lesson) {
  if (!current) {
    return new ConflictError(`Progress ${userId}/${lessonId} no longer exists`, { version: 'is stale; the row does not exist' }, null)
  }
  return new ConflictError(`Progress ${userId}/${lessonId} was changed by someone else (current version ${current.version})`,
    { version: `is stale; current version is ${current.version}` }, new ProgressRow(current, contextOf(user, lesson)).toJSON())
}

export { UpsertProgressHandler }
