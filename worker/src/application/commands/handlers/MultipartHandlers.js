// @ts-check
import { MultipartUpload, MIN_PART_SIZE, MAX_PARTS } from '../../../domain/entities/MultipartUpload.js'
import { Upload } from '../../../domain/entities/Upload.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { NotFoundError, ValidationError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'
import { parseUploadNaming } from '../../uploadInput.js'
import { keyTaken } from './UploadFileHandler.js'

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
    if (await this.uploads.isKeyTaken(n.key)) throw keyTaken(n.key)
    const objectKey = Upload.newObjectKey()
    const uploadId = await this.storage.createMultipart(objectKey, n)
    const mp = new MultipartUpload({ uploadId, key: n.key, objectKey, ownerId: who.id, contentType: n.contentType,
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
      const part = await this.storage.uploadPart(mp.blobKey, uploadId, partNumber, body, length)
      return { partNumber: part.partNumber, etag: part.etag }
    } catch (e) {
      throw r2Error(e, uploadId)
    }
  }
}

class CompleteMultipartHandler extends MultipartBase {
  /**
   * @param {Principal} who @param {string} uploadId
   * @param {{parts: unknown, sha256?: unknown}} cmd sha256: the whole file's as the uploader read it (R2 cannot
   *   hash an assembled object), recorded as declared
   */
  async execute(who, uploadId, cmd) {
    const sha256 = parseDeclaredSha256(cmd.sha256)
    const mp = await this.ownedUpload(who, uploadId)
    const parts = MultipartUpload.parseCompletedParts(cmd.parts)
    let obj
    try {
      obj = await this.storage.completeMultipart(mp.blobKey, uploadId, parts)
    } catch (e) {
      throw r2Error(e, uploadId)
    }
    const upload = new Upload({ key: mp.key, objectKey: mp.objectKey, size: obj.size, contentType: mp.contentType, originalName: mp.originalName,
      sha256, uploadedBy: who.id, createdAt: nowIso() })
    const event = Events.uploadCreated(upload, actorOf(who))
    let recorded = false
    try {
      recorded = await this.uploads.insert(upload, [event], uploadId)
    } finally {
      // Lost the key to a single upload (or a failure): remove our own blob, never the winner's.
      if (!recorded && mp.objectKey) await this.storage.delete(mp.objectKey)
    }
    if (!recorded) throw keyTaken(mp.key)
    await this.bus.publish(event)
    return upload
  }
}

class AbortMultipartHandler extends MultipartBase {
  /** @param {Principal} who @param {string} uploadId */
  async execute(who, uploadId) {
    const mp = await this.ownedUpload(who, uploadId)
    try {
      await this.storage.abortMultipart(mp.blobKey, uploadId)
    } catch (e) {
      // Already gone in R2 (expired or aborted): forgetting our record is all that is left.
      if (!(r2Error(e, uploadId) instanceof NotFoundError)) throw e
    }
    await this.uploads.deleteMultipart(uploadId)
  }
}

/**
 * An optional hex SHA-256: absent is null, anything but 64 lower-case hex digits a 400.
 * @param {unknown} raw @returns {string|null}
 */
function parseDeclaredSha256(raw) {
  if (raw === undefined) return null
  if (typeof raw !== 'string' || !/^[0-9a-f]{64}$/.test(raw)) throw ValidationError.field('sha256', 'must be 64 lower-case hex digits (the SHA-256 of the whole file)')
  return raw
}

/**
 * Maps R2's multipart errors (codes in the message) to client errors in the API's own words;
 * R2's message is logged, never echoed. Anything else stays a server fault.
 * @param {unknown} e @param {string} uploadId
 */
function r2Error(e, uploadId) {
  const msg = e instanceof Error ? e.message : String(e)
  if (/\(10024\)|NoSuchUpload/i.test(msg)) return new NotFoundError('Multipart upload', uploadId)
  if (/\((10011|10025|10048)\)/.test(msg)) {
    console.warn(JSON.stringify({ level: 'warn', message: 'R2 refused a multipart completion', uploadId, r2: msg }))
    return new ValidationError('The parts do not make up the file: every part except the last must be exactly the partSize of this upload '
      + `(at least ${MIN_PART_SIZE} bytes), and each etag must be the one returned when its part was uploaded`,
    { parts: 'must list each uploaded part with its etag; all parts but the last must be partSize bytes' })
  }
  return e
}

export { CreateMultipartHandler, UploadPartHandler, CompleteMultipartHandler, AbortMultipartHandler }
