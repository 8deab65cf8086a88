"""Re-check rows against their table's own rules (CHECK, NOT NULL, UNIQUE) on any connection, read-only too.

SQLite skips CHECK rules in ``quick_check``/``integrity_check`` on a read-only connection, so a table is
copied into an in-memory twin built from its ``CREATE TABLE`` statement; the rows the twin refuses break a
rule. Used by ``fgd-app check`` (every table) and by opening a file (the workshop record). Small on purpose:
opening imports it.
"""

from __future__ import annotations

import re
import sqlite3

from fgd_app.core.errors import FgdError
from fgd_app.core.store.writer import _q as _q_ident

_CREATE_TABLE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:\"(?:[^\"]|\"\")+\"|\[[^\]]+\]|`[^`]+`|[\w]+)", re.I)


def _twin_check(conn: sqlite3.Connection, name: str, sql: str | None) -> tuple[str, list[int]] | None:
    """Copy table ``name`` into its twin in ``recheck``; return (column list, rowids the twin refused).

    None: a table that cannot be re-checked this way (virtual, WITHOUT ROWID); then no twin exists.
    The twin stays for ``_why``; the caller drops it.
    """
    if not sql or not _CREATE_TABLE.match(sql) or re.search(r"WITHOUT\s+ROWID\s*$", sql, re.I):
        return None  # virtual tables (and their shadows are plain tables: checked), WITHOUT ROWID
    twin = _CREATE_TABLE.sub(f"CREATE TABLE recheck.{_q_ident(name)}", sql, count=1)
    columns = [r[1] for r in conn.execute(f"PRAGMA main.table_xinfo({_q_ident(name)})") if r[6] in (0, 1)]
    cols = ", ".join(_q_ident(c) for c in columns)
    try:
        conn.execute(twin)
    except sqlite3.DatabaseError:
        return None  # a statement the twin cannot replay (should not happen for our schema)
    conn.execute(f"INSERT OR IGNORE INTO recheck.{_q_ident(name)} (rowid, {cols}) "
                 f"SELECT rowid, {cols} FROM main.{_q_ident(name)}")
    bad = [r[0] for r in conn.execute(
        f"SELECT rowid FROM main.{_q_ident(name)} EXCEPT SELECT rowid FROM recheck.{_q_ident(name)} ORDER BY 1")]
    return cols, bad


def rows_breaking_rules(conn: sqlite3.Connection, table: str) -> list[int]:
    """Return the rowids of ``table`` that break its CHECK, NOT NULL or UNIQUE rules (the file is only read).

    SQLite skips CHECK rules in ``quick_check`` on a read-only connection; this works on any connection.
    """
    row = conn.execute("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    conn.execute("ATTACH DATABASE ':memory:' AS recheck")
    try:
        found = _twin_check(conn, table, row[0] if row else None)
        return found[1] if found else []
    finally:
        conn.execute("DETACH DATABASE recheck")


def _allowed_types(declared: str) -> tuple[str, ...]:
    """Return the storage types a column of this declared type holds after SQLite's conversions ('': any)."""
    declared = declared.upper()
    if "INT" in declared:
        return ("integer", "null")
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return ("text", "null")
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return ("real", "integer", "null")
    return ()  # BLOB, no type, NUMERIC: anything goes


def wrong_types(conn: sqlite3.Connection, limit: int = 20) -> list[tuple[str, int, str, object]]:
    """Return up to ``limit`` values of the wrong kind, as (table, rowid, column, value).

    SQLite stores ``'II'`` in an INTEGER column as text (or a blob in a TEXT column) when a tool other
    than this app writes it; no rule of the file refuses it, but the app cannot read it back as a number.
    One scan per table.
    """
    found: list[tuple[str, int, str, object]] = []
    tables = [r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")]
    for table in tables:
        tests = [(r[1], _allowed_types(r[2] or "")) for r in conn.execute(f"PRAGMA main.table_xinfo({_q_ident(table)})")
                 if r[6] in (0, 1)]
        tests = [(column, allowed) for column, allowed in tests if allowed]
        if not tests or len(found) >= limit:
            continue
        cols = ", ".join(_q_ident(c) for c, _ in tests)
        where = " OR ".join(f"typeof({_q_ident(c)}) NOT IN ({', '.join(repr(t) for t in allowed)})"
                            for c, allowed in tests)
        try:
            rows = conn.execute(f"SELECT rowid, {cols} FROM main.{_q_ident(table)} WHERE {where} LIMIT ?",
                                (limit - len(found),)).fetchall()
        except sqlite3.OperationalError:  # a virtual table or one WITHOUT ROWID
            continue
        for rowid, *values in rows:
            for (column, allowed), value in zip(tests, values, strict=True):
                kind = "null" if value is None else {int: "integer", float: "real", str: "text"}.get(type(value), "blob")
                if kind not in allowed:
                    found.append((table, rowid, column, value))
    return found[:limit]


def unusable_file_error(conn: sqlite3.Connection | None, path: object, error: BaseException) -> FgdError:
    """Return the message for a command that stopped on a value it could not use (never a traceback).

    It names the first value of the wrong kind in the file, if any, and points to ``fgd-app check``;
    ``.planted`` says whether such a value was found.
    """
    from pathlib import Path

    from fgd_app.core.errors import WorkshopFileError
    from fgd_app.i18n import tr

    found = []
    if conn is not None:
        try:
            found = wrong_types(conn, limit=1)
        except sqlite3.Error:
            found = []
    name = Path(str(path)).name
    if found:
        table, rowid, column, value = found[0]
        shown = repr(value) if not isinstance(value, bytes) else f"<{len(value)} bytes>"
        planted = WorkshopFileError(path, tr(
            "\u201c{name}\u201d holds a value this app cannot use (table {table}, row {rowid}: {column} = {value}). "
            "Run \u201cfgd-app check {path}\u201d to list every such value.", name=name, table=table, rowid=rowid,
            column=column, value=shown[:60], path=path))
        planted.planted = True
        return planted
    return WorkshopFileError(path, tr(
        "The work stopped on an unexpected error ({error}). Run \u201cfgd-app check {path}\u201d: it lists values "
        "in the file this app cannot use; if it finds none, please report this error.",
        error=f"{type(error).__name__}: {error}"[:200], path=path))


# what a report or an export raises on a value it cannot use (a bug of ours raises these too)
UNUSABLE_VALUE_ERRORS = (TypeError, ValueError, AttributeError, LookupError, ArithmeticError)
