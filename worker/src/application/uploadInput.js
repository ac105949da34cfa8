// @ts-check
import { UploadKey, parseOriginalName, parseContentType } from '../domain/value-objects/UploadKey.js'
import { collectFieldErrors } from '../domain/entities/collect.js'

/**
 * Validates the naming of a new file: key, original name (defaults to the key's last
 * segment) and content type (defaults to application/octet-stream).
 * @param {{key: unknown, originalName?: unknown, contentType?: unknown}} input
 */
export function parseUploadNaming(input) {
  const f = collectFieldErrors({
    key: () => UploadKey.create(input.key),
    contentType: () => (input.contentType === undefined ? 'application/octet-stream' : parseContentType(input.contentType)),
  })
  const originalName = parseOriginalName(input.originalName === undefined ? f.key.baseName : input.originalName)
  return { key: f.key.value, originalName, contentType: f.contentType }
}
