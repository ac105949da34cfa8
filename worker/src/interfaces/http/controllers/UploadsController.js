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

const SORTS = /** @type {const} */ (['createdAt', 'key', 'name', 'size', 'contentType'])

/**
 * Opaque list cursor: the last row's (sort value, key). The default list (newest first, no
 * filter) keeps its first form [createdAt, key]; any other adds the sort, the order and the
 * filters [prefix, q, contentType], so a cursor only continues the list it came from. A
 * short cursor stays valid for a prefix list in the default order (clients before the
 * filters had only that form).
 */
const Cursor = {
  /** @param {ListShape} shape @param {{value: string|number, key: string}} at */
  encode(shape, at) {
    const parts = isDefaultShape(shape) ? [at.value, at.key] : [at.value, at.key, shape.sort, shape.order, shape.filters]
    return toBase64Url(new TextEncoder().encode(JSON.stringify(parts)))
  },
  /** @param {string} raw @param {ListShape} shape */
  decode(raw, shape) {
    const bytes = fromBase64Url(raw)
    const text = bytes && decodeUtf8(bytes)
    let v
    try {
      v = text && JSON.parse(text)
    } catch { /* reported below */ }
    const valueType = shape.sort === 'size' ? 'number' : 'string'
    if (!Array.isArray(v) || (v.length !== 2 && v.length !== 5) || typeof v[0] !== valueType || typeof v[1] !== 'string') {
      throw ValidationError.field('cursor', 'is not a cursor returned by this API')
    }
    const legacy = v.length === 2 && shape.sort === 'createdAt' && shape.order === 'desc' && !shape.filters[1] && !shape.filters[2]
    const same = v.length === 5 && v[2] === shape.sort && v[3] === shape.order && JSON.stringify(v[4]) === JSON.stringify(shape.filters)
    if (!legacy && !same) {
      throw ValidationError.field('cursor', 'belongs to another sort, order or filter: ask for the first page again without it')
    }
    return { value: v[0], key: v[1] }
  },
}

/** @typedef {{sort: typeof SORTS[number], order: 'asc'|'desc', filters: [string, string, string]}} ListShape */

/** @param {ListShape} shape */
function isDefaultShape(shape) {
  return shape.sort === 'createdAt' && shape.order === 'desc' && shape.filters.every((f) => f === '')
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
        const q = new Query(url.searchParams, ['cursor', 'limit', 'prefix', 'q', 'contentType', 'sort', 'order'])
        const prefix = q.text('prefix', 512) ?? ''
        const search = q.text('q', 512) ?? ''
        const contentType = q.text('contentType', 255) ?? ''
        /** @type {ListShape} */
        const shape = { sort: q.oneOf('sort', SORTS) ?? 'createdAt', order: q.oneOf('order', /** @type {const} */ (['asc', 'desc'])) ?? 'desc',
          filters: [prefix, search, contentType] }
        const cursor = q.raw('cursor')
        const { items, next } = await c.queries.listUploads.execute(principal, {
          limit: q.int('limit', { min: 1, max: 200, fallback: 50 }), prefix, search, contentType, sort: shape.sort,
          descending: shape.order === 'desc', after: cursor === undefined ? undefined : Cursor.decode(cursor, shape),
        })
        return ApiResponse.success(items.map((u) => u.toJSON()), 200, { cursor: next ? Cursor.encode(shape, next) : null })
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
        const b = await readJsonObject(request, ['parts', 'sha256'])
        return ApiResponse.success((await c.commands.completeMultipart.execute(principal, uploadId, { parts: b.parts, sha256: b.sha256 })).toJSON(), 201)
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
