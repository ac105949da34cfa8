// @ts-check
import { ValidationError } from '../../shared/errors.js'
import { parseIsoMs } from '../../shared/time.js'

/** How far ahead of the Worker's clock a completion time may be (clients' clocks drift). */
export const CLOCK_SKEW_MS = 60_000

/**
 * A completion time set by hand (an admin's correction, an import): an ISO-8601 timestamp,
 * normalized to the stored form, not in the future (CLOCK_SKEW_MS of tolerance). null is
 * "no completion time".
 * @param {unknown} value @param {number} nowMs @param {string} [field]
 * @returns {string|null}
 */
export function parseCompletedAt(value, nowMs, field = 'completedAt') {
  if (value === null) return null
  const ms = typeof value === 'string' ? parseIsoMs(value) : NaN
  if (Number.isNaN(ms)) throw ValidationError.field(field, 'must be an ISO-8601 timestamp such as 2026-01-31T12:00:00.000Z, or null')
  if (ms > nowMs + CLOCK_SKEW_MS) throw ValidationError.field(field, 'must not be in the future')
  return new Date(ms).toISOString()
}
