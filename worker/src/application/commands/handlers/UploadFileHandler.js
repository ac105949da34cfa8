// @ts-check
import { Upload } from '../../../domain/entities/Upload.js'
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { ConflictError } from '../../../shared/errors.js'
import { nowIso } from '../../../shared/time.js'
import { actorOf } from '../../actor.js'
import { parseUploadNaming } from '../../uploadInput.js'

/** Single-request upload (below the Worker body limit): streamed to R2, hashed on the way. */
class UploadFileHandler {
  /**
   * @param {import('../../types.js').UploadRepo} uploads
   * @param {import('../../types.js').Storage} storage
   * @param {import('../../types.js').EventBus} bus
   */
  constructor(uploads, storage, bus) {
    this.uploads = uploads
    this.storage = storage
    this.bus = bus
  }

  /**
   * @param {import('../../types.js').Principal} who
   * @param {{key: unknown, originalName?: unknown, contentType?: unknown}} naming
   * @param {ReadableStream<Uint8Array>} body
   * @param {number} length checked against the limit by the controller
   */
  async execute(who, naming, body, length) {
    AccessPolicy.require(who, 'uploads:create')
    const n = parseUploadNaming(naming)
    if (await this.uploads.isKeyTaken(n.key)) throw keyTaken(n.key)
    // The bytes go to a blob of their own; the uploads row (key is unique) decides who wins a
    // race for the key, and a loser removes its blob, so what is served is what was recorded.
    const objectKey = Upload.newObjectKey()
    const { size, sha256 } = await this.storage.putStream(objectKey, body, length, n)
    const upload = new Upload({ ...n, objectKey, size, sha256, uploadedBy: who.id, createdAt: nowIso() })
    const event = Events.uploadCreated(upload, actorOf(who))
    let recorded = false
    try {
      recorded = await this.uploads.insert(upload, [event])
    } finally {
      if (!recorded) await this.storage.delete(objectKey)
    }
    if (!recorded) throw keyTaken(n.key)
    await this.bus.publish(event)
    return upload
  }
}

/** @param {string} key */
export function keyTaken(key) {
  return new ConflictError(`An upload with key ${key} already exists`, { key: 'is already taken' })
}

export { UploadFileHandler }
