// @ts-check
/**
 * Auth middleware: turns the Authorization header into a Principal or throws 401.
 * @param {Request} request
 * @param {import('../../../application/services/AuthService.js').AuthService} auth
 */
export function authenticate(request, auth) {
  return auth.authenticate(request.headers.get('Authorization'))
}
