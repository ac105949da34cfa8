// @ts-check
import { DomainError } from './shared/errors.js'

/** The Worker's request body cap on Free/Pro plans; single uploads must stay below it. */
export const PLATFORM_BODY_LIMIT = 100 * 1000 * 1000

/**
 * @typedef {Object} Config
 * @property {string} jwtSecret
 * @property {string} allowedOrigin
 * @property {number} maxUploadBytes largest single upload and largest multipart part
 * @property {number} tokenTtlSeconds
 * @property {number} passwordHashIterations PBKDF2 iterations of new password hashes
 * @property {number} refreshGraceSeconds how long after its expiry a token may still be refreshed
 * @property {number} housekeepingMinAgeSeconds housekeeping leaves younger multipart uploads and unreferenced objects alone
 * @property {number} loginRateLimit attempts per window per client
 * @property {number} loginRateWindowSeconds
 * @property {number} progressMaxSortedRows the most progress rows a list may sort without an index (sort=score, completedAt)
 */

/**
 * Reads and checks [vars] and secrets once per request; a misconfiguration is a server
 * fault (500) with a message saying which setting is wrong.
 * @param {import('./index.js').Env} env
 * @returns {Config}
 */
export function readConfig(env) {
  if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) {
    throw new DomainError('Server misconfigured: JWT_SECRET must be set (at least 32 characters)', 500, 'internal')
  }
  return {
    jwtSecret: env.JWT_SECRET,
    allowedOrigin: env.ALLOWED_ORIGIN || '*',
    maxUploadBytes: intVar(env.MAX_UPLOAD_BYTES, 'MAX_UPLOAD_BYTES', 90 * 1024 * 1024, 5 * 1024 * 1024, PLATFORM_BODY_LIMIT - 1024 * 1024),
    tokenTtlSeconds: intVar(env.TOKEN_TTL_SECONDS, 'TOKEN_TTL_SECONDS', 3600, 60, 7 * 24 * 3600),
    passwordHashIterations: intVar(env.PASSWORD_HASH_ITERATIONS, 'PASSWORD_HASH_ITERATIONS', 100000, 10000, 100000),
    refreshGraceSeconds: intVar(env.TOKEN_REFRESH_GRACE_SECONDS, 'TOKEN_REFRESH_GRACE_SECONDS', 900, 0, 24 * 3600),
    housekeepingMinAgeSeconds: intVar(env.HOUSEKEEPING_MIN_AGE_SECONDS, 'HOUSEKEEPING_MIN_AGE_SECONDS', 86400, 0, 30 * 86400),
    loginRateLimit: intVar(env.LOGIN_RATE_LIMIT, 'LOGIN_RATE_LIMIT', 20, 1, 1000000),
    loginRateWindowSeconds: intVar(env.LOGIN_RATE_WINDOW_SECONDS, 'LOGIN_RATE_WINDOW_SECONDS', 300, 1, 86400),
    progressMaxSortedRows: intVar(env.PROGRESS_MAX_SORTED_ROWS, 'PROGRESS_MAX_SORTED_ROWS', 250000, 100, 100000000),
  }
}

/** @param {string|undefined} raw @param {string} name @param {number} fallback @param {number} min @param {number} max */
function intVar(raw, name, fallback, min, max) {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new DomainError(`Server misconfigured: ${name} must be an integer from ${min} to ${max}`, 500, 'internal')
  return n
}
