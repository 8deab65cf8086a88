#!/usr/bin/env bash
# Build the Linux bundle: dist/fgd-app/ (PyInstaller --onedir, packaging/fgd_app.spec) and the tarball
# dist/fgd-app-<version>-linux-x86_64.tar.gz (bundle, .desktop entry, icons, .fgd.db file type, install.sh).
#
#   bash packaging/build_linux.sh
#
# Builds in a virtualenv of its own, build/venv (FGD_BUILD_VENV to put it elsewhere; never .venv), which holds
# the app's dependencies from pyproject.toml and PyInstaller (packaging/build-requirements.txt); it is made
# again only when those change. The bundle runs on Linux systems whose glibc is at least the build host's:
# build on the oldest system to support (e.g. in a Debian 11 or Ubuntu 20.04 container, Python 3.11).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build"
dist="${FGD_DIST:-$here/dist}"
venv="${FGD_BUILD_VENV:-$build/venv}"
python="${PYTHON:-python3}"
mkdir -p "$build" "$dist"

version="$("$python" "$here/packaging/bundle_data.py" version)"
arch="$(uname -m)"
name="fgd-app-$version-linux-$arch"

# The build environment: the app's dependencies (not the app itself: the spec takes it from this checkout).
"$python" "$here/packaging/bundle_data.py" requirements "$build/requirements.txt"
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
want="$(cat "$build/requirements.txt" "$here/packaging/build-requirements.txt" "$venv/pyvenv.cfg" | sha256sum | cut -d' ' -f1)"
stamp="$venv/.fgd-build-installed"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "build_linux: installing PyInstaller and the app's dependencies into $venv"
  "$venv/bin/python" -m pip install -q -r "$build/requirements.txt" -r "$here/packaging/build-requirements.txt"
  echo -n "$want" > "$stamp"
fi

started=$(date +%s)
cd "$here"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$dist" --workpath "$build/pyinstaller" \
  packaging/fgd_app.spec

# The tarball: one folder holding the bundle and what a desktop needs to show and open it.
stage="$build/tarball/$name"
rm -rf "$build/tarball"
mkdir -p "$stage"
cp -a "$dist/fgd-app/." "$stage/"
icons="$build/pyinstaller/fgd_app/generated/icons"
for png in "$icons"/fgd-app-*.png; do
  size="$(basename "$png" .png)"; size="${size#fgd-app-}"
  mkdir -p "$stage/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$stage/icons/hicolor/${size}x${size}/apps/fgd-app.png"
done
mkdir -p "$stage/icons/hicolor/scalable/apps"
cp "$here/resources/icons/fgd-app.svg" "$stage/icons/hicolor/scalable/apps/fgd-app.svg"
cp "$icons/fgd-app-256.png" "$stage/fgd-app.png"
cp "$here/packaging/linux/fgd-app.desktop" "$here/packaging/linux/fgd-app-mime.xml" "$stage/"
install -m 755 "$here/packaging/linux/install.sh" "$stage/install.sh"
tar -C "$build/tarball" -czf "$dist/$name.tar.gz" "$name"

echo "build_linux: $(du -sh "$dist/fgd-app" | cut -f1) bundle, $(du -h "$dist/$name.tar.gz" | cut -f1) tarball" \
  "in $(( $(date +%s) - started )) s: $dist/$name.tar.gz"
