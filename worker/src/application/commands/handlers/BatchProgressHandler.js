// @ts-check
import { Progress } from '../../../domain/entities/Progress.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { Id } from '../../../domain/value-objects/Id.js'
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'

export const MAX_BATCH_ROWS = 1000
const ROW_FIELDS = ['userId', 'lessonId', 'completed', 'score', 'completedAt']

/**
 * @typedef {{index: number, userId: string, lessonId: string, input: {completed: unknown, score: unknown, completedAt?: unknown}}} BatchRow
 */

/**
 * Creates or replaces many progress rows at once (CSV imports), all or nothing: every row is
 * checked first and any problem answers 400 naming each bad row's fields (`rows[3].score`)
 * with nothing written; otherwise all rows and their events are written in one D1 batch.
 */
class BatchProgressHandler {
  /** @param {import('../../types.js').ProgressRepo} progress @param {import('../../types.js').EventBus} bus */
  constructor(progress, bus) {
    this.progress = progress
    this.bus = bus
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {unknown} rows
   * @param {{dryRun?: boolean}} [options] dryRun: check every row, write nothing, answer what would be created and updated
   * @returns {Promise<{created: number, updated: number}>}
   */
  async execute(who, rows, options = {}) {
    AccessPolicy.require(who, 'progress:write')
    if (!Array.isArray(rows) || rows.length < 1 || rows.length > MAX_BATCH_ROWS) {
      throw ValidationError.field('rows', `must be an array of 1 to ${MAX_BATCH_ROWS} rows`)
    }
    /** @type {Record<string, string>} */
    const problems = {}
    const parsed = checkRows(rows, problems, nowIso())
    await this.checkReferences(parsed, problems)
    refuseProblems(problems, rows.length)
    if (options.dryRun) {
      const previous = await this.progress.findMany(parsed)
      return { created: parsed.length - previous.size, updated: previous.size }
    }

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const previous = await this.progress.findMany(parsed)
      const now = nowIso()
      const actor = actorOf(who)
      const writes = parsed.map((r) => {
        const before = previous.get(`${r.userId}:${r.lessonId}`) ?? null
        return { progress: Progress.record(r.userId, r.lessonId, r.input, before, now), previousVersion: before?.version ?? null, before }
      })
      const events = writes.map((w) => Events.progressUpserted(w.progress, w.before, actor))
      let written
      try {
        written = await this.progress.writeMany(writes, events)
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e
        // A user or lesson was deleted since the check: name the rows.
        await this.checkReferences(parsed, problems)
        refuseProblems(problems, rows.length)
        throw e
      }
      if (written) {
        for (const event of events) await this.bus.publish(event)
        const created = writes.filter((w) => w.before === null).length
        return { created, updated: writes.length - created }
      }
      console.log(JSON.stringify({ message: 'progress batch: rows changed since they were read; starting over', rows: writes.length, attempt: attempt + 1 }))
    }
    throw new ConflictError('Rows of this batch are being changed by others; try again')
  }

  /**
   * Unknown user and lesson ids are problems of their rows.
   * @param {BatchRow[]} parsed @param {Record<string, string>} problems
   */
  async checkReferences(parsed, problems) {
    if (parsed.length === 0) return
    const { users, lessons } = await this.progress.existing([...new Set(parsed.map((r) => r.userId))], [...new Set(parsed.map((r) => r.lessonId))])
    for (const r of parsed) {
      if (!users.has(r.userId)) problems[`rows[${r.index}].userId`] = 'is not the id of a user'
      if (!lessons.has(r.lessonId)) problems[`rows[${r.index}].lessonId`] = 'is not the id of a lesson'
    }
  }
}

const MAX_ATTEMPTS = 10

/**
 * Checks every row's shape and values (the rules of a single PUT by an admin, with completed
 * and score required), records each problem under `rows[i]` or `rows[i].field`, and answers
 * the rows whose ids are well-formed.
 * @param {unknown[]} rows @param {Record<string, string>} problems @param {string} now
 * @returns {BatchRow[]}
 */
function checkRows(rows, problems, now) {
  /** @type {BatchRow[]} */
  const parsed = []
  /** @type {Map<string, number>} */
  const seen = new Map()
  rows.forEach((row, index) => {
    const at = `rows[${index}]`
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems[at] = 'must be an object with userId, lessonId, completed, score and optionally completedAt'
      return
    }
    const r = /** @type {Record<string, unknown>} */ (row)
    for (const name of Object.keys(r)) if (!ROW_FIELDS.includes(name)) problems[`${at}.${name}`] = 'is not a known field'
    const userId = idOf(r.userId, `${at}.userId`, problems)
    const lessonId = idOf(r.lessonId, `${at}.lessonId`, problems)
    for (const name of ['completed', 'score']) if (r[name] === undefined) problems[`${at}.${name}`] = 'is required'
    const input = { completed: r.completed, score: r.score, ...(r.completedAt === undefined ? {} : { completedAt: r.completedAt }) }
    if (r.completed !== undefined && r.score !== undefined) {
      try {
        Progress.record(userId ?? '', lessonId ?? '', input, null, now)
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e
        for (const [field, problem] of Object.entries(e.details ?? {})) problems[`${at}.${field}`] = problem
      }
    }
    if (userId === undefined || lessonId === undefined) return
    const key = `${userId}:${lessonId}`
    const first = seen.get(key)
    if (first !== undefined) {
      problems[at] = `repeats rows[${first}] (the same userId and lessonId)`
      return
    }
    seen.set(key, index)
    parsed.push({ index, userId, lessonId, input })
  })
  return parsed
}

/** @param {unknown} value @param {string} at @param {Record<string, string>} problems */
function idOf(value, at, problems) {
  try {
    return Id.parse(value).value
  } catch {
    problems[at] = 'must be a UUID'
    return undefined
  }
}

/** @param {Record<string, string>} problems @param {number} count */
function refuseProblems(problems, count) {
  const bad = new Set(Object.keys(problems).map((k) => k.replace(/^(rows\[\d+\]).*$/, '$1'))).size
  if (bad > 0) throw new ValidationError(`${bad} of ${count} rows ${bad === 1 ? 'has a problem' : 'have problems'}; nothing was written`, problems)
}

export { BatchProgressHandler }
