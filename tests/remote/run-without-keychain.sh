#!/bin/sh
# Runs a test binary where no keychain can be reached, in a scratch HOME:
#   run-without-keychain.sh no-bus <binary>      the session bus address leads nowhere
#   run-without-keychain.sh no-service <binary>  a session bus on which no Secret Service
#                                                runs or can be started
set -eu
mode="$1"
binary="$2"
shift 2

scratch=$(mktemp -d "${TMPDIR:-/tmp}/edge-nokeychain-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export EDGE_TEST_SCRATCH="$scratch" EDGE_TEST_KEYCHAIN=unavailable
# No desktop hints that could send QtKeychain looking for KWallet instead.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_KEYRING_CONTROL

status=0
case "$mode" in
no-bus)
    export DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-such-bus"
    "$binary" "$@" || status=$?
    ;;
no-service)
    # A bus without service directories: nothing can be activated on it.
    cat >"$scratch/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$scratch</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    dbus-run-session --config-file="$scratch/session.conf" -- "$binary" "$@" || status=$?
    ;;
*)
    echo "usage: $0 no-bus|no-service <binary> [args]" >&2
    exit 2
    ;;
esac
exit "$status"
