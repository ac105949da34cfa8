// @ts-check
import { ValidationError } from '../../shared/errors.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Entity identifier: a UUID, stored lower case (the console's embedded store does the same). */
class Id {
  /** @param {string} value */
  constructor(value) {
    this.value = value
    Object.freeze(this)
  }

  static generate() {
    return new Id(crypto.randomUUID())
  }

  /**
   * @param {unknown} value
   * @param {string} [field] name used in the error message
   */
  static parse(value, field = 'id') {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw ValidationError.field(field, 'must be a UUID')
    }
    return new Id(value.toLowerCase())
  }
}

export { Id }
