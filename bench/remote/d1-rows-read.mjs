// The rows D1 reads for each SQL statement given (meta.rows_read: what D1 bills), on the local
// D1 state that `wrangler dev --persist-to STATE` uses. Run from worker/ (its wrangler.toml
// names the database):
//   node ../bench/remote/d1-rows-read.mjs STATE 'SELECT ...' ['SELECT ...' ...]
// Prints one number a statement.
import { createRequire } from 'node:module'
import { join } from 'node:path'

const [state, ...statements] = process.argv.slice(2)
const require = createRequire(join(process.cwd(), 'package.json'))
const { getPlatformProxy } = require('wrangler')
const proxy = await getPlatformProxy({ persist: { path: join(state, 'v3') } })
try {
  for (const sql of statements) {
    const { meta } = await proxy.env.DB.prepare(sql).all()
    if (typeof meta.rows_read !== 'number') throw new Error(`no rows_read in the answer to ${sql}`)
    console.log(meta.rows_read)
  }
} finally {
  await proxy.dispose()
}
