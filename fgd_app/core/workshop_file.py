"""The facade: one workshop file opened from a path; every part of the core hangs off it."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import importlib
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fgd_app import APP_ID, __version__
from fgd_app.core.errors import (
    CorruptFileError,
    FileInUseError,
    FileReadOnlyError,
    NewerVersionError,
    NotFoundError,
    NotSQLiteError,
    NotWorkshopError,
    ValidationError,
    WorkshopFileError,
)
from fgd_app.core.store import migrations
from fgd_app.core.store.record_table import new_id
from fgd_app.core.store.rules import rows_breaking_rules
from fgd_app.core.store.uri import sqlite_uri
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.core.workshop import defaults
from fgd_app.core.workshop.details import Days, Dimensions, Elements, Stages, WorkshopInfo, validate_info
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core.analysis.records import RegionAnalysis
    from fgd_app.core.innovations.records import Innovations
    from fgd_app.core.minutes.book import MinutesBook
    from fgd_app.core.people.records import Attendance, Opds, Participants
    from fgd_app.core.plans.records import ActionPlans
    from fgd_app.core.printing.paperwork import DocumentSettings
    from fgd_app.core.quickwins.scoring import QuickWins
    from fgd_app.core.risks.register import Risks
    from fgd_app.core.room.records import Room
    from fgd_app.core.room.rounds import Rounds

SQLITE_HEADER = b"SQLite format 3\x00"
FILE_SUFFIX = ".fgd.db"

try:  # POSIX advisory lock that marks a file as open in a running instance
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class _InstanceLock:
    """An exclusive ``flock`` on the file itself: released by the OS when the process dies.

    ``flock`` locks are independent of SQLite's POSIX record locks, so SQLite is not disturbed, and
    nothing is written to the file or beside it.
    """

    def __init__(self, path: Path):
        self.fd: int | None = None
        if fcntl is None:
            return
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def in_use_error(path: Path) -> FileInUseError | None:
    """Return the refusal to replace ``path`` when another window has it open for writing, else None."""
    try:
        _InstanceLock(path).release()
    except OSError as error:
        if error.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):  # EACCES: flock on some NFS
            return None  # missing or unreadable: not in use (replacing it reports its own error)
        return FileInUseError(path, tr(
            "\u201c{name}\u201d is open in another window of this app, so it cannot be replaced. Close it there "
            "first, or choose another name.", name=path.name))
    return None


TEMPORARY_PREFIXES = (".new-", ".restore-")  # a new workshop file, a backup restored: built, then renamed
_SQLITE_COMPANIONS = ("", "-journal", "-wal", "-shm")


def temporary_prefix(prefix: str) -> str:
    """Return the start of a temporary file's name made by this process (its pid tells a leftover apart)."""
    return f"{prefix}{os.getpid()}-"


def _is_leftover(path: Path, prefix: str) -> bool:
    """Return True for a temporary file that no running process writes any more (its writer crashed)."""
    pid = path.name[len(prefix):].split("-", 1)[0]
    if pid.isdigit() and os.name == "posix":
        if int(pid) == os.getpid():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except OSError:
            pass
    try:  # an older build's name (no pid), another system, or a pid reused since: after an hour
        return time.time() - path.stat().st_mtime > 3600
    except OSError:
        return False


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove hidden temporary files a crashed new-workshop or restore left in ``folder``; return them."""
    removed = []
    with contextlib.suppress(OSError):
        for prefix in TEMPORARY_PREFIXES:
            for path in folder.glob(prefix + "*"):
                main = path.name.removesuffix("-journal").removesuffix("-wal").removesuffix("-shm")
                if not main.endswith(".db") or not _is_leftover(path.with_name(main), prefix):
                    continue
                for companion in _SQLITE_COMPANIONS:
                    leftover = path.with_name(main + companion)
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
                        removed.append(leftover)
    return removed


def not_a_workshop_file(name: str, application: str | None) -> str:
    """Return why a file whose metadata names ``application`` is not a workshop file (a consolidated file of
    ``fgd-app merge`` is said to be one, with where it opens)."""
    from fgd_app.core.exchange.consolidated import APPLICATION

    if application == APPLICATION:
        return tr("\u201c{name}\u201d is a consolidated file of many regions (fgd-app merge), not the workshop file "
                  "of one region. Open it in the app (the ministry's desk) or use fgd-app portfolio.", name=name)
    return tr("\u201c{name}\u201d is an SQLite database of another program, not a workshop file.", name=name)


def damaged_file_error(path: Path, error: object) -> CorruptFileError:
    return CorruptFileError(path, tr("\u201c{name}\u201d is damaged and cannot be read ({error}).",
                                     name=path.name, error=error))


def read_file_start(path: Path, size: int | None = 100) -> bytes:
    """Return the first ``size`` bytes of ``path`` (all of it for None); refuse a missing or unreadable file."""
    if not path.exists():
        raise NotFoundError(path, tr("The file \u201c{path}\u201d does not exist.", path=path))
    if path.is_dir():
        raise NotSQLiteError(path, tr("\u201c{path}\u201d is a folder, not a workshop file.", path=path))
    try:
        with open(path, "rb") as handle:
            data = handle.read() if size is None else handle.read(size)
    except PermissionError:
        raise NotFoundError(path, tr("The file \u201c{path}\u201d cannot be read (no permission).",
                                     path=path)) from None
    if not data.startswith(SQLITE_HEADER):
        raise NotSQLiteError(path, tr("\u201c{name}\u201d is not a workshop file (it is not an SQLite database).",
                                      name=path.name))
    if len(data) < 100 or is_truncated(path, data):
        raise CorruptFileError(path, tr("\u201c{name}\u201d is damaged: the file is truncated.", name=path.name))
    return data


def is_truncated(path: Path, header: bytes) -> bool:
    """Return True when the file is shorter than its header says (a stat and the 100 header bytes).

    Only when no ``-wal`` holds pages of it (then the file itself may be shorter): the size must be a whole
    number of pages and, when the header's page count is valid (its "version-valid-for" number equals the
    change counter), at least that many pages. A file missing only its last bytes passed
    ``integrity_check`` and opened (SQLite reads the missing part as zeros).
    """
    wal = Path(f"{path}-wal")
    with contextlib.suppress(OSError):
        if wal.stat().st_size > 0:
            return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return False  # not a page size: SQLite itself refuses the header
    size = path.stat().st_size
    pages = int.from_bytes(header[28:32], "big")
    if size % page_size:
        return True
    return header[24:28] == header[92:96] and size < page_size * pages


class IntegrityCheck:
    """``PRAGMA quick_check`` of a file, run in a thread started now; ``result()`` waits for it.

    The check reads the whole file (~6 ms for 6 MB) inside SQLite, which lets other threads run: the
    command line starts it before it loads Qt, so that both happen at once (``Workshop.open(checked=)``).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path).expanduser().absolute()
        self._rows: list[str] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="fgd-integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = connect_read_only(self.path)
            try:
                self._rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
            finally:
                conn.close()
        except BaseException as error:  # noqa: BLE001 - handed to the opening thread, which explains it
            self._error = error

    def result(self) -> list[str]:
        """Return the rows of ``quick_check`` (["ok"] for a sound file); raise what the check raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._rows


def broken_rules_error(path: Path, tables: list[str]) -> CorruptFileError:
    """Return the refusal of a file whose rows break its own rules (planted behind the app's back)."""
    return CorruptFileError(path, tr(
        "\u201c{name}\u201d holds values that break its own rules (in: {tables}), so it cannot be used. "
        "Run \u201cfgd-app check {path}\u201d to list them; the file was not changed.",
        name=path.name, path=path, tables=", ".join(tables)))


# quick_check's lines for a row that breaks a CHECK or NOT NULL rule (the file's pages are sound)
_BROKEN_RULE = re.compile(r"^(?:CHECK constraint failed in (\w+)|NULL value in (\w+)\.\w+)$")


def check_workshop_database(conn: sqlite3.Connection, path: Path,
                            checked: IntegrityCheck | None = None) -> list[str]:
    """Refuse a damaged, foreign or newer database; return the migrations it has (reads only).

    ``checked``: the integrity check of this file, already started (else it runs here).
    """
    try:
        if checked is not None and checked.path == path:
            result = checked.result()
        else:
            result = [r[0] for r in conn.execute("PRAGMA quick_check")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise damaged_file_error(path, error) from None
    broken = sorted({m[1] or m[2] for m in map(_BROKEN_RULE.match, result) if m}) if result != ["ok"] else []
    if result != ["ok"] and not all(map(_BROKEN_RULE.match, result)):
        raise CorruptFileError(path, tr("\u201c{name}\u201d is damaged: the integrity check failed.", name=path.name))
    application = None
    if "metadata" in tables:
        with contextlib.suppress(sqlite3.DatabaseError):
            application = conn.execute("SELECT value FROM metadata WHERE key = 'application'").fetchone()
    if not application or application[0] != APP_ID:
        raise NotWorkshopError(path, not_a_workshop_file(path.name, application[0] if application else None))
    if migrations.unknown_migrations(conn):
        written_by = conn.execute("SELECT value FROM metadata WHERE key = 'app_version'").fetchone()
        raise NewerVersionError(path, tr(
            "\u201c{name}\u201d was made by a newer version of this app ({version}). Please update the "
            "app to open it; the file was not changed.",
            name=path.name, version=written_by[0] if written_by else "?"))
    try:
        workshops = conn.execute("SELECT count(*) FROM workshop").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise damaged_file_error(path, error) from None
    if workshops != 1:  # every page and command reads the one workshop record
        raise CorruptFileError(path, tr(
            "\u201c{name}\u201d holds {count} workshop records instead of one, so it cannot be used. "
            "Run \u201cfgd-app check {path}\u201d to see every problem; the file was not changed.",
            name=path.name, path=path, count=workshops))
    try:
        if not broken and rows_breaking_rules(conn, "workshop"):  # quick_check skips CHECK rules when read-only
            broken = ["workshop"]
    except sqlite3.DatabaseError as error:
        raise damaged_file_error(path, error) from None
    if broken:
        raise broken_rules_error(path, broken)
    return migrations.applied_names(conn)


def inspect_file(path: Path, checked: IntegrityCheck | None = None) -> list[str]:
    """Check a file read-only and return the migrations it has; raise WorkshopFileError otherwise.

    Nothing is written, to the file or beside it (see ``connect_read_only``).
    """
    read_file_start(path)
    try:
        conn = connect_read_only(path)
    except sqlite3.DatabaseError as error:
        raise damaged_file_error(path, error) from None
    try:
        return check_workshop_database(conn, path, checked)
    finally:
        conn.close()


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open ``path`` for reading without writing anything to it or beside it.

    A read-only connection to a WAL file still creates ``-wal`` and ``-shm`` companions when the folder
    is writable, and leaves them behind. Without a ``-wal`` companion nothing is pending, so the main
    file is read as it is (``immutable=1``); with one (another instance has it open, or a crash left
    it), it must be read through it (``mode=ro``). On a read-only medium without a usable ``-shm``,
    SQLite cannot read the ``-wal`` in place; then a private copy of file and ``-wal`` is read instead
    (``read_wal_snapshot``), so edits still in the ``-wal`` are never silently ignored.
    """
    if Path(f"{path}-wal").exists():
        try:
            conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, isolation_level=None)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError:
            return read_wal_snapshot(path)
    return sqlite3.connect(sqlite_uri(path, mode="ro", immutable="1"), uri=True, isolation_level=None)


def read_wal_snapshot(path: Path) -> sqlite3.Connection:
    """Return a memory database holding ``path`` with the committed content of its ``-wal``.

    File and ``-wal`` are copied into a private temporary folder (never the ``-shm``: SQLite rebuilds it),
    opened there, where SQLite may write, and copied into memory; the folder is removed at once.
    A failure is raised as ``sqlite3.OperationalError``.
    """
    with tempfile.TemporaryDirectory(prefix="fgd-read-") as folder:
        copy = Path(folder) / "snapshot.db"
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        except OSError as error:
            raise sqlite3.OperationalError(error.strerror or str(error)) from None
        source = sqlite3.connect(copy, isolation_level=None)
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            source.backup(memory)
        except sqlite3.Error:
            memory.close()
            raise
        finally:
            source.close()
    return memory


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")


class _Part:
    """A part of the facade built on first use, its module imported only then (opening stays fast)."""

    def __init__(self, target: str):
        self.target = target

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, workshop: Workshop | None, owner: type | None = None):
        if workshop is None:
            return self
        module, _, cls = self.target.partition(":")
        part = getattr(importlib.import_module(module), cls)(workshop.store)
        workshop.__dict__[self.name] = part  # the instance attribute wins from now on
        return part


class Workshop:
    """An open workshop file. Create with ``Workshop.create`` or ``Workshop.open``; ``close()`` when done."""

    opds: Opds = _Part("fgd_app.core.people.records:Opds")  # OPDs, participants and attendance: second page
    participants: Participants = _Part("fgd_app.core.people.records:Participants")
    attendance: Attendance = _Part("fgd_app.core.people.records:Attendance")
    innovations: Innovations = _Part("fgd_app.core.innovations.records:Innovations")  # day 1
    plans: ActionPlans = _Part("fgd_app.core.plans.records:ActionPlans")  # action plans, funding sources, statuses
    risks: Risks = _Part("fgd_app.core.risks.register:Risks")  # register; .setup (matrix), .categories, .groups
    quickwins: QuickWins = _Part("fgd_app.core.quickwins.scoring:QuickWins")  # criteria, scores, votes, rule, choice
    documents: DocumentSettings = _Part("fgd_app.core.printing.paperwork:DocumentSettings")  # paperwork fields
    minutes: MinutesBook = _Part("fgd_app.core.minutes.book:MinutesBook")  # notulen per day
    analysis: RegionAnalysis = _Part("fgd_app.core.analysis.records:RegionAnalysis")  # stage I: Kondisi daerah
    room: Room = _Part("fgd_app.core.room.records:Room")  # room mode: phones' check-ins and ideas inbox
    rounds: Rounds = _Part("fgd_app.core.room.rounds:Rounds")  # room mode: rounds of votes and scores

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool, read_only_reason: str = "",
                 lock: _InstanceLock | None = None):
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._lock = lock
        self.closed = False  # screens check it before a delayed refresh
        self.store = Store(conn, read_only=read_only)
        self.days = Days(self.store)
        self.stages = Stages(self.store)
        self.dimensions = Dimensions(self.store)
        self.elements = Elements(self.store)
        self.store.add_derived(lambda tables, store=self.store: _refresh_derived(store, tables))

    # --- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike, *, read_only: bool = False,
             checked: IntegrityCheck | None = None) -> Workshop:
        """Open a workshop file, upgrading its schema when it is older.

        Raise a ``WorkshopFileError`` with a message for the user when it cannot be opened; then the
        file is unchanged. ``FileReadOnlyError`` and ``FileInUseError`` mean it can be opened with
        ``read_only=True``. ``checked``: an ``IntegrityCheck`` of the file started earlier.
        """
        path = Path(path).expanduser().absolute()
        applied = inspect_file(path, checked)
        pending = len(applied) < migrations.schema_version()
        if read_only:
            if pending:
                raise WorkshopFileError(path, tr(
                    "\u201c{name}\u201d was made by an older version and must be upgraded before it can be "
                    "reviewed read-only. Open a copy of it normally.", name=path.name))
            conn = connect_read_only(path)
            _configure(conn)
            return cls(path, conn, read_only=True,
                       read_only_reason=tr("Opened read-only: changes cannot be saved."))
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise FileReadOnlyError(path, tr(
                "\u201c{name}\u201d is on a write-protected medium or folder. It can be opened read-only.",
                name=path.name))
        try:
            lock = _InstanceLock(path)
        except OSError:
            raise FileInUseError(path, tr(
                "\u201c{name}\u201d is already open in another window of this app. It can be opened "
                "read-only here.", name=path.name)) from None
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            _configure(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            recorded = conn.execute("SELECT value FROM metadata WHERE key = 'schema_version'").fetchone()
            if pending or recorded is None or recorded[0] != str(len(applied)):
                # the steps and the version they make, in one transaction (an older build committed the
                # version apart: a crash between left it stale, and ``check`` refused the file for good)
                migrations.apply_migrations(conn, then=lambda: conn.execute(
                    "INSERT OR REPLACE INTO metadata (key, value) VALUES ('schema_version', ?)",
                    (str(migrations.schema_version()),)))
        except sqlite3.DatabaseError as error:
            lock.release()
            raise CorruptFileError(path, tr("\u201c{name}\u201d could not be opened ({error}).",
                                            name=path.name, error=error)) from None
        remove_leftovers(path.parent)
        return cls(path, conn, read_only=False, lock=lock)

    @classmethod
    def create(cls, path: str | os.PathLike, *, overwrite: bool = False, **info: Any) -> Workshop:
        """Write a new workshop file with the default dimensions, stages and days, then open it.

        The file is built beside its final name and renamed into place, so a half-written workshop
        file never exists.
        """
        path = Path(path).expanduser().absolute()
        if path.exists() and not overwrite:
            raise WorkshopFileError(path, tr("\u201c{name}\u201d already exists.", name=path.name))
        days = info.pop("days", [])
        values = validate_info({"id": new_id()} | {
            f.name: f.default for f in dataclasses.fields(WorkshopInfo)
            if f.default is not dataclasses.MISSING} | info)
        if not path.parent.is_dir():
            raise WorkshopFileError(path, tr("The folder \u201c{path}\u201d does not exist.", path=path.parent))
        old_lock = None  # held on the file being replaced, so that no window opens it meanwhile
        if path.exists():
            refusal = in_use_error(path)
            if refusal is not None:
                raise refusal
            with contextlib.suppress(OSError):
                old_lock = _InstanceLock(path)
        remove_leftovers(path.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=temporary_prefix(".new-"), suffix=".db", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        conn = None
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            _configure(conn)
            conn.execute("PRAGMA journal_mode = DELETE")
            migrations.apply_migrations(conn)
            _write_initial_rows(conn, values, days)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.close()
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
                companion.unlink(missing_ok=True)  # a stale WAL must never be replayed into the new file
            os.replace(tmp, path)
        except BaseException:
            if conn is not None:
                conn.close()  # an open file on a full USB stick would keep it busy
            for leftover in (tmp, Path(f"{tmp}-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        finally:
            if old_lock is not None:
                old_lock.release()
        return cls.open(path)

    def close(self) -> None:
        """Close the file (WAL checkpointed into it) and release the instance lock."""
        if not self.closed:
            with contextlib.suppress(sqlite3.Error):
                if not self.read_only:
                    self.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.store.conn.close()
            self.closed = True
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workshop:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the workshop itself ---------------------------------------------------------------------
    def info(self) -> WorkshopInfo:
        row = self.store.query_one("SELECT * FROM workshop")
        names = [f.name for f in dataclasses.fields(WorkshopInfo)]
        return WorkshopInfo(**{k: row[k] for k in names})

    def update_info(self, **changes: Any) -> WorkshopInfo:
        """Validate and save changes to the workshop's identity (one undoable operation)."""
        current = dataclasses.asdict(self.info())
        values = validate_info(current | changes)
        changed = {k: v for k, v in values.items() if k != "id" and v != current.get(k)}
        if not changed:
            return self.info()
        stages = self.stages.list()
        with self.store.write(tr("Edit workshop data")):
            sets = ", ".join(f"{k} = ?" for k in changed)
            self.store.execute(f"UPDATE workshop SET {sets}, updated_at = ?", (*changed.values(), now_iso()))
            if "region_code" in changed:
                self._set_meta("region_code", values["region_code"])
                self._replace_districts(values["region_code"])
            first, last = values["horizon_first_year"], values["horizon_last_year"]
            if {"horizon_first_year", "horizon_last_year"} & changed.keys() and any(
                s.first_year < first or s.last_year > last for s in stages
            ):
                self._reset_stages(first, last, len(stages) or 4)
        return self.info()

    def _reset_stages(self, first: int, last: int, count: int) -> None:
        self.store.execute("DELETE FROM horizon_stage")
        for number, a, b in defaults.default_stages(first, last, count):
            self.stages.insert_row({"id": new_id(), "number": number,
                                    "name": tr("Stage {number}", number=number), "first_year": a,
                                    "last_year": b})

    def _replace_districts(self, region_code: str) -> None:
        """Replace the kecamatan list with the new region's (kecamatan still referenced are kept)."""
        from fgd_app.core.workshop import regions  # here: opening a file never needs the region list

        wanted = {d.code: d.name for d in regions.districts(region_code)}
        for row in self.store.query("SELECT id, code FROM district"):
            if row["code"] in wanted:
                continue
            self.store.execute("SAVEPOINT drop_district")
            try:
                self.store.execute("DELETE FROM district WHERE id = ?", (row["id"],))
            except sqlite3.IntegrityError:  # still referenced by a record: keep it
                self.store.execute("ROLLBACK TO drop_district")
            self.store.execute("RELEASE drop_district")
        have = {r[0] for r in self.store.query("SELECT code FROM district")}
        stamp = now_iso()
        for code, name in wanted.items():
            if code not in have:
                self.store.execute("INSERT INTO district VALUES (?, ?, ?, ?, ?)", (new_id(), code, name, stamp, stamp))

    def districts(self) -> list[tuple[str, str, str]]:
        """Return the region's kecamatan as (id, code, name), ordered by code."""
        return [(r[0], r[1], r[2]) for r in self.store.query("SELECT id, code, name FROM district ORDER BY code")]

    def _set_meta(self, key: str, value: str) -> None:
        # an upsert, not INSERT OR REPLACE: REPLACE deletes the old row without firing the undo log's trigger
        self.store.execute("INSERT INTO metadata (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def metadata(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.store.query("SELECT key, value FROM metadata")}

    def schema_version(self) -> int:
        return len(migrations.applied_names(self.store.conn))

    # --- undo ------------------------------------------------------------------------------------
    def undo(self):
        return self.store.undo()

    def redo(self):
        return self.store.redo()

    def check_stage_years(self, first_year: int, last_year: int) -> None:
        """Refuse years outside the planning horizon."""
        info = self.info()
        for field, year in (("first_year", first_year), ("last_year", last_year)):
            if not info.horizon_first_year <= year <= info.horizon_last_year:
                raise ValidationError(field, tr("{year} is outside the planning horizon {first}\u2013{last}.",
                                                year=year, first=info.horizon_first_year,
                                                last=info.horizon_last_year))


def _refresh_derived(store: Store, tables: frozenset[str]) -> None:
    """Recompute, inside an undo or redo, what its log cannot restore: the innovation search index.

    The index's triggers miss rows restored out of order (an OPD put back after the innovations that name
    it), so it is rebuilt whenever a table it is made from was touched.
    """
    from fgd_app.core.innovations import search  # here: opening a file never needs it

    if tables & search.INDEX_SOURCES:
        search.rebuild_index(store)


def _write_initial_rows(conn: sqlite3.Connection, values: dict[str, Any], days: list) -> None:
    """Fill a brand-new file: metadata, workshop row, stages, dimensions and elements, days."""
    from fgd_app.core.workshop import regions

    stamp = now_iso()
    conn.execute("BEGIN")
    meta = {"application": APP_ID, "app_version": __version__, "schema_version": str(migrations.schema_version()),
            "region_code": values["region_code"], "created_at": stamp}
    conn.executemany("INSERT INTO metadata (key, value) VALUES (?, ?)", meta.items())
    names = [f.name for f in dataclasses.fields(WorkshopInfo)]
    row = {k: values[k] for k in names} | {"created_at": stamp, "updated_at": stamp}
    conn.execute(f"INSERT INTO workshop ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))
    for number, first, last in defaults.default_stages(values["horizon_first_year"], values["horizon_last_year"]):
        conn.execute("INSERT INTO horizon_stage VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (new_id(), number, tr("Stage {number}", number=number), first, last, stamp, stamp))
    for position, (code, name, elements) in enumerate(defaults.DIMENSIONS, start=1):
        dimension_id = new_id()
        conn.execute("INSERT INTO dimension (id, code, name, name_en, position, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (dimension_id, code, name, name, position, stamp, stamp))
        for element_position, (element, element_en) in enumerate(elements, start=1):
            conn.execute("INSERT INTO element VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (new_id(), dimension_id, element, element_en, element_position, stamp, stamp))
    for district in regions.districts(values["region_code"]):
        conn.execute("INSERT INTO district VALUES (?, ?, ?, ?, ?)",
                     (new_id(), district.code, district.name, stamp, stamp))
    for day in days:
        conn.execute("INSERT INTO workshop_day (id, day_date, created_at, updated_at) VALUES (?, ?, ?, ?)",
                     (new_id(), str(day), stamp, stamp))
    conn.execute("COMMIT")
