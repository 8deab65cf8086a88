"""What changed since the previous bimtek stage: innovations, action plans and risks added, changed, dropped.

Read from the file alone: a carried file holds, in ``carried_row``, every copied row's values as they were
carried (``next_stage``). A row without lineage was added at this stage; a lineage row whose row is gone
was dropped; a row whose values differ from the carried ones was changed, field by field. References
(the lead OPD, an action plan's innovation ...) are compared through the lineage, so a copied OPD's new id
is not a change. The same works on a consolidated database, per workshop (``workshop_id``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from fgd_app.core.store import known_schema
from fgd_app.core.store.dictionary import column_entry, table_entry
from fgd_app.core.store.writer import _q

TRACKED = ("innovation", "action_plan", "risk")
LABELS = {  # how a row is named in the list (SQL over alias r; old values are named from the JSON)
    "innovation": ("code", "name"),
    "action_plan": ("activity",),
    "risk": ("code", "event"),
}
IGNORED = frozenset({"id", "created_at", "updated_at", "_workshop_id", "_region_code", "_source_id"})


@dataclass
class RowChange:
    table: str
    kind: str  # "added", "changed", "dropped"
    row_id: str
    name: str
    fields: list[tuple[str, object, object]] = field(default_factory=list)  # (column, old, new)

    def field_labels(self) -> list[tuple[str, object, object]]:
        """Return (column heading in the user's language, old, new) of each changed field."""
        out = []
        for column, old, new in self.fields:
            entry = column_entry(self.table, column)
            out.append((entry.label() if entry else column, old, new))
        return out


def table_label(table: str) -> str:
    entry = table_entry(table)
    return entry.label() if entry else table


def _name(table: str, values: dict) -> str:
    return " ".join(str(values.get(c) or "") for c in LABELS[table]).strip()


def has_lineage(conn: sqlite3.Connection, workshop_id: str | None = None) -> bool:
    """Return True when the file (or that workshop of a consolidated file) was carried from a previous stage."""
    try:
        if workshop_id is None:
            return conn.execute("SELECT 1 FROM carried_row LIMIT 1").fetchone() is not None
        return conn.execute("SELECT 1 FROM carried_row WHERE _workshop_id = ? LIMIT 1",
                            (workshop_id,)).fetchone() is not None
    except sqlite3.OperationalError:  # an older file, or no such column
        return False


def changes_since_previous(conn: sqlite3.Connection, workshop_id: str | None = None,
                           tables: tuple[str, ...] = TRACKED) -> list[RowChange]:
    """Return the added, changed and dropped rows of ``tables`` since the stage the file was carried from.

    ``workshop_id``: in a consolidated database, the workshop (stage) to list; None for a workshop file.
    An empty list for a file that was not carried.
    """
    if not has_lineage(conn, workshop_id):
        return []
    scope, params = ("", ()) if workshop_id is None else (" AND _workshop_id = ?", (workshop_id,))
    mapping = dict(conn.execute(f"SELECT source_row_id, row_id FROM carried_row WHERE 1{scope}", params).fetchall())
    ref = known_schema.reference()
    out: list[RowChange] = []
    for table in tables:
        spec = ref.tables[table]
        refs = {fk.columns[0] for fk in spec.foreign_keys if len(fk.columns) == 1 and fk.ref_columns == ("id",)}
        carried = {row_id: json.loads(values) for row_id, values in conn.execute(
            f"SELECT row_id, source_values FROM carried_row WHERE table_name = ?{scope}", (table, *params))}
        current_rows = conn.execute(f"SELECT * FROM {_q(table)} WHERE 1{scope}", params)
        names = [d[0] for d in current_rows.description]
        seen = set()
        for raw in current_rows:
            row = dict(zip(names, raw, strict=True))
            old = carried.get(row["id"])
            if old is None:
                out.append(RowChange(table, "added", row["id"], _name(table, row)))
                continue
            seen.add(row["id"])
            diffs = []
            for column in spec.column_names:
                if column in IGNORED or column not in old:
                    continue
                before = old[column]
                if column in refs and before is not None:
                    before = mapping.get(before, before)
                if before != row.get(column):
                    diffs.append((column, old[column] if column not in refs else _display(conn, spec, column,
                                                                                          before), row.get(column)
                                  if column not in refs else _display(conn, spec, column, row.get(column))))
            if diffs:
                out.append(RowChange(table, "changed", row["id"], _name(table, row), diffs))
        for row_id, old in carried.items():
            if row_id not in seen:
                out.append(RowChange(table, "dropped", row_id, _name(table, old)))
    order = {"added": 0, "changed": 1, "dropped": 2}
    return sorted(out, key=lambda c: (TRACKED.index(c.table) if c.table in TRACKED else 9, order[c.kind], c.name))


def _display(conn: sqlite3.Connection, spec: known_schema.Table, column: str, value: object) -> object:
    """Return a readable name for a referenced row (an OPD's name, an innovation's code), else the value."""
    if value is None:
        return None
    fk = spec.reference_to(column)
    if fk is None:
        return value
    parent = {"opd": "name", "innovation": "code", "element": "name", "dimension": "name", "action_plan": "activity",
              "funding_source": "name", "plan_status": "name", "risk_category": "name", "impact_area": "name"}
    if fk.table not in parent:
        return value
    row = conn.execute(f"SELECT {_q(parent[fk.table])} FROM {_q(fk.table)} WHERE id = ?", (value,)).fetchone()
    return row[0] if row else value
