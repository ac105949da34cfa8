// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { NotFoundError } from '../../../shared/errors.js'

/** @typedef {import('../../types.js').Principal} Principal */
/** @typedef {import('../../../domain/entities/Lesson.js').Lesson} Lesson */

/** Drafts are invisible (404, not 403) to roles that may only read published lessons. */
function visible(/** @type {Principal} */ who, /** @type {Lesson|null} */ lesson) {
  AccessPolicy.require(who, 'lessons:read', 'lessons:read-published')
  return lesson !== null && (lesson.isPublished || AccessPolicy.can(who, 'lessons:read'))
}

class GetLessonHandler {
  /** @param {import('../../types.js').LessonRepo} lessons */
  constructor(lessons) {
    this.lessons = lessons
  }

  /** @param {Principal} who @param {string} id */
  async execute(who, id) {
    const lesson = await this.lessons.findById(id)
    if (!visible(who, lesson) || !lesson) throw new NotFoundError('Lesson', id)
    return lesson
  }
}

class ListLessonsHandler {
  /** @param {import('../../types.js').LessonRepo} lessons */
  constructor(lessons) {
    this.lessons = lessons
  }

  /** @param {Principal} who @param {import('../../../infrastructure/repositories/D1LessonRepository.js').LessonListQuery} q */
  async execute(who, q) {
    AccessPolicy.require(who, 'lessons:read', 'lessons:read-published')
    // Titles are stored trimmed; a blank search is no search (as for users).
    q = { ...q, search: q.search?.trim() || undefined }
    if (!AccessPolicy.can(who, 'lessons:read')) {
      // Published only: asking for drafts yields an empty page rather than an error.
      if (q.status === 'draft') {
        const total = q.withTotal === false ? null : 0
        return { items: [], pagination: { page: q.page, pageSize: q.pageSize, total, totalPages: total } }
      }
      q = { ...q, status: 'published' }
    }
    return this.lessons.list(q)
  }
}

/** Lesson HTML through the multi-tier cache (KV, then D1 + R2). */
class GetLessonContentHandler {
  /** @param {import('../../types.js').LessonContentCache} content */
  constructor(content) {
    this.content = content
  }

  /** @param {Principal} who @param {string} id */
  async execute(who, id) {
    const hit = await this.content.get(id)
    if (!hit || !visible(who, hit.lesson)) throw new NotFoundError('Lesson', id)
    if (hit.html === null) throw new NotFoundError('Lesson content', id)
    return hit
  }
}

export { GetLessonHandler, ListLessonsHandler, GetLessonContentHandler }
