#!/usr/bin/env bash
# Runs the Worker locally for a person: packages, .dev.vars and migrations first, then
# `wrangler dev` on http://127.0.0.1:${PORT:-8787} with state kept in worker/.wrangler/state
# (delete that folder for a fresh database). Create the first admin in another terminal:
#   worker/scripts/create-admin.sh --local EMAIL USERNAME
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_packages
ensure_dev_vars
state="$WORKER_DIR/.wrangler/state"
apply_migrations "$state"
cd "$WORKER_DIR"
exec "$WRANGLER" dev --ip 127.0.0.1 --port "${PORT:-8787}" --persist-to "$state" "$@"
