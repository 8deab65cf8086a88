"""The known schema: tables, columns and foreign keys read from our migrations applied to a memory database.

Everything that copies, checks or describes workshop data generically (hand-over, consolidation, Excel,
the data dictionary) reads the shape of the file from here instead of naming tables in code, so records
that later migrations add are covered without code changes. The same reference is what untrusted input
files are compared against: a known table whose columns differ from the reference is not read.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from sqlite_utils import Database

from fgd_app.core.store import migrations
from fgd_app.core.store.writer import _q

INTERNAL_TABLES = frozenset({"_sqlite_migrations"})
NOT_RECORDS = frozenset({"metadata"})  # known, but file-level facts rather than records


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    notnull: bool
    default: str | None  # the SQL text of the default, as SQLite reports it
    pk: int  # position in the primary key (0: not part of it)
    hidden: int = 0  # 0 ordinary, 1 hidden (virtual tables), 2/3 generated

    def shape(self) -> tuple:
        return (self.name, self.type.upper(), self.notnull, self.pk, self.hidden)


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    ref_columns: tuple[str, ...]
    on_delete: str


@dataclass(frozen=True)
class Table:
    name: str
    sql: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def primary_key(self) -> tuple[str, ...]:
        keyed = sorted((c.pk, c.name) for c in self.columns if c.pk)
        return tuple(name for _, name in keyed)

    @property
    def has_uuid_key(self) -> bool:
        return self.primary_key == ("id",)

    @property
    def has_updated_at(self) -> bool:
        return "updated_at" in self.column_names

    def shape(self) -> tuple:
        return tuple(c.shape() for c in self.columns)

    def reference_to(self, column: str) -> ForeignKey | None:
        """Return the single-column foreign key on ``column``, if there is one."""
        return next((fk for fk in self.foreign_keys if fk.columns == (column,)), None)


def normalise_sql(sql: str | None) -> str:
    """Return SQL with runs of blanks collapsed, for comparing table definitions."""
    return re.sub(r"\s+", " ", sql or "").strip()


def introspect(conn: sqlite3.Connection, db: str = "main") -> dict[str, Table]:
    """Return the ordinary tables of schema ``db`` (no virtual tables, no FTS shadows, no sqlite_*)."""
    rows = conn.execute(
        f"SELECT name, sql FROM {_q(db)}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    tables: dict[str, Table] = {}
    for name, sql in rows:
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        columns = tuple(
            Column(r[1], r[2] or "", bool(r[3]), r[4], int(r[5]), int(r[6]))
            for r in conn.execute("SELECT * FROM pragma_table_xinfo(?, ?)", (name, db)))
        grouped: dict[int, list] = {}
        for r in conn.execute("SELECT * FROM pragma_foreign_key_list(?, ?)", (name, db)):
            grouped.setdefault(r[0], []).append(r)
        keys = tuple(
            ForeignKey(tuple(r[3] for r in fk), fk[0][2], tuple(r[4] or "id" for r in fk), fk[0][6])
            for _, fk in sorted(grouped.items()))
        tables[name] = Table(name, sql or "", columns, keys)
    return tables


@dataclass(frozen=True)
class KnownSchema:
    """The tables of the file format at one schema version."""

    version: int
    migration_names: tuple[str, ...]
    tables: dict[str, Table]
    objects: frozenset[str] = frozenset()  # every table, view, trigger and index name, FTS shadows included

    @property
    def record_tables(self) -> list[Table]:
        """Return the tables that hold workshop records, parents before the tables that refer to them."""
        names = [n for n in self.tables if n not in INTERNAL_TABLES | NOT_RECORDS]
        return [self.tables[n] for n in dependency_order({n: self.tables[n] for n in names})]

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)


def dependency_order(tables: dict[str, Table]) -> list[str]:
    """Return table names with every referenced table before the tables that refer to it (stable by name)."""
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done or name in visiting or name not in tables:
            return
        visiting.add(name)
        for fk in tables[name].foreign_keys:
            if fk.table != name:
                visit(fk.table)
        visiting.discard(name)
        done.append(name)

    for name in sorted(tables):
        visit(name)
    return done


def _build(version: int) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    files = migrations.migration_files()
    if version == len(files):
        migrations.migrations().apply(Database(conn, execute_plugins=False))
    else:
        for _number, _name, sql in files[:version]:
            for statement in migrations.split_statements(sql):
                conn.execute(statement)
    return conn


@cache
def reference(version: int | None = None) -> KnownSchema:
    """Return the known schema after ``version`` migrations (default: all of this build's)."""
    files = migrations.migration_files()
    version = len(files) if version is None else version
    if not 0 <= version <= len(files):
        raise ValueError(f"unknown schema version {version}")
    conn = _build(version)
    try:
        tables = introspect(conn)
        objects = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master"))
    finally:
        conn.close()
    return KnownSchema(version, tuple(name for _, name, _ in files[:version]), tables, objects)
