// @ts-check
import { AccessPolicy } from '../../../domain/policies/AccessPolicy.js'
import { Events } from '../../../domain/events/DomainEvent.js'
import { NotFoundError } from '../../../shared/errors.js'
import { UploadKey } from '../../../domain/value-objects/UploadKey.js'
import { actorOf } from '../../actor.js'

class DeleteUploadHandler {
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

  /** @param {import('../../types.js').Principal} who @param {string} rawKey */
  async execute(who, rawKey) {
    AccessPolicy.require(who, 'uploads:delete')
    const key = UploadKey.existing(rawKey).value
    const upload = await this.uploads.find(key)
    if (!upload) throw new NotFoundError('Upload', key)
    const event = Events.uploadDeleted(upload, actorOf(who))
    if (!(await this.uploads.delete(upload, [event]))) throw new NotFoundError('Upload', key)
    await this.storage.delete(upload.blobKey)
    await this.bus.publish(event)
  }
}

export { DeleteUploadHandler }
