// @ts-check
import { Lesson } from '../../../domain/entities/Lesson.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { actorOf } from '../../actor.js'

class CreateLessonHandler {
  /** @param {import('../../types.js').LessonRepo} lessons @param {import('../../types.js').EventBus} bus */
  constructor(lessons, bus) {
    this.lessons = lessons
    this.bus = bus
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {{title: unknown, track: unknown, difficulty?: unknown, status?: unknown}} cmd
   */
  async execute(who, cmd) {
    AccessPolicy.require(who, 'lessons:write')
    const lesson = Lesson.create(cmd)
    const event = Events.lessonCreated(lesson, actorOf(who))
    await this.lessons.insert(lesson, [event])
    await this.bus.publish(event)
    return lesson
  }
}

export { CreateLessonHandler }
