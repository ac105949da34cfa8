// @ts-check
import { ValidationError } from '../../shared/errors.js'

/**
 * Runs one parser per field and throws a single ValidationError naming every bad field,
 * so a form can show all problems at once.
 * @template {Record<string, () => unknown>} T
 * @param {T} parsers
 * @returns {{[K in keyof T]: ReturnType<T[K]>}}
 */
export function collectFieldErrors(parsers) {
  /** @type {Record<string, unknown>} */
  const values = {}
  /** @type {Record<string, string>} */
  const details = {}
  const messages = []
  for (const [field, parse] of Object.entries(parsers)) {
    try {
      values[field] = parse()
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      Object.assign(details, e.details ?? { [field]: e.message })
      messages.push(e.message)
    }
  }
  if (messages.length > 0) throw new ValidationError(messages.join('; '), details)
  return /** @type {any} */ (values)
}
