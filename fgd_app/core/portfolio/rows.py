"""One row per region and stage: counts, budget, risks per level, quick wins and completeness (the hand-over
checklist of issue 16, ``coverage.completeness``, run over every workshop of the file at once).

Every figure is read with one ``GROUP BY _workshop_id`` query per table (a consolidated table has no
index but its primary key, so no per-region query); identity comes from ``identity.region_stages``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fgd_app.core.coverage.completeness import Completeness, check_completeness_per_workshop
from fgd_app.core.portfolio.identity import StageIdentity, region_stages


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    colour: str


@dataclass
class RegionStage:
    """One region at one stage, with what the portfolio shows about it."""

    identity: StageIdentity
    opds: int = 0
    participants: int = 0
    innovations: int = 0
    per_dimension: dict[str, int] = field(default_factory=dict)  # dimension code -> innovations
    plans: int = 0
    budget: int = 0  # rupiah, sum of the plans' estimates
    risks: int = 0
    per_level: dict[int, int] = field(default_factory=dict)  # risk level number -> risks (inherent)
    quick_wins: int = 0
    # the hand-over checklist of the region's file (the workshop's own *Siap diserahkan?* list)
    completeness: Completeness = field(default_factory=lambda: Completeness([]))
    missing: list[str] = field(default_factory=list)  # its open gaps, one translated line each

    def gap_count(self, key: str) -> int:
        return next((gap.count for gap in self.completeness.gaps if gap.key == key), 0)

    @property
    def innovations_without_plans(self) -> int:
        return self.gap_count("innovations_without_plans")

    @property
    def untreated_risks(self) -> int:  # at or above the appetite, without a complete treatment
        return self.gap_count("risks_untreated")

    @property
    def workshop_id(self) -> str:
        return self.identity.workshop_id

    @property
    def complete(self) -> bool:
        return not self.missing

    def __getattr__(self, name: str):  # region_code, province_name, stage, ... read through to the identity
        if name.startswith("__") or name == "identity":
            raise AttributeError(name)
        return getattr(self.identity, name)


def _counts(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {str(k): int(v or 0) for k, v in conn.execute(sql)}


def load_rows(conn: sqlite3.Connection) -> list[RegionStage]:
    """Return one ``RegionStage`` per workshop of the consolidated file, with its completeness."""
    rows = [RegionStage(identity) for identity in region_stages(conn)]
    opds = _counts(conn, "SELECT _workshop_id, count(*) FROM opd GROUP BY 1")
    people = _counts(conn, "SELECT _workshop_id, count(*) FROM participant GROUP BY 1")
    chosen = _counts(conn, "SELECT _workshop_id, count(*) FROM quickwin_choice GROUP BY 1")
    checklist = check_completeness_per_workshop(conn)
    plans = {str(w): (int(n), int(b or 0)) for w, n, b in conn.execute(
        "SELECT _workshop_id, count(*), sum(budget) FROM action_plan GROUP BY 1")}
    per_dimension: dict[str, dict[str, int]] = defaultdict(dict)
    for wid, code, count in conn.execute(
            "SELECT i._workshop_id, coalesce(d.code, '?'), count(*) FROM innovation i "
            "LEFT JOIN dimension d ON d.id = i.dimension_id GROUP BY 1, 2"):
        per_dimension[str(wid)][code] = int(count)
    per_level: dict[str, dict[int, int]] = defaultdict(dict)
    for wid, level, count in conn.execute("SELECT _workshop_id, coalesce(level, 0), count(*) FROM risk GROUP BY 1, 2"):
        per_level[str(wid)][int(level)] = int(count)
    for row in rows:
        wid = row.workshop_id
        row.opds, row.participants, row.quick_wins = opds.get(wid, 0), people.get(wid, 0), chosen.get(wid, 0)
        row.per_dimension = per_dimension.get(wid, {})
        row.innovations = sum(row.per_dimension.values())
        row.plans, row.budget = plans.get(wid, (0, 0))
        row.per_level = per_level.get(wid, {})
        row.risks = sum(row.per_level.values())
        row.completeness = checklist.get(wid, row.completeness)
        row.missing = [gap.text() for gap in row.completeness.open]
    return rows


def load_dimensions(conn: sqlite3.Connection) -> list[Dimension]:
    """Return the dimensions found across regions, by code, in their usual order (name: the most common)."""
    names: dict[str, tuple[int, str]] = {}
    order: dict[str, int] = {}
    for code, name, position, count in conn.execute(
            "SELECT code, name, min(position), count(*) FROM dimension GROUP BY code, name"):
        if code not in names or count > names[code][0]:
            names[code] = (count, name)
        order[code] = min(order.get(code, position), position)
    return [Dimension(code, names[code][1]) for code in sorted(names, key=lambda c: (order[c], c))]


def load_levels(conn: sqlite3.Connection) -> list[Level]:
    """Return the risk levels found across regions by number (name and colour: the most common)."""
    best: dict[int, tuple[int, str, str]] = {}
    for number, name, colour, count in conn.execute(
            "SELECT number, name, colour, count(*) FROM risk_level GROUP BY number, name, colour"):
        if number not in best or count > best[number][0]:
            best[number] = (count, name, colour)
    return [Level(n, best[n][1], best[n][2]) for n in sorted(best)]


# --- filtering and sorting (the page, the CLI and the reports share them) ------------------------------
def filter_rows(rows: Iterable[RegionStage], *, province: str = "", stage: int = 0, incomplete_only: bool = False,
                text: str = "") -> list[RegionStage]:
    """Return the rows of ``province`` (code), ``stage`` (0: any), only incomplete ones, or naming ``text``."""
    needle = text.strip().casefold()
    return [r for r in rows
            if (not province or r.province_code == province) and (not stage or r.stage == stage)
            and (not incomplete_only or r.missing)
            and (not needle or needle in f"{r.region_code} {r.region_name} {r.province_name}".casefold())]


SORT_KEYS: dict[str, object] = {
    "region": lambda r: (r.region_key, r.stage, r.region_code),  # a region's stages together
    "province": lambda r: (r.province_name, r.region_code, r.stage),
    "stage": lambda r: (r.stage, r.region_code),
    "innovations": lambda r: (r.innovations, r.region_code),
    "budget": lambda r: (r.budget, r.region_code),
    "missing": lambda r: (len(r.missing), r.region_code),
}


def sort_rows(rows: Sequence[RegionStage], key: str = "region", *, descending: bool = False) -> list[RegionStage]:
    """Return ``rows`` sorted by one of ``SORT_KEYS``."""
    return sorted(rows, key=SORT_KEYS[key], reverse=descending)  # type: ignore[arg-type]
