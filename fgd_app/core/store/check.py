"""Check a workshop file without changing it: SQLite integrity, foreign keys, constraints, schema version.

``check_file(path)`` returns a ``CheckReport``; ``fgd-app check FILE`` prints it. The file is only read
(``mode=ro``); its bytes and modification time stay as they were.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from fgd_app import APP_ID, __version__
from fgd_app.core.store import migrations
from fgd_app.core.store.rules import _twin_check, wrong_types
from fgd_app.core.store.writer import _q as _q_ident
from fgd_app.core.workshop_file import SQLITE_HEADER, is_truncated
from fgd_app.core.workshop_file import connect_read_only as read_only_connection
from fgd_app.i18n import roman, tr

REQUIRED_METADATA = ("application", "app_version", "schema_version", "region_code", "created_at")
MAX_LISTED = 20  # per kind of problem; more are summarised


@dataclass
class CheckReport:
    """What ``check_file`` found. ``exit_code``: 0 sound, 1 problems listed, 2 not a readable workshop file."""

    path: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    unreadable: str = ""  # why the file is not a workshop file at all

    @property
    def sound(self) -> bool:
        return not self.problems and not self.unreadable

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else 1 if self.problems else 0

    def lines(self) -> list[str]:
        """Return the report as text lines for a terminal."""
        out = [tr("Checking \u201c{path}\u201d", path=self.path)]
        if self.unreadable:
            return [*out, "  " + self.unreadable, tr("Result: not a workshop file that can be read.")]
        out += [f"  {label}: {value}" for label, value in self.facts]
        out += ["  " + tr("Note: {text}", text=note) for note in self.notes]
        if self.problems:
            out.append(tr("{count} problem(s) found:", count=len(self.problems)))
            out += [f"  - {problem}" for problem in self.problems]
            out.append(tr("Result: problems found."))
        else:
            out.append(tr("Result: the file is sound."))
        return out


def check_file(path: str | Path) -> CheckReport:
    """Check the workshop file at ``path`` read-only and return the report."""
    path = Path(path).expanduser().absolute()
    report = CheckReport(str(path))
    report.unreadable = _header_problem(path)
    if report.unreadable:
        return report
    try:
        conn = read_only_connection(path)
    except sqlite3.Error as error:
        report.unreadable = tr("The file cannot be read ({error}).", error=error)
        return report
    try:
        _check(conn, path, report)
    except sqlite3.DatabaseError as error:
        report.unreadable = report.unreadable or tr("\u201c{name}\u201d is damaged and cannot be read ({error}).",
                                                    name=path.name, error=error)
    except Exception as error:  # noqa: BLE001 - the check describes bad files; it never stops with a traceback
        report.problems.append(tr("Could not finish the check ({error}).", error=f"{type(error).__name__}: {error}"))
    finally:
        conn.close()
    return report


def _header_problem(path: Path) -> str:
    """Return why ``path`` cannot be an SQLite file at all, or "" when its header looks right."""
    try:
        path.stat()
    except FileNotFoundError:
        return tr("The file \u201c{path}\u201d does not exist.", path=path)
    except OSError as error:  # e.g. a folder on the way that may not be opened
        return tr("The file cannot be read ({error}).", error=error.strerror or error)
    if path.is_dir():
        return tr("\u201c{path}\u201d is a folder, not a workshop file.", path=path)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return tr("The file cannot be read ({error}).", error=error.strerror or error)
    if not header.startswith(SQLITE_HEADER):
        return tr("\u201c{name}\u201d is not a workshop file (it is not an SQLite database).", name=path.name)
    if len(header) < 100 or is_truncated(path, header):
        return tr("\u201c{name}\u201d is damaged: the file is truncated.", name=path.name)
    return ""


def _check(conn: sqlite3.Connection, path: Path, report: CheckReport) -> None:
    integrity = [line for r in conn.execute("PRAGMA integrity_check(100)") for line in str(r[0]).splitlines()]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    meta: dict[str, str] = {}
    if "metadata" in tables:
        with contextlib.suppress(sqlite3.DatabaseError):
            meta = {r[0]: r[1] for r in conn.execute("SELECT key, value FROM metadata")}
    if meta.get("application") != APP_ID:
        from fgd_app.core.workshop_file import not_a_workshop_file

        report.unreadable = not_a_workshop_file(path.name, meta.get("application"))
        return
    if integrity != ["ok"]:
        lines = [line for line in integrity if not line.startswith("***")]
        report.problems += [tr("Integrity: {message}", message=m) for m in lines[:MAX_LISTED]]
    for step in (_check_schema, _check_metadata, _check_foreign_keys, _check_constraints, _check_types,
                 _check_undo_leftovers):
        try:
            step(conn, meta, report)
        except sqlite3.DatabaseError as error:  # a damaged file: list what stopped the check
            report.problems.append(tr("Could not finish the check ({error}).", error=error))
            break
    with contextlib.suppress(sqlite3.DatabaseError):
        _add_facts(conn, path, meta, report)


def _check_schema(conn: sqlite3.Connection, meta: dict[str, str], report: CheckReport) -> None:
    applied = migrations.applied_names(conn)
    known = [name for _, name, _ in migrations.migration_files()]
    unknown = [name for name in applied if name not in known]
    report.facts.append((tr("Schema version"), tr("{file} in the file, {build} in this version",
                                                  file=len(applied), build=len(known))))
    if unknown:
        report.problems.append(tr(
            "The file was made by a newer version of this app ({version}); this version ({ours}) refuses to "
            "open it. Unknown schema steps: {steps}.",
            version=meta.get("app_version", "?"), ours=__version__, steps=", ".join(unknown)))
        return
    if applied != known[:len(applied)]:
        report.problems.append(tr("The schema steps in the file are out of order or incomplete: {steps}.",
                                  steps=", ".join(applied) or "-"))
    elif len(applied) < len(known):
        report.notes.append(tr("The file has an older schema; it will be upgraded when opened ({steps}).",
                               steps=", ".join(known[len(applied):])))


def _check_metadata(conn: sqlite3.Connection, meta: dict[str, str], report: CheckReport) -> None:
    missing = [key for key in REQUIRED_METADATA if not meta.get(key)]
    if missing:
        report.problems.append(tr("Metadata is missing: {keys}.", keys=", ".join(missing)))
    applied = len(migrations.applied_names(conn))
    if meta.get("schema_version") and meta["schema_version"] != str(applied):
        report.problems.append(tr("Metadata says schema version {meta}, but the file has {applied} schema steps.",
                                  meta=meta["schema_version"], applied=applied))
    with contextlib.suppress(sqlite3.DatabaseError):
        rows = conn.execute("SELECT region_code FROM workshop").fetchall()
        if len(rows) != 1:
            report.problems.append(tr("The file holds {count} workshop records instead of one.", count=len(rows)))
        elif meta.get("region_code") and rows[0][0] != meta["region_code"]:
            report.problems.append(tr("Metadata region code {meta} differs from the workshop's {region}.",
                                      meta=meta["region_code"], region=rows[0][0]))


def _check_foreign_keys(conn: sqlite3.Connection, meta: dict[str, str], report: CheckReport) -> None:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    for table, rowid, parent, _fk in rows[:MAX_LISTED]:
        report.problems.append(tr("Foreign key: row {rowid} of {table} points to a missing row of {parent}.",
                                  rowid=rowid, table=table, parent=parent))
    if len(rows) > MAX_LISTED:
        report.problems.append(tr("... and {count} more foreign-key problems.", count=len(rows) - MAX_LISTED))


def _check_constraints(conn: sqlite3.Connection, meta: dict[str, str], report: CheckReport) -> None:
    """Re-validate every row against its table's CHECK, NOT NULL and UNIQUE rules.

    SQLite 3.40's ``integrity_check`` does not test CHECK constraints on a read-only connection (this
    one), so each table is copied into an in-memory twin built from the same ``CREATE TABLE`` statement; rows the twin refuses are reported.
    """
    conn.execute("ATTACH DATABASE ':memory:' AS recheck")
    try:
        for name, sql in conn.execute(
                "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name").fetchall():
            found = _twin_check(conn, name, sql)
            if found is None:
                continue
            cols, bad = found
            for rowid in bad[:MAX_LISTED]:
                report.problems.append(tr("Row {rowid} of {table} breaks a rule of the file: {error}.",
                                          rowid=rowid, table=name, error=_why(conn, name, cols, rowid)))
            if len(bad) > MAX_LISTED:
                report.problems.append(tr("... and {count} more rows of {table} that break a rule.",
                                          count=len(bad) - MAX_LISTED, table=name))
            conn.execute(f"DROP TABLE recheck.{_q_ident(name)}")
    finally:
        conn.execute("DETACH DATABASE recheck")


def _check_types(conn: sqlite3.Connection, meta: dict[str, str], report: CheckReport) -> None:
    """List values of the wrong kind ('II' in a number column): no rule refuses them, the app cannot use them."""
    found = wrong_types(conn, limit=MAX_LISTED + 1)
    for table, rowid, column, value in found[:MAX_LISTED]:
        shown = repr(value) if not isinstance(value, bytes) else f"<{len(value)} bytes>"
        report.problems.append(tr("Row {rowid} of {table}: {column} holds {value}, which is not a {kind}.",
                                  rowid=rowid, table=table, column=column, value=shown[:60],
                                  kind=_kind_name(conn, table, column)))
    if len(found) > MAX_LISTED:
        report.problems.append(tr("... and more values of the wrong kind."))


def _kind_name(conn: sqlite3.Connection, table: str, column: str) -> str:
    declared = next((r[2] for r in conn.execute(f"PRAGMA main.table_xinfo({_q_ident(table)})") if r[1] == column), "")
    upper = (declared or "").upper()
    return tr("whole number") if "INT" in upper else tr("number") if any(
        w in upper for w in ("REAL", "FLOA", "DOUB")) else tr("text")


def _why(conn: sqlite3.Connection, table: str, cols: str, rowid: int) -> str:
    """Return SQLite's message for the first rule one row breaks."""
    conn.execute("SAVEPOINT why")
    try:
        conn.execute(f"DELETE FROM recheck.{_q_ident(table)}")
        conn.execute(f"INSERT INTO recheck.{_q_ident(table)} (rowid, {cols}) "
                     f"SELECT rowid, {cols} FROM main.{_q_ident(table)} WHERE rowid = ?", (rowid,))
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.execute("ROLLBACK TO why")
        conn.execute("RELEASE why")
    return tr("a UNIQUE rule (the same value twice)")


def _check_undo_leftovers(conn: sqlite3.Connection, meta: dict[str, str], report: CheckReport) -> None:
    """Undo triggers live in the connection (TEMP); any trigger or undo table saved in the file is wrong."""
    leftovers = [r[0] for r in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE (type = 'trigger' AND name LIKE 'undo\\_%' ESCAPE '\\')"
        " OR (type = 'table' AND name = 'undo_log')")]
    if leftovers:
        report.problems.append(tr("Undo records were saved into the file (they belong in memory only): {names}.",
                                  names=", ".join(leftovers)))


def _add_facts(conn: sqlite3.Connection, path: Path, meta: dict[str, str], report: CheckReport) -> None:
    with contextlib.suppress(sqlite3.DatabaseError):
        row = conn.execute("SELECT region_name, bimtek_stage, venue FROM workshop").fetchone()
        if row:
            number = roman(row[1]) if isinstance(row[1], int) and 1 <= row[1] <= 4 else repr(row[1])
            stage = tr("Bimtek {stage}", stage=tr("Stage {number}", number=number))
            report.facts.insert(0, (tr("Workshop"), f"{row[0]}, {stage}" + (f", {row[2]}" if row[2] else "")))
    report.facts.append((tr("Written by"), f"{APP_ID} {meta.get('app_version', '?')}"))
    for label, table in ((tr("OPDs"), "opd"), (tr("Participants"), "participant")):
        with contextlib.suppress(sqlite3.DatabaseError):
            report.facts.append((label, str(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])))
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        report.notes.append(tr("Recent changes are still in the companion file \u201c{name}\u201d (normal while "
                               "the workshop is open; keep it next to the file).", name=wal.name))

