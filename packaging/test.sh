#!/usr/bin/env bash
# Install what is missing, lint, then run the test suite (offscreen Qt). Arguments go to pytest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/packaging/setup.sh" test
venv="${FGD_VENV:-$here/.venv}"
cd "$here"
"$venv/bin/ruff" check fgd_app tests
export QT_QPA_PLATFORM=offscreen
exec "$venv/bin/python" -m pytest "$@"
