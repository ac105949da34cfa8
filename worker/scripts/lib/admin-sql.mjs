// Builds the SQL that creates an admin, reading the password from stdin (never argv).
// Usage: node admin-sql.mjs [--if-absent] <email> <username> < password  > out.sql
// --if-absent: do nothing when the email exists (for re-runs of serve-test.sh on old state).
// The hash format is the Worker's and the console's: pbkdf2_sha256$<iter>$<salt b64>$<key b64>.
import { pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'

const args = process.argv.slice(2)
const ifAbsent = args[0] === '--if-absent'
const [email, username] = (ifAbsent ? args.slice(1) : args).map((s) => (s ?? '').trim())
const password = readFileSync(0, 'utf8').replace(/\r?\n$/, '')
const fail = (m) => { process.stderr.write(`create-admin: ${m}\n`); process.exit(2) }
const normalized = (email ?? '').toLowerCase()
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) || normalized.length > 254) fail('email must be a valid address')
if ([...username].length < 2 || [...username].length > 64 || /[\u0000-\u001f\u007f-\u009f]/.test(username) || /\p{Cf}/u.test(username)) {
  fail('username must be 2 to 64 characters, without control or invisible format characters')
}
if ([...password].length < 8 || [...password].length > 256) fail('password must be 8 to 256 characters')

// PASSWORD_HASH_ITERATIONS as in wrangler.toml [vars] (10000..100000, default 100000).
const iterations = Number(process.env.PASSWORD_HASH_ITERATIONS || 100000)
if (!Number.isInteger(iterations) || iterations < 10000 || iterations > 100000) fail('PASSWORD_HASH_ITERATIONS must be an integer from 10000 to 100000')
const salt = randomBytes(16)
const key = pbkdf2Sync(password, salt, iterations, 32, 'sha256')
const hash = `pbkdf2_sha256$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`
const q = (s) => `'${String(s).replace(/'/g, "''")}'`
const id = randomUUID()
const now = new Date().toISOString()
// The event row is the audit trail's record of this admin (actor NULL: the CLI); it is only
// written when the user row was (changes() of the statement before).
process.stdout.write(`INSERT INTO users (id, email, username, password_hash, role, version, created_at, updated_at)
SELECT ${q(id)}, ${q(normalized)}, ${q(username)}, ${q(hash)}, 'admin', 1, ${q(now)}, ${q(now)}${
  ifAbsent ? ` WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = ${q(normalized)})` : ''};
INSERT INTO events (type, actor_id, actor_email, subject_type, subject_id, payload, created_at)
SELECT 'user.created', NULL, NULL, 'user', ${q(id)}, ${q(JSON.stringify({ email: normalized, username, role: 'admin' }))}, ${q(now)}
WHERE changes() > 0;
`)
