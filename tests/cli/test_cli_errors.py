"""Every output mistake of ``fgd-app`` ends in a message in the user's language, an exit code and no traceback,
and leaves nothing behind: no temporary file, no partial output, existing files unchanged (sha256).

Root ignores permission bits, so the write-protected cases use what a locked USB stick really is: a
read-only mount (EROFS), or a child that lost CAP_DAC_OVERRIDE (EACCES, as in tests/store/test_open_files.py);
the full disk is a small tmpfs. Those tests are skipped where mounting is not allowed.
"""

from __future__ import annotations

import argparse
import ctypes
import gettext
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fgd_app import i18n
from fgd_app.cli import commands as cli
from fgd_app.core.demo import write_demo

PY = sys.executable


@pytest.fixture(autouse=True)
def _indonesian_environment(monkeypatch):
    monkeypatch.setenv("FGD_LANG", "id")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """A sample workshop (scale 1), never changed by the tests."""
    path = tmp_path_factory.mktemp("demo") / "serang.fgd.db"
    write_demo(path)
    return path


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """A sample workshop at scale 10 (what ``fgd-app demo X --scale 10`` writes)."""
    path = tmp_path_factory.mktemp("big") / "besar.fgd.db"
    write_demo(path, scale=10)
    return path


def tree(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256 (or "dir")} of everything under ``folder``, hidden files included."""
    out = {}
    for path in sorted(folder.rglob("*")):
        out[str(path.relative_to(folder))] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run(capsys, *args: str) -> tuple[int, str]:
    """Run ``fgd-app ARGS`` in this process; return (exit code, stderr). argparse errors become code 2."""
    try:
        code = cli.main([str(a) for a in args])
    except SystemExit as done:
        code = done.code
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    return code, err


def _mount_tmpfs(folder: Path, options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")


@pytest.fixture
def locked_stick(tmp_path):
    """A folder on a read-only file system: a USB stick with its lock switch on."""
    folder = tmp_path / "usb"
    _mount_tmpfs(folder, "ro,size=1m")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def full_stick(tmp_path):
    """A folder on a 64 KiB file system: too small for any output."""
    folder = tmp_path / "usb"
    _mount_tmpfs(folder, "size=64k")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def commands_into(folder: Path, source: Path) -> dict[str, list[str]]:
    """Every output-writing command, writing into ``folder``."""
    return {
        "demo": ["demo", folder / "contoh.fgd.db"],
        "excel": ["export", source, "--excel", folder / "data.xlsx"],
        "csv": ["export", source, "--csv", folder / "csv"],
        "handover": ["export", source, "--handover", folder],
        "merge": ["merge", folder / "gabungan.db", source],
        "print": ["print", source, "--out", folder / "pdf", "--only", "daftar-hadir"],
    }


COMMANDS = ["demo", "excel", "csv", "handover", "merge", "print"]


# --- write-protected and full disks --------------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS)
def test_a_locked_usb_stick_is_named_in_indonesian(command, locked_stick, demo_file, capsys):
    code, err = run(capsys, *commands_into(locked_stick, demo_file)[command])
    assert code == 2
    assert "tidak dapat ditulis: disk hanya-baca" in err and str(locked_stick) in err, err
    assert tree(locked_stick) == {}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_is_named_and_leaves_nothing(command, full_stick, demo_file, capsys):
    code, err = run(capsys, *commands_into(full_stick, demo_file)[command])
    assert code == 2
    assert "disk penuh" in err and str(full_stick) in err, err
    assert tree(full_stick) == {}, "a temporary file or a created folder was left on the full disk"


def test_a_full_disk_in_english(full_stick, demo_file, capsys):
    code, err = run(capsys, "--lang", "en", "export", demo_file, "--excel", full_stick / "data.xlsx")
    assert code == 2 and "cannot be written: the disk is full" in err, err
    i18n.set_language("id")


@pytest.fixture(scope="module")
def output_sizes(tmp_path_factory, demo_file) -> dict[str, int]:
    """Bytes each export of the demo writes (on an ordinary disk)."""
    folder = tmp_path_factory.mktemp("sizes")
    sizes = {}
    for command in ("excel", "csv", "handover"):
        target = folder / command
        target.mkdir()
        assert cli.main([str(a) for a in commands_into(target, demo_file)[command]]) == 0
        sizes[command] = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    i18n.set_language("id")
    return sizes


@pytest.fixture
def small_stick(tmp_path):
    """A folder on a 2 MiB file system, filled by the test to leave only so much space."""
    folder = tmp_path / "usb"
    _mount_tmpfs(folder, "size=2m")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("share", [0.1, 0.5, 0.9, 0.98])
@pytest.mark.parametrize("command", ["excel", "csv", "handover"])
def test_a_disk_that_fills_midway_is_named_and_leaves_no_partial_output(command, share, small_stick, demo_file,
                                                                       output_sizes, capsys):
    """The disk runs full part of the way through (issue 14, defect 12): a few CSV files written, half a
    workbook, the hand-over copy but not its checksum. The message is in Indonesian, nothing is left."""
    stats = os.statvfs(small_stick)
    free = int(output_sizes[command] * share)
    filler = small_stick / "isi"
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(0, stats.f_bavail * stats.f_frsize - free))
    before = tree(small_stick)
    code, err = run(capsys, *commands_into(small_stick, demo_file)[command])
    assert code == 2 and "disk penuh" in err and str(small_stick) in err, err
    assert tree(small_stick) == before, "a partial output or a temporary file was left on the full disk"


def _without_root_file_powers() -> None:
    """In the child before exec: lose the capabilities that let root ignore file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl capability drop is Linux-only")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_write_protected_folder_is_refused_without_traceback(command, tmp_path, demo_file):
    folder = tmp_path / "terkunci"
    folder.mkdir()
    os.chmod(folder, 0o555)
    extra = {"preexec_fn": _without_root_file_powers} if os.geteuid() == 0 else {}
    try:
        done = subprocess.run([PY, "-m", "fgd_app", *map(str, commands_into(folder, demo_file)[command])],
                              capture_output=True, text=True, timeout=120, env=os.environ | {"FGD_LANG": "id"},
                              **extra)
    finally:
        os.chmod(folder, 0o755)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "tidak dapat ditulis: izin ditolak" in done.stderr, done.stderr
    assert tree(folder) == {}


# --- missing folders, files where folders are expected, and the reverse --------------------------
@pytest.mark.parametrize("command", COMMANDS)
def test_missing_folders_are_created_for_every_output(command, tmp_path, demo_file, capsys):
    folder = tmp_path / "baru" / "dalam"
    code, err = run(capsys, *commands_into(folder, demo_file)[command])
    assert code == 0, err
    assert [p for p in folder.rglob("*") if p.is_file()], "nothing written"
    assert not [p for p in folder.rglob("*.part")]


@pytest.mark.parametrize(("args", "message"), [
    (["export", "{src}", "--csv", "{file}"], "adalah berkas, bukan folder"),
    (["export", "{src}", "--handover", "{file}"], "adalah berkas, bukan folder"),
    (["print", "{src}", "--out", "{file}"], "adalah berkas, bukan folder"),
    (["export", "{src}", "--csv", "{file}/sub"], "catatan.txt\u201d adalah berkas, bukan folder"),
    (["export", "{src}", "--excel", "{file}/data.xlsx"], "catatan.txt\u201d adalah berkas, bukan folder"),
    (["demo", "{file}/contoh.fgd.db"], "catatan.txt\u201d adalah berkas, bukan folder"),
    (["merge", "{file}/gabungan.db", "{src}"], "catatan.txt\u201d adalah berkas, bukan folder"),
    (["print", "{src}", "--out", "{file}/a/b"], "catatan.txt\u201d adalah berkas, bukan folder"),
    (["export", "{src}", "--excel", "{dir}"], "adalah folder; di sini diperlukan nama berkas"),
    (["demo", "{dir}"], "adalah folder; di sini diperlukan nama berkas"),
    (["merge", "{dir}", "{src}"], "adalah folder; di sini diperlukan nama berkas"),
])
def test_a_file_where_a_folder_is_expected_and_the_reverse(args, message, tmp_path, demo_file, capsys):
    (tmp_path / "catatan.txt").write_text("notulen")
    (tmp_path / "map.xlsx").mkdir()
    before = tree(tmp_path)
    values = {"src": demo_file, "file": tmp_path / "catatan.txt", "dir": tmp_path / "map.xlsx"}
    code, err = run(capsys, *[a.format(**values) for a in args])
    assert code == 2 and message in err, err
    assert tree(tmp_path) == before


def test_a_folder_where_a_file_is_expected_in_english(tmp_path, demo_file, capsys):
    code, err = run(capsys, "--lang", "en", "demo", tmp_path)
    assert code == 2 and "is a folder; a file name is needed here" in err, err
    i18n.set_language("id")


# --- existing targets ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["demo", "excel", "csv", "handover", "print"])
def test_existing_outputs_are_refused_unless_forced(command, tmp_path, demo_file, capsys):
    args = commands_into(tmp_path / "out", demo_file)[command]
    assert run(capsys, *args)[0] == 0
    capsys.readouterr()
    before = tree(tmp_path)
    code, err = run(capsys, *args)
    assert code == 2 and "sudah ada" in err and "Tambahkan --force untuk menimpanya." in err, err
    assert tree(tmp_path) == before, "a refused output changed something"
    code, err = run(capsys, *args, "--force")
    assert code == 0, err
    assert sorted(tree(tmp_path)) == sorted(before), "--force left other files than the ones it replaced"


def test_existing_output_refused_in_english(tmp_path, demo_file, capsys):
    target = tmp_path / "data.xlsx"
    target.write_bytes(b"PK not really")
    code, err = run(capsys, "--lang", "en", "export", demo_file, "--excel", target)
    assert code == 2 and "already exists" in err and "Add --force to replace it." in err, err
    assert target.read_bytes() == b"PK not really"
    i18n.set_language("id")


@pytest.mark.parametrize("name", ["catatan.txt", "kontak.db"])
def test_force_never_replaces_a_file_that_is_not_a_workshop_file(name, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000 if name.endswith(".db") else b"rapat koordinasi")
    before = tree(tmp_path)
    code, err = run(capsys, "demo", path, "--force")
    assert code == 2 and "--force hanya menimpa berkas lokakarya" in err, err
    assert tree(tmp_path) == before


def test_merge_never_replaces_a_workshop_file_or_another_file(tmp_path, demo_file, capsys):
    other = tmp_path / "lain.fgd.db"
    write_demo(other)
    before = tree(tmp_path)
    code, err = run(capsys, "merge", other, demo_file)
    assert code == 2 and "bukan basis data gabungan" in err, err
    assert tree(tmp_path) == before, "the refused output (or -wal/-shm beside it) changed"


def test_excel_with_another_extension_is_refused_not_renamed(tmp_path, demo_file, capsys):
    code, err = run(capsys, "export", demo_file, "--excel", tmp_path / "data.csv")
    assert code == 2 and "bukan nama buku kerja" in err and ".xlsx" in err, err
    assert tree(tmp_path) == {}
    code, err = run(capsys, "--lang", "en", "export", demo_file, "--excel", tmp_path / "data.csv")
    assert code == 2 and "is not a workbook name" in err, err
    i18n.set_language("id")


# --- a merge that merges nothing, export without a mode -------------------------------------------
def test_a_merge_that_merges_nothing_writes_no_file_and_no_folder(tmp_path, capsys):
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(b"\xff\xd8\xff" * 100)
    assert cli.main(["merge", str(tmp_path / "baru" / "gabungan.db"), str(junk)]) == 1
    assert "Tidak ada yang digabungkan" in capsys.readouterr().out
    assert not (tmp_path / "baru").exists(), "the folder made for the output was left"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foto.jpg"]


def test_merging_the_same_file_again_leaves_the_output_untouched(tmp_path, demo_file, capsys):
    output = tmp_path / "gabungan.db"
    assert run(capsys, "merge", output, demo_file)[0] == 0
    before = tree(tmp_path) | {"mtime": str(output.stat().st_mtime_ns)}
    code, _err = run(capsys, "merge", output, demo_file)
    assert code == 0
    assert tree(tmp_path) | {"mtime": str(output.stat().st_mtime_ns)} == before


def test_export_without_a_mode_is_explained_in_the_users_language(demo_file, capsys):
    code, err = run(capsys, "export", demo_file)
    assert code == 2 and "salah satu argumen ini wajib diisi: --handover --excel --csv" in err, err
    assert err.startswith("penggunaan: fgd-app export"), err
    code, err = run(capsys, "--lang", "en", "export", demo_file)
    assert code == 2 and "one of the arguments --handover --excel --csv is required" in err, err
    i18n.set_language("id")


def test_argparse_is_translated_without_patching_it(demo_file, capsys):
    """argparse looks its words up through gettext's current domain; argparse itself is left alone."""
    assert run(capsys, "demo", "x.db", "--scale", "banyak")[1].count("nilai int tidak sah") == 1
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert gettext.textdomain() != "fgd_app-argparse", "the domain was not given back after parsing"


# --- the same permissions for every output ---------------------------------------------------------
def test_every_output_file_follows_the_umask(tmp_path, demo_file, capsys):
    previous = os.umask(0o027)
    try:
        for command in COMMANDS:
            assert run(capsys, *commands_into(tmp_path / "out", demo_file)[command])[0] == 0, command
    finally:
        os.umask(previous)
    modes = {str(p.relative_to(tmp_path)): oct(p.stat().st_mode & 0o777)
             for p in tmp_path.rglob("*") if p.is_file()}
    suffixes = {Path(name).suffix for name in modes}
    assert {".db", ".xlsx", ".csv", ".pdf", ".sha256"} <= suffixes
    assert set(modes.values()) == {oct(0o640)}, modes


# --- Ctrl-C: exit 130, one line, nothing half-written ----------------------------------------------
SIGINT_AT = textwrap.dedent("""
    # Run fgd-app ARGS, sending this process a real SIGINT when TARGET is called for the N-th time.
    import importlib, os, signal, sys
    module_name, attribute, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
    owner = importlib.import_module(module_name)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    original, calls = getattr(owner, name), []

    def interrupting(*args, **kwargs):
        calls.append(1)
        if len(calls) == nth:
            os.kill(os.getpid(), signal.SIGINT)
        return original(*args, **kwargs)

    setattr(owner, name, interrupting)
    from fgd_app.cli.commands import main
    raise SystemExit(main(sys.argv[4:]))
""")


def _interrupted(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if not line.startswith("[")]  # merge's progress
    assert lines == ["Dihentikan (Ctrl-C); tidak ada berkas setengah jadi yang tertinggal."], done.stderr


@pytest.mark.parametrize(("command", "target", "nth"), [
    ("excel", "fgd_app.core.exchange.excel_export:sheet_rows", 5),
    ("csv", "fgd_app.core.exchange.excel_export:sheet_rows", 5),
    ("handover", "fgd_app.core.exchange.handover:verify", 1),
    ("merge", "fgd_app.core.exchange.merge:_Merger.merge_input", 2),
    ("print", "fgd_app.reports.render:_write_pdf", 2),
])
def test_ctrl_c_in_the_middle_exits_130_and_leaves_nothing(command, target, nth, tmp_path, big_file):
    folder = tmp_path / "keluaran"
    folder.mkdir()
    (folder / "lama.txt").write_text("sudah ada sebelumnya")
    before = tree(folder)
    args = commands_into(folder, big_file)[command]
    if command == "merge":
        args += [big_file.parent / "kedua.fgd.db"]
        if not args[-1].exists():
            write_demo(args[-1], seed=7)
    if command == "print":
        args = args[:-2]  # every document: the second one is being made when Ctrl-C comes
    module, attribute = target.split(":")
    started = time.monotonic()
    done = subprocess.run([PY, "-c", SIGINT_AT, module, attribute, str(nth), *map(str, args)], capture_output=True,
                          text=True, timeout=120, env=os.environ | {"FGD_LANG": "id"})
    _interrupted(done)
    assert tree(folder) == before, "partial output or a temporary file was left"
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("force", [False, True])
def test_ctrl_c_during_demo_leaves_no_file_and_keeps_the_old_one(force, tmp_path, demo_file):
    """``fgd-app demo X --scale 30`` is stopped by SIGINT once it writes; no file (or the old one unchanged)."""
    folder = tmp_path / "contoh"
    folder.mkdir()
    target = folder / "contoh.fgd.db"
    if force:
        target.write_bytes(demo_file.read_bytes())
    before = tree(folder)
    child = subprocess.Popen([PY, "-m", "fgd_app", "demo", str(target), "--scale", "30",
                              *(["--force"] if force else [])], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=os.environ | {"FGD_LANG": "id"})
    try:
        deadline = time.monotonic() + 60
        while not list(folder.glob(".*.part")) and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert child.poll() is None, "the demo ended before it could be interrupted"
        time.sleep(0.2)  # well inside the sample's populate steps (about 2 s at scale 30)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    _interrupted(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    assert tree(folder) == before
    check = subprocess.run([PY, "-m", "fgd_app", "check", str(target)], capture_output=True, text=True, timeout=60)
    assert check.returncode == (0 if force else 2), check.stdout + check.stderr
