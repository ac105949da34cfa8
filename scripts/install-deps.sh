#!/usr/bin/env bash
# Installs what building, running and testing Edge Admin needs on Debian 12, and only what
# is missing (apt-get update runs only when something must be installed). Needs root or sudo.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-tools-dev qt6-svg-dev qt6-charts-dev libqt6opengl6-dev libqt6sql6-sqlite libqt6svg6
  qcoro-qt6-dev qtkeychain-qt6-dev libsqlite3-dev
  # run and test: the GUI offscreen or under Xvfb, the keychain, the store's CLI
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools sqlite3 imagemagick
  # the Worker: wrangler runs on Node.js (20 here; Debian's nodejs is the fallback)
  ca-certificates
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
