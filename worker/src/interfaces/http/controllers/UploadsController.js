// @ts-check
import { ApiResponse } from '../ApiResponse.js'
import { readJsonObject, declaredLength } from '../request.js'
import { Query } from '../query.js'
import { MultipartUpload } from '../../../domain/entities/MultipartUpload.js'
import { ValidationError } from '../../../shared/errors.js'
import { toBase64Url, fromBase64Url, decodeUtf8 } from '../../../shared/encoding.js'

const CREATE = /** @type {import('../../../router.js').Route['allow']} */ (['uploads:create'])

/** @param {string} raw R2 upload ids are opaque printable tokens */
function uploadIdOf(raw) {
  if (raw.length < 1 || raw.length > 1024 || !/^[\x21-\x7e]+$/.test(raw)) throw ValidationError.field('uploadId', 'is not a valid upload id')
  return raw
}

/** Opaque list cursor: the last row's (createdAt, key). */
const Cursor = {
  /** @param {{createdAt: string, key: string}} at */
  encode: (at) => toBase64Url(new TextEncoder().encode(JSON.stringify([at.createdAt, at.key]))),
  /** @param {string} raw */
  decode(raw) {
    const bytes = fromBase64Url(raw)
    const text = bytes && decodeUtf8(bytes)
    try {
      const v = text && JSON.parse(text)
      if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { createdAt: v[0], key: v[1] }
    } catch { /* reported below */ }
    throw ValidationError.field('cursor', 'is not a cursor returned by this API')
  },
}

/** RFC 6266 filename*: safe for any original name. */
function contentDisposition(/** @type {string} */ name) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/** @returns {import('../../../router.js').Route[]} */
export function uploadRoutes() {
  return [
    {
      method: 'GET', path: '/api/v1/uploads', allow: ['uploads:read'],
      async handle({ url, principal, c }) {
        const q = new Query(url.searchParams, ['cursor', 'limit', 'prefix'])
        const cursor = q.raw('cursor')
        const { items, next } = await c.queries.listUploads.execute(principal, {
          limit: q.int('limit', { min: 1, max: 200, fallback: 50 }), prefix: q.text('prefix', 512),
          after: cursor === undefined ? undefined : Cursor.decode(cursor),
        })
        return ApiResponse.success(items.map((u) => u.toJSON()), 200, { cursor: next ? Cursor.encode(next) : null })
      },
    },
    {
      method: 'POST', path: '/api/v1/uploads/multipart', allow: CREATE,
      async handle({ request, principal, c }) {
        const b = await readJsonObject(request, ['key', 'originalName', 'contentType', 'partSize'])
        return ApiResponse.success(await c.commands.createMultipart.execute(principal, { key: b.key, originalName: b.originalName,
          contentType: b.contentType, partSize: b.partSize }), 201)
      },
    },
    {
      method: 'PUT', path: '/api/v1/uploads/multipart/:uploadId/parts/:partNumber', allow: CREATE,
      async handle({ request, params, principal, c }) {
        const uploadId = uploadIdOf(params.uploadId)
        const partNumber = MultipartUpload.parsePartNumber(params.partNumber)
        const { length, body } = declaredLength(request, c.config.maxUploadBytes, 'Part')
        return ApiResponse.success(await c.commands.uploadPart.execute(principal, uploadId, partNumber, body, length))
      },
    },
    {
      method: 'POST', path: '/api/v1/uploads/multipart/:uploadId/complete', allow: CREATE,
      async handle({ request, params, principal, c }) {
        const uploadId = uploadIdOf(params.uploadId)
        const b = await readJsonObject(request, ['parts'])
        return ApiResponse.success((await c.commands.completeMultipart.execute(principal, uploadId, { parts: b.parts })).toJSON(), 201)
      },
    },
    {
      method: 'DELETE', path: '/api/v1/uploads/multipart/:uploadId', allow: CREATE,
      async handle({ params, principal, c }) {
        await c.commands.abortMultipart.execute(principal, uploadIdOf(params.uploadId))
        return ApiResponse.noContent()
      },
    },
    {
      method: 'PUT', path: '/api/v1/uploads/:key', allow: CREATE,
      async handle({ request, url, params, principal, c }) {
        const q = new Query(url.searchParams, ['originalName'])
        const { length, body } = declaredLength(request, c.config.maxUploadBytes, 'Upload')
        const contentType = request.headers.get('Content-Type') ?? undefined
        const upload = await c.commands.uploadFile.execute(principal, { key: params.key, originalName: q.raw('originalName'), contentType }, body, length)
        return ApiResponse.success(upload.toJSON(), 201)
      },
    },
    {
      method: 'GET', path: '/api/v1/uploads/:key', allow: ['uploads:read'],
      async handle({ request, params, principal, c }) {
        const { upload, body, range } = await c.queries.downloadUpload.execute(principal, params.key, request.headers.get('Range'))
        const headers = new Headers({
          'Content-Type': upload.contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'private, no-store',
          'Content-Disposition': contentDisposition(upload.originalName), 'X-Content-Type-Options': 'nosniff',
          'Content-Length': String(range ? range.length : upload.size),
        })
        if (upload.sha256) headers.set('ETag', `"${upload.sha256}"`)
        if (!range) return new Response(body, { status: 200, headers })
        headers.set('Content-Range', `bytes ${range.offset}-${range.offset + range.length - 1}/${upload.size}`)
        return new Response(body, { status: 206, headers })
      },
    },
    {
      method: 'DELETE', path: '/api/v1/uploads/:key', allow: ['uploads:delete'],
      async handle({ params, principal, c }) {
        await c.commands.deleteUpload.execute(principal, params.key)
        return ApiResponse.noContent()
      },
    },
  ]
}
