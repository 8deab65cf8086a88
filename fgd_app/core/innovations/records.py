"""Day-1 innovations: records with a stable code per dimension, their OPDs, partners and kecamatan.

Every change is one undoable ``Store.write``. Codes ("GOV-03") come from ``innovation_code_counter``,
which only grows, so a deleted innovation's code is never handed out again. Searching and spotting
near-duplicate names live in ``innovation_search``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from fgd_app.core.errors import ValidationError
from fgd_app.core.innovations import search as innovation_search
from fgd_app.core.store.record_table import clean_text, max_length, new_id, require
from fgd_app.core.store.references import count_references
from fgd_app.core.store.writer import Store, _q, now_iso
from fgd_app.core.workshop.defaults import PENTAHELIX
from fgd_app.i18n import N_, tr

STATUSES = ("running", "new")
LOCATION_SCOPES = ("region", "districts")
NAME_LIMIT = 10_000
TEXT_LIMIT = 100_000
LONG_FIELDS = ("description", "problem", "improvement", "beneficiaries", "notes")
SHORT_FIELDS = ("proposing_group",)
# Rows that are parts of an innovation (not dependents that a delete should warn about).
PART_TABLES = ("innovation_supporting_opd", "innovation_partner", "innovation_district")
COLUMNS = ("id", "code", "dimension_id", "element_id", "name", "description", "problem", "status", "improvement",
           "is_ict", "lead_opd_id", "location_scope", "proposing_group", "beneficiaries", "notes", "position")


def status_label(status: str) -> str:
    """Return "Sudah berjalan" / "Baru (belum berjalan)" for a status key."""
    return tr({"running": N_("Running (to improve)"), "new": N_("New (not yet running)")}.get(status, status))


def status_short(status: str) -> str:
    """Return "Sudah berjalan" / "Baru" (for table cells)."""
    return tr({"running": N_("Running"), "new": N_("New")}.get(status, status))


def code_number(code: str) -> int:
    """Return 3 for "GOV-03" (0 when the code has no number)."""
    digits = code.rpartition("-")[2]
    return int(digits) if digits.isdigit() else 0


@dataclass(frozen=True)
class Partner:
    """A pentahelix partner: the element ("akademisi") and optionally who ("Untirta")."""

    pentahelix: str
    name: str = ""


@dataclass
class Innovation:
    id: str
    code: str
    dimension_id: str
    name: str
    lead_opd_id: str
    element_id: str | None = None
    description: str = ""
    problem: str = ""
    status: str = "new"
    improvement: str = ""
    is_ict: bool = True
    location_scope: str = "region"
    proposing_group: str = ""
    beneficiaries: str = ""
    notes: str = ""
    position: int = 0
    supporting_opd_ids: list[str] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    district_ids: list[str] = field(default_factory=list)

    @property
    def number(self) -> int:
        return code_number(self.code)


class InnovationRow(NamedTuple):
    """One line of the capture table: the short fields with display names already joined in."""

    id: str
    code: str
    dimension_id: str
    element_id: str | None
    element: str
    name: str
    lead_opd_id: str
    lead_opd: str
    supporting: str
    status: str
    is_ict: int  # 1 or 0
    location_scope: str
    proposing_group: str
    dimension_position: int
    number: int

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Order of the table: dimension, then code number."""
        return (self.dimension_position, self.number, self.code)


_ROWS_SQL = """
SELECT i.id, i.code, i.dimension_id, i.element_id, coalesce(e.name, ''), i.name, i.lead_opd_id,
       coalesce(nullif(o.short_name, ''), o.name), '', i.status, i.is_ict, i.location_scope, i.proposing_group,
       d.position, CAST(substr(i.code, 5) AS INTEGER)
FROM innovation i
JOIN dimension d ON d.id = i.dimension_id
JOIN opd o ON o.id = i.lead_opd_id
LEFT JOIN element e ON e.id = i.element_id{where}
ORDER BY d.position, CAST(substr(i.code, 5) AS INTEGER), i.code
"""


class Innovations:
    """The workshop's innovations (``ws.innovations``)."""

    def __init__(self, store: Store):
        self.store = store
        self.index = innovation_search.InnovationIndex(store)

    # --- reading ---------------------------------------------------------------------------------
    def get(self, innovation_id: str) -> Innovation:
        row = self.store.query_one(f"SELECT {', '.join(COLUMNS)} FROM innovation WHERE id = ?", (innovation_id,))
        if row is None:
            raise KeyError(innovation_id)
        return self._with_parts([self._record(row)])[0]

    def list(self, dimension_id: str | None = None) -> list[Innovation]:
        """Return innovations (with their parts) ordered by dimension and code number."""
        where, params = ("WHERE i.dimension_id = ?", (dimension_id,)) if dimension_id else ("", ())
        rows = self.store.query(
            f"SELECT {', '.join('i.' + c for c in COLUMNS)} FROM innovation i "
            f"JOIN dimension d ON d.id = i.dimension_id {where} "
            "ORDER BY d.position, CAST(substr(i.code, 5) AS INTEGER)", params)
        return self._with_parts([self._record(r) for r in rows])

    def rows(self, ids: Iterable[str] | None = None) -> list[InnovationRow]:
        """Return table lines for all innovations (or the given ids), by dimension and code number.

        Supporting OPDs are joined in Python: on 6,000 innovations a correlated subquery for them
        would take longer than everything else together.
        """
        where, params = "", ()
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return []
            where, params = f" WHERE {{column}} IN ({', '.join('?' * len(id_list))})", tuple(id_list)
        cursor = self.store.conn.cursor()
        cursor.row_factory = None  # plain tuples: InnovationRow._make takes them as they are
        supporting: dict[str, list[str]] = {}
        for innovation_id, name in cursor.execute(
                "SELECT s.innovation_id, coalesce(nullif(o.short_name, ''), o.name) FROM innovation_supporting_opd s "
                "JOIN opd o ON o.id = s.opd_id" + where.format(column="s.innovation_id") + " ORDER BY s.rowid", params):
            supporting.setdefault(innovation_id, []).append(name)
        joined = {key: ", ".join(names) for key, names in supporting.items()}
        make = InnovationRow._make
        rows = []
        for values in cursor.execute(_ROWS_SQL.format(where=where.format(column="i.id")), params):
            if values[0] in joined:
                values = (*values[:8], joined[values[0]], *values[9:])
            rows.append(make(values))
        return rows

    def codes(self) -> dict[str, str]:
        """Return {innovation id: code} (what a printout needs to name linked innovations; no parts read)."""
        return dict(self.store.conn.execute("SELECT id, code FROM innovation").fetchall())

    def count(self) -> int:
        return int(self.store.scalar("SELECT count(*) FROM innovation"))

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Return ({dimension_id: count}, {element_id: count}); innovations without element count only once."""
        by_dimension: dict[str, int] = {}
        by_element: dict[str, int] = {}
        for dimension_id, element_id, n in self.store.conn.execute(
                "SELECT dimension_id, element_id, count(*) FROM innovation GROUP BY dimension_id, element_id"):
            by_dimension[dimension_id] = by_dimension.get(dimension_id, 0) + n
            if element_id is not None:
                by_element[element_id] = n
        return by_dimension, by_element

    def next_code(self, dimension_id: str) -> str:
        """Return the code the next innovation in this dimension gets ("GOV-04")."""
        prefix = self.store.scalar("SELECT code FROM dimension WHERE id = ?", (dimension_id,))
        if prefix is None:
            raise ValidationError("dimension_id", tr("The chosen dimension no longer exists."))
        last = self.store.scalar("SELECT last_number FROM innovation_code_counter WHERE dimension_id = ?",
                                 (dimension_id,)) or 0
        code = f"{prefix}-{int(last) + 1:02d}"
        if self.store.scalar("SELECT 1 FROM innovation WHERE code = ?", (code,)) is None:
            return code
        # rows written without the counter (an import): continue after the highest code in use
        last = self.store.scalar("SELECT max(CAST(substr(code, 5) AS INTEGER)) FROM innovation "
                                 "WHERE code >= ? AND code < ?", (prefix + "-", prefix + "."))
        return f"{prefix}-{int(last or 0) + 1:02d}"

    def dependents(self, innovation_id: str) -> dict[str, int]:
        """Return {table: rows} of records that hang off this innovation (action plans, risks, ...)."""
        return count_references(self.store, "innovation", innovation_id, exclude=PART_TABLES)

    def search(self, text: str, dimension_id: str | None = None) -> list[str]:
        """Return ids of innovations matching ``text`` as typed (prefix words; see ``innovation_search``)."""
        return self.index.search(text, dimension_id)

    def similar_names(self, dimension_id: str, name: str, *, exclude_id: str | None = None,
                      limit: int = 5) -> list[tuple[str, str, str, float]]:
        """Return (id, code, name, score) of existing innovations in the dimension named close to ``name``."""
        return self.index.similar_names(dimension_id, name, exclude_id=exclude_id, limit=limit)

    # --- change tracking for screens ---------------------------------------------------------------
    def change_token(self) -> int:
        """Return a token for ``changed_since``: "now", as far as innovation changes go."""
        return self.changed_since(-1)[1]

    def changed_since(self, token: int) -> tuple[set[str] | None, int]:
        """Return (ids of innovations added, changed or deleted since ``token``, the new token).

        The ids cover an innovation's own row and its supporting OPDs; names of OPDs and elements are
        not tracked (reload on those tables). None instead of the ids means "not known" (the first call,
        or tracking was reset): reload everything. Each screen keeps its own token, so several screens
        can follow the changes independently. Recorded by temporary triggers (connection-only, never in
        the file), so undo, redo and every other writer are covered.
        """
        conn = self.store.conn
        if self.store.read_only:
            return set(), max(token, 0)
        if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'innovation_touched_upd'").fetchone() is None:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS innovation_touched (seq INTEGER PRIMARY KEY, id TEXT)")
            for event, ref in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")):
                conn.execute(f"CREATE TEMP TRIGGER innovation_touched_{event[:3].lower()} AFTER {event} "
                             f"ON main.innovation BEGIN INSERT INTO innovation_touched (id) VALUES ({ref}.id); END")
                conn.execute(f"CREATE TEMP TRIGGER innovation_touched_support_{event[:3].lower()} AFTER {event} "
                             f"ON main.innovation_supporting_opd BEGIN "
                             f"INSERT INTO innovation_touched (id) VALUES ({ref}.innovation_id); END")
            conn.execute("INSERT INTO temp.innovation_touched (id) VALUES (NULL)")  # a fresh token above all old ones
            return None, int(conn.execute("SELECT max(seq) FROM temp.innovation_touched").fetchone()[0])
        last = int(conn.execute("SELECT coalesce(max(seq), 0) FROM temp.innovation_touched").fetchone()[0])
        if token < 0:
            return None, last
        ids = {r[0] for r in conn.execute(
            "SELECT DISTINCT id FROM temp.innovation_touched WHERE seq > ? AND id IS NOT NULL", (token,))}
        return ids, last

    def _record(self, row) -> Innovation:
        values = {c: row[c] for c in COLUMNS}
        values["is_ict"] = bool(values["is_ict"])
        return Innovation(**values)

    def _with_parts(self, records: list[Innovation]) -> list[Innovation]:
        if not records:
            return records
        by_id = {r.id: r for r in records}
        single = len(records) == 1
        where = "WHERE innovation_id = ?" if single else ""
        params = (records[0].id,) if single else ()
        for iid, opd_id in self.store.conn.execute(
                f"SELECT innovation_id, opd_id FROM innovation_supporting_opd {where} ORDER BY rowid", params):
            if iid in by_id:
                by_id[iid].supporting_opd_ids.append(opd_id)
        for iid, kind, name in self.store.conn.execute(
                f"SELECT innovation_id, pentahelix, name FROM innovation_partner {where} ORDER BY position, rowid",
                params):
            if iid in by_id:
                by_id[iid].partners.append(Partner(kind, name))
        for iid, district_id in self.store.conn.execute(
                f"SELECT innovation_id, district_id FROM innovation_district {where} ORDER BY rowid", params):
            if iid in by_id:
                by_id[iid].district_ids.append(district_id)
        return records

    # --- validation ------------------------------------------------------------------------------
    def validate(self, values: dict[str, Any], innovation_id: str | None) -> dict[str, Any]:
        """Return cleaned values or raise ValidationError naming the field; nothing is written."""
        v = dict(values)
        v["name"] = clean_text(v.get("name"))
        require("name", v["name"], tr("Innovation name"))
        max_length("name", v["name"], NAME_LIMIT, tr("Innovation name"))
        for key in LONG_FIELDS:
            v[key] = clean_text(v.get(key), multiline=True)
            max_length(key, v[key], TEXT_LIMIT, tr("This text"))
        for key in SHORT_FIELDS:
            v[key] = clean_text(v.get(key))
            max_length(key, v[key], 300, tr("Proposing group"))
        if not v.get("dimension_id") or self.store.scalar(
                "SELECT 1 FROM dimension WHERE id = ?", (v["dimension_id"],)) is None:
            raise ValidationError("dimension_id", tr("Choose the dimension."))
        if v.get("element_id") in ("", None):
            v["element_id"] = None
        else:
            owner = self.store.scalar("SELECT dimension_id FROM element WHERE id = ?", (v["element_id"],))
            if owner is None:
                raise ValidationError("element_id", tr("The chosen element no longer exists."))
            if owner != v["dimension_id"]:
                raise ValidationError("element_id", tr("This element belongs to another dimension."))
        if not v.get("lead_opd_id"):
            raise ValidationError("lead_opd_id", tr("Choose the lead OPD (OPD pengampu)."))
        if self.store.scalar("SELECT 1 FROM opd WHERE id = ?", (v["lead_opd_id"],)) is None:
            raise ValidationError("lead_opd_id", tr("The chosen lead OPD no longer exists."))
        if v.get("status") not in STATUSES:
            raise ValidationError("status", tr("Choose whether the innovation is already running or new."))
        v["is_ict"] = bool(v.get("is_ict"))
        if v.get("location_scope") not in LOCATION_SCOPES:
            raise ValidationError("location_scope", tr("Choose the whole region or some kecamatan."))
        v["supporting_opd_ids"] = self._existing("opd", "supporting_opd_ids", v.get("supporting_opd_ids") or [],
                                                 tr("A chosen supporting OPD no longer exists."))
        v["supporting_opd_ids"] = [o for o in v["supporting_opd_ids"] if o != v["lead_opd_id"]]
        v["district_ids"] = self._existing("district", "district_ids", v.get("district_ids") or [],
                                           tr("A chosen kecamatan is not in the region's list."))
        if v["location_scope"] == "region":
            v["district_ids"] = []
        v["partners"] = self._partners(v.get("partners") or [])
        v["position"] = int(v.get("position") or 0)
        return v

    def _existing(self, table: str, field_name: str, ids: Iterable[str], message: str) -> list[str]:
        wanted = list(dict.fromkeys(i for i in ids if i))
        if not wanted:
            return []
        found = {r[0] for r in self.store.query(
            f"SELECT id FROM {_q(table)} WHERE id IN ({', '.join('?' * len(wanted))})", wanted)}
        if len(found) != len(wanted):
            raise ValidationError(field_name, message)
        return wanted

    def _partners(self, raw: Iterable[Any]) -> list[Partner]:
        partners: list[Partner] = []
        for item in raw:
            if isinstance(item, Partner):
                kind, name = item.pentahelix, item.name
            elif isinstance(item, dict):
                kind, name = item.get("pentahelix", ""), item.get("name", "")
            else:
                kind, name = item
            kind = clean_text(kind).lower()
            if kind not in PENTAHELIX:
                raise ValidationError("partners", tr("Unknown pentahelix element \u201c{name}\u201d.", name=kind))
            partner = Partner(kind, clean_text(name))
            max_length("partners", partner.name, 300, tr("Partner name"))
            if partner not in partners:
                partners.append(partner)
        return partners

    # --- writing ---------------------------------------------------------------------------------
    def add(self, *, dimension_id: str, name: str, lead_opd_id: str, **values: Any) -> Innovation:
        """Validate and add one innovation with the next code of its dimension; return it."""
        full = self._defaults() | values | {"dimension_id": dimension_id, "name": name, "lead_opd_id": lead_opd_id}
        unknown = set(full) - set(self._defaults()) - {"dimension_id", "name", "lead_opd_id", "id"}
        if unknown:
            raise TypeError(f"unknown innovation fields: {sorted(unknown)}")
        full = self.validate(full, None)
        full["id"] = values.get("id") or new_id()
        with self.store.write(tr("Add innovation \u201c{name}\u201d", name=_short(full["name"]))):
            full["code"] = self._take_code(full["dimension_id"])
            if not full["position"]:
                full["position"] = code_number(full["code"])
            self._insert(full)
        return self.get(full["id"])

    def update(self, innovation_id: str, **changes: Any) -> Innovation:
        """Validate and save changed fields; moving to another dimension gives a new code there."""
        current = dataclasses.asdict(self.get(innovation_id))
        current["partners"] = [Partner(**p) for p in current["partners"]]
        refused = set(changes) - set(current) | {"id", "code"} & set(changes)
        if refused:
            raise TypeError(f"cannot change innovation fields: {sorted(refused)}")
        full = self.validate(current | changes, innovation_id)
        changed = {k: full[k] for k in full if k in current and full[k] != current[k]}
        if not changed:
            return self.get(innovation_id)
        with self.store.write(tr("Edit innovation \u201c{name}\u201d", name=_short(full["name"]))):
            if "dimension_id" in changed:
                changed["code"] = self._take_code(full["dimension_id"])
            self._save(innovation_id, changed)
        return self.get(innovation_id)

    def delete(self, innovation_id: str) -> None:
        """Delete one innovation; its parts and dependents follow their foreign keys (undoable)."""
        current = self.get(innovation_id)
        with self.store.write(tr("Delete innovation {code} \u201c{name}\u201d", code=current.code,
                                 name=_short(current.name))):
            self.store.execute("DELETE FROM innovation WHERE id = ?", (innovation_id,))

    def delete_many(self, innovation_ids: Iterable[str]) -> int:
        """Delete several innovations as one undoable operation; return how many."""
        items = [self.get(i) for i in dict.fromkeys(innovation_ids)]
        if len(items) == 1:
            self.delete(items[0].id)
            return 1
        if not items:
            return 0
        codes = ", ".join(i.code for i in items[:5]) + (", \u2026" if len(items) > 5 else "")
        with self.store.write(tr("Delete {count} innovations ({codes})", count=len(items), codes=codes)):
            for item in items:
                self.store.execute("DELETE FROM innovation WHERE id = ?", (item.id,))
        return len(items)

    def merge(self, keep_id: str, absorb_id: str):
        """Merge ``absorb_id`` into ``keep_id`` as one undoable operation; return an
        ``innovation_merge.MergeResult`` (see that module)."""
        from fgd_app.core.innovations.merge import merge

        return merge(self, keep_id, absorb_id)

    # --- internals -------------------------------------------------------------------------------
    def _defaults(self) -> dict[str, Any]:
        return {"element_id": None, "description": "", "problem": "", "status": "new", "improvement": "",
                "is_ict": True, "location_scope": "region", "proposing_group": "", "beneficiaries": "",
                "notes": "", "position": 0, "supporting_opd_ids": [], "partners": [], "district_ids": []}

    def _take_code(self, dimension_id: str) -> str:
        """Return the next code of the dimension and record its number as used (inside a write)."""
        code = self.next_code(dimension_id)
        self.store.execute(
            "INSERT INTO innovation_code_counter (dimension_id, last_number) VALUES (?, ?) "
            "ON CONFLICT (dimension_id) DO UPDATE SET last_number = excluded.last_number",
            (dimension_id, code_number(code)))
        return code

    def _insert(self, v: dict[str, Any]) -> None:
        stamp = now_iso()
        row = {c: v[c] for c in COLUMNS} | {"is_ict": int(v["is_ict"]), "created_at": stamp, "updated_at": stamp}
        self.store.execute(f"INSERT INTO innovation ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                           tuple(row.values()))
        self._write_parts(v["id"], v)

    def _save(self, innovation_id: str, changed: dict[str, Any]) -> None:
        columns = {k: (int(val) if k == "is_ict" else val) for k, val in changed.items() if k in COLUMNS}
        sets = "".join(f"{_q(k)} = ?, " for k in columns)
        self.store.execute(f"UPDATE innovation SET {sets}updated_at = ? WHERE id = ?",
                           (*columns.values(), now_iso(), innovation_id))
        self._write_parts(innovation_id, changed, replace=True)

    def _write_parts(self, innovation_id: str, v: dict[str, Any], *, replace: bool = False) -> None:
        if "supporting_opd_ids" in v:
            if replace:
                self.store.execute("DELETE FROM innovation_supporting_opd WHERE innovation_id = ?", (innovation_id,))
            self.store.executemany("INSERT INTO innovation_supporting_opd (innovation_id, opd_id) VALUES (?, ?)",
                                   [(innovation_id, o) for o in v["supporting_opd_ids"]])
        if "partners" in v:
            if replace:
                self.store.execute("DELETE FROM innovation_partner WHERE innovation_id = ?", (innovation_id,))
            self.store.executemany(
                "INSERT INTO innovation_partner (id, innovation_id, pentahelix, name, position) VALUES (?, ?, ?, ?, ?)",
                [(new_id(), innovation_id, p.pentahelix, p.name, n) for n, p in enumerate(v["partners"], 1)])
        if "district_ids" in v:
            if replace:
                self.store.execute("DELETE FROM innovation_district WHERE innovation_id = ?", (innovation_id,))
            self.store.executemany("INSERT INTO innovation_district (innovation_id, district_id) VALUES (?, ?)",
                                   [(innovation_id, d) for d in v["district_ids"]])


def _short(name: str, limit: int = 60) -> str:
    """Return a name short enough for an operation name in the Edit menu."""
    one_line = " ".join(name.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "\u2026"
