#!/bin/sh
# Runs a test binary against a real Secret Service: a private D-Bus session with its own
# gnome-keyring, unlocked with a throw-away password, in a scratch HOME. Nothing of the
# user's session or keyring is touched; everything is gone afterwards.
set -eu
binary="$1"
shift

scratch=$(mktemp -d "${TMPDIR:-/tmp}/edge-keyring-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# Tells the test it may scan these directories and that a keychain is expected.
export EDGE_TEST_SCRATCH="$scratch" EDGE_TEST_KEYCHAIN=available

status=0
# --unlock reads the password from stdin and creates the "login" keyring with it; the daemon
# leaves with the session bus.
dbus-run-session -- sh -c '
    printf %s test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh "$binary" "$@" || status=$?
exit "$status"
