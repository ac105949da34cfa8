#!/usr/bin/env bash
# The big store the list benchmarks read: 1,000,000 users (generate), LESSONS lessons and
# PROGRESS progress rows (generate), then EVENTS audit events and UPLOADS upload rows written
# by sqlite3 (the events a busy year of edits would leave, and files' rows without their blobs:
# the lists read only the table). Made once and kept between runs; prints the store's path.
#
# Usage: bench/data.sh            (BENCH_DIR, default /var/tmp/edge-bench; USERS, LESSONS,
#                                  PROGRESS, EVENTS, UPLOADS change the sizes and the file name)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${EDGE_CLI:-$root/build/app/cli/edge-admin-cli}
users=${USERS:-1000000}
lessons=${LESSONS:-20000}
progress=${PROGRESS:-2000000}
events=${EVENTS:-1000000}
uploads=${UPLOADS:-200000}
dir=${BENCH_DIR:-/var/tmp/edge-bench}
store=$dir/lists-$users-$lessons-$progress-$events-$uploads.db
mkdir -p "$dir"

[ -x "$cli" ] || { echo "Build first: $cli not found (scripts/build.sh)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 1; }

# A marker beside the store says it was finished (an interrupted run starts over).
if [ -f "$store" ] && [ -f "$store.complete" ]; then
  echo "$store"
  exit 0
fi

rm -f "$store" "$store-wal" "$store-shm" "$store.complete"
rm -rf "$store-content"
echo "Generating $users users, $lessons lessons, $progress progress rows into $store ..." >&2
"$cli" --store "$store" generate --users "$users" --lessons "$lessons" --progress "$progress" --seed 20261127 >&2

echo "Writing $events events and $uploads upload rows ..." >&2
sqlite3 "$store" <<SQL >&2
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
BEGIN;
-- Events over the last two years, newest last, as edits by the first admins to users and lessons.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $events),
     kinds(k, type, subject) AS (VALUES (0, 'user.updated', 'user'), (1, 'lesson.updated', 'lesson'),
                                        (2, 'progress.upserted', 'progress'), (3, 'user.created', 'user'))
INSERT INTO events (type, actor_id, actor_email, subject_type, subject_id, payload, created_at)
SELECT kinds.type, NULL, 'local:bench', kinds.subject, printf('bench-%08d', i),
       '{"changes":{"version":{"from":' || (i % 7) || ',"to":' || (i % 7 + 1) || '}}}',
       strftime('%Y-%m-%dT%H:%M:%fZ', '2024-11-27', printf('+%d seconds', i * (63072000 / $events)))
FROM n JOIN kinds ON kinds.k = i % 4;
-- Upload rows in a few folders with a few types (no blobs: listing reads only this table).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $uploads)
INSERT INTO uploads (key, size, content_type, original_name, sha256, uploaded_by, created_at, object_key)
SELECT printf('folder-%02d/file-%07d.%s', i % 40, i, CASE i % 3 WHEN 0 THEN 'png' WHEN 1 THEN 'pdf' ELSE 'txt' END),
       1000 + (i * 7919) % 5000000,
       CASE i % 3 WHEN 0 THEN 'image/png' WHEN 1 THEN 'application/pdf' ELSE 'text/plain' END,
       printf('File %07d.%s', i, CASE i % 3 WHEN 0 THEN 'png' WHEN 1 THEN 'pdf' ELSE 'txt' END),
       printf('%064x', i), NULL,
       strftime('%Y-%m-%dT%H:%M:%fZ', '2024-11-27', printf('+%d seconds', i * (63072000 / $uploads))),
       printf('bench/%07d', i)
FROM n;
COMMIT;
SQL
touch "$store.complete"
echo "$store"
