#!/usr/bin/env bash
# Measures the progress endpoints on a large local D1 database, with the real runtime:
#   scripts/progress-bench.sh [USERS]          (default 200000: 10,000,000 progress rows)
# 1. an empty local D1 (wrangler), 2. migrations before 0005 and USERS learners x 50 of 500
#    lessons (10 tracks) written with sqlite3, as the rows of an existing deployment, 3. the
#    remaining migrations applied by wrangler (timed), 4. EXPLAIN QUERY PLAN of the Worker's
#    own statements (src/.../D1ProgressRepository.js) by workerd's SQLite, 5. wrangler dev on
#    that state and the median time of each request (warm, 5 runs). Needs sqlite3 3.38+ on
#    PATH; about 15 minutes and 8 GB of disk for 10,000,000 rows. KEEP_STATE=DIR keeps the
#    database in DIR (reused when it already holds one: steps 1-3 are skipped).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
users="${1:-200000}"
command -v sqlite3 >/dev/null || { log "sqlite3 is needed"; exit 2; }
ensure_packages
ensure_dev_vars

state="${KEEP_STATE:-$(mktemp -d "${TMPDIR:-/tmp}/edge-admin-progress-bench.XXXXXX")}"
mkdir -p "$state"
server_pid=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  [ -n "${KEEP_STATE:-}" ] || rm -rf "$state"
  exit $rc
}
trap cleanup EXIT INT TERM
d1_file() { find "$state/data/v3/d1" -name '*.sqlite' ! -name metadata.sqlite | head -n 1; }

if [ -z "$(find "$state" -name '*.sqlite' ! -name metadata.sqlite 2>/dev/null | head -n 1)" ]; then
  log "creating an empty local D1 in $state"
  (cd "$WORKER_DIR" && "$WRANGLER" d1 execute DB --local --persist-to "$state/data" --command "SELECT 1") >/dev/null
  db="$(d1_file)"
  log "migrations before 0005 and $users learners x 50 lessons, with sqlite3"
  {
    echo "PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; BEGIN;"
    echo "CREATE TABLE IF NOT EXISTS d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);"
    for f in "$WORKER_DIR"/../migrations/*.sql; do
      name="$(basename "$f")"
      [[ "$name" < "0005" ]] || continue
      cat "$f"; echo; echo "INSERT INTO d1_migrations (name) VALUES ('$name');"
    done
    cat <<SQL
CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < $users - 1) INSERT INTO n SELECT i FROM c;
INSERT INTO users (id, email, username, password_hash, role, created_at, updated_at)
  SELECT lower(printf('%08x-%04x-4%03x-8%03x-%012x', abs(random()) % 4294967296, i % 65536, i % 4096, (i * 7) % 4096, i)),
    printf('learner%07d@example.test', i), printf('Learner %07d', i), 'x', 'learner',
    strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', printf('+%d seconds', i * 60)),
    strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', printf('+%d seconds', i * 60)) FROM n;
INSERT INTO lessons (id, title, track, difficulty, status, created_at, updated_at)
  SELECT lower(printf('%08x-%04x-4%03x-9%03x-%012x', abs(random()) % 4294967296, i, i, i, i)), printf('Lesson %03d', i),
    printf('track%02d', i % 10), 1 + i % 5, 'published', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z' FROM n WHERE i < 500;
CREATE TEMP TABLE ul AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM lessons;
CREATE TEMP TABLE uu AS SELECT id, row_number() OVER (ORDER BY rowid) - 1 AS k FROM users;
CREATE TEMP TABLE j(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 49) INSERT INTO j SELECT i FROM c;
-- MATERIALIZED: each row's random values are drawn once (a flattened subquery could draw twice).
WITH x AS MATERIALIZED (
  SELECT uu.id AS uid, ul.id AS lid, (abs(random()) % 10) < 6 AS d, abs(random()) % 101 AS s,
    strftime('%Y-%m-%dT%H:%M:%fZ', '2024-01-01', printf('+%d seconds', abs(random()) % 63072000)) AS t
  FROM uu JOIN j JOIN ul ON ul.k = (uu.k * 37 + j.i) % 500)
INSERT INTO progress (user_id, lesson_id, completed, score, completed_at, updated_at)
  SELECT uid, lid, d, s, CASE WHEN d THEN t END, t FROM x;
COMMIT;
SQL
  } | sqlite3 "$db"
  log "applying the remaining migrations with wrangler (timed)"
  t0=$(date +%s)
  apply_migrations "$state/data"
  log "migrations took $(( $(date +%s) - t0 )) s"
fi

cd "$WORKER_DIR"
log "query plans (workerd's SQLite)"
STATE="$state/data" node scripts/lib/progress-bench.mjs plans

port="$(node scripts/lib/free-port.mjs)"
export EDGE_ADMIN_EMAIL="bench-$(date +%s)@edge-admin.test" # one per run: a kept state keeps older ones
EDGE_ADMIN_PASSWORD="$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))')"
export EDGE_ADMIN_PASSWORD
setsid scripts/serve-test.sh "$port" "$state/data" >"$state/wrangler.log" 2>&1 &
server_pid=$!
node scripts/lib/wait-ready.mjs "http://127.0.0.1:$port" 300 "$server_pid"
log "timing requests on http://127.0.0.1:$port"
STATE="$state/data" node scripts/lib/progress-bench.mjs http "http://127.0.0.1:$port"
