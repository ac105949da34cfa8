// @ts-check
/** ISO-8601 UTC with milliseconds, the format every timestamp in the schema uses. */
export function nowIso() {
  return new Date().toISOString()
}

/** An ISO-8601 date, or date and time with a zone (Z or +hh:mm); seconds and fractions optional. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/

/**
 * Epoch milliseconds of an ISO-8601 timestamp as the API accepts them (see ISO_8601), NaN
 * for anything else, impossible dates included.
 * @param {string} text
 */
export function parseIsoMs(text) {
  if (!ISO_8601.test(text)) return NaN
  // Date.parse rolls impossible dates over (2026-02-30 is March 2): refuse them.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number)
  const day = new Date(0)
  day.setUTCFullYear(y, m - 1, d) // not Date.UTC, which reads years 0..99 as 1900..1999
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return NaN
  return Date.parse(text)
}

/** @param {number} epochMs */
export function isoFromMs(epochMs) {
  return new Date(epochMs).toISOString()
}
