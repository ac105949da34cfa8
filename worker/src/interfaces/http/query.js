// @ts-check
import { ValidationError } from '../../shared/errors.js'
import { Id } from '../../domain/value-objects/Id.js'
import { parseIsoMs } from '../../shared/time.js'

export const MAX_PAGE_SIZE = 200

/**
 * Typed access to the query string: unknown or repeated parameters are rejected, so a
 * typo ("pagesize") is a 400 rather than a silently ignored filter.
 */
class Query {
  /** @param {URLSearchParams} params @param {readonly string[]} allowed */
  constructor(params, allowed) {
    const seen = new Set()
    for (const name of params.keys()) {
      if (!allowed.includes(name)) throw ValidationError.field(name, `is not a known query parameter (known: ${allowed.join(', ') || 'none'})`)
      if (seen.has(name)) throw ValidationError.field(name, 'must be given at most once')
      seen.add(name)
    }
    this.params = params
  }

  /** @param {string} name */
  raw(name) {
    const v = this.params.get(name)
    return v === null ? undefined : v
  }

  /**
   * An integer from min to max; fallback when absent (undefined for an optional filter).
   * @template {number|undefined} F
   * @param {string} name @param {{min: number, max: number, fallback: F}} o
   * @returns {number|F}
   */
  int(name, { min, max, fallback }) {
    const v = this.raw(name)
    if (v === undefined) return fallback
    if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) throw ValidationError.field(name, `must be an integer from ${min} to ${max}`)
    return Number(v)
  }

  /** Page and page size, pageSize capped at 200. */
  paging(defaultPageSize = 50) {
    return {
      page: this.int('page', { min: 1, max: 1000000, fallback: 1 }),
      pageSize: this.int('pageSize', { min: 1, max: MAX_PAGE_SIZE, fallback: defaultPageSize }),
    }
  }

  /**
   * @template {string} T
   * @param {string} name @param {readonly T[]} values
   * @returns {T|undefined}
   */
  oneOf(name, values) {
    const v = this.raw(name)
    if (v === undefined) return undefined
    if (!values.includes(/** @type {T} */ (v))) throw ValidationError.field(name, `must be one of ${values.join(', ')}`)
    return /** @type {T} */ (v)
  }

  /** @param {string} name @param {number} maxLength */
  text(name, maxLength) {
    const v = this.raw(name)
    if (v === undefined) return undefined
    if (v.length > maxLength) throw ValidationError.field(name, `must be at most ${maxLength} characters`)
    if (/[\u0000-\u001f\u007f]/.test(v)) throw ValidationError.field(name, 'must not contain control characters')
    return v
  }

  /** @param {string} name */
  id(name) {
    const v = this.raw(name)
    return v === undefined ? undefined : Id.parse(v, name).value
  }

  /** @param {string} name */
  bool(name) {
    const v = this.raw(name)
    if (v === undefined) return undefined
    if (v !== 'true' && v !== 'false') throw ValidationError.field(name, 'must be true or false')
    return v === 'true'
  }

  /** ISO-8601 timestamp, normalized to the stored form (UTC with milliseconds). */
  timestamp(/** @type {string} */ name) {
    const v = this.raw(name)
    if (v === undefined) return undefined
    const ms = parseIsoMs(v)
    if (Number.isNaN(ms)) throw ValidationError.field(name, 'must be an ISO-8601 timestamp such as 2026-01-31T12:00:00.000Z')
    return new Date(ms).toISOString()
  }
}

export { Query }
