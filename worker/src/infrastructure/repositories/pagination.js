// @ts-check
/** @typedef {{page: number, pageSize: number, total: number|null, totalPages: number|null}} Pagination */
/**
 * Which page, and whether to count the rows: `withTotal: false` skips the COUNT (total and
 * totalPages null). D1 bills rows read, and a count reads every row the filters select, on
 * every page; a client that does not show the total should not pay for it. Absent: counted.
 * @typedef {{page: number, pageSize: number, withTotal?: boolean}} Paging
 */

/**
 * The seed's pagination: one D1 batch with the page and the total count, or the page alone
 * without withTotal.
 * @template T
 * @param {D1Database} db
 * @param {{select: string, count: string, args: unknown[], paging: Paging, map: (row: any) => T}} q
 * @returns {Promise<{items: T[], pagination: Pagination}>}
 */
export async function pageOf(db, { select, count, args, paging, map }) {
  const { page, pageSize } = paging
  const pageStatement = db.prepare(`${select} LIMIT ? OFFSET ?`).bind(...args, pageSize, (page - 1) * pageSize)
  if (paging.withTotal === false) {
    const rows = await pageStatement.all()
    return { items: rows.results.map(map), pagination: { page, pageSize, total: null, totalPages: null } }
  }
  const [rows, counted] = await db.batch([pageStatement, db.prepare(count).bind(...args)])
  const total = Number(/** @type {any} */ (counted.results[0])?.total ?? 0)
  return {
    items: rows.results.map(map),
    pagination: { page, pageSize, total, totalPages: Math.ceil(total / pageSize) },
  }
}

/** True when a D1 error is a UNIQUE constraint violation (a race the pre-check missed). */
export function isUniqueViolation(/** @type {unknown} */ e) {
  return e instanceof Error && /UNIQUE constraint failed/i.test(e.message)
}

/** True when a D1 error is a FOREIGN KEY violation (the referenced row vanished meanwhile). */
export function isForeignKeyViolation(/** @type {unknown} */ e) {
  return e instanceof Error && /FOREIGN KEY constraint failed/i.test(e.message)
}
