// @ts-check
import { DomainError } from '../../shared/errors.js'

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }

/** The envelope: {success: true, data, ...extra} or {success: false, error, code, details?}. */
class ApiResponse {
  /**
   * @param {unknown} data
   * @param {number} [status]
   * @param {Record<string, unknown>} [extra] top-level members such as pagination or cursor
   */
  static success(data, status = 200, extra = {}) {
    return new Response(JSON.stringify({ success: true, data, ...extra }), { status, headers: JSON_HEADERS })
  }

  static noContent() {
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } })
  }

  /**
   * @param {string} message
   * @param {number} status
   * @param {string} code
   * @param {{details?: Record<string, string>, extra?: Record<string, unknown>, headers?: Record<string, string>}} [more]
   */
  static error(message, status, code, more = {}) {
    const body = { success: false, error: message, code, ...(more.details ? { details: more.details } : {}), ...(more.extra ?? {}) }
    return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...(more.headers ?? {}) } })
  }

  /** Known errors keep their status; anything else is a real fault, logged and kept vague. */
  static fromError(/** @type {unknown} */ error) {
    if (error instanceof DomainError) {
      return ApiResponse.error(error.message, error.statusCode, error.code,
        { details: error.details, extra: error.extra, headers: error.headers })
    }
    console.error(JSON.stringify({ level: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) }))
    return ApiResponse.error('Internal server error', 500, 'internal')
  }
}

export { ApiResponse }
