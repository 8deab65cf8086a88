#!/bin/sh
# Install FGD Smart City for this user, no root needed: the program in ~/.local/opt/fgd-app, the command
# ~/.local/bin/fgd-app, the menu entry, the icon and the .fgd.db file type (double-click opens the workshop).
#
#   ./install.sh              install (or replace an earlier version)
#   ./install.sh --uninstall  remove all of it again (workshop files are never touched)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
prefix="${FGD_PREFIX:-$HOME/.local/opt/fgd-app}"
bin="$HOME/.local/bin"

refresh() {
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime" >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database "$data/applications" >/dev/null 2>&1 || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q "$data/icons/hicolor" >/dev/null 2>&1 || true
  fi
}

remove_program() {
  # only a folder that holds this program is removed
  if [ -e "$prefix" ]; then
    if [ ! -x "$prefix/fgd-app" ] || [ ! -d "$prefix/_internal" ]; then
      echo "install.sh: $prefix exists but holds no fgd-app; remove or rename it first" >&2
      exit 1
    fi
    rm -rf "$prefix"
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  remove_program
  [ -L "$bin/fgd-app" ] && rm -f "$bin/fgd-app"
  rm -f "$data/applications/fgd-app.desktop" "$data/mime/packages/fgd-app.xml"
  find "$data/icons/hicolor" -name 'fgd-app.png' -o -name 'fgd-app.svg' 2>/dev/null | while read -r icon; do
    rm -f "$icon"
  done
  refresh
  echo "FGD Smart City removed (workshop files are kept)."
  exit 0
fi

remove_program
mkdir -p "$prefix" "$bin" "$data/applications" "$data/mime/packages" "$data/icons"
cp -a "$here/fgd-app" "$here/_internal" "$prefix/"
ln -sfn "$prefix/fgd-app" "$bin/fgd-app"
cp -r "$here/icons/hicolor" "$data/icons/"
sed "s|^Exec=.*|Exec=\"$prefix/fgd-app\" %f|" "$here/fgd-app.desktop" > "$data/applications/fgd-app.desktop"
cp "$here/fgd-app-mime.xml" "$data/mime/packages/fgd-app.xml"
refresh
echo "FGD Smart City installed: $prefix (menu entry, icon, .fgd.db files). Command: $bin/fgd-app"
