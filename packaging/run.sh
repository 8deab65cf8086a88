#!/usr/bin/env bash
# Install what is missing, then start the app. Arguments go to fgd-app (e.g. a workshop file).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/packaging/setup.sh" run
exec "${FGD_VENV:-$here/.venv}/bin/fgd-app" "$@"
