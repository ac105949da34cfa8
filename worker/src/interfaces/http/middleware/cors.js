// @ts-check
/**
 * CORS for browser tools (the console itself is not a browser and ignores it). Bearer
 * tokens, no cookies, so a configured origin list (default "*") is safe.
 * @param {string} allowOrigin the ALLOWED_ORIGIN var
 */
export function createCors(allowOrigin) {
  const headers = {
    'Access-Control-Allow-Origin': allowOrigin,
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match, Range',
    'Access-Control-Expose-Headers': 'Content-Range, Content-Disposition, ETag, Retry-After, X-Cache',
    'Access-Control-Max-Age': '86400',
  }
  return {
    preflight: () => new Response(null, { status: 204, headers }),
    /** @param {Response} response */
    wrap(response) {
      // Responses from fetch-like sources can be immutable: copy before editing headers.
      const out = new Response(response.body, response)
      for (const [k, v] of Object.entries(headers)) out.headers.set(k, v)
      if (allowOrigin !== '*') out.headers.append('Vary', 'Origin')
      return out
    },
  }
}
