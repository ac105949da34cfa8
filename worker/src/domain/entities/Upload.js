// @ts-check
/** @typedef {{key: string, size: number, contentType: string, originalName: string, sha256: string|null, uploadedBy: string|null, createdAt: string}} UploadJSON */

/** A stored file: R2 holds the bytes, D1 this metadata row. */
class Upload {
  /** @param {UploadJSON} props */
  constructor(props) {
    this.key = props.key
    this.size = props.size
    this.contentType = props.contentType
    this.originalName = props.originalName
    this.sha256 = props.sha256
    this.uploadedBy = props.uploadedBy
    this.createdAt = props.createdAt
  }

  /** @returns {UploadJSON} */
  toJSON() {
    return {
      key: this.key, size: this.size, contentType: this.contentType, originalName: this.originalName,
      sha256: this.sha256, uploadedBy: this.uploadedBy, createdAt: this.createdAt,
    }
  }
}

export { Upload }
