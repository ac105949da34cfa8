#!/usr/bin/env bash
# Benchmark: listing users on a big embedded store, the console's way against a floor.
#
# For each scenario it times `edge-admin-cli users list ...` (process start, open and check
# the store, run the page query and the count through the application layer) and the
# sqlite3 CLI running the same SQL on the same file (process start, open, same queries), and
# prints the medians and their ratio. A ratio near 1 means the console adds little over
# SQLite itself. No pass/fail: read the numbers.
#
# Usage: bench/users-list.sh [USERS]        (default 1000000; the store is kept in
#        $BENCH_DIR, default /tmp/edge-admin-bench, and reused when it has that many users)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${EDGE_CLI:-$root/build/app/cli/edge-admin-cli}
users=${1:-1000000}
runs=${RUNS:-7}
dir=${BENCH_DIR:-/tmp/edge-admin-bench}
store=$dir/users-$users.db
mkdir -p "$dir"

[ -x "$cli" ] || { echo "Build first: $cli not found (scripts/build.sh)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 1; }

if [ ! -f "$store" ] || [ "$(sqlite3 "$store" 'SELECT COUNT(*) FROM users')" != "$users" ]; then
  rm -f "$store" "$store-wal" "$store-shm"
  echo "Generating $users users into $store ..."
  "$cli" --store "$store" generate-users "$users" >/dev/null
fi

cols="id, email, username, password_hash, role, version, created_at, updated_at"
# name | edge-admin-cli arguments | the same SQL for sqlite3
scenarios=(
  "first page, newest first|users list|SELECT $cols FROM users ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 0; SELECT COUNT(*) FROM users;"
  "search 'lovelace' (FTS)|users list --search lovelace|SELECT $cols FROM users WHERE rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH '\"lovelace\"') ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 0; SELECT COUNT(*) FROM users_fts WHERE users_fts MATCH '\"lovelace\"';"
  "search 'ad' (LIKE)|users list --search ad|SELECT $cols FROM users WHERE email LIKE '%ad%' ESCAPE '\\' OR username LIKE '%ad%' ESCAPE '\\' ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET 0; SELECT COUNT(*) FROM users WHERE email LIKE '%ad%' ESCAPE '\\' OR username LIKE '%ad%' ESCAPE '\\';"
  "page 10000 by username|users list --sort username --page 10000|SELECT $cols FROM users ORDER BY username ASC, id ASC LIMIT 50 OFFSET 499950; SELECT COUNT(*) FROM users;"
  "page 19000 by role, desc|users list --sort role --desc --page 19000|SELECT $cols FROM users ORDER BY role DESC, id DESC LIMIT 50 OFFSET 949950; SELECT COUNT(*) FROM users;"
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

printf '%-28s %14s %12s %7s\n' "scenario ($users users)" "edge-admin ms" "sqlite3 ms" "ratio"
for scenario in "${scenarios[@]}"; do
  IFS='|' read -r name args sql <<<"$scenario"
  # shellcheck disable=SC2086
  ours=$(median_ms "$cli" --store "$store" $args)
  floor=$(median_ms sqlite3 "$store" "$sql")
  ratio=$(awk -v a="$ours" -v b="$floor" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  printf '%-28s %14s %12s %7s\n' "$name" "$ours" "$floor" "$ratio"
done
