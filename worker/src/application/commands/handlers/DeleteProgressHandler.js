// @ts-check
import { Events } from '../../../domain/events/DomainEvent.js'
import { NotFoundError } from '../../../shared/errors.js'
import { actorOf } from '../../actor.js'
import { requireProgressWrite } from '../../progressAccess.js'

class DeleteProgressHandler {
  /** @param {import('../../types.js').ProgressRepo} progress @param {import('../../types.js').EventBus} bus */
  constructor(progress, bus) {
    this.progress = progress
    this.bus = bus
  }

  /** @param {import('../../types.js').Principal} who @param {string} userId @param {string} lessonId */
  async execute(who, userId, lessonId) {
    requireProgressWrite(who, userId)
    const event = Events.progressDeleted(userId, lessonId, actorOf(who))
    if (!(await this.progress.delete(userId, lessonId, [event]))) throw new NotFoundError('Progress', `${userId}/${lessonId}`)
    await this.bus.publish(event)
  }
}

export { DeleteProgressHandler }
