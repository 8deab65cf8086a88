"""The hand-over file for the ministry (Komdigi): a clean, compacted, self-describing copy of a workshop, with its SHA-256.

``export_handover`` writes ``36.04_Kabupaten-Serang_Tahap-II_2024-07-02.db`` (region code, region, bimtek
stage, first workshop day) into a folder: a ``VACUUM INTO`` copy, upgraded to the current schema, with a
``manifest`` table (application and schema version, created at, row count per table), the
``data_dictionary`` table and the readable views of ``db/sql_views.sql``. The copy is checked (SQLite's
integrity and foreign-key checks and ``fgd-app check``) before it gets its final name, and
``<name>.sha256`` (``sha256sum`` format) is written beside it. A half-written hand-over file never exists
under the final name: everything happens in a temporary file in the same folder, which is fsynced and
renamed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from fgd_app import APP_ID, __version__
from fgd_app.core.errors import FgdError
from fgd_app.core.exchange.review import memory_copy, read_image
from fgd_app.core.output_files import Staged
from fgd_app.core.store import dictionary, known_schema, migrations, sql_views
from fgd_app.core.store.uri import sqlite_uri
from fgd_app.core.store.writer import _q, now_iso
from fgd_app.core.workshop_file import Workshop, check_workshop_database, connect_read_only, inspect_file
from fgd_app.i18n import roman, tr

SUFFIX = ".db"
CHECKSUM_SUFFIX = ".sha256"
HANDOVER_TABLES = ("manifest", "data_dictionary")

MANIFEST_SQL = """
CREATE TABLE manifest (
    key   TEXT PRIMARY KEY NOT NULL,  -- 'app_version', 'schema_version', 'created_at', 'row_count.<table>', ...
    value TEXT NOT NULL
)
"""

Progress = Callable[[int, int, str], None]


class HandoverError(FgdError):
    """The hand-over file could not be written or failed its checks; no file was left under its name."""


@dataclass
class HandoverResult:
    path: Path
    sha256: str
    checksum_path: Path
    manifest: dict[str, str]
    row_counts: dict[str, int]
    views: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return what the command line prints."""
        return [tr("Hand-over file: {path}", path=self.path),
                tr("SHA-256: {digest}", digest=self.sha256),
                tr("Checksum saved in {path}", path=self.checksum_path),
                tr("Records: {count} in {tables} tables; readable views: {views}.",
                   count=sum(self.row_counts.values()), tables=len(self.row_counts),
                   views=", ".join(self.views) or "-")]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-") or "Wilayah"


def handover_name(region_code: str, region_name: str, bimtek_stage: int, day: str | _dt.date) -> str:
    """Return "36.04_Kabupaten-Serang_Tahap-II_2024-07-02.db" (always Indonesian: it is the file's name)."""
    return f"{region_code}_{_slug(region_name)}_Tahap-{roman(int(bimtek_stage))}_{day}{SUFFIX}"


def _name_for(conn: sqlite3.Connection, today: _dt.date) -> str:
    row = conn.execute("SELECT region_code, region_name, bimtek_stage FROM workshop").fetchone()
    first_day = conn.execute("SELECT min(day_date) FROM workshop_day").fetchone()[0]
    return handover_name(row[0], row[1], row[2], first_day or today.isoformat())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write a small file under a temporary name, fsync it, and rename it into place."""
    with Staged() as staged:
        staged.temporary(path).write_bytes(data)
        staged.commit()


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Return the number of rows of every known table present in the file."""
    present = set(known_schema.introspect(conn))
    return {t.name: conn.execute(f"SELECT count(*) FROM {_q(t.name)}").fetchone()[0]
            for t in known_schema.reference().record_tables if t.name in present}


def describe(conn: sqlite3.Connection, *, source_name: str = "") -> tuple[dict[str, str], dict[str, int], list[str]]:
    """Add (or replace) the manifest, the data dictionary and the readable views; return what was written."""
    for table in HANDOVER_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {_q(table)}")
    conn.execute(MANIFEST_SQL)
    conn.execute(dictionary.DICTIONARY_TABLE_SQL)
    conn.executemany("INSERT INTO data_dictionary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", dictionary.rows())
    counts = row_counts(conn)
    workshop = conn.execute("SELECT region_code, region_name, province_name, bimtek_stage FROM workshop").fetchone()
    manifest = {
        "application": APP_ID,
        "app_version": __version__,
        "schema_version": str(len(migrations.applied_names(conn))),
        "migrations": ", ".join(migrations.applied_names(conn)),
        "created_at": now_iso(),
        "region_code": workshop[0],
        "region_name": workshop[1],
        "province_name": workshop[2],
        "bimtek_stage": str(workshop[3]),
        "source_file": source_name,
        "format": tr("SQLite 3 database; tables and columns are described in data_dictionary; "
                     "readable views start with v_."),
    } | {f"row_count.{name}": str(count) for name, count in counts.items()}
    conn.executemany("INSERT INTO manifest (key, value) VALUES (?, ?)", manifest.items())
    made = sql_views.write_views(conn, sql_views.HANDOVER)
    return manifest, counts, made.created


def verify(path: Path) -> list[str]:
    """Return the problems SQLite's own checks and ``fgd-app check`` find in a written file (empty: sound)."""
    problems: list[str] = []
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems += integrity
        problems += [tr("Foreign key: row {rowid} of {table} points to a missing row of {parent}.",
                        rowid=r[1], table=r[0], parent=r[2]) for r in conn.execute("PRAGMA foreign_key_check")]
    finally:
        conn.close()
    try:
        from fgd_app.core.store.check import check_file
    except ImportError:  # pragma: no cover - the check module is part of the app
        return problems
    report = check_file(path)
    problems += ([report.unreadable] if report.unreadable else []) + report.problems
    return problems


def export_handover(source: Workshop | str | os.PathLike, folder: str | os.PathLike, *,
                    today: _dt.date | None = None, progress: Progress | None = None,
                    replace: bool = True) -> HandoverResult:
    """Write the hand-over file of ``source`` (an open workshop or a file path) into ``folder``.

    The source is only read. Raise ``HandoverError`` (or a ``WorkshopFileError`` for an unreadable source,
    an ``OutputError`` when the folder cannot be written or, with ``replace`` False, the hand-over file or its
    checksum exists) with a message for the user; then nothing new is left in ``folder``.
    """
    folder = Path(folder).expanduser().absolute()
    step = progress or (lambda done, total, text: None)
    if not folder.is_dir():
        if folder.exists():
            raise HandoverError(tr("\u201c{path}\u201d is a file, not a folder.", path=folder))
        raise HandoverError(tr("The folder \u201c{path}\u201d does not exist.", path=folder))
    today = today or _dt.date.today()
    with Staged(replace=replace) as staged:
        tmp = staged.temporary(folder, folder=folder, create=False)  # VACUUM INTO wants to create the file
        step(0, 4, tr("Copying the workshop file"))
        source_name = _copy_into(source, tmp)
        step(1, 4, tr("Describing the file (manifest, data dictionary, views)"))
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            if len(migrations.applied_names(conn)) < migrations.schema_version():
                migrations.migrations().apply(Database(conn, execute_plugins=False))
                conn.execute("INSERT OR REPLACE INTO metadata (key, value) VALUES ('schema_version', ?)",
                             (str(migrations.schema_version()),))
            conn.execute("BEGIN")
            manifest, counts, made = describe(conn, source_name=source_name)
            conn.execute("COMMIT")
            name = _name_for(conn, today)
        finally:
            conn.close()
        final = folder / name
        staged.retarget(tmp, final)
        step(2, 4, tr("Checking the copy"))
        problems = verify(tmp)
        if problems:
            checked = source.path if isinstance(source, Workshop) else Path(source).expanduser().absolute()
            raise HandoverError(tr("The hand-over copy failed its check; nothing was written:\n{problems}\n"
                                   "Run \u201cfgd-app check {path}\u201d to list every problem of the workshop file.",
                                   problems="\n".join(problems[:20]), path=checked))
        step(3, 4, tr("Saving and computing the SHA-256"))
        digest = sha256_of(tmp)
        checksum = final.with_name(final.name + CHECKSUM_SUFFIX)
        staged.temporary(checksum).write_bytes(f"{digest}  {final.name}\n".encode())
        staged.commit()  # the file and its checksum together
    step(4, 4, tr("Done"))
    return HandoverResult(final, digest, checksum, manifest, counts, made)


def _copy_into(source: Workshop | str | os.PathLike, target: Path) -> str:
    """VACUUM the source into ``target`` without writing to the source; return the source's file name."""
    if isinstance(source, Workshop):
        source.store.conn.execute("VACUUM INTO ?", (str(target),))
        return source.path.name
    path = Path(source).expanduser().absolute()
    if Path(f"{path}-wal").exists() or Path(f"{path}-shm").exists():
        inspect_file(path)  # live in a running app: read in place so its latest edits are included
        conn = connect_read_only(path)  # on a read-only stick: a private copy of file and -wal
    else:
        conn = memory_copy(path, read_image(path))
        check_workshop_database(conn, path)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    finally:
        conn.close()
    return path.name
