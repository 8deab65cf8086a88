#!/usr/bin/env bash
# Prepare this checkout on a fresh Debian machine: system libraries Qt needs, fonts, a virtualenv.
# Sourced by packaging/run.sh and packaging/test.sh; safe to run again (does only what is missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${FGD_VENV:-$here/.venv}"
extras="${1:-}"

# Qt's offscreen and xcb platforms, fonts, Xvfb (real-window screenshots) and poppler-utils (PDF -> PNG).
apt_packages=(
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-xinerama0 libx11-xcb1 fonts-dejavu-core xvfb poppler-utils
)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing; install them as root:" >&2
    echo "  apt-get install ${missing[*]}" >&2
  fi
fi

python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      rm -rf "$venv"; "$python" -m venv "$venv"
    else
      echo "setup: '$python -m venv' failed; install python3-venv" >&2; exit 1
    fi
  fi
fi
stamp="$venv/.fgd-installed"
if [ ! -f "$stamp" ] || [ "$here/pyproject.toml" -nt "$stamp" ] || [ "$(cat "$stamp")" != "$extras" ]; then
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  if [ -n "$extras" ]; then
    "$venv/bin/python" -m pip install -q -e "$here[$extras]"
  else
    "$venv/bin/python" -m pip install -q -e "$here"
  fi
  echo -n "$extras" > "$stamp"
fi
