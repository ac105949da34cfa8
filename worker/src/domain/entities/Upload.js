// @ts-check
/** @typedef {{key: string, size: number, contentType: string, originalName: string, sha256: string|null, uploadedBy: string|null, createdAt: string}} UploadJSON */
/** @typedef {UploadJSON & {objectKey?: string|null}} UploadProps */

/**
 * A stored file: R2 holds the bytes, D1 this metadata row. The bytes live under a unique
 * blob name (objectKey), never under the client's key, so two writers racing for one key
 * never write the same object; null (older rows) means the blob is stored under the key.
 */
class Upload {
  /** @param {UploadProps} props */
  constructor(props) {
    this.key = props.key
    this.objectKey = props.objectKey ?? null
    this.size = props.size
    this.contentType = props.contentType
    this.originalName = props.originalName
    this.sha256 = props.sha256
    this.uploadedBy = props.uploadedBy
    this.createdAt = props.createdAt
  }

  /** A fresh, unique blob name for a new file's bytes (never derived from the client's key). */
  static newObjectKey() {
    return `files/${crypto.randomUUID()}`
  }

  /** Where the bytes are. */
  get blobKey() {
    return this.objectKey ?? this.key
  }

  /** @returns {UploadJSON} the blob name is internal */
  toJSON() {
    return {
      key: this.key, size: this.size, contentType: this.contentType, originalName: this.originalName,
      sha256: this.sha256, uploadedBy: this.uploadedBy, createdAt: this.createdAt,
    }
  }
}

export { Upload }
