#!/usr/bin/env bash
# Benchmark: every list screen on the big store (1,000,000 users, 1,000,000 events, 20,000
# lessons, 2,000,000 progress rows, 200,000 files; bench/data.sh makes it once and keeps it).
#
# 1. In process (edge-list-bench): each screen's biggest table queried as its row source asks
#    (pages of 200, the count apart, the default sort) through EmbeddedBackend and Services:
#    the count, the first page, page 2, the last page (Ctrl+End) and the middle page (a drag
#    of the scroll bar to 50%) with nothing read before them, and searches of three or more
#    characters (many matches, few) and of one or two. Each line: the application's median,
#    its first ask, the sqlite3 CLI running the plain SQL for the same rows on the same file
#    (a naive LIMIT/OFFSET for deep pages, said so), the ratio, and the issue's target; deep
#    pages also against the first page (target 2: no page over 2x the first, rows within
#    50 ms), searches as rows plus count (target 3: within 50 ms from three characters).
# 2. Whole processes (bench/users-list.sh): edge-admin-cli users list against sqlite3.
#
# The store is only read (sqlite3 -readonly; a store that would need migrating is refused).
# No pass/fail: read the numbers. The exit status is 1 only when the two sides read
# different rows, which would make the line meaningless.
#
# Usage: bench/lists.sh
#        EDGE_LIST_BENCH=path/to/edge-list-bench EDGE_CLI=path/to/edge-admin-cli STORE=file.db
#        SCREENS=users,events,lessons,progress,uploads REPEAT=7 BUDGET_MS=1000 SHOW_SQL=1
#        WHOLE_PROCESS=0 (skip part 2)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=${EDGE_LIST_BENCH:-$root/build/bench/lists/edge-list-bench}
cli=${EDGE_CLI:-$root/build/app/cli/edge-admin-cli}

[ -x "$bench" ] || { echo "Build first: $bench not found (scripts/build.sh)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 1; }
store=${STORE:-$(EDGE_CLI=$cli "$root/bench/data.sh")}

args=("$store" --screens "${SCREENS:-users,events,lessons,progress,uploads}" --repeat "${REPEAT:-7}"
      --budget-ms "${BUDGET_MS:-1000}")
[ "${SHOW_SQL:-0}" = 1 ] && args+=(--show-sql)
status=0
"$bench" "${args[@]}" || status=$?

if [ "${WHOLE_PROCESS:-1}" = 1 ]; then
  echo
  EDGE_CLI=$cli STORE=$store "$root/bench/users-list.sh" || status=$?
fi
exit "$status"
