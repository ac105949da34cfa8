// @ts-check
import { Events } from '../../../domain/events/DomainEvent.js'
import { ConflictError, NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'
import { requireProgressWrite } from '../../progressAccess.js'

/** Deletes one row; its event records the row as it was (the delete applies to the version read). */
class DeleteProgressHandler {
  /** @param {import('../../types.js').ProgressRepo} progress @param {import('../../types.js').EventBus} bus */
  constructor(progress, bus) {
    this.progress = progress
    this.bus = bus
  }

  /** @param {import('../../types.js').Principal} who @param {string} userId @param {string} lessonId */
  async execute(who, userId, lessonId) {
    requireProgressWrite(who, userId)
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const previous = await this.progress.find(userId, lessonId)
      if (!previous) throw new NotFoundError('Progress', `${userId}/${lessonId}`)
      const event = Events.progressDeleted(previous, actorOf(who))
      if (await this.progress.delete(previous, [event])) {
        await this.bus.publish(event)
        return
      }
    }
    throw new ConflictError(`Progress ${userId}/${lessonId} is being changed by others; try again`)
  }
}

const MAX_ATTEMPTS = 20

export { DeleteProgressHandler }
