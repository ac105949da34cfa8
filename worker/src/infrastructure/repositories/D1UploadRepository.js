// @ts-check
import { Upload } from '../../domain/entities/Upload.js'
import { MultipartUpload } from '../../domain/entities/MultipartUpload.js'
import { ConflictError } from '../../shared/errors.js'
import { isUniqueViolation } from './pagination.js'

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
   * @param {Upload} u @param {DomainEvent[]} events
   * @param {string} [completedUploadId] a multipart upload this row completes (deleted in the same batch)
   */
  async insert(u, events, completedUploadId) {
    try {
      await this.db.batch([
        this.db.prepare(`INSERT INTO uploads (key, size, content_type, original_name, sha256, uploaded_by, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`).bind(u.key, u.size, u.contentType, u.originalName, u.sha256, u.uploadedBy, u.createdAt),
        ...(completedUploadId ? [this.db.prepare('DELETE FROM multipart_uploads WHERE upload_id = ?').bind(completedUploadId)] : []),
        ...events.map((e) => this.events.insertStatement(e)),
      ])
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(`An upload with key ${u.key} already exists`, { key: 'is already taken' })
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
   * Keyset pagination, newest first: the cursor is the last row's (created_at, key), so
   * inserts while paging neither repeat nor skip rows.
   * @param {{prefix?: string, after?: {createdAt: string, key: string}, limit: number}} q
   */
  async list(q) {
    const where = []
    /** @type {unknown[]} */
    const args = []
    if (q.prefix) { where.push("key LIKE ? ESCAPE '\\'"); args.push(`${q.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) }
    if (q.after) { where.push('(created_at < ? OR (created_at = ? AND key < ?))'); args.push(q.after.createdAt, q.after.createdAt, q.after.key) }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const { results } = await this.db.prepare(`SELECT * FROM uploads ${clause} ORDER BY created_at DESC, key DESC LIMIT ?`)
      .bind(...args, q.limit + 1).all()
    const more = results.length > q.limit
    const items = results.slice(0, q.limit).map(uploadFromRow)
    const last = items[items.length - 1]
    return { items, next: more && last ? { createdAt: last.createdAt, key: last.key } : null }
  }

  /** @param {MultipartUpload} m */
  async insertMultipart(m) {
    await this.db.prepare(`INSERT INTO multipart_uploads (upload_id, key, owner_id, content_type, original_name, part_size, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).bind(m.uploadId, m.key, m.ownerId, m.contentType, m.originalName, m.partSize, m.createdAt).run()
  }

  /** @param {string} uploadId */
  async findMultipart(uploadId) {
    const r = /** @type {any} */ (await this.db.prepare('SELECT * FROM multipart_uploads WHERE upload_id = ?').bind(uploadId).first())
    return r ? new MultipartUpload({
      uploadId: r.upload_id, key: r.key, ownerId: r.owner_id, contentType: r.content_type, originalName: r.original_name,
      partSize: r.part_size, createdAt: r.created_at,
    }) : null
  }

  /** @param {string} uploadId */
  async deleteMultipart(uploadId) {
    await this.db.prepare('DELETE FROM multipart_uploads WHERE upload_id = ?').bind(uploadId).run()
  }
}

/** @param {Record<string, any>} row */
function uploadFromRow(row) {
  return new Upload({
    key: row.key, size: row.size, contentType: row.content_type, originalName: row.original_name, sha256: row.sha256 ?? null,
    uploadedBy: row.uploaded_by ?? null, createdAt: row.created_at,
  })
}

export { D1UploadRepository }
