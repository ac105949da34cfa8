// @ts-check
import { Upload } from '../../domain/entities/Upload.js'
import { MultipartUpload } from '../../domain/entities/MultipartUpload.js'
import { NotFoundError } from '../../shared/errors.js'
import { isUniqueViolation, isForeignKeyViolation } from './pagination.js'

/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {import('./D1EventStore.js').D1EventStore} D1EventStore */

/** Scribe for upload metadata and for the multipart uploads in flight. */
class D1UploadRepository {
  /** @param {D1Database} db @param {D1EventStore} events */
  constructor(db, events) {
    this.db = db
    this.events = events
  }

  /** @param {string} key */
  async find(key) {
    const row = await this.db.prepare('SELECT * FROM uploads WHERE key = ?').bind(key).first()
    return row ? uploadFromRow(row) : null
  }

  /** A key is taken when a file has it or a multipart upload in flight reserved it. */
  async isKeyTaken(/** @type {string} */ key) {
    const row = await this.db.prepare(
      'SELECT EXISTS (SELECT 1 FROM uploads WHERE key = ?1) OR EXISTS (SELECT 1 FROM multipart_uploads WHERE key = ?1) AS taken',
    ).bind(key).first('taken')
    return row === 1
  }

  /**
   * Records a file, atomically: the row is written only if no file has the key (PRIMARY KEY)
   * and no other multipart upload in flight reserved it. Returns false when the key was taken
   * (nothing written, the event neither; a completed multipart upload's record is removed
   * either way, since R2 no longer knows its id).
   * @param {Upload} u @param {DomainEvent[]} events
   * @param {string} [completedUploadId] a multipart upload this row completes (deleted in the same batch)
   * @returns {Promise<boolean>}
   */
  async insert(u, events, completedUploadId) {
    try {
      const [result] = await this.db.batch([
        this.db.prepare(`INSERT INTO uploads (key, object_key, size, content_type, original_name, sha256, uploaded_by, created_at)
          SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
          WHERE NOT EXISTS (SELECT 1 FROM multipart_uploads WHERE key = ?1 AND upload_id IS NOT ?9)
          ON CONFLICT (key) DO NOTHING`)
          .bind(u.key, u.objectKey, u.size, u.contentType, u.originalName, u.sha256, u.uploadedBy, u.createdAt, completedUploadId ?? null),
        ...events.map((e) => this.events.insertStatement(e, true)),
        ...(completedUploadId ? [this.db.prepare('DELETE FROM multipart_uploads WHERE upload_id = ?').bind(completedUploadId)] : []),
      ])
      return result.meta.changes > 0
    } catch (e) {
      if (isUniqueViolation(e)) return false
      if (isForeignKeyViolation(e)) throw new NotFoundError('User', u.uploadedBy ?? '')
      throw e
    }
  }

  /** @param {Upload} u @param {DomainEvent[]} events */
  async delete(u, events) {
    const [result] = await this.db.batch([
      this.db.prepare('DELETE FROM uploads WHERE key = ?').bind(u.key),
      ...events.map((e) => this.events.insertStatement(e, true)),
    ])
    return result.meta.changes > 0
  }

  /**
   * Keyset pagination: rows ordered by the sort column then the key (both in the order's
   * direction), the cursor the last row's (value, key), so inserts while paging neither
   * repeat nor skip rows. The embedded store's UploadTable::list runs the same SQL.
   * @param {import('../../application/types.js').UploadListQuery} q
   */
  async list(q) {
    const column = UPLOAD_SORT_COLUMNS[q.sort]
    const where = []
    /** @type {unknown[]} */
    const args = []
    if (q.prefix) {
      // A key range, not LIKE: D1 refuses LIKE patterns over 50 bytes ("pattern too complex"),
      // LIKE folds ASCII case while keys are case-sensitive, and a range on the primary key can
      // use its index. Every key starting with the prefix is >= it and < its upper bound.
      where.push(...startsWith('key', q.prefix, args))
    }
    if (q.search) {
      // lower() folds ASCII only, in D1 and in the embedded store alike.
      where.push('(instr(lower(key), lower(?)) > 0 OR instr(lower(original_name), lower(?)) > 0)'); args.push(q.search, q.search)
    }
    if (q.contentType?.endsWith('/')) {
      where.push(...startsWith('content_type', q.contentType, args))
    } else if (q.contentType) {
      // Exact, parameters allowed: "text/plain" lists "text/plain; charset=utf-8" too.
      where.push(`(content_type = ? OR (${startsWith('content_type', `${q.contentType};`, args, [q.contentType]).join(' AND ')}))`)
    }
    const op = q.descending ? '<' : '>'
    // One row value, which the sort's index (column, key) is entered at; the same condition
    // spelt with OR makes SQLite scan the index from the top on every page.
    if (q.after) { where.push(`(${column}, key) ${op} (?, ?)`); args.push(q.after.value, q.after.key) }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const direction = q.descending ? 'DESC' : 'ASC'
    const { results } = await this.db.prepare(`SELECT * FROM uploads ${clause} ORDER BY ${column} ${direction}, key ${direction} LIMIT ?`)
      .bind(...args, q.limit + 1).all()
    const more = results.length > q.limit
    const rows = results.slice(0, q.limit)
    const last = rows[rows.length - 1]
    return { items: rows.map(uploadFromRow), next: more && last ? { value: /** @type {string|number} */ (last[column]), key: String(last.key) } : null }
  }

  /** @param {MultipartUpload} m */
  async insertMultipart(m) {
    await this.db.prepare(`INSERT INTO multipart_uploads (upload_id, key, object_key, owner_id, content_type, original_name, part_size, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).bind(m.uploadId, m.key, m.objectKey, m.ownerId, m.contentType, m.originalName, m.partSize, m.createdAt).run()
  }

  /** @param {string} uploadId */
  async findMultipart(uploadId) {
    const r = await this.db.prepare('SELECT * FROM multipart_uploads WHERE upload_id = ?').bind(uploadId).first()
    return r ? multipartFromRow(r) : null
  }

  /**
   * Multipart uploads started before `beforeIso`, oldest first.
   * @param {string} beforeIso @param {number} limit
   */
  async listMultipartStartedBefore(beforeIso, limit) {
    const { results } = await this.db.prepare('SELECT * FROM multipart_uploads WHERE created_at <= ? ORDER BY created_at LIMIT ?')
      .bind(beforeIso, limit).all()
    return results.map(multipartFromRow)
  }

  /** @param {string} uploadId */
  async deleteMultipart(uploadId) {
    await this.db.prepare('DELETE FROM multipart_uploads WHERE upload_id = ?').bind(uploadId).run()
  }
}

/** The column of each sort (the API's names). */
export const UPLOAD_SORT_COLUMNS = Object.freeze({
  createdAt: 'created_at', key: 'key', name: 'original_name', size: 'size', contentType: 'content_type',
})

/**
 * Conditions for `column` starting with `prefix` (a range, so an index serves it); pushes
 * their arguments after `before`.
 * @param {string} column @param {string} prefix @param {unknown[]} args @param {unknown[]} [before]
 */
function startsWith(column, prefix, args, before = []) {
  const upper = prefixUpperBound(prefix)
  args.push(...before, prefix, ...(upper === null ? [] : [upper]))
  return upper === null ? [`${column} >= ?`] : [`${column} >= ?`, `${column} < ?`]
}

/**
 * The smallest string above every string that starts with `prefix` in SQLite's BINARY
 * collation (memcmp of UTF-8, which orders like code points), or null when there is none
 * (a prefix of U+10FFFF only). Trailing U+10FFFF have no successor and are dropped; the last
 * remaining code point is incremented, skipping the surrogates, which UTF-8 cannot hold.
 * @param {string} prefix
 * @returns {string|null}
 */
export function prefixUpperBound(prefix) {
  const points = [...prefix].map((c) => /** @type {number} */ (c.codePointAt(0)))
  while (points.length > 0 && points[points.length - 1] === 0x10ffff) points.pop()
  const last = points.pop()
  if (last === undefined) return null
  const next = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1
  return String.fromCodePoint(...points, next)
}

/** @param {Record<string, any>} r */
function multipartFromRow(r) {
  return new MultipartUpload({
    uploadId: r.upload_id, key: r.key, objectKey: r.object_key ?? null, ownerId: r.owner_id, contentType: r.content_type,
    originalName: r.original_name, partSize: r.part_size, createdAt: r.created_at,
  })
}

/** @param {Record<string, any>} row */
function uploadFromRow(row) {
  return new Upload({
    key: row.key, objectKey: row.object_key ?? null, size: row.size, contentType: row.content_type, originalName: row.original_name, sha256: row.sha256 ?? null,
    uploadedBy: row.uploaded_by ?? null, createdAt: row.created_at,
  })
}

export { D1UploadRepository }
