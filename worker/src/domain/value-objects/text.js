// @ts-check
/** C0, DEL and C1 control characters: never valid in names, titles or keys. */
export function hasControlChars(/** @type {string} */ s) {
  return /[\u0000-\u001f\u007f-\u009f]/.test(s)
}
