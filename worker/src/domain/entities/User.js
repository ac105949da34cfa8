// @ts-check
import { nowIso } from '../../shared/time.js'
import { Id } from '../value-objects/Id.js'
import { Email } from '../value-objects/Email.js'
import { parseUsername } from '../value-objects/Username.js'
import { parseRole } from '../value-objects/Role.js'
import { collectFieldErrors } from './collect.js'

/** @typedef {import('../value-objects/Role.js').Role} Role */

/**
 * @typedef {Object} UserProps
 * @property {string} id
 * @property {string} email
 * @property {string} username
 * @property {Role} role
 * @property {string|null} passwordHash null when loaded from a cache that never holds it
 * @property {number} version
 * @property {string} createdAt
 * @property {string} updatedAt
 */

/** @typedef {{id: string, email: string, username: string, role: Role, version: number, createdAt: string, updatedAt: string}} UserJSON */

class User {
  /** @param {UserProps} props */
  constructor(props) {
    this.id = props.id
    this.email = props.email
    this.username = props.username
    this.role = props.role
    this.passwordHash = props.passwordHash
    this.version = props.version
    this.createdAt = props.createdAt
    this.updatedAt = props.updatedAt
  }

  /**
   * Validates every field and reports all problems at once.
   * @param {{email: unknown, username: unknown, role: unknown}} input
   * @param {string} passwordHash already hashed by the application layer
   */
  static create(input, passwordHash) {
    const fields = collectFieldErrors({
      email: () => Email.create(input.email).value,
      username: () => parseUsername(input.username),
      role: () => parseRole(input.role),
    })
    const now = nowIso()
    return new User({
      id: Id.generate().value, ...fields, passwordHash, version: 1, createdAt: now, updatedAt: now,
    })
  }

  /** @param {UserProps} props */
  static reconstitute(props) {
    return new User(props)
  }

  /**
   * Applies a partial update and returns the names of the fields that really changed.
   * @param {{email?: unknown, username?: unknown, role?: unknown}} input
   * @param {string|undefined} newPasswordHash
   * @returns {string[]}
   */
  applyChanges(input, newPasswordHash) {
    /** @type {Record<string, () => unknown>} */
    const rules = {}
    if (input.email !== undefined) rules.email = () => Email.create(input.email).value
    if (input.username !== undefined) rules.username = () => parseUsername(input.username)
    if (input.role !== undefined) rules.role = () => parseRole(input.role)
    const next = collectFieldErrors(rules)
    const changes = []
    if (next.email !== undefined && next.email !== this.email) { this.email = /** @type {string} */ (next.email); changes.push('email') }
    if (next.username !== undefined && next.username !== this.username) { this.username = /** @type {string} */ (next.username); changes.push('username') }
    if (next.role !== undefined && next.role !== this.role) { this.role = /** @type {Role} */ (next.role); changes.push('role') }
    if (newPasswordHash !== undefined) { this.passwordHash = newPasswordHash; changes.push('password') }
    return changes
  }

  /** @returns {UserJSON} password_hash never leaves the Worker */
  toJSON() {
    return {
      id: this.id, email: this.email, username: this.username, role: this.role,
      version: this.version, createdAt: this.createdAt, updatedAt: this.updatedAt,
    }
  }
}

export { User }
