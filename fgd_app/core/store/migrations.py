"""The versioned file format: numbered SQL steps in ``db/migrations`` applied with sqlite-utils' Migrations."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from fgd_app.resources import db_path

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "fgd_app"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers with inner semicolons stay whole)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()):
        raise ValueError("incomplete SQL statement at end of migration: " + buffer[:80])
    return statements


@cache
def migration_files() -> tuple[tuple[int, str, str], ...]:
    """Return (number, name, sql) of every migration step, in order."""
    found = []
    for path in sorted(db_path("migrations").glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path.stem, path.read_text(encoding="utf-8")))
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migration numbers must run 1..N without gaps: {numbers}")
    return tuple(found)


def schema_version() -> int:
    """Return the schema version this build writes (the number of the last migration)."""
    return len(migration_files())


def migrations() -> Migrations:
    """Return the sqlite-utils migration set built from ``db/migrations``."""
    from sqlite_utils import Migrations  # imported only when a file needs creating or upgrading

    steps = Migrations(MIGRATION_SET)
    for _number, name, sql in migration_files():
        statements = split_statements(sql)

        def apply(db: Database, statements: list[str] = statements) -> None:
            for statement in statements:
                db.conn.execute(statement)

        steps(name=name)(apply)
    return steps


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Return the migration names recorded in a file (empty if it has none)."""
    has = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", (MIGRATION_SET,)
    ).fetchall()
    return [r[0] for r in rows]


def unknown_migrations(conn: sqlite3.Connection) -> list[str]:
    """Return migrations recorded in the file that this build does not know (a newer version wrote it)."""
    known = {name for _, name, _ in migration_files()}
    return [name for name in applied_names(conn) if name not in known]


def apply_migrations(conn: sqlite3.Connection, *, then: Callable[[], None] | None = None) -> None:
    """Apply every pending migration step, and ``then()``, in one transaction: all or nothing.

    sqlite-utils runs each step in a transaction of its own; here they nest as savepoints inside one, so a
    file interrupted mid-upgrade (a crash, a full disk) is left exactly as it was, never half upgraded.
    Inside a transaction the caller already opened, the steps join it and the caller commits.
    """
    from sqlite_utils import Database

    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        migrations().apply(Database(conn, execute_plugins=False))
        if then is not None:
            then()
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
