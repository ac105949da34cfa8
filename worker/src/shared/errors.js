// @ts-check
/**
 * One error hierarchy: every error the Worker raises on purpose carries its HTTP status and
 * the contract's machine-readable code, so the HTTP layer maps it without guessing.
 */

/** @typedef {'validation'|'unauthorized'|'forbidden'|'not_found'|'conflict'|'payload_too_large'|'rate_limited'|'internal'} ErrorCode */

class DomainError extends Error {
  /**
   * @param {string} message human message naming the problem
   * @param {number} statusCode
   * @param {ErrorCode} code
   * @param {Record<string, string>} [details] per-field messages
   */
  constructor(message, statusCode = 500, code = 'internal', details) {
    super(message)
    this.name = this.constructor.name
    this.statusCode = statusCode
    this.code = code
    this.details = details
    /** @type {Record<string, unknown>} extra top-level members of the error body */
    this.extra = {}
    /** @type {Record<string, string>} extra response headers */
    this.headers = {}
  }
}

class ValidationError extends DomainError {
  /** @param {string} message @param {Record<string, string>} [details] */
  constructor(message, details) { super(message, 400, 'validation', details) }

  /**
   * One field's problem: the message names the field and details carry it too.
   * @param {string} field @param {string} problem
   */
  static field(field, problem) {
    return new ValidationError(`${field} ${problem}`, { [field]: problem })
  }
}

class NotFoundError extends DomainError {
  /** @param {string} entity @param {string} id */
  constructor(entity, id) { super(`${entity} not found: ${id}`, 404, 'not_found') }
}

class UnauthorizedError extends DomainError {
  constructor(message = 'Unauthorized') { super(message, 401, 'unauthorized') }
}

class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this') { super(message, 403, 'forbidden') }
}

class ConflictError extends DomainError {
  /** @param {string} message @param {Record<string, string>} [details] @param {unknown} [current] */
  constructor(message, details, current) {
    super(message, 409, 'conflict', details)
    if (current !== undefined) this.extra.current = current
  }
}

class PayloadTooLargeError extends DomainError {
  /** @param {string} what @param {number} limit bytes */
  constructor(what, limit) { super(`${what} is larger than the limit of ${limit} bytes`, 413, 'payload_too_large') }
}

class RateLimitedError extends DomainError {
  /** @param {number} retryAfterSeconds */
  constructor(retryAfterSeconds) {
    super(`Too many attempts; retry in ${retryAfterSeconds} s`, 429, 'rate_limited')
    this.headers['Retry-After'] = String(retryAfterSeconds)
  }
}

/** A request the router cannot serve with this method (405 keeps the envelope). */
class MethodNotAllowedError extends DomainError {
  /** @param {string} method @param {string[]} allowed */
  constructor(method, allowed) {
    super(`Method ${method} is not allowed here; allowed: ${allowed.join(', ')}`, 405, 'validation')
    this.headers.Allow = allowed.join(', ')
  }
}

/** The requested byte range lies outside the object (416, per RFC 9110). */
class RangeNotSatisfiableError extends DomainError {
  /** @param {number} size */
  constructor(size) {
    super(`Range not satisfiable for an object of ${size} bytes`, 416, 'validation')
    this.headers['Content-Range'] = `bytes */${size}`
  }
}

export {
  DomainError, ValidationError, NotFoundError, UnauthorizedError, ForbiddenError, ConflictError,
  PayloadTooLargeError, RateLimitedError, MethodNotAllowedError, RangeNotSatisfiableError,
}
