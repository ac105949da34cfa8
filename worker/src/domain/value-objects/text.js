// @ts-check
/** C0, DEL and C1 control characters: never valid in names, titles or keys. */
export function hasControlChars(/** @type {string} */ s) {
  return /[\u0000-\u001f\u007f-\u009f]/.test(s)
}

/**
 * Unicode format characters (category Cf): bidi embeddings, overrides and isolates
 * (U+202A-202E, U+2066-2069), zero-width characters and marks (U+200B-200F), the BOM
 * (U+FEFF), soft hyphen... Invisible, and able to show a name reversed or disguised.
 */
export function hasFormatChars(/** @type {string} */ s) {
  return /\p{Cf}/u.test(s)
}

export const FORMAT_CHARS_PROBLEM = 'must not contain invisible formatting characters (Unicode Cf, e.g. bidi overrides such as U+202E or zero-width characters)'
