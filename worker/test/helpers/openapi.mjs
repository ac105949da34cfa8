// Validates responses against openapi.yaml: the status must be documented for the
// operation, and a JSON body must match that response's schema.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020.js'
import YAML from 'yaml'

const doc = YAML.parse(readFileSync(fileURLToPath(new URL('../../openapi.yaml', import.meta.url)), 'utf8'))
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
ajv.addSchema(doc, 'api')

const templates = Object.keys(doc.paths).map((t) => ({
  template: t,
  // A parameter is one encoded segment; literal segments win over parameters.
  re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  literal: (t.match(/\{/g) ?? []).length,
}))

const ptr = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1')

/** @param {string} pathname @param {string} method */
export function findOperation(pathname, method) {
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()
  const hits = templates.filter((t) => t.re.test(pathname) && doc.paths[t.template][m])
  hits.sort((a, b) => a.literal - b.literal)
  if (!hits.length) return null
  return { template: hits[0].template, method: m, op: doc.paths[hits[0].template][m] }
}

/**
 * @returns {string|null} a description of the mismatch, or null when the response conforms
 */
export function checkResponse(method, pathname, status, contentType, body) {
  const found = findOperation(pathname, method)
  if (!found) return `${method} ${pathname} is not in openapi.yaml`
  let response = found.op.responses[String(status)]
  let base = `api#/paths/${ptr(found.template)}/${found.method}/responses/${status}`
  if (!response) return `${method} ${found.template} does not document status ${status}`
  if (response.$ref) {
    base = `api${response.$ref}`
    response = response.$ref.split('/').slice(1).reduce((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
  }
  if (status === 204 || !response.content) return body === undefined || body === null || body === '' ? null : `${status} must have no body`
  const json = response.content['application/json']
  if (!json) return null // raw content (downloads, HTML): status checked only
  if (!/^application\/json/.test(contentType ?? '')) return `expected JSON, got ${contentType}`
  const validate = ajv.getSchema(`${base}/content/application~1json/schema`)
  if (!validate) return `no schema at ${base}`
  if (validate(body)) return null
  return `${method} ${found.template} ${status}: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n${JSON.stringify(body).slice(0, 500)}`
}
