#!/usr/bin/env bash
# Serves the Worker for automated tests (this repo's and the console's conformance suite):
#   scripts/serve-test.sh PORT STATE_DIR
# 1. applies migrations/ to the local D1 state in STATE_DIR (created if missing; use a fresh
#    temporary directory for a clean database), 2. creates an admin from EDGE_ADMIN_EMAIL and
#    EDGE_ADMIN_PASSWORD (optional EDGE_ADMIN_USERNAME; skipped when EDGE_ADMIN_EMAIL is unset
#    or the user exists), 3. execs `wrangler dev` on 127.0.0.1:PORT with that state.
# Optional overrides of [vars]: LOGIN_RATE_LIMIT, LOGIN_RATE_WINDOW_SECONDS, TOKEN_TTL_SECONDS,
# MAX_UPLOAD_BYTES, TOKEN_REFRESH_GRACE_SECONDS, HOUSEKEEPING_MIN_AGE_SECONDS,
# PROGRESS_MAX_SORTED_ROWS. Ready when
# GET /api/v1/health answers 200. GET /__scheduled runs the Cron Trigger's handler
# (housekeeping) once. Stop it with SIGTERM.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 PORT STATE_DIR" >&2; exit 2; }
port="$1"
mkdir -p "$2"
state="$(cd "$2" && pwd)"
ensure_packages
ensure_dev_vars
apply_migrations "$state"

if [ -n "${EDGE_ADMIN_EMAIL:-}" ]; then
  printf '%s\n' "${EDGE_ADMIN_PASSWORD:?EDGE_ADMIN_PASSWORD is required with EDGE_ADMIN_EMAIL}" |
    "$WORKER_DIR/scripts/create-admin.sh" --local --persist-to "$state" --if-absent "$EDGE_ADMIN_EMAIL" "${EDGE_ADMIN_USERNAME:-Admin}"
fi

vars=()
for name in LOGIN_RATE_LIMIT LOGIN_RATE_WINDOW_SECONDS TOKEN_TTL_SECONDS MAX_UPLOAD_BYTES TOKEN_REFRESH_GRACE_SECONDS \
  HOUSEKEEPING_MIN_AGE_SECONDS PROGRESS_MAX_SORTED_ROWS; do
  [ -n "${!name:-}" ] && vars+=(--var "$name:${!name}")
done

cd "$WORKER_DIR"
exec "$WRANGLER" dev --ip 127.0.0.1 --port "$port" --persist-to "$state" --show-interactive-dev-session=false --test-scheduled "${vars[@]}"
