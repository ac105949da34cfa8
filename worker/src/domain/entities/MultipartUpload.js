// @ts-check
import { ValidationError, ForbiddenError } from '../../shared/errors.js'

/** R2's rules: parts of at least 5 MiB except the last, at most 10,000 parts. */
export const MIN_PART_SIZE = 5 * 1024 * 1024
export const MAX_PARTS = 10000

/**
 * @typedef {Object} MultipartUploadProps
 * @property {string} uploadId R2's id
 * @property {string} key
 * @property {string|null} [objectKey] the unique blob name the parts are assembled under (null: the key, older rows)
 * @property {string} ownerId who may add parts, complete or abort
 * @property {string} contentType
 * @property {string} originalName
 * @property {number} partSize every part but the last is exactly this size
 * @property {string} createdAt
 */

/** A multipart upload in flight, recorded because R2 does not check who resumes an id. */
class MultipartUpload {
  /** @param {MultipartUploadProps} props */
  constructor(props) {
    this.uploadId = props.uploadId
    this.key = props.key
    this.objectKey = props.objectKey ?? null
    this.ownerId = props.ownerId
    this.contentType = props.contentType
    this.originalName = props.originalName
    this.partSize = props.partSize
    this.createdAt = props.createdAt
  }

  /** Where R2 assembles the parts. */
  get blobKey() {
    return this.objectKey ?? this.key
  }

  /** @param {unknown} value @param {number} maxPartSize the Worker's request body limit */
  static parsePartSize(value, maxPartSize) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < MIN_PART_SIZE || value > maxPartSize) {
      throw ValidationError.field('partSize', `must be an integer from ${MIN_PART_SIZE} to ${maxPartSize}`)
    }
    return value
  }

  /** @param {string} raw path segment */
  static parsePartNumber(raw) {
    const n = /^[1-9][0-9]{0,4}$/.test(raw) ? Number(raw) : NaN
    if (!(n >= 1 && n <= MAX_PARTS)) throw ValidationError.field('partNumber', `must be an integer from 1 to ${MAX_PARTS}`)
    return n
  }

  /** Only the user who started an upload may add parts, complete or abort it. */
  assertOwner(/** @type {string} */ userId) {
    if (userId !== this.ownerId) throw new ForbiddenError('This multipart upload belongs to another user')
  }

  /** A part may not exceed partSize; R2 checks on completion that all but the last are equal. */
  assertPartLength(/** @type {number} */ length) {
    if (length < 1 || length > this.partSize) {
      throw ValidationError.field('body', `part must be 1 to ${this.partSize} bytes (the partSize of this upload)`)
    }
  }

  /**
   * @param {unknown} parts the client's list of uploaded parts
   * @returns {{partNumber: number, etag: string}[]}
   */
  static parseCompletedParts(parts) {
    if (!Array.isArray(parts) || parts.length < 1 || parts.length > MAX_PARTS) {
      throw ValidationError.field('parts', `must be a list of 1 to ${MAX_PARTS} parts`)
    }
    return parts.map((p, i) => {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) throw ValidationError.field('parts', `item ${i} must be an object`)
      const extra = Object.keys(p).filter((k) => k !== 'partNumber' && k !== 'etag')
      if (extra.length) throw ValidationError.field('parts', `item ${i} has unknown field ${extra[0]}`)
      if (p.partNumber !== i + 1) throw ValidationError.field('parts', `item ${i} must have partNumber ${i + 1} (parts are numbered 1..n in order)`)
      if (typeof p.etag !== 'string' || p.etag.length < 1 || p.etag.length > 1024) throw ValidationError.field('parts', `item ${i} needs an etag string`)
      return { partNumber: p.partNumber, etag: p.etag }
    })
  }
}

export { MultipartUpload }
