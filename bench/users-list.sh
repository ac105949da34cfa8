#!/usr/bin/env bash
# Benchmark: listing users on the big store as whole processes, the console's CLI against the
# sqlite3 CLI (the issue's target 1 in its CLI form: at most 4x sqlite3's whole-process time
# for the same first page).
#
# For each scenario it times `edge-admin-cli users list ...` (process start, open and check
# the store, the page and its count through the application layer, printing) and the sqlite3
# CLI running the plain SQL for the same rows on the same file (process start, open, the same
# page and count, printing), and prints the medians, their ratio and the target. A ratio near
# 1 means the console adds little over SQLite itself. No pass/fail: read the numbers.
#
# The store is bench/data.sh's (1,000,000 users; made once and kept), or STORE. It is only
# read: sqlite3 opens it read-only, and a store that edge-admin-cli would migrate on opening
# (a write) is refused.
#
# Usage: bench/users-list.sh        (EDGE_CLI, STORE, RUNS=7)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${EDGE_CLI:-$root/build/app/cli/edge-admin-cli}
runs=${RUNS:-7}

[ -x "$cli" ] || { echo "Build first: $cli not found (scripts/build.sh)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 1; }
store=${STORE:-$(EDGE_CLI=$cli "$root/bench/data.sh")}
[ -f "$store" ] || { echo "No store at $store" >&2; exit 1; }

# edge-admin-cli applies pending migrations when it opens a store: refuse rather than write.
applied=$(sqlite3 -readonly "$store" "SELECT name FROM d1_migrations")
for migration in "$root"/migrations/*.sql; do
  name=$(basename "$migration")
  grep -qxF "$name" <<<"$applied" || {
    echo "$store lacks migration $name, and edge-admin-cli would apply it (a write to a shared store)." >&2
    echo "Apply it once on purpose (edge-admin-cli --store $store users list), or remove the store and run bench/data.sh." >&2
    exit 1
  }
done

users=$(sqlite3 -readonly "$store" "SELECT COUNT(*) FROM users")
last=$(((users + 49) / 50))
middle=$((last / 2 + 1))
cols="id, email, username, role, version, created_at, updated_at"
page() { # where order page -> the CLI's page of 50 and its count, as plain SQL
  echo "SELECT $cols FROM users $1 ORDER BY $2 LIMIT 50 OFFSET $((($3 - 1) * 50)); SELECT COUNT(*) FROM users $1;"
}
newest="created_at DESC, id DESC"
fts="WHERE rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH '\"lovelace\"')"
like="WHERE email LIKE '%ad%' ESCAPE '\\' OR username LIKE '%ad%' ESCAPE '\\'"
# name | edge-admin-cli arguments | the plain SQL for sqlite3 | target
scenarios=(
  "first page, newest first|users list|$(page "" "$newest" 1)|<=4x"
  "last page $last, newest first|users list --page $last|$(page "" "$newest" "$last")|-"
  "middle page $middle, newest first|users list --page $middle|$(page "" "$newest" "$middle")|-"
  "search 'lovelace' (trigram index)|users list --search lovelace|$(page "$fts" "$newest" 1)|-"
  "search 'ad' (LIKE)|users list --search ad|$(page "$like" "$newest" 1)|-"
  "page 10000 by username|users list --sort username --page 10000|$(page "" "username ASC, id ASC" 10000)|-"
  "page 19000 by role, desc|users list --sort role --desc --page 19000|$(page "" "role DESC, id DESC" 19000)|-"
)

# Median wall time of a command in milliseconds over $runs runs (after one warm-up).
median_ms() {
  local times=() start end
  "$@" >/dev/null
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "Users list as whole processes on $store ($users users, pages of 50 with their count)"
echo "($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); medians of $runs runs after a warm-up, wall time)"
printf '%-40s %14s %12s %7s  %s\n' "scenario" "edge-admin ms" "sqlite3 ms" "ratio" "target"
for scenario in "${scenarios[@]}"; do
  IFS='|' read -r name args sql target <<<"$scenario"
  # shellcheck disable=SC2086
  ours=$(median_ms "$cli" --store "$store" $args)
  floor=$(median_ms sqlite3 -readonly "$store" "$sql")
  ratio=$(awk -v a="$ours" -v b="$floor" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')
  printf '%-40s %14s %12s %7s  %s\n' "$name" "$ours" "$floor" "$ratio" "$target"
done
