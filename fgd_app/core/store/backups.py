"""Automatic backups of a workshop file: consistent copies in a rolling set, restored as new files.

``make_backup(path, data_dir)`` copies the workshop at ``path`` with SQLite's backup API through its own
read-only connection (never a file copy of a live WAL database; the writer is never blocked). The copy
is written under a temporary name in the backup folder, fsynced, and renamed into place with a small
JSON beside it (time, workshop, counts), so a killed or failed backup never leaves a file that looks
like a backup, and never touches the earlier ones. Backups live in the user's data folder, not beside
the workshop (which may be on a USB stick): ``<data_dir>/backups/<workshop id>/<UTC time>.fgd.db``.

After a successful backup the folder is pruned to the last ``KEEP_LAST`` backups plus the newest
one of each of the last ``KEEP_DAYS`` days. ``restore(backup, new_path)`` writes a backup to a new file
(an existing path is refused, so the original is never overwritten) and checks it before naming it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from fgd_app import __version__
from fgd_app.core.errors import FgdError
from fgd_app.i18n import tr

KEEP_LAST = 12  # the newest backups always kept
KEEP_DAYS = 30  # and the newest backup of each of this many most recent days
BACKUPS_FOLDER = "backups"
SUFFIX = ".fgd.db"
INFO_SUFFIX = ".json"
PARTIAL_PREFIX = ".partial-"  # a backup being written; never listed
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"  # UTC, sorts by time: 20240702T081500123456Z.fgd.db
COUNTED = {"innovations": "innovation", "plans": "action_plan", "risks": "risk"}


class BackupError(FgdError):
    """A backup or a restore failed; earlier backups and the workshop file are unchanged."""


@dataclass(frozen=True)
class Backup:
    """One backup file and what it holds."""

    path: Path
    time: _dt.datetime  # when it was made (UTC, aware)
    workshop_id: str
    region_name: str = ""
    title: str = ""
    bimtek_stage: int = 1
    source: str = ""  # the workshop file it was made from
    counts: dict[str, int] = field(default_factory=dict)  # innovations, plans, risks

    @property
    def local_time(self) -> _dt.datetime:
        return self.time.astimezone()

    @property
    def display_name(self) -> str:
        """Return the workshop's name as the window title shows it ("Kabupaten Serang — Bimtek Tahap II")."""
        from fgd_app.core.workshop.details import WorkshopInfo

        return WorkshopInfo(self.workshop_id, "", self.region_name, title=self.title,
                            bimtek_stage=self.bimtek_stage).display_name


def backups_root(data_dir: str | os.PathLike) -> Path:
    """Return the folder holding one backup folder per workshop."""
    return Path(data_dir) / BACKUPS_FOLDER


def backup_folder(data_dir: str | os.PathLike, workshop_id: str) -> Path:
    """Return the backup folder of one workshop (keyed by its stable id, not its file name)."""
    if not workshop_id or "/" in workshop_id or "\\" in workshop_id or workshop_id.startswith("."):
        raise BackupError(tr("The workshop has no usable identity for its backups."))
    return backups_root(data_dir) / workshop_id


# --- making a backup --------------------------------------------------------------------------------
def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Copy every page in one step: one read snapshot, consistent, never restarted by a writer.

    The step runs inside SQLite without Python's lock, so the GUI thread keeps running meanwhile.
    (A test replaces this function to simulate a full disk.)
    """
    source.backup(target, pages=-1)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - directories cannot be opened there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the file itself is synced
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            name.unlink()


def _disk_full(error: BaseException) -> bool:
    return (isinstance(error, OSError) and error.errno == errno.ENOSPC) or (
        isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL)


def _reason(error: BaseException) -> object:
    return error.strerror if isinstance(error, OSError) and error.strerror else error


def _failure(error: BaseException) -> BackupError:
    """Return the user's message for a failed write (a full disk said plainly)."""
    if _disk_full(error):
        return BackupError(tr("The backup could not be written: the disk is full. The earlier backups are kept."))
    return BackupError(tr("The backup could not be written ({error}). The earlier backups are kept.",
                          error=_reason(error)))


def _read_identity(conn: sqlite3.Connection) -> dict:
    row = conn.execute("SELECT id, region_name, title, bimtek_stage FROM workshop").fetchone()
    if row is None:
        raise BackupError(tr("The workshop has no usable identity for its backups."))
    counts = {}
    for key, table in COUNTED.items():
        try:
            counts[key] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except sqlite3.Error:  # an older schema without the table
            counts[key] = 0
    return {"workshop_id": str(row[0]), "region_name": row[1] or "", "title": row[2] or "",
            "bimtek_stage": int(row[3] or 1), "counts": counts}


def make_backup(source: str | os.PathLike, data_dir: str | os.PathLike, *,
                now: _dt.datetime | None = None) -> Backup:
    """Back up the workshop file ``source`` into its folder under ``data_dir``; prune; return the backup.

    Raise ``BackupError`` (a message for the user) when it fails; then no new file is listed and the
    earlier backups are unchanged.
    """
    from fgd_app.core.workshop_file import connect_read_only

    source = Path(source).expanduser().absolute()
    when = (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
    try:
        reader = connect_read_only(source)
    except sqlite3.Error as error:
        raise BackupError(tr("The workshop file could not be read for its backup ({error}).", error=error)) from None
    tmp: Path | None = None
    try:
        reader.execute("BEGIN")  # one snapshot for the identity and the pages
        identity = _read_identity(reader)
        folder = backup_folder(data_dir, identity["workshop_id"])
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"{PARTIAL_PREFIX}{os.getpid()}-", suffix=SUFFIX, dir=folder)
            os.close(fd)
            tmp = Path(name)
            target = sqlite3.connect(tmp, isolation_level=None)
            try:
                _copy_pages(reader, target)
                reader.execute("COMMIT")  # the snapshot is released: the writer may checkpoint again
                target.execute("PRAGMA journal_mode = DELETE")  # at rest: reading it creates no -wal
            finally:
                target.close()
            _fsync_file(tmp)
            final = folder / (when.strftime(STAMP_FORMAT) + SUFFIX)
            info = {"format": 1, "created": when.isoformat(), "source": str(source), "app_version": __version__,
                    **identity}
            info_tmp = tmp.with_name(tmp.name + INFO_SUFFIX)
            with open(info_tmp, "w", encoding="utf-8") as handle:
                json.dump(info, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(info_tmp, final.with_name(final.name + INFO_SUFFIX))
            os.replace(tmp, final)  # the backup exists from this instant, whole
            tmp = None
            _fsync_dir(folder)
        except (OSError, sqlite3.Error) as error:
            raise _failure(error) from None
    except sqlite3.Error as error:
        raise BackupError(tr("The workshop file could not be read for its backup ({error}).", error=error)) from None
    finally:
        reader.close()
        if tmp is not None:
            _remove(tmp)
            with contextlib.suppress(OSError):
                tmp.with_name(tmp.name + INFO_SUFFIX).unlink()
    with contextlib.suppress(OSError):
        prune(folder)
    return _backup_from_info(final, info)


# --- listing and pruning ----------------------------------------------------------------------------
def _time_of(path: Path) -> _dt.datetime | None:
    stem = path.name[:-len(SUFFIX)] if path.name.endswith(SUFFIX) else ""
    try:
        return _dt.datetime.strptime(stem, STAMP_FORMAT).replace(tzinfo=_dt.UTC)
    except ValueError:
        return None


def _backup_from_info(path: Path, info: dict) -> Backup:
    counts = info.get("counts") if isinstance(info.get("counts"), dict) else {}
    return Backup(path, _time_of(path) or _dt.datetime.fromtimestamp(0, _dt.UTC),
                  str(info.get("workshop_id", path.parent.name)), str(info.get("region_name", "")),
                  str(info.get("title", "")), int(info.get("bimtek_stage") or 1), str(info.get("source", "")),
                  {k: int(counts.get(k, 0)) for k in COUNTED})


def _read_backup(path: Path) -> Backup:
    """Return what ``path`` holds: from its JSON, else (lost or damaged) from the file itself."""
    try:
        info = json.loads(path.with_name(path.name + INFO_SUFFIX).read_text(encoding="utf-8"))
        if isinstance(info, dict):
            return _backup_from_info(path, info)
    except (OSError, ValueError):
        pass
    from fgd_app.core.workshop_file import connect_read_only

    info = {"workshop_id": path.parent.name}
    with contextlib.suppress(sqlite3.Error):
        conn = connect_read_only(path)
        try:
            info |= _read_identity(conn)
        finally:
            conn.close()
    return _backup_from_info(path, info)


def _backup_paths(folder: Path) -> list[Path]:
    """Return the finished backups in ``folder``, newest first (temporary files are never among them)."""
    try:
        names = [p for p in folder.iterdir() if p.name.endswith(SUFFIX) and _time_of(p) is not None]
    except OSError:
        return []
    return sorted(names, key=lambda p: p.name, reverse=True)


def list_backups(folder_or_id: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> list[Backup]:
    """Return the backups of one workshop, newest first: a backup folder, or a workshop id with ``data_dir``."""
    folder = Path(folder_or_id)
    if data_dir is not None and not folder.is_absolute():
        folder = backup_folder(data_dir, str(folder_or_id))
    return [_read_backup(path) for path in _backup_paths(folder)]


def all_backups(data_dir: str | os.PathLike) -> dict[str, list[Backup]]:
    """Return the backups of every workshop under ``data_dir`` by workshop id, newest workshop first."""
    root = backups_root(data_dir)
    try:
        folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return {}
    found = {folder.name: list_backups(folder) for folder in folders}
    found = {key: items for key, items in found.items() if items}
    return dict(sorted(found.items(), key=lambda kv: kv[1][0].time, reverse=True))


def kept(paths: list[Path], keep_last: int | None = None, keep_days: int | None = None) -> set[Path]:
    """Return which backups the rolling set keeps: the newest ``keep_last``, and each day's newest."""
    keep_last = KEEP_LAST if keep_last is None else keep_last
    keep_days = KEEP_DAYS if keep_days is None else keep_days
    ordered = sorted(paths, key=lambda p: p.name, reverse=True)
    keep = set(ordered[:keep_last])
    days: list[_dt.date] = []
    for path in ordered:
        day = _time_of(path).astimezone().date()  # the user's day, not UTC's
        if day not in days:
            days.append(day)
            if len(days) <= keep_days:
                keep.add(path)
    return keep


def _stale_partial(path: Path) -> bool:
    """Return True for a temporary file that no running backup writes any more."""
    pid = path.name[len(PARTIAL_PREFIX):].split("-", 1)[0]
    if pid.isdigit() and sys.platform != "win32":
        if int(pid) == os.getpid():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except OSError:
            pass
    try:
        return _dt.datetime.now().timestamp() - path.stat().st_mtime > 3600
    except OSError:
        return False


def prune(folder: str | os.PathLike, keep_last: int | None = None, keep_days: int | None = None) -> list[Path]:
    """Delete the backups the rolling set does not keep, and leftovers of killed backups; return them."""
    folder = Path(folder)
    paths = _backup_paths(folder)
    keep = kept(paths, keep_last, keep_days)
    removed = []
    for path in paths:
        if path not in keep:
            path.unlink()
            with contextlib.suppress(OSError):
                path.with_name(path.name + INFO_SUFFIX).unlink()
            removed.append(path)
    for path in folder.glob(PARTIAL_PREFIX + "*"):
        if path.name.endswith(SUFFIX) and _stale_partial(path):
            _remove(path)
            with contextlib.suppress(OSError):
                path.with_name(path.name + INFO_SUFFIX).unlink()
            removed.append(path)
    for path in folder.glob("*" + SUFFIX + INFO_SUFFIX):  # a JSON whose backup was lost
        if not path.name.startswith(PARTIAL_PREFIX) and not path.with_name(path.name[:-len(INFO_SUFFIX)]).exists():
            with contextlib.suppress(OSError):
                path.unlink()
    return removed


# --- restoring --------------------------------------------------------------------------------------
def restore(backup: Backup | str | os.PathLike, new_path: str | os.PathLike) -> Path:
    """Write the backup to the NEW file ``new_path`` (an existing file is refused) and check it; return it."""
    from fgd_app.core.store.check import check_file
    from fgd_app.core.workshop_file import connect_read_only, temporary_prefix

    source = Path(backup.path if isinstance(backup, Backup) else backup)
    target = Path(new_path).expanduser().absolute()
    if target.exists() or Path(f"{target}-wal").exists():
        raise BackupError(tr("\u201c{name}\u201d already exists. A backup is only restored as a new file; "
                             "choose another name.", name=target.name))
    if not target.parent.is_dir():
        raise BackupError(tr("The folder \u201c{path}\u201d does not exist.", path=target.parent))
    if not source.is_file():
        raise BackupError(tr("The backup \u201c{name}\u201d is not there any more.", name=source.name))
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=temporary_prefix(".restore-"), suffix=SUFFIX, dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        reader = connect_read_only(source)
        try:
            writer = sqlite3.connect(tmp, isolation_level=None)
            try:
                reader.backup(writer, pages=-1)
                writer.execute("PRAGMA journal_mode = WAL")  # as every workshop file
            finally:
                writer.close()
        finally:
            reader.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # like a new workshop file, not mkstemp's 0600
        _fsync_file(tmp)
        report = check_file(tmp)
        if not report.sound:
            problems = report.unreadable or "; ".join(report.problems[:3])
            raise BackupError(tr("The backup is damaged and was not restored: {problems}", problems=problems))
        _place_new(tmp, target)
        tmp = None
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as error:
        if isinstance(error, FileExistsError):
            raise BackupError(tr("\u201c{name}\u201d already exists. A backup is only restored as a new file; "
                                 "choose another name.", name=target.name)) from None
        if _disk_full(error):
            raise BackupError(tr("The backup could not be restored: the disk is full.")) from None
        raise BackupError(tr("The backup could not be restored ({error}).", error=_reason(error))) from None
    finally:
        if tmp is not None:
            _remove(tmp)
    return target


def _place_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` without ever replacing a file that appeared there meanwhile."""
    try:
        os.link(tmp, target)  # fails when the name exists (atomically)
    except FileExistsError:
        raise
    except OSError:  # no hard links (FAT USB sticks): check, then rename
        if target.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()
