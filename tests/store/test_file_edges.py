"""Smaller file defects (issue 14, 14a and 14b): a file missing its last bytes, an unreadable folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fgd_app.cli.commands import main
from fgd_app.core.store.check import check_file


@pytest.mark.parametrize("missing", [1, 10, 4096])
def test_a_file_missing_its_last_bytes_is_not_sound(workshop_path, missing):
    """SQLite reads the missing end as zeros, so integrity_check passed a file cut by 1-10 bytes."""
    assert check_file(workshop_path).sound
    data = workshop_path.read_bytes()
    assert not Path(f"{workshop_path}-wal").exists()
    workshop_path.write_bytes(data[:-missing])
    report = check_file(workshop_path)
    assert report.exit_code == 2 and "terpotong" in report.unreadable, report.lines()


@pytest.mark.parametrize("missing", [1, 10, 4096])
def test_opening_a_file_missing_its_last_bytes_is_refused_with_checks_message(workshop_path, missing):
    """Workshop.open (the window, read-only or not) and review refused nothing: the file opened, its end as zeros."""
    from fgd_app.core.errors import CorruptFileError
    from fgd_app.core.exchange.review import open_for_review
    from fgd_app.core.workshop_file import Workshop

    data = workshop_path.read_bytes()
    workshop_path.write_bytes(data[:-missing])
    said = check_file(workshop_path).unreadable
    for opening in (Workshop.open, lambda p: Workshop.open(p, read_only=True), open_for_review):
        with pytest.raises(CorruptFileError) as refused:
            opening(workshop_path).close()
        assert str(refused.value) == said
    assert workshop_path.read_bytes() == data[:-missing]


def test_a_live_file_with_its_wal_is_not_taken_for_a_truncated_one(workshop_path):
    """The file of a running window may be shorter than its header says while a -wal holds its pages."""
    from fgd_app.core.workshop_file import Workshop

    ws = Workshop.open(workshop_path)
    for n in range(300):
        ws.opds.add(name=f"Dinas nomor {n} " + "x" * 200, short_name=f"D{n}")
    assert Path(f"{workshop_path}-wal").stat().st_size > 0
    other = Workshop.open(workshop_path, read_only=True)
    assert other.opds.count() == ws.opds.count()
    other.close()
    assert check_file(workshop_path).exit_code == 0
    ws.close()


def _without_root_powers(*args: str) -> subprocess.CompletedProcess:
    """Run ``fgd-app`` with root's power to read any folder dropped (tests run as root here)."""
    command = [sys.executable, "-m", "fgd_app", *args]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="needs setpriv as root")
def test_an_unreadable_folder_gives_a_message_not_a_traceback(workshop_path, tmp_path):
    folder = tmp_path / "terkunci"
    folder.mkdir()
    path = folder / workshop_path.name
    shutil.move(workshop_path, path)
    folder.chmod(0)
    try:
        for args in (["check", str(path)], ["print", str(path), "--out", str(tmp_path / "pdf")],
                     ["export", str(path), "--csv", str(tmp_path / "csv")],
                     ["export", str(path), "--handover", str(tmp_path / "serah")]):
            result = _without_root_powers(*args)
            assert result.returncode == 2, (args, result.stdout, result.stderr)
            output = result.stdout + result.stderr
            assert "Traceback" not in output and "izin" in output and "ditulis" not in output, output  # was "cannot be written"
    finally:
        folder.chmod(0o755)
    assert main(["check", str(path)]) == 0
