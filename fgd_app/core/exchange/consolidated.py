"""The consolidated database: the records of many workshop files in one SQLite file, keyed by their UUIDs.

Every known record table of the workshop format appears with the same name and columns (so the readable
views and any query written for one workshop work here too), without the per-workshop rules (a
workshop's UNIQUE and CHECK constraints would collide across regions), plus three provenance columns:

- ``_workshop_id``: the workshop (``workshop.id``) the row belongs to;
- ``_region_code``: that workshop's Kemendagri region code, for filtering without a join;
- ``_source_id``: the ``merge_source`` row of the file that supplied the row's current version.

``merge_source`` lists every file merged (name, SHA-256, region, schema version, last edit, counts) and
``merge_conflict`` every real conflict found (same key, same ``updated_at``, different content: the row
already in the database was kept). Foreign keys are declared where they point at a parent's primary key.
"""

from __future__ import annotations

import sqlite3

from fgd_app import APP_ID, __version__
from fgd_app.core.store import known_schema, migrations
from fgd_app.core.store.known_schema import Table
from fgd_app.core.store.writer import _q, now_iso
from fgd_app.i18n import tr

APPLICATION = f"{APP_ID}.consolidated"
PROVENANCE = ("_workshop_id", "_region_code", "_source_id")

FIXED_SQL = """
CREATE TABLE IF NOT EXISTS metadata (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT
);
CREATE TABLE IF NOT EXISTS merge_source (
    id             INTEGER PRIMARY KEY,
    file_name      TEXT NOT NULL,
    file_path      TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL,
    workshop_id    TEXT NOT NULL,
    region_code    TEXT NOT NULL,
    region_name    TEXT NOT NULL,
    province_name  TEXT NOT NULL DEFAULT '',
    bimtek_stage   INTEGER,
    schema_version INTEGER NOT NULL,
    app_version    TEXT NOT NULL DEFAULT '',
    last_edit_at   TEXT NOT NULL DEFAULT '',  -- newest updated_at in the file
    merged_at      TEXT NOT NULL,
    added          INTEGER NOT NULL DEFAULT 0,
    updated        INTEGER NOT NULL DEFAULT 0,
    unchanged      INTEGER NOT NULL DEFAULT 0,
    older          INTEGER NOT NULL DEFAULT 0,
    conflicts      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS merge_source_sha256 ON merge_source (sha256);
CREATE INDEX IF NOT EXISTS merge_source_workshop ON merge_source (workshop_id);
CREATE TABLE IF NOT EXISTS merge_conflict (
    id              INTEGER PRIMARY KEY,
    table_name      TEXT NOT NULL,
    row_key         TEXT NOT NULL,
    kept_source_id  INTEGER REFERENCES merge_source (id),
    other_source_id INTEGER NOT NULL REFERENCES merge_source (id),
    columns         TEXT NOT NULL,  -- the columns whose values differ, comma-separated
    updated_at      TEXT NOT NULL DEFAULT ''
);
"""


class ConsolidatedFormatError(Exception):
    """The output file is not a consolidated database this version can extend."""


def table_sql(table: Table, tables: dict[str, Table]) -> str:
    """Return the CREATE TABLE of ``table`` in the consolidated database."""
    lines = [f"{_q(c.name)} {c.type}".rstrip() for c in table.columns if c.hidden == 0]
    lines += ["_workshop_id TEXT NOT NULL", "_region_code TEXT NOT NULL",
              "_source_id INTEGER NOT NULL REFERENCES merge_source (id)"]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(_q(c) for c in table.primary_key)})")
    for fk in table.foreign_keys:
        parent = tables.get(fk.table)
        if parent is not None and parent.primary_key == fk.ref_columns:
            lines.append(f"FOREIGN KEY ({', '.join(_q(c) for c in fk.columns)}) "
                         f"REFERENCES {_q(fk.table)} ({', '.join(_q(c) for c in fk.ref_columns)})")
    return f"CREATE TABLE {_q(table.name)} (\n    " + ",\n    ".join(lines) + "\n)"


def is_consolidated(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM metadata WHERE key = 'application'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == APPLICATION


def prepare(conn: sqlite3.Connection, *, new: bool) -> None:
    """Create or extend the consolidated tables in ``conn`` for this version's known migrations."""
    if not new:
        if not is_consolidated(conn):
            raise ConsolidatedFormatError(tr(
                "The output file is not a consolidated database of this app; choose a new file name."))
        row = conn.execute("SELECT value FROM metadata WHERE key = 'format_version'").fetchone()
        if row and int(row[0]) > migrations.schema_version():
            raise ConsolidatedFormatError(tr(
                "The output file was made by a newer version of this app; update the app or choose a new file."))
    for statement in migrations.split_statements(FIXED_SQL):
        conn.execute(statement)
    ref = known_schema.reference()
    have = known_schema.introspect(conn)
    for table in ref.record_tables:
        if table.name not in have:
            conn.execute(table_sql(table, ref.tables))
            if not table.has_updated_at:
                conn.execute(f"CREATE INDEX {_q(table.name + '__workshop')} ON {_q(table.name)} (_workshop_id)")
            continue
        present = set(have[table.name].column_names)
        for column in table.columns:
            if column.name not in present and column.hidden == 0:
                conn.execute(f"ALTER TABLE {_q(table.name)} ADD COLUMN {_q(column.name)} {column.type}")
    stamp = now_iso()
    facts = {"application": APPLICATION, "app_version": __version__,
             "format_version": str(migrations.schema_version()), "updated_at": stamp}
    if new:
        facts["created_at"] = stamp
    conn.executemany("INSERT OR REPLACE INTO metadata (key, value) VALUES (?, ?)", facts.items())
