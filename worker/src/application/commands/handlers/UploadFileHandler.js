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
    if (await this.uploads.isKeyTaken(n.key)) throw new ConflictError(`An upload with key ${n.key} already exists`, { key: 'is already taken' })
    const { size, sha256 } = await this.storage.putStream(n.key, body, length, n)
    const upload = new Upload({ ...n, size, sha256, uploadedBy: who.id, createdAt: nowIso() })
    const event = Events.uploadCreated(upload, actorOf(who))
    await this.uploads.insert(upload, [event])
    await this.bus.publish(event)
    return upload
  }
}

export { UploadFileHandler }
