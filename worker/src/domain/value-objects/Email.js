// @ts-check
import { ValidationError } from '../../shared/errors.js'

/** Email: trimmed, lower-cased, one @ and a dot in the domain, at most 254 characters. */
class Email {
  /** @param {string} value */
  constructor(value) {
    this.value = value
    Object.freeze(this)
  }

  /** @param {unknown} value */
  static create(value) {
    if (typeof value !== 'string') throw ValidationError.field('email', 'must be a string')
    const normalized = value.trim().toLowerCase()
    if (normalized.length > 254) throw ValidationError.field('email', 'must be at most 254 characters')
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized)) {
      throw ValidationError.field('email', 'must be a valid email address')
    }
    return new Email(normalized)
  }

  /** @param {Email} other */
  equals(other) {
    return other instanceof Email && this.value === other.value
  }
}

export { Email }
