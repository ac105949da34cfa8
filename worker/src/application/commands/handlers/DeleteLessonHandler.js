// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { ConflictError, NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'

/** Deletes a lesson (D1 cascades its progress) and then its HTML content in R2; answers the lesson as it was. */
class DeleteLessonHandler {
  /**
   * @param {import('../../types.js').LessonRepo} lessons
   * @param {import('../../types.js').Storage} storage
   * @param {import('../../types.js').EventBus} bus
   */
  constructor(lessons, storage, bus) {
    this.lessons = lessons
    this.storage = storage
    this.bus = bus
  }

  /**
   * @param {import('../../types.js').Principal} who @param {string} id
   * @returns {Promise<import('../../../domain/entities/Lesson.js').Lesson>} the lesson as it was when deleted
   */
  async execute(who, id) {
    AccessPolicy.require(who, 'lessons:write')
    // The delete applies only to the version read, so the answer is exactly what was deleted.
    for (let attempt = 0; attempt < 5; attempt++) {
      const lesson = await this.lessons.findByIdFresh(id)
      if (!lesson) throw new NotFoundError('Lesson', id)
      const event = Events.lessonDeleted(lesson, actorOf(who))
      if (!(await this.lessons.delete(lesson, [event]))) continue
      // After the row is gone: an orphaned object is harmless (housekeeping sweeps it), a row without its object is not.
      if (lesson.contentKey) await this.storage.delete(lesson.contentKey)
      await this.bus.publish(event)
      return lesson
    }
    throw new ConflictError(`Lesson ${id} keeps changing; try again`)
  }
}

export { DeleteLessonHandler }
