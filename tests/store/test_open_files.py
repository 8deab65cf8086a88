"""Opening anything: every bad file gets its own error with an Indonesian message, and stays untouched."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bad_files import corrupt_middle_of_a_page, fill, fingerprint, make_newer, other_programs_database, truncate

from fgd_app.core import Workshop
from fgd_app.core.errors import (
    CorruptFileError,
    FileInUseError,
    FileReadOnlyError,
    NewerVersionError,
    NotFoundError,
    NotSQLiteError,
    NotWorkshopError,
    ReadOnlyPossible,
    ReadOnlyWorkshopError,
    WorkshopFileError,
)
from fgd_app.core.workshop_file import IntegrityCheck

INDONESIAN_WORDS = ("berkas", "bukan", "rusak", "tidak", "sudah", "hanya-baca", "versi")


def refuse(path: Path, expected: type[WorkshopFileError], **options) -> WorkshopFileError:
    """Open ``path``, expect ``expected``; prove the message is Indonesian and the file unchanged.

    Twice: checked while opening, and with the integrity check run in a thread first (as ``fgd-app FILE``).
    """
    before = fingerprint(path) if path.is_file() else None
    for checked in (None, IntegrityCheck(path)):
        with pytest.raises(WorkshopFileError) as caught:
            Workshop.open(path, checked=checked, **options)
        error = caught.value
        assert type(error) is expected, f"{type(error).__name__}: {error}"
        assert "Traceback" not in error.message and error.message == str(error)
        assert any(word in error.message.lower() for word in INDONESIAN_WORDS), error.message
        if before is not None:
            assert fingerprint(path) == before, "the refused file was changed"
    return error


def test_text_file_is_not_sqlite(tmp_path):
    path = tmp_path / "catatan.fgd.db"
    path.write_text("Notulen rapat koordinasi Smart City\n" * 20)
    assert "bukan" in refuse(path, NotSQLiteError).message


def test_empty_file_is_not_sqlite(tmp_path):
    path = tmp_path / "kosong.fgd.db"
    path.write_bytes(b"")
    refuse(path, NotSQLiteError)


def test_missing_file(tmp_path):
    refuse(tmp_path / "tidak-ada.fgd.db", NotFoundError)


def test_truncated_workshop_file_is_corrupt(workshop_path):
    fill(workshop_path)
    truncate(workshop_path)
    refuse(workshop_path, CorruptFileError)


def test_page_overwritten_in_the_middle_is_corrupt(workshop_path):
    fill(workshop_path)
    corrupt_middle_of_a_page(workshop_path)
    assert "rusak" in refuse(workshop_path, CorruptFileError).message


def test_another_programs_sqlite_database(tmp_path):
    path = tmp_path / "kontak.db"
    other_programs_database(path)
    assert "program lain" in refuse(path, NotWorkshopError).message


def test_file_from_a_newer_version_is_refused_read_write_and_read_only(workshop_path):
    make_newer(workshop_path)
    error = refuse(workshop_path, NewerVersionError)
    assert "9.0.0" in error.message
    refuse(workshop_path, NewerVersionError, read_only=True)


def test_folder_is_not_a_workshop_file(tmp_path):
    folder = tmp_path / "folder.fgd.db"
    folder.mkdir()
    refuse(folder, NotSQLiteError)


# --- in use by another running instance ------------------------------------------------------------
HOLDER = textwrap.dedent("""
    import sys
    from fgd_app.core import Workshop
    ws = Workshop.open(sys.argv[1])
    ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    print("open", flush=True)
    sys.stdin.readline()  # hold the file until the parent says so
    ws.close()
""")


def test_file_open_in_another_instance_can_be_opened_read_only(workshop_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(workshop_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        error = refuse(workshop_path, FileInUseError)
        assert isinstance(error, ReadOnlyPossible)
        with Workshop.open(workshop_path, read_only=True) as ws:
            assert ws.read_only and ws.read_only_reason
            assert [o.short_name for o in ws.opds.list()] == ["Dinkes"]  # sees the other window's edit
            with pytest.raises(ReadOnlyWorkshopError):
                ws.opds.add(name="Dinas Sosial")
            with pytest.raises(ReadOnlyWorkshopError):
                ws.undo()
    finally:
        holder.communicate("done\n", timeout=30)
    assert holder.returncode == 0
    with Workshop.open(workshop_path) as ws:  # free again once the other instance has closed it
        assert ws.opds.count() == 1


# --- read-only file on a write-protected medium ----------------------------------------------------
# Tests run as root here, and root writes any file whatever its mode bits say (os.access(W_OK) is True)
# because it holds CAP_DAC_OVERRIDE. So the child that opens the file drops CAP_DAC_OVERRIDE and
# CAP_DAC_READ_SEARCH from its capability bounding set before it starts (prctl PR_CAPBSET_DROP); for
# it, chmod 0444 on the file and 0555 on its folder is as real as a write-protected USB stick. As a
# normal user the child needs no such step.
READ_ONLY_PROBE = textwrap.dedent("""
    import json, os, sys
    from fgd_app import i18n
    from fgd_app.core import Workshop
    from fgd_app.core.errors import ReadOnlyWorkshopError, WorkshopFileError
    i18n.set_language("id")
    out = {"can_write": os.access(sys.argv[1], os.W_OK)}
    try:
        Workshop.open(sys.argv[1]).close()
        out["error"] = None
    except WorkshopFileError as error:
        out["error"], out["message"] = type(error).__name__, error.message
    ws = Workshop.open(sys.argv[1], read_only=True)
    out["read_only"] = ws.read_only
    out["participants"] = ws.participants.count()
    try:
        ws.participants.add(name="Ahmad Fauzi")
        out["write"] = "saved"
    except ReadOnlyWorkshopError as error:
        out["write"] = str(error)
    ws.close()
    print(json.dumps(out))
""")


def _without_root_file_powers() -> None:
    """Run in the child before exec: lose the capabilities that let root ignore file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture
def write_protected_workshop(tmp_path):
    """A workshop file with mode 0444 in a folder with mode 0555."""
    stick = tmp_path / "usb"
    stick.mkdir()
    path = stick / "serang.fgd.db"
    Workshop.create(path, region_code="36.04", days=["2025-07-15"]).close()
    fill(path, participants=3)
    os.chmod(path, 0o444)
    os.chmod(stick, 0o555)
    yield path
    os.chmod(stick, 0o755)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl capability drop is Linux-only")
def test_write_protected_file_is_refused_then_opened_read_only(write_protected_workshop):
    path = write_protected_workshop
    before = fingerprint(path)
    neighbours = sorted(p.name for p in path.parent.iterdir())
    extra = {"preexec_fn": _without_root_file_powers} if os.geteuid() == 0 else {}
    done = subprocess.run([sys.executable, "-c", READ_ONLY_PROBE, str(path)], capture_output=True, text=True,
                          timeout=60, **extra)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["can_write"] is False, "the child could still write: the test would prove nothing"
    assert result["error"] == FileReadOnlyError.__name__
    assert "hanya-baca" in result["message"]
    assert result["read_only"] is True and result["participants"] == 3
    assert "hanya-baca" in result["write"]
    assert fingerprint(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == neighbours


# --- nothing appears beside a refused file ---------------------------------------------------------
def _no_companions(path: Path) -> None:
    """Refuse ``path`` and require that no -wal/-shm companion is left beside it."""
    neighbours = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(WorkshopFileError):
        Workshop.open(path)
    assert sorted(p.name for p in path.parent.iterdir()) == neighbours, "files appeared beside it"



def test_refused_text_file_leaves_nothing_beside_it(tmp_path):
    path = tmp_path / "catatan.fgd.db"
    path.write_text("bukan basis data")
    _no_companions(path)


def test_refused_other_database_leaves_nothing_beside_it(tmp_path):
    path = tmp_path / "kontak.db"
    other_programs_database(path)
    _no_companions(path)


def test_refused_newer_file_leaves_nothing_beside_it(workshop_path):
    make_newer(workshop_path)
    _no_companions(workshop_path)


def test_refused_corrupt_file_leaves_nothing_beside_it(workshop_path):
    fill(workshop_path)
    corrupt_middle_of_a_page(workshop_path)
    _no_companions(workshop_path)


def test_an_integrity_check_started_earlier_counts_for_its_own_file_only(workshop_path, tmp_path):
    sound = IntegrityCheck(workshop_path)
    with Workshop.open(workshop_path, checked=sound) as workshop:
        assert workshop.info().region_name
    damaged = tmp_path / "rusak.fgd.db"
    damaged.write_bytes(workshop_path.read_bytes())
    fill(damaged)
    corrupt_middle_of_a_page(damaged)
    with pytest.raises(CorruptFileError):
        Workshop.open(damaged, checked=sound)  # the check of another file is not taken for this one
