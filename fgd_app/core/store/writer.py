"""The connection owner: durable transactions, and undo/redo recorded by temporary triggers.

Every edit runs in ``Store.write(name)``: one ``BEGIN IMMEDIATE`` ... ``COMMIT`` with
``synchronous=FULL`` in WAL mode, so the edit is on disk when ``write`` returns. Temporary triggers
(they live in the connection, never in the file) log, for every row an edit inserts, updates or
deletes, the SQL statement that reverses it — including rows touched by foreign-key cascades. The
statements logged during one ``write`` make one named undo step; running them backwards is the undo,
and the statements logged while undoing make the redo step (the technique of sqlite.org's
"Automatic Undo/Redo Using SQLite Triggers").
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from fgd_app.core.errors import FgdError, ReadOnlyWorkshopError
from fgd_app.core.store.changes import Changes, areas_of
from fgd_app.i18n import tr

UNDO_LIMIT = 200
NOT_UNDOABLE = {"_sqlite_migrations", "deleted_record"}  # metadata is logged: an edit may change its region_code
TOMBSTONES = "deleted_record"  # written by the undo triggers themselves (see install_undo_triggers)
_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"  # now_iso() in SQL
_RESTORED_ROW = re.compile(r"^(?:UPDATE .* WHERE rowid=(-?\d+)|INSERT INTO .*? VALUES \((-?\d+),.*)$", re.S)


def now_iso() -> str:
    """Return the current UTC time as stored in the file ("2024-07-02T08:15:00.123Z")."""
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class _Step(NamedTuple):
    name: str
    statements: list[tuple[str, str]]  # (table, sql) in run order

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(t for t, _ in self.statements)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Store:
    """Own one SQLite connection; the only object that runs SQL against the workshop file."""

    def __init__(self, conn: sqlite3.Connection, *, read_only: bool):
        conn.row_factory = sqlite3.Row
        self.conn = conn
        self.read_only = read_only
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._depth = 0
        self._listeners: list[Callable[[Changes], None]] = []
        self._derived: list[Callable[[frozenset[str]], None]] = []
        self.last_saved_at: _dt.datetime | None = None
        self._undo_triggers = False  # installed before the first write (opening a file stays quick)
        self._stamped: frozenset[str] | None = None  # tables with an updated_at column

    @property
    def db(self):
        """Return a sqlite-utils ``Database`` over the same connection (imported on first use)."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    # --- reading ---------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence | dict = ()) -> sqlite3.Row | None:
        return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence | dict = ()):
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def user_tables(self) -> list[str]:
        """Return the tables whose rows take part in undo (no virtual tables or their shadows)."""
        rows = self.query("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name")
        virtual = [r["name"] for r in rows if (r["sql"] or "").upper().startswith("CREATE VIRTUAL TABLE")]
        names = []
        for r in rows:
            name = r["name"]
            if name in NOT_UNDOABLE or name.startswith("sqlite_") or name in virtual:
                continue
            if any(name.startswith(v + "_") for v in virtual):
                continue
            names.append(name)
        return names

    # --- writing ---------------------------------------------------------------------------------
    def add_listener(self, callback: Callable[[Changes], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[Changes], None]) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    def add_derived(self, callback: Callable[[frozenset[str]], None]) -> None:
        """Register ``callback(tables)``: recompute values the undo log cannot hold (virtual tables such as an
        FTS5 index), run inside every undo and redo after the rows of ``tables`` were restored."""
        self._derived.append(callback)

    def _notify(self, changes: Changes) -> None:
        for callback in list(self._listeners):
            callback(changes)

    @contextmanager
    def write(self, name: str, *, undoable: bool = True) -> Iterator[Store]:
        """Run the block as one durable transaction and one undo step called ``name``.

        Nested calls join the outer operation. Any exception rolls everything back.
        """
        if self.read_only:
            raise ReadOnlyWorkshopError()
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        if not self._undo_triggers:
            self.install_undo_triggers()
        self._depth = 1
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            step = _Step(name, self._take_log())
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        self.last_saved_at = _dt.datetime.now()
        if not step.statements:
            return
        if undoable:
            self._undo.append(step)
            del self._undo[:-UNDO_LIMIT]
            self._redo.clear()
        self._notify(Changes(name, areas_of(step.tables), "op"))

    @contextmanager
    def savepoint(self) -> Iterator[Store]:
        """Inside ``write``: a part of the operation that is undone alone when it raises (the rest stays)."""
        if not self._depth:
            raise RuntimeError("Store.savepoint outside Store.write")
        self._savepoints = getattr(self, "_savepoints", 0) + 1
        name = f"part_{self._savepoints}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._savepoints -= 1

    def execute(self, sql: str, params: Sequence | dict = ()) -> sqlite3.Cursor:
        """Run one statement; only inside ``write``."""
        if not self._depth:
            raise RuntimeError("Store.execute outside Store.write")
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence) -> sqlite3.Cursor:
        if not self._depth:
            raise RuntimeError("Store.executemany outside Store.write")
        return self.conn.executemany(sql, rows)

    # --- undo / redo -----------------------------------------------------------------------------
    def undo_name(self) -> str | None:
        return self._undo[-1].name if self._undo else None

    def redo_name(self) -> str | None:
        return self._redo[-1].name if self._redo else None

    def undo(self) -> Changes | None:
        """Reverse the last operation; return what changed, or None when there is nothing to undo."""
        return self._replay(self._undo, self._redo, "undo")

    def redo(self) -> Changes | None:
        """Repeat the last undone operation."""
        return self._replay(self._redo, self._undo, "redo")

    def _replay(self, source: list[_Step], target: list[_Step], kind: str) -> Changes | None:
        if self.read_only:
            raise ReadOnlyWorkshopError()
        if not source:
            return None
        step = source[-1]
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            for _table, sql in reversed(step.statements):
                self.conn.execute(sql)
            self._touch_restored(step.statements)
            self._depth = 1  # derived-value callbacks write through ``execute``
            try:
                for callback in self._derived:
                    callback(step.tables)
            finally:
                self._depth = 0
            inverse = self._take_log()
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            # the step stays where it was (e.g. the disk was full): nothing changed, it can be tried again
            if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                raise FgdError(tr("Could not undo \u201c{name}\u201d: the disk is full. Free some space and try "
                                  "again; nothing was changed.", name=step.name)) from None
            raise FgdError(tr("Could not undo \u201c{name}\u201d: {error}", name=step.name, error=error)) from error
        source.pop()
        target.append(_Step(step.name, inverse))
        self.last_saved_at = _dt.datetime.now()
        changes = Changes(step.name, areas_of(step.tables), kind)
        self._notify(changes)
        return changes

    def _touch_restored(self, statements: list[tuple[str, str]]) -> None:
        """Give the rows an undo or redo put back or changed the current time as their ``updated_at``.

        The values come back exactly; only the modified time moves on, so a consolidation that already
        holds the undone edit (merged from an earlier copy) takes the restored values as the newer ones.
        """
        rows: dict[str, set[int]] = {}
        for table, sql in statements:
            match = _RESTORED_ROW.match(sql)
            if match and table in self._stamped_tables():
                rows.setdefault(table, set()).add(int(match[1] or match[2]))
        stamp = now_iso()
        for table, rowids in rows.items():
            marks = ",".join(str(r) for r in sorted(rowids))
            self.conn.execute(f"UPDATE {_q(table)} SET updated_at = ? WHERE rowid IN ({marks})", (stamp,))

    def _stamped_tables(self) -> frozenset[str]:
        if self._stamped is None:
            self._stamped = frozenset(r[0] for r in self.conn.execute(
                "SELECT m.name FROM main.sqlite_master m, pragma_table_info(m.name, 'main') p "
                "WHERE m.type = 'table' AND p.name = 'updated_at'"))
        return self._stamped

    def clear_undo(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def _take_log(self) -> list[tuple[str, str]]:
        rows = self.conn.execute("SELECT tbl, sql FROM temp.undo_log ORDER BY seq").fetchall()
        if rows:
            self.conn.execute("DELETE FROM temp.undo_log")
        return [(r[0], r[1]) for r in rows]

    def _uuid_keyed(self, table: str) -> bool:
        keys = [r[1] for r in self.conn.execute(f"PRAGMA main.table_info({_q(table)})") if r[5]]
        return keys == ["id"]

    def install_undo_triggers(self) -> None:
        """(Re)create the temporary undo triggers for every user table of the current schema.

        Runs before the first write (and again when the schema changed): one query for the columns and
        one script in one transaction for all triggers (about 10 ms for 35 tables, not at opening).
        """
        c = self.conn
        drops = [f"DROP TRIGGER temp.{_q(name)};" for (name,) in c.execute(
            "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'undo\\_%' ESCAPE '\\'")]
        columns_of: dict[str, list[str]] = {}
        for table, column in c.execute("SELECT m.name, p.name FROM main.sqlite_master m, "
                                       "pragma_table_info(m.name, 'main') p WHERE m.type = 'table' ORDER BY m.name, p.cid"):
            columns_of.setdefault(table, []).append(column)
        script = ["BEGIN;", "CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, tbl TEXT, sql TEXT);",
                  *drops]
        tombstones = TOMBSTONES in columns_of
        self._stamped = None
        for table in self.user_tables():
            columns = columns_of[table]
            t = _q(table)
            lit = "'" + table.replace("'", "''") + "'"
            # only the columns the update changed, then a no-op "rowid=rowid" so the list is never empty
            sets = " || ".join(
                f"CASE WHEN old.{_q(col)} IS NOT new.{_q(col)} THEN '{_q(col)}=' || quote(old.{_q(col)}) || ',' "
                "ELSE '' END" for col in columns)
            cols = ",".join(_q(col) for col in columns).replace("'", "''")
            vals = " || ',' || ".join(f"quote(old.{_q(col)})" for col in columns)
            # a record keyed by a UUID leaves a tombstone when deleted, and takes it away when it comes back
            keyed = tombstones and "id" in columns and self._uuid_keyed(table)
            bury = (f"INSERT OR REPLACE INTO {_q(TOMBSTONES)} (table_name, record_id, deleted_at) "
                    f"VALUES ({lit}, old.id, {_NOW_SQL});") if keyed else ""
            unbury = (f"DELETE FROM {_q(TOMBSTONES)} WHERE table_name = {lit} AND record_id = new.id;"
                      if keyed else "")
            script.append(
                f"""
                CREATE TEMP TRIGGER {_q('undo_ins_' + table)} AFTER INSERT ON main.{t} BEGIN
                  INSERT INTO undo_log (tbl, sql) VALUES ({lit}, 'DELETE FROM {t} WHERE rowid=' || new.rowid);
                  {unbury}
                END;
                CREATE TEMP TRIGGER {_q('undo_upd_' + table)} AFTER UPDATE ON main.{t} BEGIN
                  INSERT INTO undo_log (tbl, sql)
                  VALUES ({lit}, 'UPDATE {t} SET ' || {sets} || 'rowid=rowid WHERE rowid=' || old.rowid);
                END;
                CREATE TEMP TRIGGER {_q('undo_del_' + table)} BEFORE DELETE ON main.{t} BEGIN
                  INSERT INTO undo_log (tbl, sql)
                  VALUES ({lit}, 'INSERT INTO {t} (rowid,{cols}) VALUES (' || old.rowid || ',' || {vals} || ')');
                  {bury}
                END;
                """
            )
        script.append("COMMIT;")
        c.executescript("\n".join(script))
        self._undo_triggers = True
