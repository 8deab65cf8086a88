"""Action plans (rencana aksi): ordered steps per innovation, laid on the planning horizon.

Each operation — add, edit, delete, reorder, duplicate, move to another innovation, set dependencies — is
validated first and then runs as ONE ``store.write``, so it is durable and undone in one step.

The stage of a plan is derived (``stage_label``) from its years and the workshop's stages whenever it is
shown; it is not stored, so editing the stage boundaries on the workshop page can never leave a stale stage.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.plans.lists import FundingSources, PlanStatuses, parse_rupiah
from fgd_app.core.roadmap import data as roadmap
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, new_id, require
from fgd_app.core.store.references import register_table_label
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.core.years import year_span
from fgd_app.i18n import N_, tr

register_table_label("action_plan", N_("action plan(s)"))
register_table_label("plan_dependency", N_("plan dependenc(ies)"))

TEXT_LIMITS = {"activity": 1000, "output": 1000, "indicator": 1000, "target": 500, "partners": 1000,
               "notes": 10000}


@dataclass
class ActionPlan:
    id: str
    innovation_id: str
    activity: str
    first_year: int
    last_year: int
    opd_id: str
    status_id: str = ""
    position: int = 0
    output: str = ""
    indicator: str = ""
    target: str = ""
    partners: str = ""
    funding_source_id: str | None = None
    budget: int = 0
    notes: str = ""


class ActionPlans(RecordTable[ActionPlan]):
    """The action plans of every innovation; ``funding_sources`` and ``statuses`` are the editable lists."""

    table = "action_plan"
    record = ActionPlan
    order_by = "innovation_id, position, rowid"
    operation_names = {"add": N_("Add action plan \u201c{name}\u201d"),
                       "edit": N_("Edit action plan \u201c{name}\u201d"),
                       "delete": N_("Delete action plan \u201c{name}\u201d")}

    def __init__(self, store: Store):
        super().__init__(store)
        self.funding_sources = FundingSources(store)
        self.statuses = PlanStatuses(store)

    def label(self, values: dict[str, Any]) -> str:
        text = str(values.get("activity", ""))
        return text if len(text) <= 60 else text[:57] + "\u2026"

    # --- the horizon ------------------------------------------------------------------------------
    def horizon(self) -> tuple[int, int]:
        row = self.store.query_one("SELECT horizon_first_year, horizon_last_year FROM workshop")
        return int(row[0]), int(row[1])

    def stages(self) -> list[roadmap.StageSpan]:
        rows = self.store.query("SELECT number, name, first_year, last_year FROM horizon_stage ORDER BY number")
        return [roadmap.StageSpan(r[0], r[1], r[2], r[3]) for r in rows]

    def stage_label(self, plan: ActionPlan, stages: Sequence[roadmap.StageSpan] | None = None) -> str:
        """Return the plan's stage derived from its years ("Tahap 1", "Tahap 1–2")."""
        return roadmap.stage_label(plan.first_year, plan.last_year, self.stages() if stages is None else stages)

    # --- reading ----------------------------------------------------------------------------------
    def of(self, innovation_id: str) -> list[ActionPlan]:
        """Return the plans of one innovation in their order."""
        return self.list("innovation_id = ?", (innovation_id,))

    def counts(self) -> dict[str, int]:
        """Return {innovation_id: number of plans}."""
        return {r[0]: r[1] for r in self.store.query(
            "SELECT innovation_id, count(*) FROM action_plan GROUP BY innovation_id")}

    def innovations_involving(self, opd_id: str) -> set[str]:
        """Return the innovations an OPD leads, supports or is responsible for a plan of."""
        return {r[0] for r in self.store.query(
            "SELECT id FROM innovation WHERE lead_opd_id = ?1 "
            "UNION SELECT innovation_id FROM innovation_supporting_opd WHERE opd_id = ?1 "
            "UNION SELECT innovation_id FROM action_plan WHERE opd_id = ?1", (opd_id,))}

    def dependencies(self, plan_id: str) -> list[str]:
        """Return the ids of the plans ``plan_id`` depends on."""
        return [r[0] for r in self.store.query(
            "SELECT d.depends_on_id FROM plan_dependency d JOIN action_plan p ON p.id = d.depends_on_id "
            "WHERE d.plan_id = ? ORDER BY p.innovation_id, p.position", (plan_id,))]

    def dependants(self, plan_id: str) -> list[str]:
        """Return the ids of the plans that depend on ``plan_id``."""
        return [r[0] for r in self.store.query("SELECT plan_id FROM plan_dependency WHERE depends_on_id = ?",
                                               (plan_id,))]

    def dependency_map(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for plan_id, depends_on in self.store.query("SELECT plan_id, depends_on_id FROM plan_dependency"):
            out.setdefault(plan_id, []).append(depends_on)
        return out

    def _edges_from(self, starts: Sequence[str]) -> dict[str, list[str]]:
        """Return the dependency edges reachable from ``starts`` (all a new cycle could run through)."""
        out: dict[str, list[str]] = {}
        for plan_id, depends_on in self.store.query(
                "WITH RECURSIVE reach(id) AS (SELECT value FROM json_each(?) UNION "
                "SELECT d.depends_on_id FROM plan_dependency d JOIN reach r ON d.plan_id = r.id) "
                "SELECT plan_id, depends_on_id FROM plan_dependency WHERE plan_id IN (SELECT id FROM reach)",
                (json.dumps(list(starts)),)):
            out.setdefault(plan_id, []).append(depends_on)
        return out

    def describe(self, plan_id: str) -> str:
        """Return "GOV-01 #2 Kajian kebutuhan" for messages and pick lists."""
        row = self.store.query_one("SELECT i.code, p.position, p.activity FROM action_plan p "
                                   "JOIN innovation i ON i.id = p.innovation_id WHERE p.id = ?", (plan_id,))
        if row is None:
            return "?"
        return f"{row[0]} #{row[1]} {self.label({'activity': row[2]})}"

    # --- validation -------------------------------------------------------------------------------
    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        """Clean and check one plan's values (years inside the horizon, OPD and lists existing, budget)."""
        values = dict(values)
        for key, limit in TEXT_LIMITS.items():
            values[key] = clean_text(values.get(key), multiline=key in ("notes", "indicator", "target"))
            max_length(key, values[key], limit, self._label(key))
        require("activity", values["activity"], tr("Activity"))
        if self.store.scalar("SELECT 1 FROM innovation WHERE id = ?", (values.get("innovation_id"),)) is None:
            raise ValidationError("innovation_id", tr("The chosen innovation no longer exists."))
        values["first_year"], values["last_year"] = self.check_years(values.get("first_year"), values.get("last_year"))
        if not values.get("opd_id"):
            raise ValidationError("opd_id", tr("Choose the responsible OPD."))
        if self.store.scalar("SELECT 1 FROM opd WHERE id = ?", (values["opd_id"],)) is None:
            raise ValidationError("opd_id", tr("The chosen OPD no longer exists."))
        if values.get("funding_source_id") in ("", None):
            values["funding_source_id"] = None
        elif self.store.scalar("SELECT 1 FROM funding_source WHERE id = ?", (values["funding_source_id"],)) is None:
            raise ValidationError("funding_source_id", tr("The chosen funding source no longer exists."))
        if not values.get("status_id"):
            values["status_id"] = self.statuses.default().id
        elif self.store.scalar("SELECT 1 FROM plan_status WHERE id = ?", (values["status_id"],)) is None:
            raise ValidationError("status_id", tr("The chosen status no longer exists."))
        values["budget"] = parse_rupiah(values.get("budget"), "budget")
        return values

    def check_years(self, first_year: Any, last_year: Any) -> tuple[int, int]:
        """Return the years as numbers; refuse text, years outside the horizon and a last year before the first
        (the rule of ``fgd_app.core.years``). An empty last year means "the same as the first year".
        """
        last = last_year if last_year not in (None, "") else first_year
        return year_span(first_year, last, horizon=self.horizon())

    @staticmethod
    def _label(key: str) -> str:
        return {"activity": tr("Activity"), "output": tr("Output"), "indicator": tr("Indicator"),
                "target": tr("Target"), "partners": tr("Partners"), "notes": tr("Notes")}[key]

    def _check_dependencies(self, plan_id: str, depends_on: Iterable[str]) -> list[str]:
        wanted = list(dict.fromkeys(d for d in depends_on if d))
        if plan_id in wanted:
            raise ValidationError("depends_on", tr("A plan cannot depend on itself."))
        if wanted:
            marks = ",".join("?" * len(wanted))
            found = {r[0] for r in self.store.query(f"SELECT id FROM action_plan WHERE id IN ({marks})", wanted)}
            if len(found) < len(wanted):
                raise ValidationError("depends_on", tr("A chosen plan no longer exists."))
        cycle = roadmap.find_cycle(self._edges_from(wanted), plan_id, wanted) if wanted else None
        if cycle:
            names = " \u2192 ".join(self.describe(p) for p in cycle)
            raise ValidationError("depends_on", tr("This dependency would make a cycle: {cycle}.", cycle=names))
        return wanted

    # --- writing ----------------------------------------------------------------------------------
    def add(self, *, depends_on: Iterable[str] = (), position: int | None = None, **values: Any) -> ActionPlan:
        """Add a plan at the end of its innovation's list (or at ``position``); return it."""
        unknown = set(values) - set(self._fields)
        if unknown:
            raise TypeError(f"unknown fields for action_plan: {sorted(unknown)}")
        full = self.validate(self.defaults() | values, None)
        full["id"] = values.get("id") or new_id()
        wanted = self._check_dependencies(full["id"], depends_on)
        with self.store.write(self.op_name("add", full)):
            count = self._count_in(full["innovation_id"])
            full["position"] = count + 1
            self.insert_row(full)
            self._set_dependencies(full["id"], wanted)
            if position is not None:
                self._move_within(full["id"], full["innovation_id"], position)
        return self.get(full["id"])

    def update(self, record_id: str, *, depends_on: Iterable[str] | None = None, **changes: Any) -> ActionPlan:
        """Validate and save changed fields (and, when given, the dependencies) as one operation."""
        unknown = set(changes) - set(self._fields) | ({"id", "position", "innovation_id"} & set(changes))
        if unknown:
            raise TypeError(f"cannot change fields of action_plan: {sorted(unknown)}")
        current = dataclasses.asdict(self.get(record_id))
        full = self.validate(current | changes, record_id)
        changed = {k: full[k] for k in full if k != "id" and full[k] != current.get(k)}
        wanted = None
        if depends_on is not None:
            wanted = self._check_dependencies(record_id, depends_on)
            if set(wanted) == set(self.dependencies(record_id)):
                wanted = None
        if not changed and wanted is None:
            return self.get(record_id)
        with self.store.write(self.op_name("edit", full)):
            if changed:
                self.update_row(record_id, changed)
            if wanted is not None:
                self._set_dependencies(record_id, wanted)
        return self.get(record_id)

    def set_dependencies(self, plan_id: str, depends_on: Iterable[str]) -> ActionPlan:
        """Make ``plan_id`` depend on exactly ``depends_on``; a cycle is refused with a message naming it."""
        return self.update(plan_id, depends_on=depends_on)

    def delete(self, record_id: str) -> None:
        """Delete a plan (its dependency links go with it) and close the gap in its list."""
        plan = self.get(record_id)
        with self.store.write(self.op_name("delete", dataclasses.asdict(plan))):
            self.store.execute("DELETE FROM action_plan WHERE id = ?", (record_id,))
            self._renumber(plan.innovation_id)

    def move_up(self, record_id: str) -> ActionPlan:
        return self.set_position(record_id, self._index_of(record_id))

    def move_down(self, record_id: str) -> ActionPlan:
        return self.set_position(record_id, self._index_of(record_id) + 2)

    def set_position(self, record_id: str, position: int) -> ActionPlan:
        """Put a plan at ``position`` (1-based, clamped) in its innovation's list."""
        plan = self.get(record_id)
        ids = self._ordered_ids(plan.innovation_id)
        target = max(1, min(int(position), len(ids)))
        if ids.index(record_id) + 1 == target and plan.position == target:
            return plan
        with self.store.write(tr("Move action plan \u201c{name}\u201d to position {position}",
                                 name=self.label(dataclasses.asdict(plan)), position=target)):
            self._move_within(record_id, plan.innovation_id, target)
        return self.get(record_id)

    def duplicate(self, record_id: str) -> ActionPlan:
        """Copy a plan (with its dependencies) right below the original; return the copy."""
        plan = dataclasses.asdict(self.get(record_id))
        copy = dict(plan, id=new_id())
        below = self._index_of(record_id) + 2
        with self.store.write(tr("Duplicate action plan \u201c{name}\u201d", name=self.label(plan))):
            copy["position"] = self._count_in(plan["innovation_id"]) + 1
            self.insert_row(copy)
            self._set_dependencies(copy["id"], self.dependencies(record_id))
            self._move_within(copy["id"], plan["innovation_id"], below)
        return self.get(copy["id"])

    def move_to(self, record_id: str, innovation_id: str) -> ActionPlan:
        """Move a plan to the end of another innovation's list (its dependencies stay)."""
        plan = self.get(record_id)
        code = self.store.scalar("SELECT code FROM innovation WHERE id = ?", (innovation_id,))
        if code is None:
            raise ValidationError("innovation_id", tr("The chosen innovation no longer exists."))
        if innovation_id == plan.innovation_id:
            return plan
        with self.store.write(tr("Move action plan \u201c{name}\u201d to {code}",
                                 name=self.label(dataclasses.asdict(plan)), code=code)):
            position = self._count_in(innovation_id) + 1
            self.update_row(record_id, {"innovation_id": innovation_id, "position": position})
            self._renumber(plan.innovation_id)
        return self.get(record_id)

    # --- helpers inside a write -------------------------------------------------------------------
    def _count_in(self, innovation_id: str) -> int:
        return int(self.store.scalar("SELECT count(*) FROM action_plan WHERE innovation_id = ?", (innovation_id,)))

    def _ordered_ids(self, innovation_id: str) -> list[str]:
        return [r[0] for r in self.store.query(
            "SELECT id FROM action_plan WHERE innovation_id = ? ORDER BY position, rowid", (innovation_id,))]

    def _index_of(self, record_id: str) -> int:
        """Return the 0-based place of a plan in its list (positions may repeat after a merge)."""
        return self._ordered_ids(self.get(record_id).innovation_id).index(record_id)

    def _set_dependencies(self, plan_id: str, wanted: Sequence[str]) -> None:
        have = set(self.dependencies(plan_id))
        for gone in have - set(wanted):
            self.store.execute("DELETE FROM plan_dependency WHERE plan_id = ? AND depends_on_id = ?", (plan_id, gone))
        stamp = now_iso()
        for new in [d for d in wanted if d not in have]:
            self.store.execute("INSERT INTO plan_dependency (plan_id, depends_on_id, created_at) VALUES (?, ?, ?)",
                               (plan_id, new, stamp))

    def _renumber(self, innovation_id: str, order: Sequence[str] | None = None) -> None:
        """Give the innovation's plans positions 1..n (in ``order`` when given); write only what changed."""
        rows = self.store.query("SELECT id, position FROM action_plan WHERE innovation_id = ? ORDER BY position, rowid",
                                (innovation_id,))
        current = {r[0]: r[1] for r in rows}
        ids = list(order) if order is not None else [r[0] for r in rows]
        for number, plan_id in enumerate(ids, start=1):
            if current[plan_id] != number:
                self.store.execute("UPDATE action_plan SET position = ? WHERE id = ?", (number, plan_id))

    def _move_within(self, plan_id: str, innovation_id: str, position: int) -> None:
        ids = self._ordered_ids(innovation_id)
        ids.remove(plan_id)
        ids.insert(max(0, min(position - 1, len(ids))), plan_id)
        self._renumber(innovation_id, ids)

    # --- the roadmap ------------------------------------------------------------------------------
    def roadmap_data(self) -> roadmap.RoadmapData:
        """Load everything the roadmap and the budget summary need, in display order."""
        q = self.store.query
        first, last = self.horizon()
        dimensions = [roadmap.DimensionInfo(*r) for r in q("SELECT id, code, name FROM dimension ORDER BY position")]
        cursor = self.store.conn.cursor()
        cursor.row_factory = None  # plain tuples: 20,000 plans load in a fraction of the time
        innovations = list(map(roadmap.InnovationInfo._make, cursor.execute(
            "SELECT i.id, i.code, i.name, i.dimension_id FROM innovation i JOIN dimension d ON d.id = i.dimension_id "
            "ORDER BY d.position, CAST(substr(i.code, 5) AS INTEGER)")))
        plans = list(map(roadmap.PlanInfo._make, cursor.execute(
            "SELECT id, innovation_id, position, activity, first_year, last_year, opd_id, funding_source_id, budget, "
            "status_id FROM action_plan")))  # file order (twice as fast as sorted); grouped in RoadmapData
        opds = {r[0]: (r[2] or r[1]) for r in q("SELECT id, name, short_name FROM opd")}
        fundings = {f.id: f.display for f in self.funding_sources.list()}
        statuses = self.statuses.list()
        return roadmap.RoadmapData(first, last, self.stages(), dimensions, innovations, plans, opds, fundings,
                                   {s.id: s.display for s in statuses}, {s.id: s.code or "" for s in statuses})
