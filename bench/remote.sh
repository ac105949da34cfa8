#!/usr/bin/env bash
# Benchmark: one page of users from a local Worker (`wrangler dev`, local D1) through the
# console, against curl fetching the same URL with the same token in the same run.
#
# 1. The data: USERS users (5000 by default) written straight into the local D1 state by SQL,
#    once, kept in STATE (an admin with a password kept beside it signs in).
# 2. in process: edge-remote-bench (bench/remote/RemoteBench.cpp) asks HttpUserRepository, on
#    a WorkerClient already signed in, for the Users screen's page (200 rows, newest first,
#    withTotal=false), timed after WARM_UP requests on the same connection; REPEAT rounds,
#    each alternating with the floor, the medians. The floor: curl's whole process fetching
#    the same URL with the same Authorization header. curl's own
#    time_total (-w) is printed too, on a fresh connection and on a reused one (one curl
#    process fetching the URL REPEAT times): that is the stricter floor, HTTP alone.
# 3. the CLI: `edge-admin-cli --profile P users list` whole process (start-up, the profile,
#    the token read from the keychain, the request, the table) against curl's whole process
#    for the same page (50 rows, counted), medians of REPEAT, alternating. The keychain is a
#    private gnome-keyring in a private D-Bus session (this script re-runs itself inside one,
#    as tests/remote/run-with-keyring.sh does), with a scratch HOME: nothing of the user's
#    session is touched.
# 4. the count: the in-process page with withTotal=true against withTotal=false, and the rows
#    D1 reads for each (meta.rows_read of the Worker's two statements on the same local D1,
#    by bench/remote/d1-rows-read.mjs after the Worker stops): rows read is what D1 bills.
#
# wrangler dev serves HTTP/1.1 on plain http (no TLS, no HTTP/2): the figures are the
# client's own costs over a loopback connection.
#
# Prints one line per case: figure, floor, ratio and target. No pass/fail: read the numbers.
#
# Usage: bench/remote.sh        USERS=5000 REPEAT=31 WARM_UP=3 BUILD=/work/build-cli-release
#        STATE=/var/tmp/edge-bench/remote-users-5000
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-$root/build}
cli=${EDGE_CLI:-$build/app/cli/edge-admin-cli}
bench=${EDGE_REMOTE_BENCH:-$build/bench/remote/edge-remote-bench}
users=${USERS:-5000}
repeat=${REPEAT:-31}
state=${STATE:-/var/tmp/edge-bench/remote-users-$users}
wrangler=$root/worker/node_modules/.bin/wrangler
export WRANGLER_SEND_METRICS=false CI=1

for tool in "$cli" "$bench"; do
  [ -x "$tool" ] || { echo "Build first: $tool not found (cmake --build $build --target edge-admin-cli edge-remote-bench)" >&2; exit 1; }
done
for tool in curl node dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

# The keychain: re-run inside a private D-Bus session with an unlocked gnome-keyring.
if [ -z "${EDGE_REMOTE_BENCH_KEYRING:-}" ]; then
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/edge-remote-bench.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  export EDGE_REMOTE_BENCH_KEYRING=$scratch BUILD=$build STATE=$state USERS=$users REPEAT=$repeat
  export EDGE_CLI=$cli EDGE_REMOTE_BENCH=$bench
  export HOME=$scratch/home XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
  export XDG_CACHE_HOME=$scratch/cache XDG_RUNTIME_DIR=$scratch/runtime
  mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  status=0
  dbus-run-session -- sh -c '
    printf %s bench-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh "$0" || status=$?
  exit "$status"
fi
dir=$EDGE_REMOTE_BENCH_KEYRING

# 1. The data, once: migrations, then USERS users by one SQL statement (the FTS triggers run
#    as for any insert). Their password hashes are placeholders: nobody signs in as them.
email=bench-admin@example.com
if [ ! -f "$state/seeded" ]; then
  echo "Writing $users users into the local D1 state at $state (kept for later runs)..." >&2
  rm -rf "$state"
  mkdir -p "$state"
  node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))' >"$state/admin-password"
  (cd "$root/worker" && "$wrangler" d1 migrations apply DB --local --persist-to "$state/d1" >/dev/null)
  (cd "$root/worker" && "$wrangler" d1 execute DB --local --persist-to "$state/d1" --command "
    INSERT INTO users (id, email, username, password_hash, role, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $users),
         h(i, x) AS (SELECT i, lower(hex(randomblob(16))) FROM n)
    SELECT substr(x, 1, 8) || '-' || substr(x, 9, 4) || '-4' || substr(x, 14, 3) || '-8' || substr(x, 18, 3) || '-' || substr(x, 21, 12),
           'bench-' || i || '@example.test', 'Bench User ' || i, 'pbkdf2_sha256\$1\$AAAA\$AAAA',
           CASE i % 10 WHEN 0 THEN 'editor' WHEN 1 THEN 'support' ELSE 'learner' END,
           strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds'),
           strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds')
    FROM h" >/dev/null)
  touch "$state/seeded"
fi
password=$(cat "$state/admin-password")

worker_pid=
cleanup() {
  [ -n "$worker_pid" ] && kill -TERM -- "-$worker_pid" 2>/dev/null || true
}
trap cleanup EXIT

# The Worker on a free loopback port over the kept state (serve-test.sh applies migrations
# and adds the admin when absent).
port=$(node "$root/worker/scripts/lib/free-port.mjs")
api="http://127.0.0.1:$port/api/v1"
echo "Starting wrangler dev on port $port..." >&2
EDGE_ADMIN_EMAIL=$email EDGE_ADMIN_PASSWORD=$password setsid "$root/worker/scripts/serve-test.sh" "$port" "$state/d1" \
  >"$dir/worker.log" 2>&1 &
worker_pid=$!
node "$root/worker/scripts/lib/wait-ready.mjs" "http://127.0.0.1:$port" 120 "$worker_pid" >&2 ||
  { tail -20 "$dir/worker.log" >&2; exit 1; }

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v[k];console.log(v)})' "$1"; }
token=$(curl -fsS -X POST "$api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | json data.token)
# curl reads the header from a file: the token stays out of argv.
printf 'Authorization: Bearer %s\n' "$token" >"$dir/auth-header"
chmod 600 "$dir/auth-header"
counted=$(curl -fsS -H "@$dir/auth-header" "$api/users?pageSize=1" | json pagination.total)
echo "The Worker holds $counted users." >&2

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", (b - a) * 1000 }'; }
# curl's whole process for URL, REPEAT times (after one warm-up): one figure in ms a line.
curl_processes() {
  local url=$1 start
  curl -fsS -o /dev/null -H "@$dir/auth-header" "$url"
  for _ in $(seq "$repeat"); do
    start=$EPOCHREALTIME
    curl -fsS -o /dev/null -H "@$dir/auth-header" "$url"
    ms_since "$start"; echo
  done
}
# curl's time_total (ms) for URL: a fresh connection per process, REPEAT processes.
curl_fresh_total() {
  for _ in $(seq "$repeat"); do
    curl -fsS -o /dev/null -H "@$dir/auth-header" -w '%{time_total}\n' "$1"
  done | awk '{ printf "%.3f\n", $1 * 1000 }'
}
# curl's time_total (ms) for URL on one kept-alive connection (one process, REPEAT + 1
# fetches, the first one dropped: it opens the connection).
curl_reused_total() {
  local args=() i
  for i in $(seq 0 "$repeat"); do args+=(-o /dev/null "$1"); done
  curl -fsS -H "@$dir/auth-header" -w '%{time_total}\n' "${args[@]}" | tail -n +2 | awk '{ printf "%.3f\n", $1 * 1000 }'
}
# One figure (ms) of the console in process: a fresh edge-admin-bench that opens the
# connection with WARM_UP requests, then times one. Rounds alternate with the floors', so a
# busy moment of the (shared) machine weighs on both alike.
in_process_once() {
  printf '%s\n' "$token" | "$bench" "$api" 1 --warm-up "${WARM_UP:-3}" "$@" >"$dir/in-process.txt"
  awk '$1 == "median_ms" { print $2 }' "$dir/in-process.txt"
}
curl_once() {
  local start=$EPOCHREALTIME
  curl -fsS -o /dev/null -H "@$dir/auth-header" "$1"
  ms_since "$start"; echo
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
printf '%-34s %12s %12s %7s %8s   %s\n' case figure_ms floor_ms ratio target "floor (medians of $repeat; load $load)"

# 2. In process, the Users screen's page, alternating with curl's whole process (and, for
#    the count case below, with the same page counted).
in_process_once --page-size 200 >/dev/null
target=$(awk '$1 == "target" { print $2 }' "$dir/in-process.txt")
: >"$dir/page.txt"; : >"$dir/page-curl.txt"; : >"$dir/page-counted.txt"
for _ in $(seq "$repeat"); do
  in_process_once --page-size 200 >>"$dir/page.txt"
  curl_once "$api$target" >>"$dir/page-curl.txt"
  in_process_once --page-size 200 --with-total >>"$dir/page-counted.txt"
done
console_page=$(median <"$dir/page.txt")
curl_page=$(median <"$dir/page-curl.txt")
printf '%-34s %12s %12s %7s %8s   %s\n' "users page 200, in process" "$console_page" "$curl_page" \
  "$(ratio "$console_page" "$curl_page")" "<= 1.2" "curl whole process, same URL and token"
fresh=$(curl_fresh_total "$api$target" | median)
reused=$(curl_reused_total "$api$target" | median)
printf '%-34s %12s %12s %7s %8s   %s\n' "users page 200, in process" "$console_page" "$fresh" \
  "$(ratio "$console_page" "$fresh")" "-" "curl time_total, new connection"
printf '%-34s %12s %12s %7s %8s   %s\n' "users page 200, in process" "$console_page" "$reused" \
  "$(ratio "$console_page" "$reused")" "-" "curl time_total, kept-alive connection"

# 3. The CLI's whole process, signed in through a profile, token in the keychain.
"$cli" profiles add bench --url "$api" --email "$email" >/dev/null
printf '%s\n' "$password" | "$cli" --profile bench login --email "$email" >/dev/null
cli_url="$api/users?page=1&pageSize=50&sort=createdAt&order=desc"
"$cli" --profile bench users list >/dev/null
: >"$dir/cli.txt"; : >"$dir/cli-curl.txt"
curl -fsS -o /dev/null -H "@$dir/auth-header" "$cli_url"
for _ in $(seq "$repeat"); do
  start=$EPOCHREALTIME; "$cli" --profile bench users list >/dev/null; ms_since "$start" >>"$dir/cli.txt"; echo >>"$dir/cli.txt"
  start=$EPOCHREALTIME; curl -fsS -o /dev/null -H "@$dir/auth-header" "$cli_url"; ms_since "$start" >>"$dir/cli-curl.txt"; echo >>"$dir/cli-curl.txt"
done
me_ms=$(curl_fresh_total "$api/auth/me" | median)
cli_ms=$(median <"$dir/cli.txt")
cli_floor=$(median <"$dir/cli-curl.txt")
printf '%-34s %12s %12s %7s %8s   %s\n' "edge-admin-cli users list" "$cli_ms" "$cli_floor" \
  "$(ratio "$cli_ms" "$cli_floor")" "<= 2" "curl whole process, same page (50, counted)"
printf '%-34s %12s %12s %7s %8s   %s\n' "GET /auth/me (not sent any more)" "$me_ms" "$cli_floor" \
  "$(ratio "$me_ms" "$cli_floor")" "-" "curl time_total: what checking the sign-in first cost the CLI"

# 4. The count: the page with and without it, in process, and the rows D1 reads for each.
with_total=$(median <"$dir/page-counted.txt")
printf '%-34s %12s %12s %7s %8s   %s\n' "users page 200, withTotal=true" "$with_total" "$console_page" \
  "$(ratio "$with_total" "$console_page")" "-" "the same page with withTotal=false (in process)"
# The Worker stops first: one process at a time on the local D1 state.
stopped=$worker_pid
cleanup; worker_pid=
for _ in $(seq 1 100); do kill -0 -- "-$stopped" 2>/dev/null || break; sleep 0.1; done
read_rows=$(cd "$root/worker" && node "$root/bench/remote/d1-rows-read.mjs" "$state/d1" \
  "SELECT * FROM users ORDER BY created_at DESC, id DESC LIMIT 200 OFFSET 0" "SELECT COUNT(*) AS total FROM users" 2>/dev/null |
  grep -E '^[0-9]+$')
page_rows=$(sed -n 1p <<<"$read_rows")
count_rows=$(sed -n 2p <<<"$read_rows")
printf '%-34s %12s %12s %7s %8s   %s\n' "D1 rows read, page + count" "$((page_rows + count_rows))" "$page_rows" \
  "$(ratio "$((page_rows + count_rows))" "$page_rows")" "-" "rows read by the page alone (withTotal=false), $counted users"
