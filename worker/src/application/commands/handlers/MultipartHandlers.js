// @ts-check
import { MultipartUpload, MIN_PART_SIZE, MAX_PARTS } from '../../../domain/entities/MultipartUpload.js'
import { Upload } from '../../../domain/entities/Upload.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'
import { parseUploadNaming } from '../../uploadInput.js'

/** @typedef {import('../../types.js').Principal} Principal */

/**
 * Multipart uploads for files above the single-request limit. R2's resumeMultipartUpload
 * trusts any upload id, so each id is recorded with its owner and checked on every step.
 */
class MultipartBase {
  /**
   * @param {import('../../types.js').UploadRepo} uploads
   * @param {import('../../types.js').Storage} storage
   * @param {import('../../types.js').EventBus} bus
   * @param {number} maxPartSize the single-request body limit
   */
  constructor(uploads, storage, bus, maxPartSize) {
    this.uploads = uploads
    this.storage = storage
    this.bus = bus
    this.maxPartSize = maxPartSize
  }

  /** @param {Principal} who @param {string} uploadId */
  async ownedUpload(who, uploadId) {
    AccessPolicy.require(who, 'uploads:create')
    const mp = await this.uploads.findMultipart(uploadId)
    if (!mp) throw new NotFoundError('Multipart upload', uploadId)
    mp.assertOwner(who.id)
    return mp
  }
}

class CreateMultipartHandler extends MultipartBase {
  /**
   * @param {Principal} who
   * @param {{key: unknown, originalName?: unknown, contentType?: unknown, partSize: unknown}} cmd
   */
  async execute(who, cmd) {
    AccessPolicy.require(who, 'uploads:create')
    const n = parseUploadNaming(cmd)
    const partSize = MultipartUpload.parsePartSize(cmd.partSize, this.maxPartSize)
    if (await this.uploads.isKeyTaken(n.key)) throw new ConflictError(`An upload with key ${n.key} already exists`, { key: 'is already taken' })
    const uploadId = await this.storage.createMultipart(n.key, n)
    const mp = new MultipartUpload({ uploadId, key: n.key, ownerId: who.id, contentType: n.contentType,
      originalName: n.originalName, partSize, createdAt: nowIso() })
    await this.uploads.insertMultipart(mp)
    return { uploadId, key: mp.key, partSize, minPartSize: MIN_PART_SIZE, maxParts: MAX_PARTS }
  }
}

class UploadPartHandler extends MultipartBase {
  /**
   * @param {Principal} who @param {string} uploadId @param {number} partNumber
   * @param {ReadableStream<Uint8Array>} body @param {number} length
   */
  async execute(who, uploadId, partNumber, body, length) {
    const mp = await this.ownedUpload(who, uploadId)
    mp.assertPartLength(length)
    try {
      const part = await this.storage.uploadPart(mp.key, uploadId, partNumber, body, length)
      return { partNumber: part.partNumber, etag: part.etag }
    } catch (e) {
      throw r2Error(e, uploadId)
    }
  }
}

class CompleteMultipartHandler extends MultipartBase {
  /** @param {Principal} who @param {string} uploadId @param {{parts: unknown}} cmd */
  async execute(who, uploadId, cmd) {
    const mp = await this.ownedUpload(who, uploadId)
    const parts = MultipartUpload.parseCompletedParts(cmd.parts)
    let obj
    try {
      obj = await this.storage.completeMultipart(mp.key, uploadId, parts)
    } catch (e) {
      throw r2Error(e, uploadId)
    }
    const upload = new Upload({ key: mp.key, size: obj.size, contentType: mp.contentType, originalName: mp.originalName,
      sha256: null, uploadedBy: who.id, createdAt: nowIso() })
    const event = Events.uploadCreated(upload, actorOf(who))
    await this.uploads.insert(upload, [event], uploadId)
    await this.bus.publish(event)
    return upload
  }
}

class AbortMultipartHandler extends MultipartBase {
  /** @param {Principal} who @param {string} uploadId */
  async execute(who, uploadId) {
    const mp = await this.ownedUpload(who, uploadId)
    try {
      await this.storage.abortMultipart(mp.key, uploadId)
    } catch (e) {
      // Already gone in R2 (expired or aborted): forgetting our record is all that is left.
      if (!(r2Error(e, uploadId) instanceof NotFoundError)) throw e
    }
    await this.uploads.deleteMultipart(uploadId)
  }
}

/**
 * Maps R2's multipart errors (codes in the message) to client errors; anything else stays
 * a server fault.
 * @param {unknown} e @param {string} uploadId
 */
function r2Error(e, uploadId) {
  const msg = e instanceof Error ? e.message : String(e)
  if (/\(10024\)|NoSuchUpload/i.test(msg)) return new NotFoundError('Multipart upload', uploadId)
  if (/\((10011|10025|10048)\)/.test(msg)) {
    return new ValidationError(`R2 rejected the parts: all parts except the last must have the same size of at least ${MIN_PART_SIZE} bytes, and each etag must match its part (${msg})`,
      { parts: 'do not follow R2 multipart rules' })
  }
  return e
}

export { CreateMultipartHandler, UploadPartHandler, CompleteMultipartHandler, AbortMultipartHandler }
