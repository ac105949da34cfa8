#!/usr/bin/env bash
# The Worker's test suite, runnable from any directory, non-interactive:
#   1. npm ci when node_modules is missing or stale; 2. type-check the JSDoc (tsc) and lint
#   openapi.yaml (Redocly CLI, recommended rules, warnings are errors: redocly.yaml);
#   3. .dev.vars with a random JWT_SECRET if missing; 4. wrangler dev on a free 127.0.0.1
#   port with fresh temporary D1/KV/R2 state, migrations applied by wrangler, an admin with
#   a random password; 5. node:test black-box suites (every response checked against
#   openapi.yaml); 6. wrangler always stopped. Exits non-zero on any failure.
# Arguments: test files to run instead of all (test/x.test.mjs), and options for
# `node --test` (e.g. --test-name-pattern=multipart).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
export CI=1

ensure_packages
log "type-checking (tsc)"
(cd "$WORKER_DIR" && node_modules/.bin/tsc -p jsconfig.json)
log "linting openapi.yaml (redocly, recommended-strict)"
(cd "$WORKER_DIR" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  node_modules/.bin/redocly lint openapi.yaml --config redocly.yaml --format=stylish 2>&1 | grep -v '^ *║\|^ *╔\|^ *╚' >&2; exit "${PIPESTATUS[0]}")
ensure_dev_vars

state="$(mktemp -d "${TMPDIR:-/tmp}/edge-admin-worker-test.XXXXXX")"
server_pid=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  if [ $rc -ne 0 ] && [ -f "$state/wrangler.log" ]; then
    # The whole log is kept (the state directory is not): a runtime's own error text (workerd,
    # wrangler's proxy) is often far from the last lines.
    local kept="${WORKER_TEST_LOG:-${TMPDIR:-/tmp}/edge-admin-worker-test-$(date +%Y%m%d-%H%M%S)-$$.log}"
    cp "$state/wrangler.log" "$kept" 2>/dev/null || kept="$state/wrangler.log (lost)"
    log "wrangler log (last 40 lines; the whole log: $kept):"; tail -n 40 "$state/wrangler.log" >&2
  fi
  rm -rf "$state"
  exit $rc
}
trap cleanup EXIT INT TERM

port="$(node "$WORKER_DIR/scripts/lib/free-port.mjs")"
export EDGE_ADMIN_EMAIL="admin@edge-admin.test"
EDGE_ADMIN_PASSWORD="$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))')"
export EDGE_ADMIN_PASSWORD
# Housekeeping's minimum age is 0 here, so the scheduled-handler test sees its effect at once.
export HOUSEKEEPING_MIN_AGE_SECONDS=0
# A small limit for sorts without an index, so its 400 can be tested with 1001 rows.
export PROGRESS_MAX_SORTED_ROWS=1000
# Own process group (setsid), so the trap stops wrangler and its workerd children together.
setsid "$WORKER_DIR/scripts/serve-test.sh" "$port" "$state/data" >"$state/wrangler.log" 2>&1 &
server_pid=$!

log "waiting for wrangler dev on 127.0.0.1:$port"
node "$WORKER_DIR/scripts/lib/wait-ready.mjs" "http://127.0.0.1:$port" 120 "$server_pid"

log "running tests"
cd "$WORKER_DIR"
files=() opts=()
for a in "$@"; do case "$a" in -*) opts+=("$a") ;; *) files+=("$a") ;; esac; done
if [ ${#files[@]} -eq 0 ]; then
  # Housekeeping last: it writes to the server's local state from a second wrangler process,
  # so nothing else runs after it against that state.
  for f in test/*.test.mjs; do [ "$f" = test/housekeeping.test.mjs ] || files+=("$f"); done
  files+=(test/housekeeping.test.mjs)
fi
WORKER_URL="http://127.0.0.1:$port" ADMIN_EMAIL="$EDGE_ADMIN_EMAIL" ADMIN_PASSWORD="$EDGE_ADMIN_PASSWORD" \
  DEV_VARS="$WORKER_DIR/.dev.vars" TEST_TMP="$state" \
  node --test --test-concurrency=1 --test-reporter=spec "${opts[@]}" "${files[@]}"
