#!/usr/bin/env bash
# Creates an admin user in D1: the first one on a fresh database, or another one later.
#   scripts/create-admin.sh --local  [--persist-to DIR] EMAIL USERNAME
#   scripts/create-admin.sh --remote EMAIL USERNAME
# --if-absent: succeed without change when the email already exists.
# The password is read from a prompt without echo (or from stdin when it is not a
# terminal), hashed in node, and inserted from a temporary SQL file that is deleted
# afterwards: it never appears in argv, shell history or the repository.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

mode="" persist=() if_absent=()
while [ $# -gt 0 ]; do
  case "$1" in
    --local|--remote) mode="$1"; shift ;;
    --persist-to) persist=(--persist-to "$2"); shift 2 ;;
    --if-absent) if_absent=(--if-absent); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[ -n "$mode" ] && [ $# -eq 2 ] || { echo "usage: $0 --local|--remote [--persist-to DIR] EMAIL USERNAME" >&2; exit 2; }
[ "$mode" = --remote ] && [ ${#persist[@]} -gt 0 ] && { echo "--persist-to is for --local only" >&2; exit 2; }
ensure_packages

if [ -t 0 ]; then
  read -r -s -p "Password for $1: " password; echo >&2
  read -r -s -p "Repeat password: " again; echo >&2
  [ "$password" = "$again" ] || { echo "passwords differ" >&2; exit 2; }
else
  IFS= read -r password || [ -n "$password" ]
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
chmod 700 "$tmp"
printf '%s' "$password" | node "$WORKER_DIR/scripts/lib/admin-sql.mjs" "${if_absent[@]}" "$1" "$2" >"$tmp/admin.sql"
unset password again
(cd "$WORKER_DIR" && "$WRANGLER" d1 execute DB "$mode" "${persist[@]}" --file "$tmp/admin.sql") >&2
log "admin $1 created ($mode)"
