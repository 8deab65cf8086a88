"""Automatic backups: consistent copies of a live file, a rolling set, restore as a new file, kills and full disks."""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.core.store import backups
from fgd_app.core.store.backups import BackupError, list_backups, make_backup, restore
from fgd_app.core.store.check import check_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def participants_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return conn.execute("SELECT count(*) FROM participant").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


def test_a_backup_is_a_sound_copy_in_the_workshops_folder_with_its_counts(workshop, data_dir):
    workshop.participants.add(name="Peserta Satu")
    backup = make_backup(workshop.path, data_dir)
    assert backup.path.parent == data_dir / "backups" / workshop.info().id
    assert backup.path.name.endswith(".fgd.db") and backup.counts == {"innovations": 0, "plans": 0, "risks": 0}
    assert backup.display_name == workshop.info().display_name and backup.source == str(workshop.path)
    assert check_file(backup.path).sound
    assert participants_in(backup.path) == 1
    assert not Path(f"{backup.path}-wal").exists(), "a backup at rest is not a WAL file"
    assert list_backups(workshop.info().id, data_dir) == [backup] == list_backups(backup.path.parent)


def test_a_backup_never_blocks_the_writer_and_holds_one_snapshot(workshop, data_dir, monkeypatch):
    """Mid-copy, the open workshop commits an edit at once; the backup holds the state before it."""
    for n in range(50):
        workshop.participants.add(name=f"Peserta {n}")
    original = backups._copy_pages
    waited: list[float] = []

    def copy_while_writing(source, target):
        started = time.perf_counter()
        workshop.participants.add(name="Ditambahkan saat pencadangan")  # busy_timeout is 5 s: a block would show
        waited.append(time.perf_counter() - started)
        original(source, target)

    monkeypatch.setattr(backups, "_copy_pages", copy_while_writing)
    backup = make_backup(workshop.path, data_dir)
    assert waited and waited[0] < 0.5
    assert participants_in(backup.path) == 50
    assert len(workshop.participants.list()) == 51


def test_backups_of_a_live_file_while_another_connection_writes_are_each_consistent(workshop_path, data_dir):
    """A child process adds participants as fast as it can; every backup taken meanwhile is sound."""
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys
        from fgd_app.core import Workshop
        ws = Workshop.open(sys.argv[1])
        print("ready", flush=True)
        for n in range(100_000):
            ws.participants.add(name=f"Peserta {n}")
    """), str(workshop_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 30  # on a loaded machine the child's first commit can take a while
        while participants_in(workshop_path) == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        made = []
        for _ in range(8):
            time.sleep(0.05)
            made.append(make_backup(workshop_path, data_dir))
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
    counts = [participants_in(b.path) for b in made]
    assert counts == sorted(counts) and counts[-1] > counts[0] > 0, counts
    assert all(check_file(b.path).sound for b in made)


def local(day: int, hour: int, minute: int = 0) -> _dt.datetime:
    return _dt.datetime(2024, 7, day, hour, minute).astimezone()  # the user's days


def test_the_rolling_set_keeps_the_last_twelve_and_each_days_newest(workshop, data_dir):
    times = [local(1, 9, m) for m in range(0, 50, 10)] + [local(2, h) for h in range(8, 18)] \
        + [local(3, 8, m) for m in range(0, 60, 10)]
    for when in times:
        make_backup(workshop.path, data_dir, now=when)
    kept = sorted(b.local_time for b in list_backups(workshop.info().id, data_dir))
    expected = sorted({local(1, 9, 40), local(2, 17)} | set(times[-12:]))
    assert [t.isoformat() for t in kept] == [t.isoformat() for t in expected]
    assert len(kept) == 13


def test_the_rolling_set_keeps_only_so_many_days(tmp_path):
    paths = [tmp_path / (local(d, 12).astimezone(_dt.UTC).strftime(backups.STAMP_FORMAT) + ".fgd.db")
             for d in range(1, 11)]
    kept = backups.kept(paths, keep_last=2, keep_days=4)
    assert kept == set(paths[-4:])


def test_restore_writes_a_new_file_and_never_touches_the_original(workshop_path, data_dir, tmp_path):
    with Workshop.open(workshop_path) as ws:
        ws.participants.add(name="Peserta Lama")
        backup = make_backup(workshop_path, data_dir)
        ws.participants.add(name="Peserta Baru")
    before = digest(workshop_path), workshop_path.stat().st_mtime_ns
    restored = restore(backup, tmp_path / "pulih.fgd.db")
    assert (digest(workshop_path), workshop_path.stat().st_mtime_ns) == before
    assert check_file(restored).sound
    assert oct(restored.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    with Workshop.open(restored) as ws:
        assert [p.name for p in ws.participants.list()] == ["Peserta Lama"]
    for existing in (workshop_path, restored):
        with pytest.raises(BackupError, match="sudah ada"):
            restore(backup, existing)
    assert (digest(workshop_path), workshop_path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["pulih.fgd.db", "serang.fgd.db"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_damaged_backup_is_not_restored(workshop, data_dir, tmp_path):
    backup = make_backup(workshop.path, data_dir)
    data = bytearray(backup.path.read_bytes())
    data[16:18] = b"\x00\x03"  # an impossible page size
    backup.path.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        restore(backup, tmp_path / "pulih.fgd.db")
    assert not (tmp_path / "pulih.fgd.db").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".restore-")]


def test_a_failed_backup_says_the_disk_is_full_and_keeps_the_earlier_ones(workshop, data_dir, monkeypatch):
    first = make_backup(workshop.path, data_dir, now=local(1, 8))
    earlier = digest(first.path)

    def full_disk(source, target):
        target.execute("CREATE TABLE half (x)")  # something is written, then the disk fills up
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backups, "_copy_pages", full_disk)
    with pytest.raises(BackupError, match="disk penuh") as caught:
        make_backup(workshop.path, data_dir, now=local(1, 9))
    assert "Traceback" not in str(caught.value)
    folder = first.path.parent
    assert sorted(p.name for p in folder.iterdir()) == [first.path.name, first.path.name + ".json"]
    assert list_backups(folder) == [first] and digest(first.path) == earlier


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1.5 MB tmpfs (needs root and mount; skipped otherwise)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_fails_cleanly_and_keeps_the_earlier_backups(workshop, tiny_disk):
    first = make_backup(workshop.path, tiny_disk, now=local(1, 8))
    earlier = digest(first.path)
    free = shutil.disk_usage(tiny_disk).free
    (tiny_disk / "filler").write_bytes(b"\0" * (free - first.path.stat().st_size // 3))
    with pytest.raises(BackupError, match="disk penuh"):
        make_backup(workshop.path, tiny_disk, now=local(1, 9))
    folder = first.path.parent
    assert sorted(p.name for p in folder.iterdir()) == [first.path.name, first.path.name + ".json"]
    assert list_backups(folder) == [first] and digest(first.path) == earlier


def test_a_lost_json_is_read_from_the_backup_itself(workshop, data_dir):
    backup = make_backup(workshop.path, data_dir)
    Path(f"{backup.path}.json").unlink()
    found = list_backups(backup.path.parent)
    assert [(b.path, b.workshop_id, b.region_name, b.counts) for b in found] == [
        (backup.path, backup.workshop_id, backup.region_name, backup.counts)]


def test_backups_of_every_workshop_are_grouped(workshop, data_dir, tmp_path):
    other = Workshop.create(tmp_path / "lain.fgd.db", region_code="36.04")
    try:
        make_backup(workshop.path, data_dir, now=local(1, 8))
        make_backup(other.path, data_dir, now=local(1, 9))
        grouped = backups.all_backups(data_dir)
        assert list(grouped) == [other.info().id, workshop.info().id]
    finally:
        other.close()


BACKER = textwrap.dedent("""
    import sys
    from fgd_app.core.store import backups
    backups.KEEP_LAST = 100_000  # keep them all: the parent compares them
    print("ready", flush=True)
    while True:
        backups.make_backup(sys.argv[1], sys.argv[2])
""")


def test_sigkill_during_a_backup_leaves_no_partial_backup_and_the_earlier_ones_intact(tmp_path):
    """A child makes backups of a --scale 10 file in a loop; it is killed while a temporary file is being written."""
    source, data = tmp_path / "demo.fgd.db", tmp_path / "data"
    write_demo(source, 10)
    with Workshop.open(source) as ws:
        folder = backups.backup_folder(data, ws.info().id)
    earlier = [make_backup(source, data, now=local(1, hour)) for hour in (8, 9)]  # what must survive
    caught_midway = 0
    for _attempt in range(20):
        before = {b.path: digest(b.path) for b in list_backups(folder)}
        child = subprocess.Popen([sys.executable, "-c", BACKER, str(source), str(data)], stdout=subprocess.PIPE)
        try:
            assert child.stdout.readline().strip() == b"ready"
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                partials = list(folder.glob(".partial-*.fgd.db")) if folder.exists() else []
                if any(p.exists() and p.stat().st_size > 0 for p in partials):
                    break
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            child.kill()
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        caught_midway += any(folder.glob(".partial-*.fgd.db"))
        listed = list_backups(folder)
        assert all(not b.path.name.startswith(".") for b in listed)
        for b in listed:
            assert b.counts == {"innovations": 600, "plans": 2043, "risks": 1020}
        assert all(digest(path) == value for path, value in before.items()), "an earlier backup changed"
        assert {b.path for b in listed} >= set(before) >= {b.path for b in earlier}
        if caught_midway:
            break
    assert caught_midway, "the kill never landed during a backup: nothing was tested"
    for b in list_backups(folder):
        assert check_file(b.path).sound
    make_backup(source, data)  # the next backup removes what the killed one left behind
    assert not list(folder.glob(".partial-*"))
