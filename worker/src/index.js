// @ts-check
import { Router } from './router.js'
import { createContainer } from './container.js'
import { ApiResponse } from './interfaces/http/ApiResponse.js'

/**
 * @typedef {Object} Env
 * @property {D1Database} DB
 * @property {KVNamespace} CACHE
 * @property {R2Bucket} UPLOADS
 * @property {string} JWT_SECRET a secret: .dev.vars locally, `wrangler secret put` in production
 * @property {string} [ALLOWED_ORIGIN]
 * @property {string} [MAX_UPLOAD_BYTES]
 * @property {string} [TOKEN_TTL_SECONDS]
 * @property {string} [TOKEN_REFRESH_GRACE_SECONDS]
 * @property {string} [PASSWORD_HASH_ITERATIONS]
 * @property {string} [HOUSEKEEPING_MIN_AGE_SECONDS]
 * @property {string} [LOGIN_RATE_LIMIT]
 * @property {string} [LOGIN_RATE_WINDOW_SECONDS]
 * @property {string} [PROGRESS_MAX_SORTED_ROWS]
 */

export default {
  /**
   * @param {Request} request
   * @param {Env} env
   * @returns {Promise<Response>}
   */
  async fetch(request, env) {
    try {
      return await new Router(createContainer(env)).handle(request)
    } catch (error) {
      // Only a broken configuration gets here (the router answers everything else).
      return ApiResponse.fromError(error)
    }
  },

  /**
   * Cron Trigger (wrangler.toml [triggers]): housekeeping. Locally: `wrangler dev
   * --test-scheduled` and GET /__scheduled.
   * @param {ScheduledController} _controller
   * @param {Env} env
   */
  async scheduled(_controller, env) {
    await createContainer(env).commands.housekeeping.execute()
  },
}
