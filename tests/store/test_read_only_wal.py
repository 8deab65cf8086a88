"""A workshop file whose latest edits are still in its ``-wal``, on a write-protected stick: every reader sees them.

The file was left by an app that did not close it (a crash, a pulled stick): the edits are committed but
only in ``-wal``. On a read-only folder SQLite cannot build the ``-shm`` index it needs to read them in
place, so the app reads a private copy of file + ``-wal`` instead. Tests run as root, which ignores file
modes: the probe drops the capabilities that let root do so (as in test_open_files).
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import textwrap

import pytest
from bad_files import fingerprint

from fgd_app.core import Workshop

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl capability drop is Linux-only")

LEAVE_EDITS_IN_WAL = textwrap.dedent("""
    import os, sys
    from fgd_app.core import Workshop
    ws = Workshop.open(sys.argv[1])
    for n in range(5):
        ws.participants.add(name=f"Peserta {n}")
    os._exit(0)  # as a crash: no checkpoint, the edits stay in -wal
""")

PROBE = textwrap.dedent("""
    import json, os, sys, tempfile
    from fgd_app import i18n
    from fgd_app.core.store.check import check_file
    from fgd_app.core.exchange.review import open_for_review
    from fgd_app.core.exchange.handover import export_handover
    from fgd_app.core.exchange.excel_export import export_csv
    from fgd_app.core import Workshop
    i18n.set_language("id")
    path, out = sys.argv[1], sys.argv[2]
    result = {"can_write": os.access(os.path.dirname(path), os.W_OK)}
    report = check_file(path)
    result["check"] = [report.exit_code, [value for label, value in report.facts]]
    with open_for_review(path) as ws:
        result["review"] = ws.participants.count()
        csv = export_csv(ws, os.path.join(out, "csv"))
        result["csv"] = sum(p.read_text(encoding="utf-8-sig").count("Peserta ") for p in csv)
    with Workshop.open(path, read_only=True) as ws:
        result["read_only"] = ws.participants.count()
    handed = export_handover(path, out)
    import sqlite3
    conn = sqlite3.connect(handed.path)
    result["handover"] = conn.execute("SELECT count(*) FROM participant").fetchone()[0]
    conn.close()
    print(json.dumps(result))
""")


def _without_root_file_powers() -> None:
    """Run in the child before exec: lose the capabilities that let root ignore file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture(params=["wal and shm", "wal only"])
def stick_with_edits_in_wal(tmp_path, request):
    """A workshop file (mode 0444, folder 0555) whose five participants exist only in its ``-wal``."""
    stick = tmp_path / "usb"
    stick.mkdir()
    path = stick / "serang.fgd.db"
    Workshop.create(path, region_code="36.04", days=["2025-07-15"]).close()
    subprocess.run([sys.executable, "-c", LEAVE_EDITS_IN_WAL, str(path)], check=True, timeout=60)
    assert os.path.getsize(f"{path}-wal") > 0
    if request.param == "wal only":  # copied to the stick without the -shm index
        os.unlink(f"{path}-shm")
    for name in os.listdir(stick):
        os.chmod(stick / name, 0o444)
    os.chmod(stick, 0o555)
    yield path
    os.chmod(stick, 0o755)


def test_every_reader_sees_the_edits_still_in_the_wal_of_a_read_only_file(stick_with_edits_in_wal, tmp_path):
    path = stick_with_edits_in_wal
    before = {p.name: fingerprint(p) for p in path.parent.iterdir()}
    out = tmp_path / "keluar"
    out.mkdir()
    extra = {"preexec_fn": _without_root_file_powers} if os.geteuid() == 0 else {}
    done = subprocess.run([sys.executable, "-c", PROBE, str(path), str(out)], capture_output=True, text=True,
                          timeout=120, **extra)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["can_write"] is False, "the probe could still write: the test would prove nothing"
    assert result["check"][0] == 0 and "5" in result["check"][1], result["check"]
    assert result["review"] == result["read_only"] == result["csv"] == result["handover"] == 5, result
    assert {p.name: fingerprint(p) for p in path.parent.iterdir()} == before, "the stick was changed"
