// @ts-check
import { Progress } from '../../../domain/entities/Progress.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { ConflictError, NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'
import { requireProgressWrite } from '../../progressAccess.js'

/** Creates or replaces one user's progress on one lesson (PUT semantics, idempotent). */
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
   * @param {{completed?: unknown, score?: unknown}} cmd
   */
  async execute(who, userId, lessonId, cmd) {
    requireProgressWrite(who, userId)
    const [user, lesson] = await Promise.all([this.users.findById(userId), this.lessons.findById(lessonId)])
    if (!user) throw new NotFoundError('User', userId)
    // A learner cannot see drafts, so a draft is "not found" for them.
    if (!lesson || (!lesson.isPublished && !AccessPolicy.can(who, 'lessons:read'))) throw new NotFoundError('Lesson', lessonId)
    // Read, decide, then write only if the row is still what was read (created only if still
    // absent): of parallel PUTs on a missing row exactly one creates (201), the others
    // re-read and update it (200).
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const previous = await this.progress.find(userId, lessonId)
      const p = Progress.record(userId, lessonId, cmd, previous)
      const event = Events.progressUpserted(p, actorOf(who))
      const written = previous === null ? await this.progress.insert(p, [event]) : await this.progress.replace(p, previous, [event])
      if (written) {
        await this.bus.publish(event)
        return { progress: p, created: previous === null }
      }
    }
    throw new ConflictError(`Progress ${userId}/${lessonId} is being changed by others; try again`)
  }
}

const MAX_ATTEMPTS = 20

export { UpsertProgressHandler }
