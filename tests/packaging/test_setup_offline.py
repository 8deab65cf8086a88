"""The README's two commands work with the network cut once the first set-up has run.

Both run in a new network namespace (``unshare -n``: no interface but a downed loopback), after the test
command itself has set up the checkout's environment. Neither may reinstall anything: swapping between them
must not need the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("FGD_VENV", ROOT / ".venv"))

pytestmark = [
    pytest.mark.skipif(os.environ.get("FGD_INNER_RUN") == "1", reason="already inside an offline run"),
    pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0,
                       reason="cutting the network needs unshare and root"),
    pytest.mark.skipif(not (VENV / ".fgd-installed").is_file() or Path(sys.prefix).resolve() != VENV.resolve(),
                       reason="runs inside the environment packaging/setup.sh made"),
]


def offline(*command: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``command`` in the checkout with no network at all."""
    env = {**os.environ, "FGD_INNER_RUN": "1", "FGD_VENV": str(VENV)}
    return subprocess.run(["unshare", "-n", *command], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_the_namespace_really_has_no_network():
    result = offline(sys.executable, "-c",
                     "import socket\n"
                     "try:\n socket.create_connection(('1.1.1.1', 53), timeout=2)\nexcept OSError as e: print('no', e)")
    assert result.stdout.startswith("no"), result.stdout + result.stderr


def test_run_then_test_then_run_again_offline_without_reinstalling():
    first = offline("bash", "packaging/run.sh", "--version")
    assert first.returncode == 0, first.stderr
    assert "FGD Smart City" in first.stdout
    tests = offline("bash", "packaging/test.sh", "-q", "-p", "no:cacheprovider", "tests/test_core_headless.py")
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert " passed" in tests.stdout
    again = offline("bash", "packaging/run.sh", "--version")
    assert again.returncode == 0, again.stderr
    for result in (first, tests, again):
        assert "setup: installing" not in result.stdout + result.stderr
        assert "apt-get" not in result.stderr
