// @ts-check
import { toHex } from '../../shared/encoding.js'

/**
 * R2 storage: streams bodies through (never buffers a file in the isolate's 128 MB) and
 * computes the SHA-256 on the way.
 */
class R2StorageService {
  /** @param {R2Bucket} bucket */
  constructor(bucket) {
    this.bucket = bucket
  }

  /**
   * Stores exactly `length` bytes from `body`. R2 needs a known length, which a
   * FixedLengthStream gives; a body shorter or longer than declared fails the write.
   * @param {string} key
   * @param {ReadableStream<Uint8Array>} body
   * @param {number} length
   * @param {{contentType: string, originalName: string}} meta
   * @returns {Promise<{size: number, sha256: string}>}
   */
  async putStream(key, body, length, meta) {
    const digest = new crypto.DigestStream('SHA-256')
    const digestWriter = digest.getWriter()
    const hashing = new TransformStream({
      async transform(chunk, controller) {
        await digestWriter.write(chunk)
        controller.enqueue(chunk)
      },
      async flush() {
        await digestWriter.close()
      },
    })
    const { readable, writable } = new FixedLengthStream(length)
    const piping = body.pipeThrough(hashing).pipeTo(writable)
    const [obj] = await Promise.all([
      this.bucket.put(key, readable, {
        httpMetadata: { contentType: meta.contentType },
        customMetadata: { originalName: meta.originalName },
      }),
      piping,
    ])
    return { size: obj?.size ?? length, sha256: toHex(await digest.digest) }
  }

  /** @param {string} key @param {string} text @param {string} contentType */
  async putText(key, text, contentType) {
    await this.bucket.put(key, text, { httpMetadata: { contentType } })
  }

  /** @param {string} key */
  async getText(key) {
    const obj = await this.bucket.get(key)
    // Not obj.text(): it drops a leading byte order mark, and stored text comes back as stored.
    return obj ? new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(await obj.arrayBuffer()) : null
  }

  /**
   * @param {string} key
   * @param {{offset: number, length: number}} [range] already validated against the size
   */
  async get(key, range) {
    return this.bucket.get(key, range ? { range } : undefined)
  }

  /** @param {string} key */
  async delete(key) {
    await this.bucket.delete(key)
  }

  /**
   * One page of the bucket listing (names and upload times).
   * @param {string|undefined} cursor
   * @returns {Promise<{objects: {key: string, uploaded: Date}[], cursor: string|null}>}
   */
  async listPage(cursor) {
    const page = await this.bucket.list({ cursor, limit: 1000 })
    return { objects: page.objects.map((o) => ({ key: o.key, uploaded: o.uploaded })), cursor: page.truncated ? page.cursor : null }
  }

  /** @param {string[]} keys at most 1000 */
  async deleteMany(keys) {
    if (keys.length) await this.bucket.delete(keys)
  }

  /** @param {string} key @param {{contentType: string, originalName: string}} meta */
  async createMultipart(key, meta) {
    const mp = await this.bucket.createMultipartUpload(key, {
      httpMetadata: { contentType: meta.contentType },
      customMetadata: { originalName: meta.originalName },
    })
    return mp.uploadId
  }

  /**
   * @param {string} key @param {string} uploadId @param {number} partNumber
   * @param {ReadableStream<Uint8Array>} body @param {number} length
   */
  async uploadPart(key, uploadId, partNumber, body, length) {
    const { readable, writable } = new FixedLengthStream(length)
    const piping = body.pipeTo(writable)
    const [part] = await Promise.all([
      this.bucket.resumeMultipartUpload(key, uploadId).uploadPart(partNumber, readable),
      piping,
    ])
    return part
  }

  /** @param {string} key @param {string} uploadId @param {R2UploadedPart[]} parts */
  async completeMultipart(key, uploadId, parts) {
    return this.bucket.resumeMultipartUpload(key, uploadId).complete(parts)
  }

  /** @param {string} key @param {string} uploadId */
  async abortMultipart(key, uploadId) {
    await this.bucket.resumeMultipartUpload(key, uploadId).abort()
  }
}

export { R2StorageService }
