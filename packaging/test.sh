#!/usr/bin/env bash
# Install what is missing, lint, then run the test suite (offscreen Qt). Arguments go to pytest.
# Lint problems do not hide the test results: both run, and the exit code is non-zero if either failed.
# FGD_SLOW=1 (passed through as it is) also runs the tests marked slow: the Linux bundle build, about a minute.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/packaging/setup.sh" test
venv="${FGD_VENV:-$here/.venv}"
cd "$here"
lint=0
"$venv/bin/ruff" check fgd_app tests || lint=$?
export QT_QPA_PLATFORM=offscreen
tests=0
"$venv/bin/python" -m pytest "$@" || tests=$?
if [ "$lint" -ne 0 ]; then
  echo "test.sh: ruff found problems (listed above)" >&2
fi
if [ "$tests" -ne 0 ]; then exit "$tests"; fi
exit "$lint"
