"""The OPD x dimension coverage board: innovations, plans and risks per OPD and dimension."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import dataclass, field

from fgd_app.core.store.writer import Store


@dataclass(frozen=True)
class Counts:
    innovations: int = 0
    plans: int = 0
    risks: int = 0

    @property
    def empty(self) -> bool:
        return not (self.innovations or self.plans or self.risks)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.innovations + other.innovations, self.plans + other.plans, self.risks + other.risks)


@dataclass(frozen=True)
class DimensionColumn:
    id: str
    code: str
    name: str


@dataclass
class OpdLine:
    """One OPD's row of the board: counts per dimension id, and how many of its people are present."""

    id: str
    name: str
    short_name: str
    present: int  # participants of this OPD ticked on the board's day
    cells: dict[str, Counts] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.cells.values():
            total = total + counts
        return total

    @property
    def silent(self) -> bool:
        """Present today and nothing yet: an OPD to call on."""
        return self.present > 0 and self.total.empty

    def cell(self, dimension_id: str) -> Counts:
        return self.cells.get(dimension_id, Counts())


@dataclass
class CoverageBoard:
    dimensions: list[DimensionColumn]
    opds: list[OpdLine]
    day_id: str | None  # the attendance day the "present" figures are for (None: no attendance yet)
    day_date: str

    @property
    def silent(self) -> list[OpdLine]:
        return [line for line in self.opds if line.silent]

    def column_total(self, dimension_id: str) -> Counts:
        total = Counts()
        for line in self.opds:
            total = total + line.cell(dimension_id)
        return total

    @property
    def total(self) -> Counts:
        total = Counts()
        for line in self.opds:
            total = total + line.total
        return total


def attendance_day(store: Store, today: _dt.date | None = None) -> tuple[str, str] | None:
    """Return (id, date) of the day whose attendance counts: today's workshop day; else the latest day up
    to today that has attendance ticks; else the latest day with any ticks; None when nobody is ticked."""
    today_text = (today or _dt.date.today()).isoformat()
    row = store.query_one("SELECT id, day_date FROM workshop_day WHERE day_date = ?", (today_text,))
    if row is not None:
        return row[0], row[1]
    for where in ("d.day_date <= ?", "1"):
        row = store.query_one(
            f"SELECT d.id, d.day_date FROM workshop_day d WHERE {where} "
            "AND EXISTS (SELECT 1 FROM attendance a WHERE a.day_id = d.id) ORDER BY d.day_date DESC LIMIT 1",
            (today_text,) if "?" in where else ())
        if row is not None:
            return row[0], row[1]
    return None


_INNOVATIONS = "SELECT lead_opd_id, dimension_id, count(*) FROM innovation GROUP BY 1, 2"
_PLANS = ("SELECT p.opd_id, i.dimension_id, count(*) FROM action_plan p JOIN innovation i ON i.id = p.innovation_id "
          "GROUP BY 1, 2")
_RISKS = ("SELECT coalesce(r.owner_opd_id, i.lead_opd_id), i.dimension_id, count(*) FROM risk r "
          "JOIN innovation i ON i.id = r.innovation_id GROUP BY 1, 2")


def build_board(store: Store, *, today: _dt.date | None = None, day_id: str | None = None) -> CoverageBoard:
    """Return the board of every OPD (the OPDs present with nothing yet first, then by name).

    ``day_id`` picks the attendance day; by default ``attendance_day(store, today)``.
    """
    day = None
    if day_id is not None:
        row = store.query_one("SELECT id, day_date FROM workshop_day WHERE id = ?", (day_id,))
        day = (row[0], row[1]) if row is not None else None
    else:
        day = attendance_day(store, today)
    dimensions = [DimensionColumn(*r) for r in store.query("SELECT id, code, name FROM dimension ORDER BY position")]
    present: dict[str, int] = {}
    if day is not None:
        present = {r[0]: int(r[1]) for r in store.query(
            "SELECT p.opd_id, count(*) FROM attendance a JOIN participant p ON p.id = a.participant_id "
            "WHERE a.day_id = ? AND p.opd_id IS NOT NULL GROUP BY 1", (day[0],))}
    figures: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for slot, sql in enumerate((_INNOVATIONS, _PLANS, _RISKS)):
        for opd_id, dimension_id, count in store.query(sql):
            if opd_id is not None:
                figures[(opd_id, dimension_id)][slot] = int(count)
    lines = {r[0]: OpdLine(r[0], r[1], r[2], present.get(r[0], 0))
             for r in store.query("SELECT id, name, short_name FROM opd")}
    for (opd_id, dimension_id), (innovations, plans, risks) in figures.items():
        line = lines.get(opd_id)
        if line is not None:
            line.cells[dimension_id] = Counts(innovations, plans, risks)
    ordered = sorted(lines.values(), key=lambda line: (not line.silent, line.present == 0 and line.total.empty,
                                                       line.label.casefold()))
    return CoverageBoard(dimensions, ordered, day[0] if day else None, day[1] if day else "")
