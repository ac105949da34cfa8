// @ts-check
/** @typedef {import('../../domain/events/DomainEvent.js').DomainEvent} DomainEvent */
/** @typedef {(event: DomainEvent) => Promise<void>|void} EventHandler */

/**
 * Messenger: in-process publish/subscribe. Events reach the bus after their change (and its
 * audit row) is committed; subscribers do follow-up work such as cache invalidation.
 * "*" subscribes to every event.
 */
class EventBus {
  constructor() {
    /** @type {Map<string, EventHandler[]>} */
    this.handlers = new Map()
  }

  /** @param {string} eventType exact type, or "lesson.*" for a family, or "*" */
  subscribe(eventType, /** @type {EventHandler} */ handler) {
    const list = this.handlers.get(eventType) ?? []
    list.push(handler)
    this.handlers.set(eventType, list)
  }

  /** @param {DomainEvent} event */
  async publish(event) {
    const family = `${event.type.split('.')[0]}.*`
    const handlers = [event.type, family, '*'].flatMap((t) => this.handlers.get(t) ?? [])
    await Promise.all(handlers.map((h) => h(event)))
  }

  /** @param {DomainEvent[]} events */
  async publishAll(events) {
    for (const e of events) await this.publish(e)
  }
}

export { EventBus }
