// @ts-check
import { Lesson } from '../../../domain/entities/Lesson.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { NotFoundError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'
import { staleLesson } from './UpdateLessonHandler.js'

/**
 * Replaces a lesson's HTML: a new R2 object first, then the lesson row (content key,
 * version + 1, only if the version is still the one checked) with its event; the loser of a
 * race deletes its own object. The bus then invalidates the KV tiers (write-through).
 */
class PutLessonContentHandler {
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
   * @param {import('../../types.js').Principal} who
   * @param {string} id
   * @param {string} html
   * @param {number|undefined} expectedVersion from If-Match, when the client sent one
   */
  async execute(who, id, html, expectedVersion) {
    AccessPolicy.require(who, 'lessons:write')
    const lesson = await this.lessons.findByIdFresh(id)
    if (!lesson) throw new NotFoundError('Lesson', id)
    if (expectedVersion !== undefined && lesson.version !== expectedVersion) throw staleLesson(lesson)
    const base = lesson.version
    const previousKey = lesson.contentKey
    // A new object per revision; the version-checked row update below is the commit point.
    lesson.contentKey = Lesson.newContentKey(id)
    await this.storage.putText(lesson.contentKey, html, 'text/html; charset=utf-8')
    lesson.version = base + 1
    lesson.updatedAt = nowIso()
    const event = Events.lessonContentUpdated(lesson, new TextEncoder().encode(html).length, actorOf(who))
    let committed = false
    try {
      committed = await this.lessons.update(lesson, base, [event])
    } finally {
      if (!committed) await this.storage.delete(lesson.contentKey)
    }
    if (!committed) {
      const current = await this.lessons.findByIdFresh(id)
      if (!current) throw new NotFoundError('Lesson', id)
      throw staleLesson(current)
    }
    // The replaced revision is no longer referenced (readers that still hold the old row retry).
    if (previousKey) await this.storage.delete(previousKey)
    await this.bus.publish(event)
    return lesson
  }
}

export { PutLessonContentHandler }
