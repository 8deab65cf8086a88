"""Offline, always: starting the app, opening a file, printing and exporting open no network socket.

Each command runs under ``strace -f`` (every thread and child process), which records every ``socket()``
and ``connect()`` system call, so sockets made by C libraries (Qt, SQLite, ReportLab's C parts) count as
much as Python's. Local IPC (AF_UNIX) would be allowed; nothing may ask for an internet or netlink socket.
Room mode, which serves phones over the local network when the facilitator turns it on, is not part of this.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("strace") is None,
                                reason="needs strace (packaging/setup.sh installs it for the tests)")

FGD_APP = [sys.executable, "-m", "fgd_app"]
NETWORK_FAMILIES = re.compile(r"\b(AF_INET6?|AF_NETLINK|AF_PACKET|PF_INET6?)\b")


def traced(tmp_path: Path, name: str, *args: str) -> list[str]:
    """Run ``fgd-app ARGS`` under strace; return its socket and connect calls (one line each)."""
    log = tmp_path / f"{name}.strace"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "FGD_QUIT_AFTER_SHOW": "1"}
    done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(log), *FGD_APP, *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in log.read_text().splitlines() if "socket(" in line or "connect(" in line]


def test_the_trace_sees_a_socket_when_one_is_made(tmp_path):
    """The check itself can fail: a program that opens a socket is caught."""
    log = tmp_path / "probe.strace"
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(log), sys.executable, "-c",
                    "import socket; socket.socket().close()"], check=True, timeout=60)
    assert NETWORK_FAMILIES.search(log.read_text())


def test_start_open_print_and_export_open_no_network_socket(tmp_path):
    calls = {
        "demo": traced(tmp_path, "demo", "demo", "serang.fgd.db"),
        "open": traced(tmp_path, "open", "serang.fgd.db"),
        "print": traced(tmp_path, "print", "print", "serang.fgd.db", "--out", "pdf"),
        "excel": traced(tmp_path, "excel", "export", "serang.fgd.db", "--excel", "serang.xlsx"),
        "csv": traced(tmp_path, "csv", "export", "serang.fgd.db", "--csv", "csv"),
        "check": traced(tmp_path, "check", "check", "serang.fgd.db"),
    }
    assert list((tmp_path / "pdf").glob("*.pdf")) and (tmp_path / "serang.xlsx").is_file()
    network = {name: [c for c in found if NETWORK_FAMILIES.search(c)] for name, found in calls.items()}
    assert network == {name: [] for name in calls}
