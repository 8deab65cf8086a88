"""Re-check rows against their table's own rules (CHECK, NOT NULL, UNIQUE) on any connection, read-only too.

SQLite skips CHECK rules in ``quick_check``/``integrity_check`` on a read-only connection, so a table is
copied into an in-memory twin built from its ``CREATE TABLE`` statement; the rows the twin refuses break a
rule. Used by ``fgd-app check`` (every table) and by opening a file (the workshop record). Small on purpose:
opening imports it.
"""

from __future__ import annotations

import re
import sqlite3

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
