// @ts-check
import { UnauthorizedError, RateLimitedError, ValidationError } from '../../shared/errors.js'
import { isoFromMs } from '../../shared/time.js'
import { Events } from '../../domain/events/DomainEvent.js'

/** @typedef {import('../../domain/policies/AccessPolicy.js').Principal} Principal */
/** @typedef {import('../../infrastructure/cache/CachedUserRepository.js').CachedUserRepository} UserRepo */
/** @typedef {import('../../infrastructure/security/SessionStore.js').SessionStore} SessionStore */
/** @typedef {import('../../infrastructure/security/RateLimiter.js').RateLimiter} RateLimiter */
/** @typedef {import('../../infrastructure/repositories/D1EventStore.js').D1EventStore} EventStore */
/** @typedef {import('../../infrastructure/messaging/EventBus.js').EventBus} EventBus */
/** @typedef {import('./JwtService.js').JwtService} JwtService */
/** @typedef {import('./PasswordHasher.js').PasswordHasher} PasswordHasher */

/**
 * Login, logout and per-request authentication. A token is only as good as its session:
 * a revoked or expired session, or a deleted user, turns a valid signature into a 401.
 * The role comes from the user row (cached 5 min), not from the token, so demotions apply.
 */
class AuthService {
  /**
   * @param {{users: UserRepo, sessions: SessionStore, jwt: JwtService, hasher: PasswordHasher, limiter: RateLimiter,
   *   eventStore: EventStore, eventBus: EventBus, tokenTtlSeconds: number, refreshGraceSeconds: number}} deps
   */
  constructor(deps) {
    this.d = deps
  }

  /**
   * @param {{email: unknown, password: unknown}} input
   * @param {string} clientKey who is trying (the client IP), for rate limiting
   */
  async login(input, clientKey) {
    const { allowed, retryAfter } = await this.d.limiter.hit(`login:${clientKey}`)
    if (!allowed) throw new RateLimitedError(retryAfter)
    if (typeof input.email !== 'string') throw ValidationError.field('email', 'must be a string')
    if (typeof input.password !== 'string') throw ValidationError.field('password', 'must be a string')
    const user = await this.d.users.findByEmail(input.email.trim().toLowerCase())
    if (!user || !user.passwordHash) {
      await this.d.hasher.burn(input.password)
      throw new UnauthorizedError('Invalid email or password')
    }
    if (!(await this.d.hasher.verify(input.password, user.passwordHash))) throw new UnauthorizedError('Invalid email or password')

    const session = await this.d.sessions.create(user.id)
    const result = await this.issue(user, session)
    const event = Events.login(user, session.id)
    await this.d.eventStore.append(event)
    await this.d.eventBus.publish(event)
    return result
  }

  /**
   * A new short-lived token for the session of a still valid, or recently expired, token
   * (at most refreshGraceSeconds ago), without the password. The session must be live: not
   * revoked (logout, password change, an admin ending it) and not past its 7 days, which
   * refreshing never extends. Same answer as login.
   * @param {string|null} authorization the Authorization header
   */
  async refresh(authorization) {
    const token = bearer(authorization)
    const claims = await this.d.jwt.verify(token, Math.floor(Date.now() / 1000), this.d.refreshGraceSeconds)
    if (!claims) throw new UnauthorizedError('Invalid token, or expired too long ago to refresh; log in again')
    const [session, user] = await Promise.all([this.d.sessions.findActive(claims.sid, claims.sub), this.d.users.findByIdFresh(claims.sub)])
    if (!session) throw new UnauthorizedError('Session expired or logged out; log in again')
    if (!user) throw new UnauthorizedError('The user of this token no longer exists')
    return this.issue(user, session)
  }

  /**
   * @param {import('../../domain/entities/User.js').User} user
   * @param {{id: string, expiresAt: string}} session
   */
  async issue(user, session) {
    const iat = Math.floor(Date.now() / 1000)
    const exp = Math.min(iat + this.d.tokenTtlSeconds, Math.floor(Date.parse(session.expiresAt) / 1000))
    if (exp <= iat) throw new UnauthorizedError('Session expired; log in again')
    const token = await this.d.jwt.sign({ sub: user.id, sid: session.id, role: user.role, email: user.email, iat, exp })
    return { token, expiresAt: isoFromMs(exp * 1000), user: user.toJSON() }
  }

  /** @param {Principal} who */
  async logout(who) {
    await this.d.sessions.revoke(who.sessionId)
    const event = Events.logout({ id: who.id, email: who.email }, who.sessionId)
    await this.d.eventStore.append(event)
    await this.d.eventBus.publish(event)
  }

  /**
   * @param {string|null} authorization the Authorization header
   * @returns {Promise<Principal>}
   */
  async authenticate(authorization) {
    const claims = await this.d.jwt.verify(bearer(authorization))
    if (!claims) throw new UnauthorizedError('Invalid or expired token')
    const [active, user] = await Promise.all([this.d.sessions.isActive(claims.sid, claims.sub), this.d.users.findById(claims.sub)])
    if (!active) throw new UnauthorizedError('Session expired or logged out')
    if (!user) throw new UnauthorizedError('The user of this token no longer exists')
    return { id: user.id, email: user.email, role: user.role, sessionId: claims.sid }
  }
}

/** @param {string|null} authorization @returns {string} the token */
function bearer(authorization) {
  if (!authorization) throw new UnauthorizedError('Missing bearer token')
  const m = /^Bearer ([A-Za-z0-9_.-]{1,4096})$/.exec(authorization)
  if (!m) throw new UnauthorizedError('Authorization must be "Bearer <token>"')
  return m[1]
}

export { AuthService }
