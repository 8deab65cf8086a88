"""Consolidate many workshop files into one database (``fgd-app merge OUT.db IN.db...``).

Rules (see ``db/README.md``):

- Records are keyed by their UUIDs. A record already present is replaced only by a newer version (later
  ``updated_at``); the same file merged twice adds nothing twice. Same key and same ``updated_at`` with
  different content is a real conflict: it is reported (and recorded in ``merge_conflict``), the row
  already in the database is kept.
- Tables without ``updated_at`` (links such as supporting OPDs, attendance) follow the newest copy of
  their workshop: the copy with the latest edit replaces that workshop's link rows; an older copy's are
  ignored.
- Deletions travel with the file: a record a copy recorded as deleted (``deleted_record``, the tombstones,
  which follow the newest copy like the link tables) after its last change here is removed.
- A workshop's rows follow its current region: after a copy with a corrected region code is merged, every
  row of that workshop carries the code of its workshop record (``_region_code``), whatever copy it came from.
- Every input is untrusted. It is attached read-only (``mode=ro&immutable=1``: nothing can be written to
  it, so none of its triggers can run), only the known tables are read, each checked against the known
  schema of the input's version, and only their known columns are copied into our own tables by
  ``INSERT ... SELECT`` with the provenance bound as parameters. Its triggers, views, indexes and extra
  tables are never copied. A file that is not a workshop file, is damaged, is from a newer version, or
  whose tables do not match the known format is skipped with a reason; the others go on.
- Each input's rows are validated as ``fgd-app check`` does: a row that breaks a CHECK or NOT NULL rule of
  the file, whose foreign key points to a missing row, or that belongs to a refused row is not copied; the
  report counts the refused rows per table (``InputSummary.refused``). An input whose workshop record is
  refused is skipped.
- Stages of one region are kept apart. A file carried to the next stage (``fgd-app next-stage``) is a new
  workshop with new row ids, so it is merged beside the earlier stage, never over it; its ``carried_row``
  and ``stage_history`` rows (merged like any record) link each record to its earlier version (the view
  ``v_record_version``). An input with the workshop id of a file merged at another stage (a copy whose
  stage was edited) is skipped with the reason: merged, it would replace the earlier stage's workshop.
- What happened is reported per input (``merge_report``).
- The output is built in a temporary file beside it (a copy of the existing output, if any); each input
  runs in its own savepoint, and the file is renamed into place only when all inputs are done. A
  half-written output never exists under its name. When no input adds anything (all skipped or already
  merged) the output is neither created nor rewritten (``MergeReport.written`` is False).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fgd_app import APP_ID
from fgd_app.core.errors import FgdError
from fgd_app.core.exchange import consolidated, datasette_metadata
from fgd_app.core.exchange.consolidated import ConsolidatedFormatError
from fgd_app.core.exchange.merge_report import Conflict, InputSummary, MergeReport
from fgd_app.core.output_files import Staged, check_target, is_disk_error
from fgd_app.core.store import known_schema, migrations, sql_views
from fgd_app.core.store.known_schema import KnownSchema, Table, normalise_sql
from fgd_app.core.store.uri import sqlite_uri
from fgd_app.core.store.writer import _q, now_iso
from fgd_app.core.workshop_file import SQLITE_HEADER
from fgd_app.i18n import roman, tr

Progress = Callable[[int, int, str], bool | None]  # (done, total, file name) -> False to stop
_CHUNK = 1 << 20  # inputs are hashed in chunks of this size, never read whole
# SQLite's result codes of a failed write: FULL, and IOERR_WRITE/FSYNC/DIR_FSYNC/TRUNCATE (a write past the
# largest file the disk allows, EFBIG, is IOERR_WRITE). Inputs are only read, so these come from the
# output's disk or SQLite's temporary files: the merge stops, and no input is blamed for them.
_WRITE_FAILED = frozenset({778, 1034, 1290, 1546})


class MergeError(FgdError):
    """The merge as a whole could not run (output unusable); the output file is unchanged."""


class MergeCancelled(MergeError):
    def __init__(self) -> None:
        super().__init__(tr("The consolidation was cancelled; the output file was not changed."))


class SkipInput(Exception):
    """This input cannot be merged; ``str(error)`` is the reason for the user."""


def _is_live(path: Path, listing: dict[Path, set[str]] | None = None) -> bool:
    """Return True when ``-wal``/``-shm`` companions show the file is open in a running app."""
    if listing is None:
        return Path(f"{path}-wal").exists() or Path(f"{path}-shm").exists()
    if path.parent not in listing:
        try:
            listing[path.parent] = set(os.listdir(path.parent))
        except OSError:
            listing[path.parent] = set()
    names = listing[path.parent]
    return f"{path.name}-wal" in names or f"{path.name}-shm" in names


def _write_failed(error: sqlite3.Error) -> bool:
    """Return True when ``error`` means a write failed (disk full, file too large), not a bad input."""
    code = getattr(error, "sqlite_errorcode", 0) or 0
    return code & 0xFF == sqlite3.SQLITE_FULL or code in _WRITE_FAILED or is_disk_error(error, writing_only=True)


def _attach_uri(path: Path, live: bool) -> str:
    params = {"mode": "ro"} if live else {"mode": "ro", "immutable": "1"}
    return sqlite_uri(path, **params)


def _file_facts(path: Path) -> tuple[str, int]:
    """Return (SHA-256, size) of a plausible SQLite file; raise SkipInput otherwise."""
    digest, size = hashlib.sha256(), 0
    try:
        with open(path, "rb") as handle:  # in chunks: an input may be larger than the memory
            header = handle.read(512)
            if not header.startswith(SQLITE_HEADER):
                raise SkipInput(tr("not a workshop file (not an SQLite database)"))
            if len(header) < 512:
                raise SkipInput(tr("damaged: the file is truncated"))
            digest.update(header)
            size = len(header)
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        raise SkipInput(tr("the file does not exist")) from None
    except IsADirectoryError:
        raise SkipInput(tr("not a file")) from None
    except OSError as error:
        raise SkipInput(tr("cannot be read ({error})", error=error.strerror or error)) from None
    return digest.hexdigest(), size


@dataclass
class _TablePlan:
    """The statements that merge one known table of inputs at one schema version."""

    table: Table
    versioned: bool  # per-row newer-wins by updated_at (else: rows follow the newest copy)
    insert: str
    upsert: str
    union: str
    delete: str
    stats: str
    conflicts: str
    value_columns: list[str]
    breakers: str  # the condition of rows that break the table's CHECK and NOT NULL rules


@dataclass
class _VersionPlan:
    ref: KnownSchema
    tables: list[_TablePlan]
    normalised_sql: dict[str, str]
    counts: str  # one query counting the rows of every known table of an input
    last_edit: str  # one query for the newest updated_at of an input


def check_expressions(sql: str) -> list[str]:
    """Return the expressions of the CHECK constraints in a ``CREATE TABLE`` statement (quotes and comments
    skipped)."""
    found, i, n = [], 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"`[":
            i = _after_quoted(sql, i)
        elif sql.startswith("--", i):
            i = sql.find("\n", i) % (n + 1) + 1 if "\n" in sql[i:] else n
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif sql[i:i + 5].upper() == "CHECK" and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            j = i + 5
            while j < n and sql[j].isspace():
                j += 1
            if j < n and sql[j] == "(":
                end = _closing(sql, j)
                found.append(sql[j + 1:end].strip())
                i = end + 1
            else:
                i = j
        else:
            i += 1
    return found


def _after_quoted(sql: str, i: int) -> int:
    """Return the index after the quoted string or identifier starting at ``sql[i]``."""
    close = "]" if sql[i] == "[" else sql[i]
    j = i + 1
    while j < len(sql):
        if sql[j] == close:
            if close != "]" and sql[j + 1:j + 2] == close:  # a doubled quote inside
                j += 2
                continue
            return j + 1
        j += 1
    return len(sql)


def _closing(sql: str, start: int) -> int:
    """Return the index of the parenthesis that closes the one at ``sql[start]``."""
    depth, i = 0, start
    while i < len(sql):
        ch = sql[i]
        if ch in "'\"`[":
            i = _after_quoted(sql, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(sql)


def _rule_breakers(table: Table) -> str:
    """Return a condition true for the rows of ``table`` that break one of its CHECK or NOT NULL rules.

    A CHECK fails when its expression is false (NULL passes), which is exactly when ``NOT (expression)`` is
    true. (``integrity_check`` of SQLite 3.40 tests neither; UNIQUE holds within a file and the
    consolidated tables do not have it.)"""
    tests = [f"{_q(c.name)} IS NULL" for c in table.columns if c.notnull]
    tests += [f"NOT ({expression})" for expression in check_expressions(table.sql)]
    return " OR ".join(tests)


def _accepted(table: str, alias: str = "") -> str:
    """Return the SQL condition that leaves out the rows of ``table`` refused by ``_refuse_bad_rows``."""
    literal = "'" + table.replace("'", "''") + "'"
    return f"{alias}rowid NOT IN (SELECT rid FROM temp.merge_refused WHERE tbl = {literal})"


def _plan_table(table: Table, out_columns: set[str]) -> _TablePlan:
    name, key = _q(table.name), table.primary_key
    columns = [c for c in table.column_names if c in out_columns]
    values = [c for c in columns if c not in key]
    cols = ", ".join(_q(c) for c in columns)
    insert = (f"INSERT INTO main.{name} ({cols}, _workshop_id, _region_code, _source_id) "
              f"SELECT {cols}, ?, ?, ? FROM src.{name} WHERE {_accepted(table.name)}")
    versioned = table.has_updated_at and bool(key)
    join = " AND ".join(f"m.{_q(k)} = s.{_q(k)}" for k in key) or "0"
    differs = " OR ".join(f"s.{_q(c)} IS NOT m.{_q(c)}" for c in values) or "0"
    updates = ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in values)
    upsert = (f"{insert} ON CONFLICT ({', '.join(_q(k) for k in key)}) DO UPDATE SET {updates}, "
              f"_region_code = excluded._region_code, _source_id = excluded._source_id "
              f"WHERE excluded.updated_at > {name}.updated_at AND {name}._workshop_id = excluded._workshop_id"
              ) if versioned else ""
    stats = (f"SELECT count(m.rowid), sum(m._workshop_id <> ?), sum(s.updated_at > m.updated_at), "
             f"sum(s.updated_at < m.updated_at), sum(s.updated_at = m.updated_at AND ({differs})) "
             f"FROM src.{name} s LEFT JOIN main.{name} m ON {join} WHERE {_accepted(table.name, 's.')}"
             ) if versioned else ""
    flags = ", ".join(f"s.{_q(c)} IS NOT m.{_q(c)}" for c in values) or "0"
    conflicts = (f"SELECT {', '.join(f's.{_q(k)}' for k in key)}, m._source_id, s.updated_at, {flags} FROM src.{name} s "
                 f"JOIN main.{name} m ON {join} WHERE s.updated_at = m.updated_at AND ({differs}) "
                 f"AND {_accepted(table.name, 's.')}"
                 ) if versioned else ""
    return _TablePlan(table, versioned, insert, upsert, f"{insert} ON CONFLICT DO NOTHING",
                      f"DELETE FROM main.{name} WHERE _workshop_id = ?", stats, conflicts, values,
                      _rule_breakers(table))


class _Merger:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.columns_out = {name: set(t.column_names) for name, t in known_schema.introspect(conn).items()}
        self.handover_objects = {"manifest", "data_dictionary"} | {n for n, _ in sql_views.definitions(sql_views.HANDOVER)}
        self._plans: dict[int, _VersionPlan] = {}
        self.buried = [t.name for t in known_schema.reference().record_tables  # tables that get tombstones
                       if t.has_uuid_key and t.has_updated_at and t.name in self.columns_out]
        self.listing: dict[Path, set[str]] = {}  # folder -> file names, to spot -wal/-shm companions
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS merge_refused (tbl TEXT NOT NULL, rid INTEGER NOT NULL, "
                     "why TEXT NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID")

    def plan(self, version: int) -> _VersionPlan:
        if version not in self._plans:
            ref = known_schema.reference(version)
            tables = [_plan_table(t, self.columns_out[t.name]) for t in ref.record_tables]
            counts = "SELECT " + ", ".join(f"(SELECT count(*) FROM src.{_q(p.table.name)} WHERE "
                                           f"{_accepted(p.table.name)})" for p in tables)
            stamps = " UNION ALL ".join(f"SELECT max(updated_at) AS m FROM src.{_q(p.table.name)}"
                                        for p in tables if p.table.has_updated_at)
            self._plans[version] = _VersionPlan(
                ref, tables, {t.name: normalise_sql(t.sql) for t in ref.record_tables}, counts,
                f"SELECT max(m) FROM ({stamps})")
        return self._plans[version]

    # --- checking an input ------------------------------------------------------------------------
    def _check_input(self, summary: InputSummary) -> _VersionPlan:
        """Return the plan for the input's schema version; raise SkipInput when it cannot be merged."""
        c = self.conn
        try:
            if c.execute("PRAGMA src.quick_check").fetchone()[0] != "ok":
                raise SkipInput(tr("damaged: the integrity check failed"))
            objects = c.execute("SELECT type, name, sql FROM src.sqlite_master").fetchall()
        except sqlite3.DatabaseError as error:
            if _write_failed(error):
                raise
            raise SkipInput(tr("damaged and cannot be read ({error})", error=error)) from None
        tables = {name: sql for kind, name, sql in objects if kind == "table"}
        if "metadata" in tables and "_sqlite_migrations" not in tables:
            with contextlib.suppress(sqlite3.DatabaseError):
                if c.execute("SELECT 1 FROM src.metadata WHERE key = 'application' AND value = ?",
                             (consolidated.APPLICATION,)).fetchone():
                    raise SkipInput(tr("a consolidated file (fgd-app merge), not a workshop file: merge the "
                                       "regions' workshop files themselves"))
        if "metadata" not in tables or "_sqlite_migrations" not in tables:
            raise SkipInput(tr("an SQLite database of another program, not a workshop file"))
        try:
            meta = dict(c.execute("SELECT key, value FROM src.metadata WHERE key IN "
                                  "('application', 'app_version')").fetchall())
            applied = [r[0] for r in c.execute(
                "SELECT name FROM src._sqlite_migrations WHERE migration_set = ? ORDER BY id",
                (migrations.MIGRATION_SET,))]
        except sqlite3.DatabaseError:
            raise SkipInput(tr("an SQLite database of another program, not a workshop file")) from None
        if meta.get("application") != APP_ID:
            raise SkipInput(tr("an SQLite database of another program, not a workshop file"))
        known = [name for _, name, _ in migrations.migration_files()]
        if any(name not in known for name in applied):
            raise SkipInput(tr("made by a newer version of this app ({version}); update the app to merge it",
                               version=meta.get("app_version", "?")))
        if applied != known[:len(applied)] or not applied:
            raise SkipInput(tr("its schema steps are incomplete or out of order"))
        summary.app_version = meta.get("app_version", "")
        plan = self.plan(len(applied))
        actual: dict[str, Table] | None = None
        for table in (p.table for p in plan.tables):
            sql = tables.get(table.name)
            if sql is None:
                raise SkipInput(tr("the table \u201c{table}\u201d is missing", table=table.name))
            if sql == table.sql or normalise_sql(sql) == plan.normalised_sql[table.name]:
                continue
            actual = actual or known_schema.introspect(c, "src")
            other = actual.get(table.name)
            if other is None or other.shape() != table.shape() or other.foreign_keys != table.foreign_keys:
                raise SkipInput(tr("the table \u201c{table}\u201d does not have the known format", table=table.name))
            summary.notes.append(tr("the table \u201c{table}\u201d is defined differently (same columns); its "
                                    "data was read column by column", table=table.name))
        extra = sorted(name for kind, name, _ in objects if kind in ("table", "view", "trigger")
                       and name not in plan.ref.objects and name not in self.handover_objects)
        if extra:
            summary.notes.append(tr("{count} extra tables, views or triggers in the file were ignored: {names}",
                                    count=len(extra), names=", ".join(extra[:8])))
        return plan

    # --- merging one input ------------------------------------------------------------------------
    def merge_input(self, path: Path, summary: InputSummary, facts: Future | None = None) -> None:
        """Check and merge one input in one transaction of the output.

        ``facts`` is the ``_file_facts`` of ``path`` computed ahead in a worker thread (hashing releases
        the GIL, so it overlaps with SQLite's work on the previous input).
        """
        digest, size = facts.result() if facts is not None else _file_facts(path)
        c = self.conn
        try:
            c.execute("ATTACH DATABASE ? AS src", (_attach_uri(path, _is_live(path, self.listing)),))
        except sqlite3.DatabaseError as error:
            if _write_failed(error):
                raise
            raise SkipInput(tr("cannot be opened ({error})", error=error)) from None
        try:
            c.execute("BEGIN IMMEDIATE")
            try:
                self._merge_attached(path, digest, size, summary)
            except BaseException:
                if c.in_transaction:  # SQLite may have rolled back already (disk full)
                    c.execute("ROLLBACK")
                raise
            c.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            if _write_failed(error):  # the output's disk, not the input: stop the merge
                raise
            raise SkipInput(tr("damaged and cannot be read ({error})", error=error)) from None
        finally:
            c.execute("DETACH DATABASE src")

    def _merge_attached(self, path: Path, digest: str, size: int, summary: InputSummary) -> None:
        c = self.conn
        plan = self._check_input(summary)
        rows = c.execute("SELECT id, region_code, region_name, province_name, bimtek_stage FROM src.workshop").fetchall()
        if len(rows) != 1:
            raise SkipInput(tr("it holds {count} workshop records instead of one", count=len(rows)))
        workshop_id, region_code, region_name, province, stage = rows[0]
        summary.region = f"{region_code} {region_name}"
        if c.execute("SELECT 1 FROM main.merge_source WHERE sha256 = ?", (digest,)).fetchone():
            summary.status = "identical"
            return
        self._refuse_bad_rows(plan, summary)
        other_stage = c.execute("SELECT bimtek_stage FROM main.merge_source WHERE workshop_id = ? AND "
                                "bimtek_stage IS NOT ? ORDER BY id LIMIT 1", (workshop_id, stage)).fetchone()
        if other_stage is not None:  # stages of one region are kept apart: never replace one with another
            raise SkipInput(tr(
                "it has the workshop ID of the stage {merged} file already merged, but is stage {stage}: a copy "
                "whose stage was changed would replace that stage. Carry a file to the next stage with "
                "“Continue to the next stage” (fgd-app next-stage); if only the stage was corrected, "
                "merge it into a new consolidated file", merged=roman(other_stage[0]), stage=roman(stage)))
        last_edit = c.execute(plan.last_edit).fetchone()[0] or ""
        previous = c.execute("SELECT max(last_edit_at), count(*) FROM main.merge_source WHERE workshop_id = ?",
                             (workshop_id,)).fetchone()
        source_id = c.execute(
            "INSERT INTO main.merge_source (file_name, file_path, sha256, size_bytes, workshop_id, region_code, "
            "region_name, province_name, bimtek_stage, schema_version, app_version, last_edit_at, merged_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path.name, str(path), digest, size, workshop_id, region_code, region_name, province or "", stage,
             plan.ref.version, summary.app_version, last_edit, now_iso())).lastrowid
        provenance = (workshop_id, region_code, source_id)
        seen_before = previous[1] > 0
        if seen_before or not self._merge_new_workshop(plan, provenance, summary):
            totals = dict(zip((p.table.name for p in plan.tables), c.execute(plan.counts).fetchone(), strict=True))
            newest_copy = not seen_before or last_edit > (previous[0] or "")
            same_age = seen_before and last_edit == previous[0]
            for table_plan in plan.tables:
                if table_plan.versioned:
                    self._merge_versioned(table_plan, provenance, totals, summary)
                else:
                    self._merge_links(table_plan, provenance, totals, newest_copy, same_age, summary)
        self._apply_tombstones(workshop_id, summary)
        self._follow_region(workshop_id)
        c.execute("UPDATE main.merge_source SET added = ?, updated = ?, unchanged = ?, older = ?, conflicts = ? "
                  "WHERE id = ?", (summary.added_total, summary.updated_total, summary.unchanged, summary.older,
                                   len(summary.conflicts), source_id))
        c.executemany("INSERT INTO main.merge_conflict (table_name, row_key, kept_source_id, other_source_id, "
                      "columns, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                      [(k.table, k.key, k.kept_source_id, source_id, ", ".join(k.columns), k.updated_at)
                       for k in summary.conflicts])

    def _refuse_bad_rows(self, plan: _VersionPlan, summary: InputSummary) -> None:
        """Note in ``temp.merge_refused`` the input's rows that are not merged, and count them in ``summary``.

        As ``check`` does: rows that break a CHECK or NOT NULL rule of the known schema (one scan per table
        with the rules' expressions, no copy), rows whose foreign key points to a missing row
        (``foreign_key_check``), and the rows that point to a refused row.
        """
        c = self.conn
        c.execute("DELETE FROM temp.merge_refused")
        names = {p.table.name for p in plan.tables}
        for table_plan in plan.tables:
            if table_plan.breakers:
                c.execute(f"INSERT INTO temp.merge_refused (tbl, rid, why) SELECT ?, rowid, 'rule' "
                          f"FROM src.{_q(table_plan.table.name)} WHERE {table_plan.breakers}", (table_plan.table.name,))
        dangling = ((table, rowid) for table, rowid, _parent, _fk in c.execute("PRAGMA src.foreign_key_check")
                    if table in names and rowid is not None)
        c.executemany("INSERT OR IGNORE INTO temp.merge_refused (tbl, rid, why) VALUES (?, ?, 'reference')", dangling)
        for table in (p.table for p in plan.tables):  # parents come first: a refusal reaches every descendant
            for fk in table.foreign_keys:
                if fk.table not in names or fk.table == table.name or not c.execute(
                        "SELECT 1 FROM temp.merge_refused WHERE tbl = ? LIMIT 1", (fk.table,)).fetchone():
                    continue
                on = " AND ".join(f"p.{_q(ref)} = s.{_q(col)}" for col, ref in zip(fk.columns, fk.ref_columns,
                                                                                     strict=True))
                c.execute(f"INSERT OR IGNORE INTO temp.merge_refused (tbl, rid, why) SELECT ?, s.rowid, 'parent' "
                          f"FROM src.{_q(table.name)} s JOIN src.{_q(fk.table)} p ON {on} "
                          f"WHERE p.rowid IN (SELECT rid FROM temp.merge_refused WHERE tbl = ?)", (table.name, fk.table))
        summary.refused = dict(c.execute("SELECT tbl, count(*) FROM temp.merge_refused GROUP BY tbl ORDER BY tbl"))
        if "workshop" in summary.refused:
            raise SkipInput(tr("its workshop record breaks the rules of the file; run \u201cfgd-app check\u201d on it"))

    def _apply_tombstones(self, workshop_id: str, summary: InputSummary) -> None:
        """Remove the workshop's records that a copy recorded as deleted after their last change here.

        The tombstones (``deleted_record``) follow the newest copy of the workshop like the link tables, so
        a record deleted in a newer file goes, and an older copy merged later cannot bring it back; a record
        restored by an undo has a newer ``updated_at`` than its old tombstone and stays.
        """
        c = self.conn
        if "deleted_record" not in self.columns_out or not c.execute(
                "SELECT 1 FROM main.deleted_record WHERE _workshop_id = ? LIMIT 1", (workshop_id,)).fetchone():
            return  # the usual case: nothing deleted, nothing to scan
        for table in self.buried:
            name = _q(table)
            removed = c.execute(
                f"DELETE FROM main.{name} WHERE _workshop_id = ? AND EXISTS (SELECT 1 FROM main.deleted_record d "
                f"WHERE d.table_name = ? AND d.record_id = main.{name}.id AND d._workshop_id = ? "
                f"AND d.deleted_at >= main.{name}.updated_at)", (workshop_id, table, workshop_id)).rowcount
            if removed:
                summary.deleted[table] = summary.deleted.get(table, 0) + removed

    def _follow_region(self, workshop_id: str) -> None:
        """Give every row of the workshop the region of its current workshop record (after a correction of
        the region, older copies' rows carried the old code)."""
        c = self.conn
        row = c.execute("SELECT region_code FROM main.workshop WHERE id = ?", (workshop_id,)).fetchone()
        if row is None or not c.execute("SELECT 1 FROM main.merge_source WHERE workshop_id = ? AND region_code <> ?",
                                        (workshop_id, row[0])).fetchone():
            return  # every copy merged so far had this region (the usual case: nothing to scan)
        for name, columns in self.columns_out.items():
            if "_region_code" in columns and "_workshop_id" in columns:
                c.execute(f"UPDATE main.{_q(name)} SET _region_code = ? WHERE _workshop_id = ? AND _region_code <> ?",
                          (row[0], workshop_id, row[0]))

    def _merge_new_workshop(self, plan: _VersionPlan, provenance: tuple, summary: InputSummary) -> bool:
        """Insert every row of a workshop never merged before, as plain INSERT ... SELECT.

        Return False (nothing kept) when a key is already taken by another workshop; then the careful
        path finds out which and why.
        """
        c = self.conn
        c.execute("SAVEPOINT new_workshop")
        try:
            for table_plan in plan.tables:
                added = c.execute(table_plan.insert, provenance).rowcount
                if added:
                    summary.added[table_plan.table.name] = added
        except sqlite3.IntegrityError:
            c.execute("ROLLBACK TO new_workshop")
            summary.added.clear()
            return False
        finally:
            c.execute("RELEASE new_workshop")
        return True

    def _merge_versioned(self, plan: _TablePlan, provenance: tuple, totals: dict[str, int],
                         summary: InputSummary) -> None:
        """Per-row newer-wins by ``updated_at``; equal time and different content is a conflict."""
        c = self.conn
        name, total = plan.table.name, totals[plan.table.name]
        if not total:
            return
        stats = c.execute(plan.stats, (provenance[0],)).fetchone()
        present, foreign, newer, older, conflicting = (v or 0 for v in stats)
        if foreign:
            raise SkipInput(tr("{count} of its records have the same IDs as records of another workshop; was the "
                               "file copied from another workshop's file?", count=foreign))
        if conflicting:
            width = len(plan.table.primary_key)
            for row in c.execute(plan.conflicts).fetchall():
                columns = [col for col, flag in zip(plan.value_columns, row[width + 2:], strict=True) if flag]
                summary.conflicts.append(Conflict(name, "|".join(str(v) for v in row[:width]), columns,
                                                  row[width], row[width + 1]))
        c.execute(plan.upsert, provenance)
        if total - present:
            summary.added[name] = total - present
        if newer:
            summary.updated[name] = newer
        summary.unchanged += present - newer - older - conflicting
        summary.older += older

    def _merge_links(self, plan: _TablePlan, provenance: tuple, totals: dict[str, int], newest_copy: bool,
                     same_age: bool, summary: InputSummary) -> None:
        """Rows without ``updated_at`` follow the newest copy of their workshop."""
        c = self.conn
        name, total = plan.table.name, totals[plan.table.name]
        if newest_copy:
            removed = c.execute(plan.delete, (provenance[0],)).rowcount
            if c.execute(plan.union, provenance).rowcount != total:
                raise SkipInput(tr("its rows of \u201c{table}\u201d have the same keys as another workshop's",
                                   table=name))
            if total > removed:
                summary.added[name] = total - removed
            summary.unchanged += min(total, removed)
        elif same_age:
            added = c.execute(plan.union, provenance).rowcount
            if added:
                summary.added[name] = added
            summary.unchanged += total - added
        else:
            summary.older += total


def merge_files(output: str | os.PathLike, inputs: Sequence[str | os.PathLike], *,
                progress: Progress | None = None) -> MergeReport:
    """Merge workshop files into the consolidated database ``output`` (created or extended); return the report.

    Raise ``MergeError`` when the output itself cannot be used; inputs that cannot be merged are skipped
    and reported. ``progress(done, total, name)`` is called before each input and at the end; when it
    returns False the merge stops and the output is left as it was (``MergeCancelled``).
    """
    output = Path(output).expanduser().absolute()
    report = MergeReport(output)
    if not output.parent.is_dir():
        raise MergeError(tr("The folder \u201c{path}\u201d does not exist.", path=output.parent))
    with Staged() as staged:
        check_target(output, replace=True)  # a folder is refused
        exists = output.exists() and output.stat().st_size > 0
        if exists:
            _require_consolidated(output)
        tmp = staged.temporary(output)
        if exists:
            shutil.copyfile(output, tmp)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            _merge_into(conn, exists, [Path(p).expanduser().absolute() for p in inputs], report, progress)
        finally:
            conn.close()
        if report.merged_anything:
            staged.commit()
            datasette_metadata.write_beside(output)  # nasional.metadata.json, for datasette -m
        else:  # every input skipped or already merged: the output is not created, nor rewritten
            staged.discard()
            report.written = False
    return report


def _require_consolidated(output: Path) -> None:
    """Refuse an existing output that is not a consolidated database of this app (it stays untouched)."""
    wrong = MergeError(tr("The output file is not a consolidated database of this app; choose a new file name."))
    if output.read_bytes()[:16] != SQLITE_HEADER:
        raise wrong
    # immutable: a refused file (a workshop file in WAL mode, say) gets no -wal/-shm companions
    conn = sqlite3.connect(sqlite_uri(output, mode="ro", immutable="1"), uri=True)
    try:
        if not consolidated.is_consolidated(conn):
            raise wrong
    except sqlite3.DatabaseError:
        raise wrong from None
    finally:
        conn.close()


def _raise_if_write_failed(conn: sqlite3.Connection, error: sqlite3.Error) -> None:
    """Raise a disk-full ``OSError`` about the output for a failed write (``Staged`` names the output in the
    user's language and removes the temporary file); return otherwise."""
    if _write_failed(error):
        with contextlib.suppress(sqlite3.Error):
            conn.rollback()
        tmp = conn.execute("PRAGMA database_list").fetchone()[2]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), tmp) from error


def _merge_into(conn: sqlite3.Connection, exists: bool, inputs: list[Path], report: MergeReport,
                progress: Progress | None) -> None:
    conn.execute("PRAGMA trusted_schema = OFF")  # no function of an input's schema may run
    conn.execute("PRAGMA journal_mode = MEMORY")  # a temporary file: crash safety comes from the rename
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        consolidated.prepare(conn, new=not exists)
        conn.execute("COMMIT")  # inside: a schema too large for the disk fails here (disk full, not "damaged")
    except (ConsolidatedFormatError, sqlite3.DatabaseError) as error:
        if isinstance(error, sqlite3.DatabaseError):
            _raise_if_write_failed(conn, error)
        raise MergeError(str(error)) from None
    merger = _Merger(conn)
    with ThreadPoolExecutor(max_workers=1) as hasher:
        ahead = hasher.submit(_file_facts, inputs[0]) if inputs else None
        for index, path in enumerate(inputs):
            facts = ahead
            ahead = hasher.submit(_file_facts, inputs[index + 1]) if index + 1 < len(inputs) else None
            if progress is not None and progress(index, len(inputs), path.name) is False:
                raise MergeCancelled()
            summary = InputSummary(path)
            try:
                merger.merge_input(path, summary, facts)  # one transaction per input (rolled back on error)
            except SkipInput as why:
                summary = InputSummary(path, "skipped", str(why), region=summary.region, notes=summary.notes)
            except MemoryError:  # one input too large for this computer: refuse it, keep the others
                summary = InputSummary(path, "skipped", tr("too large to merge with the memory of this computer"),
                                       region=summary.region, notes=summary.notes)
            except sqlite3.Error as error:
                _raise_if_write_failed(conn, error)
                raise
            report.inputs.append(summary)
    try:
        conn.execute("BEGIN IMMEDIATE")
        report.views = sql_views.write_views(conn, sql_views.CONSOLIDATED).created
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as error:
        _raise_if_write_failed(conn, error)
        raise
    if progress is not None:
        progress(len(inputs), len(inputs), "")
