// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'

/** Deletes a lesson (D1 cascades its progress) and then its HTML content in R2. */
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

  /** @param {import('../../types.js').Principal} who @param {string} id */
  async execute(who, id) {
    AccessPolicy.require(who, 'lessons:write')
    const lesson = await this.lessons.findByIdFresh(id)
    if (!lesson) throw new NotFoundError('Lesson', id)
    const event = Events.lessonDeleted(lesson, actorOf(who))
    if (!(await this.lessons.delete(lesson, [event]))) throw new NotFoundError('Lesson', id)
    // After the row is gone: an orphaned object is harmless, a row without its object is not.
    if (lesson.contentKey) await this.storage.delete(lesson.contentKey)
    await this.bus.publish(event)
  }
}

export { DeleteLessonHandler }
