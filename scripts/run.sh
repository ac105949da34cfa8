#!/usr/bin/env bash
# Quick start: builds Edge Admin and opens the console on its embedded store (the default
# store in the app data folder, created on first run). Extra arguments go to edge-admin,
# e.g. a store file: scripts/run.sh ~/lessons.db
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${EDGE_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found (DISPLAY is not set): starting the console under Xvfb on :99." >&2
  echo "Look at it with: DISPLAY=:99 import -window root shot.png" >&2
  exec xvfb-run -n 99 -s "-screen 0 1400x900x24" "$build_dir/app/gui/edge-admin" "$@"
fi
exec "$build_dir/app/gui/edge-admin" "$@"
