"""Review a received workshop file without changing it: not one byte, not its modification time.

The file is read once into memory (``sqlite3.Connection.deserialize``) and everything happens on that
copy: no lock is taken on the file, no ``-wal``/``-shm`` companion is created beside it, and a file from
an older version can be upgraded in memory for viewing. Only a file that is live in a running app (its
``-wal``/``-shm`` companions exist) is read in place with ``mode=ro``, so its latest edits are shown.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fgd_app.core.store import migrations
from fgd_app.core.workshop_file import Workshop, check_workshop_database, damaged_file_error, read_file_start
from fgd_app.i18n import tr

_WAL_VERSION_BYTES = slice(18, 20)  # file format write/read versions: 2 = WAL, 1 = rollback journal


def is_live(path: Path) -> bool:
    """Return True when SQLite companion files beside ``path`` show it is (or was last) open in WAL mode."""
    return Path(f"{path}-wal").exists() or Path(f"{path}-shm").exists()


def read_image(path: Path) -> bytes:
    """Return the bytes of a workshop file, refusing what is clearly not one (nothing is written)."""
    return read_file_start(path, None)


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
        raise damaged_file_error(path, error) from None
    return conn


def open_for_review(path: str | Path) -> Workshop:
    """Open a received workshop file read-only for viewing and printing; the file itself is never touched.

    Raise a ``WorkshopFileError`` (with a message for the user) when it is not a readable workshop file.
    """
    path = Path(path).expanduser().absolute()
    if is_live(path):
        return Workshop.open(path, read_only=True)
    conn = memory_copy(path)
    try:
        applied = check_workshop_database(conn, path)
        reason = tr("Review: this file is open read-only. Nothing you do here changes it.")
        if len(applied) < migrations.schema_version():
            migrations.apply_migrations(conn)
            reason = tr("Review: this file comes from an older version and is shown upgraded, read-only. "
                        "The file itself is not changed.")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA query_only = ON")
    except BaseException:
        conn.close()
        raise
    return Workshop(path, conn, read_only=True, read_only_reason=reason)
