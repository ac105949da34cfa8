// @ts-check
import { ApiResponse } from './interfaces/http/ApiResponse.js'
import { createCors } from './interfaces/http/middleware/cors.js'
import { authenticate } from './interfaces/http/middleware/auth.js'
import { AccessPolicy } from './domain/policies/AccessPolicy.js'
import { MethodNotAllowedError, NotFoundError, ValidationError } from './shared/errors.js'
import { routes } from './interfaces/http/routes.js'

/** @typedef {import('./container.js').Container} Container */
/** @typedef {import('./domain/policies/AccessPolicy.js').Principal} Principal */
/** @typedef {import('./domain/policies/AccessPolicy.js').Permission} Permission */

/**
 * @typedef {Object} RequestContext
 * @property {Request} request
 * @property {URL} url
 * @property {Record<string, string>} params decoded path parameters
 * @property {Principal} principal the caller (a placeholder on public routes)
 * @property {Container} c
 */

/**
 * @typedef {Object} Route
 * @property {string} method
 * @property {string} path e.g. /api/v1/users/:id ("/:name" matches one percent-encoded segment)
 * @property {(ctx: RequestContext) => Promise<Response>} handle
 * @property {boolean} [public] no token needed
 * @property {Permission[]} [allow] any of these permissions passes the coarse role check
 */

const ANONYMOUS = /** @type {Principal} */ ({ id: '', email: '', role: 'learner', sessionId: '' })

/** Matches raw (still encoded) paths, so an encoded "/" inside a key stays inside its segment. */
class Router {
  /** @param {Container} container */
  constructor(container) {
    this.c = container
    this.cors = createCors(container.config.allowedOrigin)
    this.table = routes().map((r) => ({ ...r, parts: r.path.split('/') }))
  }

  /** @param {Request} request */
  async handle(request) {
    if (request.method === 'OPTIONS') return this.cors.preflight()
    let response
    try {
      response = await this.dispatch(request)
    } catch (error) {
      response = ApiResponse.fromError(error)
    }
    return this.cors.wrap(response)
  }

  /** @param {Request} request */
  async dispatch(request) {
    const url = new URL(request.url)
    const segments = url.pathname.split('/')
    /** @type {string[]} */
    const allowed = []
    for (const route of this.table) {
      const params = match(route.parts, segments)
      if (!params) continue
      if (route.method !== request.method && !(route.method === 'GET' && request.method === 'HEAD')) {
        allowed.push(route.method)
        continue
      }
      const principal = route.public ? ANONYMOUS : await authenticate(request, this.c.auth)
      if (route.allow) AccessPolicy.require(principal, ...route.allow)
      return route.handle({ request, url, params, principal, c: this.c })
    }
    if (allowed.length) throw new MethodNotAllowedError(request.method, [...new Set(allowed)])
    throw new NotFoundError('Route', `${request.method} ${url.pathname}`)
  }
}

/**
 * @param {string[]} pattern @param {string[]} segments
 * @returns {Record<string, string>|null}
 */
function match(pattern, segments) {
  if (pattern.length !== segments.length) return null
  /** @type {Record<string, string>} */
  const params = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]
    if (p.startsWith(':')) {
      if (segments[i] === '') return null
      try {
        params[p.slice(1)] = decodeURIComponent(segments[i])
      } catch {
        throw ValidationError.field(p.slice(1), 'is not valid percent-encoding')
      }
    } else if (p !== segments[i]) {
      return null
    }
  }
  return params
}

export { Router }
