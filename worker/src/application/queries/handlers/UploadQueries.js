// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { NotFoundError, RangeNotSatisfiableError } from '../../../shared/errors.js'
import { UploadKey } from '../../../domain/value-objects/UploadKey.js'

/** @typedef {import('../../types.js').Principal} Principal */

class ListUploadsHandler {
  /** @param {import('../../types.js').UploadRepo} uploads */
  constructor(uploads) {
    this.uploads = uploads
  }

  /** @param {Principal} who @param {import('../../types.js').UploadListQuery} q */
  async execute(who, q) {
    AccessPolicy.require(who, 'uploads:read')
    return this.uploads.list(q)
  }
}

/**
 * Download with the stored content type and optional byte range. The range is resolved
 * against the D1 size first, so an unsatisfiable one is a 416, not an R2 error.
 */
class DownloadUploadHandler {
  /** @param {import('../../types.js').UploadRepo} uploads @param {import('../../types.js').Storage} storage */
  constructor(uploads, storage) {
    this.uploads = uploads
    this.storage = storage
  }

  /**
   * @param {Principal} who @param {string} rawKey
   * @param {string|null} rangeHeader
   */
  async execute(who, rawKey, rangeHeader) {
    AccessPolicy.require(who, 'uploads:read')
    const key = UploadKey.existing(rawKey).value
    const upload = await this.uploads.find(key)
    if (!upload) throw new NotFoundError('Upload', key)
    const range = rangeHeader === null ? undefined : parseRange(rangeHeader, upload.size)
    const obj = await this.storage.get(upload.blobKey, range ?? undefined)
    if (!obj) throw new NotFoundError('Upload content', key)
    return { upload, body: obj.body, range: range ?? null }
  }
}

/**
 * One "bytes=" range (first-last, first-, or -suffix). Multiple ranges and other units are
 * ignored (null: send the whole file), as RFC 9110 allows.
 * @param {string} header @param {number} size
 * @returns {{offset: number, length: number}|null}
 */
export function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return null
  let start, end
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) throw new RangeNotSatisfiableError(size)
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
    if (m[2] !== '' && Number(m[2]) < start) return null
  }
  if (start >= size || size === 0) throw new RangeNotSatisfiableError(size)
  return { offset: start, length: end - start + 1 }
}

export { ListUploadsHandler, DownloadUploadHandler }
