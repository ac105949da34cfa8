// @ts-check
/** ISO-8601 UTC with milliseconds, the format every timestamp in the schema uses. */
export function nowIso() {
  return new Date().toISOString()
}

/** @param {number} epochMs */
export function isoFromMs(epochMs) {
  return new Date(epochMs).toISOString()
}
