// @ts-check
import { ValidationError } from '../../shared/errors.js'
import { hasControlChars, hasFormatChars, FORMAT_CHARS_PROBLEM } from './text.js'

/** @typedef {'draft'|'published'} LessonStatus */
export const LESSON_STATUSES = /** @type {const} */ (['draft', 'published'])

/** Title: trimmed, 1..200 characters, no control characters. */
export function parseTitle(/** @type {unknown} */ value) {
  if (typeof value !== 'string') throw ValidationError.field('title', 'must be a string')
  const trimmed = value.trim()
  const length = [...trimmed].length
  if (length < 1 || length > 200) throw ValidationError.field('title', 'must be 1 to 200 characters')
  if (hasControlChars(trimmed)) throw ValidationError.field('title', 'must not contain control characters')
  if (hasFormatChars(trimmed)) throw ValidationError.field('title', FORMAT_CHARS_PROBLEM)
  return trimmed
}

/** Track: trimmed, 1..64 of letters, digits, '-', '_' and space. */
export function parseTrack(/** @type {unknown} */ value, field = 'track') {
  if (typeof value !== 'string') throw ValidationError.field(field, 'must be a string')
  const trimmed = value.trim()
  if (trimmed.length < 1 || trimmed.length > 64) throw ValidationError.field(field, 'must be 1 to 64 characters')
  if (!/^[\p{L}\p{N} _-]+$/u.test(trimmed)) {
    throw ValidationError.field(field, 'may contain only letters, digits, "-", "_" and spaces')
  }
  return trimmed
}

/** Difficulty: an integer 1..5. */
export function parseDifficulty(/** @type {unknown} */ value) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
    throw ValidationError.field('difficulty', 'must be an integer from 1 to 5')
  }
  return value
}

/** @param {unknown} value @returns {LessonStatus} */
export function parseStatus(value, field = 'status') {
  if (typeof value !== 'string' || !LESSON_STATUSES.includes(/** @type {LessonStatus} */ (value))) {
    throw ValidationError.field(field, 'must be "draft" or "published"')
  }
  return /** @type {LessonStatus} */ (value)
}
