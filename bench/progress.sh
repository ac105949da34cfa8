#!/usr/bin/env bash
# Benchmark: the Progress list at 10,000,000 rows, through the application layer, against the
# sqlite3 CLI running the best query for the same rows on the same file in the same run.
#
# 1. The store (USERS users, LESSONS lessons, PROGRESS progress rows, generated once with
#    `edge-admin-cli generate` and kept at STORE for later runs: about 7 GB and several
#    minutes at the default size).
# 2. The application layer, in process (`edge-admin-cli bench-progress`: Services, the
#    progress query handler, the SQLite store on its own thread, rows mapped with names):
#    (a) the first page of one track's completed rows, newest first, and (b) the page DEPTH
#    rows deep, reached by keyset cursor. Each is run once to warm up, then REPEAT times; the
#    median is reported. No total is asked for (the count is printed apart).
# 3. The floor: sqlite3 runs the best statement for the same page on the same file (the
#    track index walked in order, the names joined by primary key, the deep page as a
#    row-value range from the row the application's cursor stood on), warmed up once, then
#    RUNS times in one process (see floor() below). The first and last rows of each page are
#    compared, so both sides read the same rows.
#
# Prints figure, floor, ratio and target (2x) per case. No pass/fail: read the numbers.
#
# Usage: bench/progress.sh
#        EDGE_CLI=path/to/edge-admin-cli STORE=/var/tmp/edge-admin-progress-10m.db
#        USERS=1000000 LESSONS=500 PROGRESS=10000000 SEED=20261127 TRACK="SQL basics"
#        PAGE=50 DEPTH=10000 REPEAT=7 RUNS=200
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${EDGE_CLI:-$root/build/app/cli/edge-admin-cli}
store=${STORE:-/var/tmp/edge-admin-progress-10m.db}
users=${USERS:-1000000}
lessons=${LESSONS:-500}
progress=${PROGRESS:-10000000}
seed=${SEED:-20261127}
track=${TRACK:-SQL basics}
page=${PAGE:-50}
depth=${DEPTH:-10000}
repeat=${REPEAT:-7}
runs=${RUNS:-200}

[ -x "$cli" ] || { echo "Build first: $cli not found (scripts/build.sh)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 1; }

# 1. The store, once.
if [ ! -f "$store" ]; then
  echo "Generating $store ($users users, $lessons lessons, $progress progress rows; kept for later runs)..." >&2
  "$cli" --store "$store" generate --users "$users" --lessons "$lessons" --progress "$progress" --seed "$seed" >&2
fi
rows=$(sqlite3 "$store" "SELECT SUM(learners) FROM progress_lesson_totals")
[ "$rows" -ge "$progress" ] || { echo "$store has $rows progress rows, fewer than $progress: remove it to generate again" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/edge-admin-progress-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT

# 2. The application layer.
"$cli" --store "$store" bench-progress --track "$track" --limit "$page" --depth "$depth" --repeat "$repeat" \
  >"$dir/app.txt" 2>"$dir/app.err" || { cat "$dir/app.err" >&2; exit 1; }
value() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' "$dir/app.txt"; }

# 3. The floor: the same page through sqlite3.
quoted_track=${track//\'/\'\'}
columns="p.user_id, p.lesson_id, p.completed, p.score, p.completed_at, p.updated_at, p.version, u.email, u.username, l.title, l.track"
from="progress p INDEXED BY idx_progress_track JOIN users u ON u.id = p.user_id JOIN lessons l ON l.id = p.lesson_id"
order="ORDER BY p.updated_at DESC, p.user_id DESC, p.lesson_id DESC LIMIT $page"
first_sql="SELECT $columns FROM $from WHERE p.track = '$quoted_track' AND p.completed = 1 $order;"
IFS='|' read -r after_time after_user after_lesson <<<"$(value deep-after)"
deep_sql="SELECT $columns FROM $from WHERE p.track = '$quoted_track' AND p.completed = 1
  AND (p.updated_at, p.user_id, p.lesson_id) < ('$after_time', '$after_user', '$after_lesson') $order;"

# sqlite3's own timer counts whole milliseconds, too coarse here: the floor is the wall time
# of RUNS copies of the statement in one sqlite3 process minus that of one copy (starting
# the process and opening the file), divided by RUNS - 1.
now_ns() { date +%s%N; }
run_ns() { # script -> nanoseconds of the fastest of three runs
  local best=0 start took
  for _ in 1 2 3; do
    start=$(now_ns)
    sqlite3 "$store" <"$1" >/dev/null
    took=$(($(now_ns) - start))
    if [ "$best" -eq 0 ] || [ "$took" -lt "$best" ]; then best=$took; fi
  done
  echo "$best"
}
floor() { # sql name -> milliseconds a run; the rows in $dir/name.rows
  local sql=$1 name=$2
  { echo ".mode list"; echo "$sql"; } >"$dir/$name.one.sql"
  { echo ".mode list"; for _ in $(seq 1 "$runs"); do echo "$sql"; done; } >"$dir/$name.many.sql"
  sqlite3 "$store" <"$dir/$name.one.sql" >"$dir/$name.rows" # and warms the cache
  local one many
  one=$(run_ns "$dir/$name.one.sql")
  many=$(run_ns "$dir/$name.many.sql")
  awk -v a="$many" -v b="$one" -v n="$runs" 'BEGIN { printf "%.3f", (a - b) / (n - 1) / 1e6 }'
}
first_floor=$(floor "$first_sql" first)
deep_floor=$(floor "$deep_sql" deep)

# The same rows on both sides (first and last row of each page: updated_at|user_id|lesson_id).
key() { awk -F'|' -v n="$2" 'NR == n { print $6 "|" $1 "|" $2 }' "$dir/$1.rows"; }
check() { # app-key floor-key what
  [ "$1" = "$2" ] || { echo "the $3 differs: application $1, sqlite3 $2" >&2; exit 1; }
}
check "$(value first-page-first)" "$(key first 1)" "first page's first row"
check "$(value first-page-last)" "$(key first "$page")" "first page's last row"
check "$(value deep-page-first)" "$(key deep 1)" "deep page's first row"
check "$(value deep-page-last)" "$(key deep "$page")" "deep page's last row"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
line() { printf '%-24s %10s %10s %12s %8s %7s\n' "$1" "$2" "$3" "$4" "$(ratio "$2" "$4")" "2x"; }
echo "Progress list on $store: $rows progress rows; track \"$track\", completed, newest first, $page rows a page"
echo "($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), sqlite3 $(sqlite3 --version | cut -d' ' -f1); app: median of $repeat runs after a warm-up; sqlite3: mean of $runs)"
printf '%-24s %10s %10s %12s %8s %7s\n' case "app ms" "app best" "sqlite3 ms" ratio target
line "first page" "$(value first-page-ms)" "$(value first-page-best-ms)" "$first_floor"
line "page $depth rows deep" "$(value deep-page-ms)" "$(value deep-page-best-ms)" "$deep_floor"
echo "(ratio: the application's median over sqlite3's mean; on a loaded machine the thread hops to the"
echo " store's thread and back swing the median, the best run shows what the code itself costs)"
echo "(the track's completed rows: $(value count), counted by the application in $(value count-ms) ms)"
