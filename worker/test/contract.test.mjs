// Issue 11, defect 8: the contract itself. scripts/test.sh lints openapi.yaml with Redocly's
// recommended rules (warnings as errors); these checks pin the two slips the linter found.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'

const doc = YAML.parse(readFileSync(fileURLToPath(new URL('../openapi.yaml', import.meta.url)), 'utf8'))

/** Every key of every mapping in the document, with where it is. */
function* keys(node, path = '#') {
  if (!node || typeof node !== 'object') return
  for (const [k, v] of Object.entries(node)) {
    if (!Array.isArray(node)) yield [k, path]
    yield* keys(v, `${path}/${k}`)
  }
}

test('8. no key with spaces: a flow-style description with a comma is not parsed as a second key', () => {
  // `{ description: Trimmed, no control characters }` once gave a schema a stray key
  // "no control characters"; no key of this document legitimately contains whitespace.
  const bad = [...keys(doc)].filter(([k]) => /\s/.test(k)).map(([k, at]) => `${at}: "${k}"`)
  assert.deepEqual(bad, [])
  assert.deepEqual(Object.keys(doc.components.schemas.CreateUser.properties.username).sort(), ['description', 'maxLength', 'minLength', 'type'])
})

test('8. every operation has a summary and an operationId', () => {
  const missing = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters') continue
      if (!op.summary || !op.operationId) missing.push(`${method.toUpperCase()} ${path}`)
    }
  }
  assert.deepEqual(missing, [])
})
