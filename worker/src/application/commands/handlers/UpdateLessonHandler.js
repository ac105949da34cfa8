// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { parseVersion } from '../../../domain/value-objects/Version.js'
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'

/** PATCH a lesson's metadata with optimistic concurrency (409 with the current lesson when stale). */
class UpdateLessonHandler {
  /** @param {import('../../types.js').LessonRepo} lessons @param {import('../../types.js').EventBus} bus */
  constructor(lessons, bus) {
    this.lessons = lessons
    this.bus = bus
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {string} id
   * @param {{version?: unknown, title?: unknown, track?: unknown, difficulty?: unknown, status?: unknown}} cmd
   */
  async execute(who, id, cmd) {
    AccessPolicy.require(who, 'lessons:write')
    if (cmd.version === undefined) throw ValidationError.field('version', 'is required (the version this update is based on)')
    const expected = parseVersion(cmd.version)
    const lesson = await this.lessons.findByIdFresh(id)
    if (!lesson) throw new NotFoundError('Lesson', id)
    if (lesson.version !== expected) throw staleLesson(lesson)
    const changes = lesson.applyChanges(cmd)
    if (changes.length === 0) return lesson
    lesson.version = expected + 1
    lesson.updatedAt = nowIso()
    const event = Events.lessonUpdated(lesson, changes, actorOf(who))
    if (!(await this.lessons.update(lesson, expected, [event]))) {
      const current = await this.lessons.findByIdFresh(id)
      if (!current) throw new NotFoundError('Lesson', id)
      throw staleLesson(current)
    }
    await this.bus.publish(event)
    return lesson
  }
}

/** @param {import('../../../domain/entities/Lesson.js').Lesson} current */
export function staleLesson(current) {
  return new ConflictError(`Lesson ${current.id} was changed by someone else (current version ${current.version})`,
    { version: `is stale; current version is ${current.version}` }, current.toJSON())
}

export { UpdateLessonHandler }
