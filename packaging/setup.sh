#!/usr/bin/env bash
# Prepare this checkout on a fresh Debian machine: the system libraries Qt needs, fonts, one virtualenv.
# Called by packaging/run.sh ("run") and packaging/test.sh ("test"); safe to run again.
#
# Works offline once it has run online: it asks the network only for what is missing, and it installs the
# app once with its test extras into .venv (one environment for both commands), again only when
# pyproject.toml or the Python version changed. "run" needs no test-only system package.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${FGD_VENV:-$here/.venv}"
mode="${1:-run}"

# Qt's offscreen and xcb platforms and the fonts: what the app needs to start.
run_packages=(
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-xinerama0 libx11-xcb1 fonts-dejavu-core
)
# Only the tests use these: Xvfb (real-window screenshots), poppler-utils (PDF -> PNG), strace (offline check),
# chromium: the room mode browser test (Playwright drives Debian's /usr/bin/chromium).
# LibreOffice Writer without GUI (~275 MB, ~26 s: opens the masterplan draft .docx, tests/draft).
test_packages=(xvfb poppler-utils strace libreoffice-writer-nogui chromium)
wanted=("${run_packages[@]}")
if [ "$mode" = test ]; then wanted+=("${test_packages[@]}"); fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # the package lists are refreshed only when the install cannot be done from the lists already here
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
      apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    }
  else
    echo "setup: these Debian packages are missing; install them as root:" >&2
    echo "  apt-get install ${missing[*]}" >&2
  fi
fi

python="${PYTHON:-python3}"
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -qq python3-venv >/dev/null 2>&1 || {
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      }
      rm -rf "$venv"; "$python" -m venv "$venv"
    else
      echo "setup: '$python -m venv' failed; install python3-venv" >&2; exit 1
    fi
  fi
fi

# What the installed environment was made from: the project's requirements and the interpreter.
want="$(cat "$here/pyproject.toml" "$venv/pyvenv.cfg" | sha256sum | cut -d' ' -f1)"
stamp="$venv/.fgd-installed"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing fgd_app and its test tools into ${venv}"
  # the build backend goes into the environment itself, so no later step needs the network for it
  "$venv/bin/python" -m pip install -q "hatchling>=1.21" "editables>=0.5"
  "$venv/bin/python" -m pip install -q --no-build-isolation -e "$here[test]"
  echo -n "$want" > "$stamp"
fi
