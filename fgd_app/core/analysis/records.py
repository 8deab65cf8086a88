"""The repositories of the region's analysis; ``RegionAnalysis`` hangs off the workshop as ``ws.analysis``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, new_id, require
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, language, tr

PILLARS = {"struktur": N_("Structure (struktur)"), "infrastruktur": N_("Infrastructure (infrastruktur)"),
           "suprastruktur": N_("Regulation and policy (suprastruktur)")}
APPLICATION_STATUSES = {"active": N_("Running"), "development": N_("In development"), "inactive": N_("Not in use")}
INTEGRATIONS = {"integrated": N_("Integrated"), "partial": N_("Partly integrated"), "none": N_("Not integrated"),
                "unknown": N_("Not known")}
HORIZONS = {"today": N_("Today"), "future": N_("Expected")}
SWOT_FIELDS = ("strengths", "weaknesses", "opportunities", "threats")


def label(choices: dict[str, str], key: str) -> str:
    """Return the translated label of a choice key (the key itself when unknown)."""
    return tr(choices[key]) if key in choices else key


@dataclass
class ReadinessAspect:
    id: str
    name: str
    key: str | None = None
    name_en: str = ""
    pillar: str = "struktur"
    description: str = ""
    position: int = 0

    @property
    def display(self) -> str:
        return self.name_en if language() == "en" and self.name_en else self.name


@dataclass
class ReadinessItem:
    id: str
    aspect_id: str
    name: str
    value: str = ""
    number: str = ""
    year: int | None = None
    status: str = ""
    source: str = ""
    rating: int | None = None
    notes: str = ""
    position: int = 0


@dataclass
class Application:
    id: str
    name: str
    opd_id: str | None = None
    dimension_id: str | None = None
    users: str = ""
    status: str = "active"
    spbe_integration: str = "unknown"
    description: str = ""
    notes: str = ""
    position: int = 0


@dataclass
class Problem:
    id: str
    dimension_id: str
    description: str
    element_id: str | None = None
    horizon: str = "today"
    evidence: str = ""
    notes: str = ""
    position: int = 0


@dataclass
class DimensionGoal:
    id: str
    dimension_id: str
    goal: str
    indicator: str = ""
    target: str = ""
    position: int = 0


@dataclass
class DimensionAnalysis:
    id: str
    dimension_id: str
    is_focus: int = 0
    focus_reason: str = ""
    strengths: str = ""
    weaknesses: str = ""
    opportunities: str = ""
    threats: str = ""


def _text(values: dict[str, Any], fields: Iterable[str], multiline: Iterable[str] = ()) -> None:
    multi = set(multiline)
    for key in fields:
        values[key] = clean_text(values.get(key), multiline=key in multi)


def parse_optional_int(value: Any, field: str, low: int, high: int, what: str) -> int | None:
    """Return an int in [low, high] from typed text, None for empty; raise ValidationError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = str(value)
    try:
        number = int(value) if isinstance(value, int) else int(str(value).strip())
    except ValueError:
        raise ValidationError(field, tr("{field} must be a whole number from {low} to {high}.", field=what,
                                        low=low, high=high)) from None
    if not low <= number <= high:
        raise ValidationError(field, tr("{field} must be a whole number from {low} to {high}.", field=what,
                                        low=low, high=high))
    return number


def _next_position(store: Store, table: str, where: str = "", params: tuple = ()) -> int:
    sql = f"SELECT coalesce(max(position), 0) + 1 FROM {table}" + (f" WHERE {where}" if where else "")
    return int(store.scalar(sql, params))


def _require_row(store: Store, table: str, row_id: Any, field: str, message: str) -> None:
    if not row_id or store.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)) is None:
        raise ValidationError(field, message)


class Aspects(RecordTable[ReadinessAspect]):
    table = "readiness_aspect"
    record = ReadinessAspect
    order_by = "position, name COLLATE NOCASE"
    operation_names = {"add": N_("Add readiness aspect \u201c{name}\u201d"),
                       "edit": N_("Edit readiness aspect \u201c{name}\u201d"),
                       "delete": N_("Delete readiness aspect \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        _text(values, ("name", "description"), ("description",))
        values["name"] = re.sub(r"\s+", " ", values["name"])
        require("name", values["name"], tr("Aspect"))
        max_length("name", values["name"], 100, tr("Aspect"))
        max_length("description", values["description"], 1000, tr("Description"))
        if values.get("pillar") not in PILLARS:
            raise ValidationError("pillar", tr("Choose the pillar of the aspect."))
        twin = self.store.query_one("SELECT id, name FROM readiness_aspect WHERE name = ? COLLATE NOCASE",
                                    (values["name"],))
        if twin is not None and twin["id"] != record_id:
            raise ValidationError("name", tr("An aspect named \u201c{name}\u201d already exists.", name=twin["name"]))
        if record_id is not None:  # a renamed default loses its English name (it no longer matches)
            current = self.get(record_id)
            if current.name != values["name"]:
                values["name_en"] = ""
        if record_id is None and not values.get("position"):
            values["position"] = _next_position(self.store, self.table)
        return values

    def delete(self, record_id: str) -> None:
        used = int(self.store.scalar("SELECT count(*) FROM readiness_item WHERE aspect_id = ?", (record_id,)))
        if used:
            raise ValidationError("aspect", tr("This aspect still holds {count} item(s); move or delete them first.",
                                               count=used))
        super().delete(record_id)


class Items(RecordTable[ReadinessItem]):
    table = "readiness_item"
    record = ReadinessItem
    order_by = "(SELECT a.position FROM readiness_aspect a WHERE a.id = aspect_id), position, rowid"
    operation_names = {"add": N_("Add readiness item \u201c{name}\u201d"),
                       "edit": N_("Edit readiness item \u201c{name}\u201d"),
                       "delete": N_("Delete readiness item \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        _text(values, ("name", "value", "number", "status", "source", "notes"), ("notes",))
        _require_row(self.store, "readiness_aspect", values.get("aspect_id"), "aspect_id",
                     tr("Choose the readiness aspect."))
        require("name", values["name"], tr("Item"))
        for key, limit, what in (("name", 500, tr("Item")), ("value", 500, tr("Value")),
                                 ("number", 100, tr("Number")), ("status", 100, tr("Status")),
                                 ("source", 300, tr("Source")), ("notes", 5000, tr("Notes"))):
            max_length(key, values[key], limit, what)
        values["year"] = parse_optional_int(values.get("year"), "year", 1945, 2100, tr("Year"))
        values["rating"] = parse_optional_int(values.get("rating"), "rating", 1, 5, tr("Rating"))
        if record_id is None and not values.get("position"):
            values["position"] = _next_position(self.store, self.table, "aspect_id = ?", (values["aspect_id"],))
        return values

    def for_aspect(self, aspect_id: str) -> list[ReadinessItem]:
        return self.list("aspect_id = ?", (aspect_id,))

    def average_ratings(self) -> dict[str, float]:
        """Return aspect_id -> the mean of its rated items (aspects without ratings left out)."""
        rows = self.store.query("SELECT aspect_id, avg(rating) FROM readiness_item WHERE rating IS NOT NULL "
                                "GROUP BY aspect_id")
        return {r[0]: float(r[1]) for r in rows}


class Applications(RecordTable[Application]):
    table = "application"
    record = Application
    order_by = "position, name COLLATE NOCASE"
    operation_names = {"add": N_("Add application \u201c{name}\u201d"),
                       "edit": N_("Edit application \u201c{name}\u201d"),
                       "delete": N_("Delete application \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        _text(values, ("name", "users", "description", "notes"), ("description", "notes"))
        values["name"] = re.sub(r"\s+", " ", values["name"])
        require("name", values["name"], tr("Application"))
        for key, limit, what in (("name", 300, tr("Application")), ("users", 300, tr("Users")),
                                 ("description", 5000, tr("Description")), ("notes", 5000, tr("Notes"))):
            max_length(key, values[key], limit, what)
        for key, table, message in (("opd_id", "opd", tr("The OPD no longer exists.")),
                                    ("dimension_id", "dimension", tr("The dimension no longer exists."))):
            values[key] = values.get(key) or None
            if values[key] is not None:
                _require_row(self.store, table, values[key], key, message)
        if values.get("status") not in APPLICATION_STATUSES:
            raise ValidationError("status", tr("Choose the status of the application."))
        if values.get("spbe_integration") not in INTEGRATIONS:
            raise ValidationError("spbe_integration", tr("Choose how far it is integrated with SPBE services."))
        twin = self.store.query_one("SELECT id, name FROM application WHERE name = ? COLLATE NOCASE",
                                    (values["name"],))
        if twin is not None and twin["id"] != record_id:
            raise ValidationError("name", tr("An application named \u201c{name}\u201d already exists.",
                                             name=twin["name"]))
        if record_id is None and not values.get("position"):
            values["position"] = _next_position(self.store, self.table)
        return values

    def link(self, innovation_id: str, application_id: str | None) -> None:
        """Point a running innovation at the application it improves (None: at none); one operation."""
        row = self.store.query_one("SELECT code, status FROM innovation WHERE id = ?", (innovation_id,))
        if row is None:
            raise ValidationError("innovation", tr("The innovation no longer exists."))
        if application_id is not None:
            if row["status"] != "running":
                raise ValidationError("application", tr(
                    "Only an innovation marked \u201crunning\u201d can point to a running application."))
            _require_row(self.store, "application", application_id, "application",
                         tr("The application no longer exists."))
        with self.store.write(tr("Link {code} to an application", code=row["code"])):
            self.store.execute("DELETE FROM innovation_application WHERE innovation_id = ?", (innovation_id,))
            if application_id is not None:
                self.store.execute("INSERT INTO innovation_application VALUES (?, ?)", (innovation_id, application_id))

    def set_innovations(self, application_id: str, innovation_ids: Iterable[str]) -> None:
        """Make exactly these running innovations point at the application (one operation)."""
        app = self.get(application_id)
        wanted = list(dict.fromkeys(innovation_ids))
        running = {r[0] for r in self.store.query("SELECT id FROM innovation WHERE status = 'running'")}
        if set(wanted) - running:
            raise ValidationError("application", tr(
                "Only an innovation marked \u201crunning\u201d can point to a running application."))
        with self.store.write(tr("Link innovations to application \u201c{name}\u201d", name=app.name)):
            self.store.execute("DELETE FROM innovation_application WHERE application_id = ?", (application_id,))
            if wanted:
                self.store.execute(f"DELETE FROM innovation_application WHERE innovation_id IN "
                                   f"({', '.join('?' * len(wanted))})", wanted)
            self.store.executemany("INSERT INTO innovation_application VALUES (?, ?)",
                                   [(i, application_id) for i in wanted])

    def links(self) -> dict[str, str]:
        """Return innovation_id -> application_id for running innovations (a stale link is ignored)."""
        rows = self.store.query("SELECT l.innovation_id, l.application_id FROM innovation_application l "
                                "JOIN innovation i ON i.id = l.innovation_id WHERE i.status = 'running'")
        return {r[0]: r[1] for r in rows}


class Problems(RecordTable[Problem]):
    table = "region_problem"
    record = Problem
    order_by = ("(SELECT d.position FROM dimension d WHERE d.id = dimension_id), "
                "coalesce((SELECT e.position FROM element e WHERE e.id = element_id), 0), position, rowid")
    operation_names = {"add": N_("Add problem \u201c{name}\u201d"), "edit": N_("Edit problem \u201c{name}\u201d"),
                       "delete": N_("Delete problem \u201c{name}\u201d")}

    def label(self, values: dict[str, Any]) -> str:
        text = str(values.get("description", ""))
        return text if len(text) <= 40 else text[:39] + "\u2026"

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        _text(values, ("description", "evidence", "notes"), ("description", "evidence", "notes"))
        _require_row(self.store, "dimension", values.get("dimension_id"), "dimension_id", tr("Choose the dimension."))
        values["element_id"] = values.get("element_id") or None
        if values["element_id"] is not None:
            owner = self.store.scalar("SELECT dimension_id FROM element WHERE id = ?", (values["element_id"],))
            if owner != values["dimension_id"]:
                raise ValidationError("element_id", tr("The element does not belong to the chosen dimension."))
        require("description", values["description"], tr("Problem"))
        for key, limit, what in (("description", 5000, tr("Problem")), ("evidence", 2000, tr("Evidence")),
                                 ("notes", 5000, tr("Notes"))):
            max_length(key, values[key], limit, what)
        if values.get("horizon") not in HORIZONS:
            raise ValidationError("horizon", tr("Choose whether the problem is today's or expected."))
        if record_id is None and not values.get("position"):
            values["position"] = _next_position(self.store, self.table, "dimension_id = ?", (values["dimension_id"],))
        return values

    def set_innovations(self, problem_id: str, innovation_ids: Iterable[str]) -> None:
        """Replace the innovations that address a problem (one operation)."""
        problem = self.get(problem_id)
        wanted = list(dict.fromkeys(innovation_ids))
        known = {r[0] for r in self.store.query(
            f"SELECT id FROM innovation WHERE id IN ({', '.join('?' * len(wanted))})", wanted)} if wanted else set()
        if set(wanted) - known:
            raise ValidationError("innovations", tr("An innovation chosen no longer exists."))
        with self.store.write(tr("Link innovations to problem \u201c{name}\u201d",
                                 name=self.label({"description": problem.description}))):
            self.store.execute("DELETE FROM problem_innovation WHERE problem_id = ?", (problem_id,))
            self.store.executemany("INSERT INTO problem_innovation VALUES (?, ?)", [(problem_id, i) for i in wanted])

    def innovation_ids(self, problem_id: str) -> list[str]:
        return [r[0] for r in self.store.query(
            "SELECT l.innovation_id FROM problem_innovation l JOIN innovation i ON i.id = l.innovation_id "
            "WHERE l.problem_id = ? ORDER BY i.code", (problem_id,))]

    def links(self) -> list[tuple[str, str]]:
        """Return every (problem_id, innovation_id) pair."""
        return [(r[0], r[1]) for r in self.store.query("SELECT problem_id, innovation_id FROM problem_innovation")]

    def without_innovation(self) -> list[Problem]:
        """Return the problems no innovation addresses yet."""
        return self.list("id NOT IN (SELECT problem_id FROM problem_innovation)")

    def innovations_without_problem(self) -> list[tuple[str, str, str]]:
        """Return (id, code, name) of the innovations linked to no problem, by code."""
        return [(r[0], r[1], r[2]) for r in self.store.query(
            "SELECT id, code, name FROM innovation WHERE id NOT IN (SELECT innovation_id FROM problem_innovation) "
            "ORDER BY code")]


class Goals(RecordTable[DimensionGoal]):
    table = "dimension_goal"
    record = DimensionGoal
    order_by = "(SELECT d.position FROM dimension d WHERE d.id = dimension_id), position, rowid"
    operation_names = {"add": N_("Add goal \u201c{name}\u201d"), "edit": N_("Edit goal \u201c{name}\u201d"),
                       "delete": N_("Delete goal \u201c{name}\u201d")}

    def label(self, values: dict[str, Any]) -> str:
        text = str(values.get("goal", ""))
        return text if len(text) <= 40 else text[:39] + "\u2026"

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        _text(values, ("goal", "indicator", "target"), ("goal",))
        _require_row(self.store, "dimension", values.get("dimension_id"), "dimension_id", tr("Choose the dimension."))
        require("goal", values["goal"], tr("Goal"))
        for key, limit, what in (("goal", 2000, tr("Goal")), ("indicator", 500, tr("Indicator")),
                                 ("target", 300, tr("Target"))):
            max_length(key, values[key], limit, what)
        if record_id is None and not values.get("position"):
            values["position"] = _next_position(self.store, self.table, "dimension_id = ?", (values["dimension_id"],))
        return values


class DimensionAnalyses:
    """The focus flag and SWOT of each dimension (at most one row per dimension, made on first save)."""

    FIELDS = ("is_focus", "focus_reason", *SWOT_FIELDS)

    def __init__(self, store: Store):
        self.store = store

    def get(self, dimension_id: str) -> DimensionAnalysis:
        row = self.store.query_one("SELECT * FROM dimension_analysis WHERE dimension_id = ?", (dimension_id,))
        if row is None:
            return DimensionAnalysis("", dimension_id)
        return DimensionAnalysis(row["id"], dimension_id, *(row[k] for k in self.FIELDS))

    def all(self) -> dict[str, DimensionAnalysis]:
        return {r["dimension_id"]: DimensionAnalysis(r["id"], r["dimension_id"], *(r[k] for k in self.FIELDS))
                for r in self.store.query("SELECT * FROM dimension_analysis")}

    def focus_ids(self) -> set[str]:
        """Return the ids of the focus dimensions."""
        return {r[0] for r in self.store.query("SELECT dimension_id FROM dimension_analysis WHERE is_focus = 1")}

    def save(self, dimension_id: str, **changes: Any) -> DimensionAnalysis:
        """Validate and save the focus flag, its reason or the SWOT of one dimension (one operation)."""
        unknown = set(changes) - set(self.FIELDS)
        if unknown:
            raise TypeError(f"unknown fields for dimension_analysis: {sorted(unknown)}")
        name = self.store.scalar("SELECT name FROM dimension WHERE id = ?", (dimension_id,))
        if name is None:
            raise ValidationError("dimension_id", tr("The dimension no longer exists."))
        current = self.get(dimension_id)
        values = {k: getattr(current, k) for k in self.FIELDS} | changes
        values["is_focus"] = 1 if values["is_focus"] in (1, True, "1") else 0
        for key in ("focus_reason", *SWOT_FIELDS):
            values[key] = clean_text(values[key], multiline=True)
            max_length(key, values[key], 2000 if key == "focus_reason" else 5000, tr("Text"))
        changed = {k: v for k, v in values.items() if v != getattr(current, k)}
        if not changed:
            return current
        op = (tr("Mark \u201c{name}\u201d as a focus dimension", name=name) if changed.get("is_focus") == 1
              else tr("Unmark \u201c{name}\u201d as a focus dimension", name=name) if "is_focus" in changed
              else tr("Edit the analysis of \u201c{name}\u201d", name=name))
        stamp = now_iso()
        with self.store.write(op):
            if current.id:
                sets = ", ".join(f"{k} = ?" for k in changed)
                self.store.execute(f"UPDATE dimension_analysis SET {sets}, updated_at = ? WHERE id = ?",
                                   (*changed.values(), stamp, current.id))
            else:
                self.store.execute(
                    f"INSERT INTO dimension_analysis (id, dimension_id, {', '.join(self.FIELDS)}, created_at, "
                    f"updated_at) VALUES (?, ?, {', '.join('?' * len(self.FIELDS))}, ?, ?)",
                    (new_id(), dimension_id, *(values[k] for k in self.FIELDS), stamp, stamp))
        return self.get(dimension_id)


class RegionAnalysis:
    """The parts of the region's analysis (``ws.analysis``)."""

    def __init__(self, store: Store):
        self.store = store
        self.aspects = Aspects(store)
        self.items = Items(store)
        self.applications = Applications(store)
        self.problems = Problems(store)
        self.goals = Goals(store)
        self.dimensions = DimensionAnalyses(store)

    def counts(self) -> dict[str, int]:
        """Return how many rows each part holds (for summaries)."""
        tables = {"items": "readiness_item", "applications": "application", "problems": "region_problem",
                  "goals": "dimension_goal"}
        return {key: int(self.store.scalar(f"SELECT count(*) FROM {table}")) for key, table in tables.items()}
