"""Review a received workshop file without changing it: not one byte, not its modification time.

The file is read once into memory (``sqlite3.Connection.deserialize``) and everything happens on that
copy: no lock is taken on the file, no ``-wal``/``-shm`` companion is created beside it, and a file from
an older version can be upgraded in memory for viewing. Only a file that is live in a running app (its
``-wal``/``-shm`` companions exist) is read in place with ``mode=ro``, so its latest edits are shown.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from fgd_app import APP_ID
from fgd_app.core import schema
from fgd_app.core.errors import CorruptFileError, NewerVersionError, NotFoundError, NotSQLiteError, NotWorkshopError
from fgd_app.core.workshop import SQLITE_HEADER, Workshop
from fgd_app.i18n import tr

_WAL_VERSION_BYTES = slice(18, 20)  # file format write/read versions: 2 = WAL, 1 = rollback journal


def is_live(path: Path) -> bool:
    """Return True when SQLite companion files beside ``path`` show it is (or was last) open in WAL mode."""
    return Path(f"{path}-wal").exists() or Path(f"{path}-shm").exists()


def read_image(path: Path) -> bytes:
    """Return the bytes of a workshop file, refusing what is clearly not one (nothing is written)."""
    if not path.exists():
        raise NotFoundError(path, tr("The file \u201c{path}\u201d does not exist.", path=path))
    if path.is_dir():
        raise NotSQLiteError(path, tr("\u201c{path}\u201d is a folder, not a workshop file.", path=path))
    try:
        data = path.read_bytes()
    except PermissionError:
        raise NotFoundError(path, tr("The file \u201c{path}\u201d cannot be read (no permission).",
                                     path=path)) from None
    if not data.startswith(SQLITE_HEADER):
        raise NotSQLiteError(path, tr("\u201c{name}\u201d is not a workshop file (it is not an SQLite database).",
                                      name=path.name))
    if len(data) < 100:
        raise CorruptFileError(path, tr("\u201c{name}\u201d is damaged: the file is truncated.", name=path.name))
    return data


def memory_copy(path: Path, data: bytes | None = None) -> sqlite3.Connection:
    """Return a memory database holding the file's content (journal mode set to memory, WAL bytes cleared)."""
    image = bytearray(read_image(path) if data is None else data)
    image[_WAL_VERSION_BYTES] = b"\x01\x01"
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        conn.deserialize(bytes(image))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        raise CorruptFileError(path, tr("\u201c{name}\u201d is damaged and cannot be read ({error}).",
                                        name=path.name, error=error)) from None
    return conn


def inspect_image(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Refuse a damaged, foreign or newer file; return the migrations it has."""
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check")]
        application = None
        with contextlib.suppress(sqlite3.DatabaseError):
            application = conn.execute("SELECT value FROM metadata WHERE key = 'application'").fetchone()
    except sqlite3.DatabaseError as error:
        raise CorruptFileError(path, tr("\u201c{name}\u201d is damaged and cannot be read ({error}).",
                                        name=path.name, error=error)) from None
    if result != ["ok"]:
        raise CorruptFileError(path, tr("\u201c{name}\u201d is damaged: the integrity check failed.", name=path.name))
    if not application or application[0] != APP_ID:
        raise NotWorkshopError(path, tr(
            "\u201c{name}\u201d is an SQLite database of another program, not a workshop file.", name=path.name))
    if schema.unknown_migrations(conn):
        written_by = conn.execute("SELECT value FROM metadata WHERE key = 'app_version'").fetchone()
        raise NewerVersionError(path, tr(
            "\u201c{name}\u201d was made by a newer version of this app ({version}). Please update the "
            "app to open it; the file was not changed.",
            name=path.name, version=written_by[0] if written_by else "?"))
    return schema.applied_names(conn)


def open_for_review(path: str | Path) -> Workshop:
    """Open a received workshop file read-only for viewing and printing; the file itself is never touched.

    Raise a ``WorkshopFileError`` (with a message for the user) when it is not a readable workshop file.
    """
    path = Path(path).expanduser().absolute()
    if is_live(path):
        return Workshop.open(path, read_only=True)
    conn = memory_copy(path)
    try:
        applied = inspect_image(conn, path)
        reason = tr("Review: this file is open read-only. Nothing you do here changes it.")
        if len(applied) < schema.schema_version():
            schema.apply_migrations(conn)
            reason = tr("Review: this file comes from an older version and is shown upgraded, read-only. "
                        "The file itself is not changed.")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return Workshop(path, conn, read_only=True, read_only_reason=reason)
