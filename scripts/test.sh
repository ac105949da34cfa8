#!/usr/bin/env bash
# Quick start: builds Edge Admin and runs every test suite (core, UI offscreen, and the
# Worker against a real `wrangler dev`), installing what is missing first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${EDGE_BUILD_DIR:-$root/build}

"$root/scripts/build.sh"
cd "$build_dir"
# The keychain tests need a session bus and an unlocked keyring: dbus-run-session gives
# every test the same private bus, and tests start gnome-keyring-daemon on it themselves.
exec dbus-run-session -- ctest --output-on-failure --timeout 1500 -j"$(nproc)" "$@"
