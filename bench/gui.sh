#!/usr/bin/env bash
# Benchmark: the console's screens on the big store (bench/data.sh), as a user meets them.
#
# edge-gui-bench builds the real window (MainWindow over DesktopPorts, as edge-admin's main()
# does), opens the store and drives the widgets offscreen; the sqlite3 CLI running the same
# queries on the same file is the floor. One line per case: figure, floor, ratio, target.
#   launch     process start to the Users screen's first page loaded, and to those rows
#              painted (median of RUNS launches) against sqlite3's whole process for the
#              same first page and count (median of RUNS)
#   jumps      Ctrl+End and the scroll bar set to half way, on Users, Activity, Progress,
#              Lessons and Uploads: until no "Loading…" row is left in view (median of REPS),
#              against the same screen's first page (its model started over) in the same run
#   search     typing into the search box (QTest::keyClicks, at once and at 120 ms a key):
#              last key to the rows shown and to the count shown, against sqlite3 running the
#              screen's query (FTS for 3+ characters on users, LIKE otherwise)
#   memory     resident memory after launch and after scrolling the whole Users table from
#              top to bottom (SCROLL_STEP rows a step by the scroll bar; 0: Page Down)
# No pass/fail: read the numbers. The store is only read (settings and app data go to a
# temporary folder); a store that would need a migration is refused rather than migrated.
#
# Usage: bench/gui.sh [launch] [screens] [memory]     (default: all three)
#        STORE (default: what bench/data.sh prints), RUNS (launches and floors, default 7),
#        REPS (jumps and searches, default 3), SCROLL_STEP (default 200: a page of the model;
#        0 for Page Down, ~20,000 steps), SCROLL_LIMIT_S (default 900), XVFB=1 (paint on an
#        X server under xvfb-run instead of offscreen), EDGE_GUI_BENCH (the program).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${EDGE_GUI_BENCH:-$root/build/bench/gui/edge-gui-bench}
runs=${RUNS:-7}
reps=${REPS:-3}
step=${SCROLL_STEP:-200}
limit=${SCROLL_LIMIT_S:-900}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(launch screens memory)

[ -x "$bin" ] || { echo "Build first: $bin not found (scripts/build.sh, or set EDGE_GUI_BENCH)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 1; }

if [ "${XVFB:-0}" = 1 ] && [ -z "${EDGE_GUI_BENCH_IN_XVFB:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "XVFB=1 needs xvfb-run" >&2; exit 1; }
  EDGE_GUI_BENCH_IN_XVFB=1 exec xvfb-run -a -s '-screen 0 1400x900x24' "$0" "$@"
fi
if [ -n "${EDGE_GUI_BENCH_IN_XVFB:-}" ]; then
  export QT_QPA_PLATFORM=xcb
  painting="Xvfb"
else
  export QT_QPA_PLATFORM=offscreen
  painting="offscreen"
fi
export QT_LOGGING_RULES="qt.qpa.*=false"

store=${STORE:-$("$root/bench/data.sh")}
[ -f "$store" ] || { echo "No store at $store" >&2; exit 1; }

# The console migrates a store it opens: refuse one this build would migrate, rather than
# write to a store others read.
applied=$(sqlite3 -readonly "$store" "SELECT name FROM d1_migrations ORDER BY name")
known=$(cd "$root/migrations" && ls -1 ./*.sql | sed 's|^\./||' | sort)
if [ "$applied" != "$known" ]; then
  echo "The store's migrations differ from migrations/ (the console would migrate it): $store" >&2
  echo "Make it again with bench/data.sh (delete it first), or point STORE at a copy." >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache

# name -> values, over every run of the program ("name v1 v2 ..." lines).
declare -A figures=()
collect() {
  local name values
  while read -r name values; do
    [ -n "$name" ] && figures[$name]="${figures[$name]:-} $values"
  done
}
# The program, with its start taken by the shell just before it runs (no process between).
bench() {
  local out=$tmp/out
  EDGE_BENCH_START=$EPOCHREALTIME "$bin" "$@" >"$out" 2>"$tmp/err" || {
    echo "edge-gui-bench $* failed:" >&2; cat "$tmp/err" >&2; exit 1; }
  collect <"$out"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {if (NR) printf "%.1f", a[int((NR+1)/2)]; else print "-"}'; }
first() { awk '{printf "%.1f", $1}'; }
fig() { echo "${figures[$1]:-}" | median; }
# Median whole-process time of sqlite3 running SQL on the store, in ms (after one warm-up).
sqlite_ms() {
  local sql=$1 times=() start end
  sqlite3 -readonly "$store" "$sql" >/dev/null
  for _ in $(seq "$runs"); do
    start=$EPOCHREALTIME; sqlite3 -readonly "$store" "$sql" >/dev/null; end=$EPOCHREALTIME
    times+=("$(awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f", (e - s) * 1000}')")
  done
  echo "${times[*]}" | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b <= 0 || a < 0) print "-"; else printf "%.2fx", a / b }'; }
line() { printf '%-46s %12s %22s %8s  %s\n' "$@"; }

echo "edge-gui-bench on $store ($painting, Qt window; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
line "case" "figure ms" "floor ms" "ratio" "target"

users_cols="id, email, username, role, version, created_at, updated_at"
users_first="SELECT $users_cols FROM users ORDER BY created_at DESC, id DESC LIMIT 200; SELECT COUNT(*) FROM users;"

for part in "${parts[@]}"; do
  case $part in
  launch)
    bench launch "$store" # warm-up: the file's pages into the OS cache, fonts, ...
    figures=()
    for _ in $(seq "$runs"); do bench launch "$store"; done
    floor=$(sqlite_ms "$users_first")
    model=$(fig launch.first_page_ms)
    painted=$(fig launch.rows_painted_ms)
    line "launch: Users' first page loaded (median $runs)" "$model" "$floor (sqlite3 process)" "$(ratio "$model" "$floor")" "≤ 200 ms, ≤ 4x"
    line "launch: those rows painted" "$painted" "$floor (sqlite3 process)" "$(ratio "$painted" "$floor")" "≤ 200 ms, ≤ 4x"
    echo "  start-up parts (ms from process start, medians): main() $(fig start.main_ms), QApplication $(fig start.qapplication_ms)," \
         "window built $(fig start.window_built_ms), shown $(fig start.shown_ms), store opened $(fig launch.store_opened_ms)," \
         "count shown $(fig launch.count_shown_ms); clock from the $(echo "${figures[start.clock]:-}" | awk '{print $1}')"
    line "memory: resident after launch (median)" "$(fig launch.rss_kib | awk '{printf "%.1f MiB", $1 / 1024}')" "" "" "< 60 MiB"
    ;;
  screens)
    figures=()
    bench screens "$store" "$reps"
    for screen in users activity progress lessons uploads; do
      [ -n "${figures[$screen.first_page_ms]:-}" ] || { echo "  $screen: not measured (no count)"; continue; }
      first_page=$(fig "$screen.first_page_ms")
      rows=$(echo "${figures[$screen.rows]}" | first | awk '{printf "%d", $1}')
      for jump in end middle; do
        what="Ctrl+End"; [ $jump = middle ] && what="scroll bar to half way"
        value=$(fig "$screen.${jump}_ms")
        cold=$(echo "${figures[$screen.${jump}_ms]}" | first)
        line "$screen ($rows rows): $what (median $reps; 1st $cold)" "$value" "$first_page (first page)" \
             "$(ratio "$value" "$first_page")" "≤ 50 ms, ≤ 2x"
      done
      echo "  $screen: first page $(echo "${figures[$screen.first_page_ms]}" | tr -s ' ') ms, count shown $(echo "${figures[$screen.counted_ms]}" | tr -s ' ') ms (each run)"
    done
    like_users() { echo "SELECT $users_cols FROM users WHERE email LIKE '%$1%' ESCAPE '\\' OR username LIKE '%$1%' ESCAPE '\\' ORDER BY created_at DESC, id DESC LIMIT 200; SELECT COUNT(*) FROM users WHERE email LIKE '%$1%' ESCAPE '\\' OR username LIKE '%$1%' ESCAPE '\\';"; }
    fts_users() { echo "SELECT $users_cols FROM users WHERE rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH '\"$1\"') ORDER BY created_at DESC, id DESC LIMIT 200; SELECT COUNT(*) FROM users_fts WHERE users_fts MATCH '\"$1\"';"; }
    like_lessons() { echo "SELECT * FROM lessons WHERE title LIKE '%$1%' ESCAPE '\\' ORDER BY updated_at DESC, id DESC LIMIT 200; SELECT COUNT(*) FROM lessons WHERE title LIKE '%$1%' ESCAPE '\\';"; }
    # name | figure's key | floor SQL (empty: none) | floor's name | target
    searches=(
      "users: search 'lovelace'|users.search_lovelace|$(fts_users lovelace)|sqlite3 FTS|≤ 50 ms"
      "users: search 'lovelace' typed, 120 ms a key|users.search_lovelace_typed|$(fts_users lovelace)|sqlite3 FTS|≤ 50 ms"
      "users: search 'ga'|users.search_ga|$(like_users ga)|sqlite3 LIKE|≤ 1x LIKE floor"
      "lessons: search 'grid'|lessons.search_grid|$(like_lessons grid)|sqlite3 LIKE|≤ 50 ms"
      "lessons: search 'gr'|lessons.search_gr|$(like_lessons gr)|sqlite3 LIKE|≤ 1x LIKE floor"
      "progress: search 'lovelace'|progress.search_lovelace||-|≤ 50 ms"
    )
    for search in "${searches[@]}"; do
      IFS='|' read -r name key sql floor_name target <<<"$search"
      [ -n "${figures[${key}_counted_ms]:-}" ] || continue
      rows_ms=$(fig "${key}_rows_ms")
      counted_ms=$(fig "${key}_counted_ms")
      floor="-"; [ -n "$sql" ] && floor=$(sqlite_ms "$sql")
      matches=$(echo "${figures[${key}_matches]}" | first | awk '{printf "%d", $1}')
      line "$name: rows ($matches match)" "$rows_ms" "$floor ($floor_name)" "$(ratio "$rows_ms" "$floor")" "$target"
      line "$name: count shown" "$counted_ms" "$floor ($floor_name)" "$(ratio "$counted_ms" "$floor")" "$target"
    done
    ;;
  memory)
    figures=()
    bench memory "$store" "$step" "$limit"
    how=$(grep '^memory.how' "$tmp/out" | cut -d' ' -f2-)
    line "memory: resident after launch" "$(fig launch.rss_kib | awk '{printf "%.1f MiB", $1 / 1024}')" "" "" "< 60 MiB"
    line "memory: resident after scrolling to the end" "$(fig memory.rss_after_scroll_kib | awk '{printf "%.1f MiB", $1 / 1024}')" "" "" "< 60 MiB"
    echo "  scrolled by $how: $(fig memory.steps | awk '{printf "%d", $1}') steps in $(fig memory.seconds) s," \
         "last row shown $(fig memory.last_row_shown | awk '{printf "%d", $1}'), reached the end: $([ "$(fig memory.reached_end)" = 1.0 ] && echo yes || echo no);" \
         "peak resident $(fig memory.peak_rss_kib | awk '{printf "%.1f MiB", $1 / 1024}')"
    ;;
  *)
    echo "Unknown part $part (launch, screens, memory)" >&2
    exit 2
    ;;
  esac
done
