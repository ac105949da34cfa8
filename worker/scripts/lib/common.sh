# Shared by the worker scripts: paths, wrangler, and making sure packages and .dev.vars exist.
# shellcheck shell=bash
WORKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export WRANGLER_SEND_METRICS=false
export CI="${CI:-1}"
WRANGLER="$WORKER_DIR/node_modules/.bin/wrangler"

log() { printf '[worker] %s\n' "$*" >&2; }

# npm ci when node_modules is missing or older than the lock file.
ensure_packages() {
  local stamp="$WORKER_DIR/node_modules/.package-lock.json"
  if [ ! -x "$WRANGLER" ] || [ ! -f "$stamp" ] || [ "$WORKER_DIR/package-lock.json" -nt "$stamp" ]; then
    log "installing packages (npm ci)"
    (cd "$WORKER_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

# A random JWT_SECRET for local runs, created once, never committed.
ensure_dev_vars() {
  local f="$WORKER_DIR/.dev.vars"
  if [ ! -f "$f" ] || ! grep -q '^JWT_SECRET=' "$f"; then
    log "generating .dev.vars with a random JWT_SECRET"
    (umask 077 && printf 'JWT_SECRET=%s\n' "$(node -e 'process.stdout.write(require("crypto").randomBytes(48).toString("base64url"))')" >>"$f")
  fi
}

# Applies the shared migrations/ to the local D1 state in $1.
apply_migrations() {
  (cd "$WORKER_DIR" && "$WRANGLER" d1 migrations apply DB --local --persist-to "$1") >&2
}
