// @ts-check
import { Events, progressNames } from '../../../domain/events/DomainEvent.js'
import { ProgressRow } from '../../../domain/entities/Progress.js'
import { ConflictError, NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'
import { requireProgressWrite } from '../../progressAccess.js'
import { contextOf } from './UpsertProgressHandler.js'

/**
 * Deletes one row; its event records the row as it was (the delete applies to the version
 * read). Answers the deleted row with its learner's and lesson's names.
 */
class DeleteProgressHandler {
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
   * @param {import('../../types.js').Principal} who @param {string} userId @param {string} lessonId
   * @returns {Promise<ProgressRow>}
   */
  async execute(who, userId, lessonId) {
    requireProgressWrite(who, userId)
    // The names, read before the row goes (a row exists only while its user and lesson do).
    const [user, lesson] = await Promise.all([this.users.findById(userId), this.lessons.findById(lessonId)])
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const previous = await this.progress.find(userId, lessonId)
      if (!previous || !user || !lesson) throw new NotFoundError('Progress', `${userId}/${lessonId}`)
      const event = Events.progressDeleted(previous, actorOf(who), progressNames(user, lesson))
      if (await this.progress.delete(previous, [event])) {
        await this.bus.publish(event)
        return new ProgressRow(previous, contextOf(user, lesson))
      }
    }
    throw new ConflictError(`Progress ${userId}/${lessonId} is being changed by others; try again`)
  }
}

const MAX_ATTEMPTS = 20

export { DeleteProgressHandler }
