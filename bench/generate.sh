#!/usr/bin/env bash
# Benchmark: `edge-admin-cli generate` against the sqlite3 CLI writing the same rows.
#
# 1. The generator writes USERS users, LESSONS lessons and PROGRESS progress rows into a fresh
#    temporary store (its per-phase times are read from its stderr lines; "whole run" is the
#    process's wall time: start, create and migrate the store, hash the password once, all
#    phases).
# 2. The floor: another fresh store gets the same schema (every migrations/*.sql applied with
#    sqlite3, so the same indexes and triggers: the users' FTS index, and with 0005 the
#    progress totals and track copies), and the sqlite3 CLI copies the very same rows into it
#    from the first store with INSERT ... SELECT, in the same order, one transaction per table,
#    with the connection settings the generator uses (WAL, synchronous NORMAL, foreign keys on,
#    128 MiB page cache). No parsing, no binding: the engine's own cost of these rows. Every
#    table is copied as the generator writes it, the best way sqlite3 can (see copy_ms and
#    progress_floor_ms): insert triggers and secondary indexes out of the way, the triggers'
#    work done once for all rows (the users' FTS index by one INSERT ... SELECT, the progress
#    totals by GROUP BY), then triggers and indexes back; the bench checks that both stores'
#    search index and derived tables agree with their rows.
#
# Prints one line per case: the generator's figure, the floor, the ratio and the target
# (the generator at no more than 1.5x sqlite3). No pass/fail: read the numbers.
#
# Usage: bench/generate.sh [USERS] [LESSONS] [PROGRESS]   (default 200000 500 1000000)
#        EDGE_CLI=path/to/edge-admin-cli, SEED=n; the stores live in a temporary folder
#        (under $TMPDIR) that is removed at the end.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${EDGE_CLI:-$root/build/app/cli/edge-admin-cli}
users=${1:-200000}
lessons=${2:-500}
progress=${3:-1000000}
seed=${SEED:-20261127}

[ -x "$cli" ] || { echo "Build first: $cli not found (scripts/build.sh)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (scripts/install-deps.sh)" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/edge-admin-generate-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
ours=$dir/generated.db
floor=$dir/floor.db

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# 1. The generator.
start=$(now_ms)
"$cli" --store "$ours" generate --users "$users" --lessons "$lessons" --progress "$progress" --seed "$seed" \
  >"$dir/out.txt" 2>"$dir/phases.txt" || { cat "$dir/phases.txt" >&2; exit 1; }
whole_ours=$(($(now_ms) - start))
# "users: 200,000 in 3.12 s (64,102 rows/s)" -> milliseconds
# (only the phase's final line: the ones every 10 s are indented)
phase_ms() { awk -v p="$1:" '/^[a-z]/ && $1 == p { printf "%d", $4 * 1000 }' "$dir/phases.txt"; }
phase_rate() { awk -v p="$1:" '/^[a-z]/ && $1 == p { gsub(/[(,]/, "", $6); print $6 }' "$dir/phases.txt"; }

# 2. The floor: the same schema, then the same rows.
for migration in "$root"/migrations/*.sql; do
  { echo "BEGIN;"; cat "$migration"; echo "COMMIT;"; } | sqlite3 "$floor"
done
sqlite3 "$floor" "PRAGMA journal_mode = WAL;" >/dev/null
progress_columns="user_id, lesson_id, completed, score, completed_at, updated_at"
if [ "$(sqlite3 "$floor" "SELECT COUNT(*) FROM pragma_table_info('progress') WHERE name = 'track'")" = 1 ]; then
  progress_columns="$progress_columns, track"
fi
# Users and lessons as the generator writes them, the best way sqlite3 can: in one transaction
# per table, the insert trigger dropped (users: the FTS index; lessons: their empty totals
# row) and, the floor's table being empty, the secondary indexes too; the rows copied; the
# trigger's work done for all rows in one statement (the FTS index filled with the same 64 MiB
# FTS hash size the generator uses, then set back); trigger and indexes created again.
# The store ends exactly as if every row had gone through the triggers and indexes.
copy_ms() { # table columns trigger catch-up-sql
  local ddl drops
  ddl=$(sqlite3 "$floor" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = '$1' AND ((type = 'index'
    AND sql IS NOT NULL) OR (type = 'trigger' AND name = '$3')) ORDER BY type DESC, name")
  drops=$(sqlite3 "$floor" "SELECT 'DROP ' || upper(type) || ' \"' || name || '\";' FROM sqlite_master WHERE
    tbl_name = '$1' AND ((type = 'index' AND sql IS NOT NULL) OR (type = 'trigger' AND name = '$3'))")
  local catchup=""
  if [ "$(sqlite3 "$floor" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = '$3'")" = 1 ]; then
    catchup=$4
  fi
  local sql="PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072; PRAGMA threads = 2;
ATTACH '$ours' AS src; BEGIN IMMEDIATE;
$drops
INSERT INTO main.$1 ($2) SELECT $2 FROM src.$1 ORDER BY rowid;
$catchup
$ddl
COMMIT;"
  local begin end
  begin=$(now_ms)
  sqlite3 "$floor" "$sql" >/dev/null
  end=$(now_ms)
  echo $((end - begin))
}
floor_users=$(copy_ms users "id, email, username, password_hash, role, version, created_at, updated_at" \
  users_fts_after_insert "INSERT INTO users_fts(users_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO users_fts (rowid, email, username) SELECT rowid, email, username FROM users ORDER BY rowid;
INSERT INTO users_fts(users_fts, rank) VALUES ('hashsize', 1048576);
DELETE FROM users_fts_config WHERE k = 'hashsize';")
floor_lessons=$(copy_ms lessons "id, title, track, difficulty, status, content_key, version, created_at, updated_at" \
  lessons_totals_after_insert "INSERT OR IGNORE INTO progress_lesson_totals (lesson_id) SELECT id FROM lessons ORDER BY rowid;")
# Progress as the generator writes it, the best way sqlite3 can: in one transaction, the
# secondary indexes and the insert triggers of migration 0005 (track copy, per-lesson totals,
# daily completions) dropped, the rows copied, the totals and daily completions added with
# two GROUP BY statements, then the triggers and indexes created again.
progress_floor_ms() {
  local ddl drops
  ddl=$(sqlite3 "$floor" "SELECT sql || ';' FROM sqlite_master WHERE (type = 'index' AND tbl_name = 'progress'
    AND sql IS NOT NULL) OR (type = 'trigger' AND name IN ('progress_track_after_insert',
    'progress_totals_after_insert', 'progress_daily_after_insert')) ORDER BY type DESC, name")
  drops=$(sqlite3 "$floor" "SELECT 'DROP ' || upper(type) || ' \"' || name || '\";' FROM sqlite_master WHERE
    (type = 'index' AND tbl_name = 'progress' AND sql IS NOT NULL) OR (type = 'trigger' AND name IN
    ('progress_track_after_insert', 'progress_totals_after_insert', 'progress_daily_after_insert'))")
  local derived=""
  if [ "$(sqlite3 "$floor" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'progress_lesson_totals'")" = 1 ]; then
    derived="UPDATE progress_lesson_totals SET learners = learners + t.n, completed = completed + t.c,
  score_sum = score_sum + t.s FROM (SELECT lesson_id, COUNT(*) AS n, SUM(completed) AS c, SUM(score) AS s
  FROM src.progress GROUP BY lesson_id) AS t WHERE t.lesson_id = progress_lesson_totals.lesson_id;
INSERT INTO progress_daily_completions (lesson_id, day, completed)
  SELECT lesson_id, substr(completed_at, 1, 10), COUNT(*) FROM src.progress WHERE completed_at IS NOT NULL
  GROUP BY 1, 2 ON CONFLICT (lesson_id, day) DO UPDATE SET completed = completed + excluded.completed;"
  fi
  local sql="PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072; PRAGMA threads = 2;
ATTACH '$ours' AS src; BEGIN IMMEDIATE;
$drops
INSERT INTO main.progress ($progress_columns) SELECT $progress_columns FROM src.progress ORDER BY rowid;
$derived
$ddl
COMMIT;"
  local begin end
  begin=$(now_ms)
  sqlite3 "$floor" "$sql" >/dev/null
  end=$(now_ms)
  echo $((end - begin))
}
floor_progress=$(progress_floor_ms)
whole_floor=$((floor_users + floor_lessons + floor_progress))

# The same rows on both sides (a cheap check that the comparison is fair).
for table in users lessons progress; do
  a=$(sqlite3 "$ours" "SELECT COUNT(*) FROM $table")
  b=$(sqlite3 "$floor" "SELECT COUNT(*) FROM $table")
  [ "$a" = "$b" ] || { echo "row counts differ for $table: $a vs $b" >&2; exit 1; }
done
# ... the same search index (what the users' FTS trigger would have kept) ...
search() { sqlite3 "$1" "SELECT COUNT(*) FROM users_fts WHERE users_fts MATCH '\"lovelace\"'"; }
like=$(sqlite3 "$ours" "SELECT COUNT(*) FROM users WHERE email LIKE '%lovelace%' OR username LIKE '%lovelace%'")
[ "$(search "$ours")" = "$like" ] && [ "$(search "$floor")" = "$like" ] \
  || { echo "a search index misses rows: $(search "$ours") and $(search "$floor") found, $like expected" >&2; exit 1; }
# ... and the same derived data (what the deferred triggers would have kept).
derived_sql="SELECT (SELECT group_concat(lesson_id || learners || completed || score_sum) FROM (SELECT * FROM
  progress_lesson_totals ORDER BY lesson_id)) || (SELECT group_concat(lesson_id || day || completed) FROM (SELECT *
  FROM progress_daily_completions WHERE completed > 0 ORDER BY lesson_id, day))"
if [ "$(sqlite3 "$floor" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'progress_lesson_totals'")" = 1 ]; then
  [ "$(sqlite3 "$ours" "$derived_sql" | md5sum)" = "$(sqlite3 "$floor" "$derived_sql" | md5sum)" ] \
    || { echo "progress totals or daily completions differ" >&2; exit 1; }
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
line() { # name rows ours floor
  printf '%-10s %11s %12s %11s %12s %7s %7s\n' "$1" "$2" "$3" "$4" "$5" "$(ratio "$4" "$5")" "1.5x"
}
echo "generate --users $users --lessons $lessons --progress $progress --seed $seed ($(nproc) cores, sqlite3 $(sqlite3 --version | cut -d' ' -f1))"
printf '%-10s %11s %12s %11s %12s %7s %7s\n' case rows "rows/s" "generate ms" "sqlite3 ms" ratio target
line users "$users" "$(phase_rate users)" "$(phase_ms users)" "$floor_users"
line lessons "$lessons" "$(phase_rate lessons)" "$(phase_ms lessons)" "$floor_lessons"
line progress "$progress" "$(phase_rate progress)" "$(phase_ms progress)" "$floor_progress"
line "whole run" "$((users + lessons + progress))" "-" "$whole_ours" "$whole_floor"
echo "(whole run: the generator's process from start to exit, including creating and migrating the store;"
echo " the floor: the three copies only. Store sizes: generated $(du -h "$ours" | cut -f1), floor $(du -h "$floor" | cut -f1).)"
