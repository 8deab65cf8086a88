"""What an operation changed, by area: the one map from the file's tables to what a facilitator sees.

Screens never know table names (in the spirit of Anki's ``OpChanges``). The store records which tables
an operation, its undo or its redo wrote; ``areas_of`` turns them into areas here, and each screen asks
``changes.touches("opds", "innovations")``, or ``changes.only("attendance")`` for a quick path.

Every table of the schema is in ``AREA_OF_TABLE`` (tests/store/test_changes.py fails for a new table
until it is added). Should an unmapped table reach ``areas_of`` anyway, it warns with
``UnmappedTableWarning`` (the test configuration in pyproject.toml turns that into an error) and, in
production, reports the catch-all area ``EVERYTHING``: ``touches`` is then true for every area and
``only`` false, so every screen refreshes all it shows (slower, never stale).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import NamedTuple

EVERYTHING = "everything"  # reported for a table missing from the map; never asked for by a screen

AREA_OF_TABLE: dict[str, str] = {
    "workshop": "workshop",  # the workshop's identity: region, stage, venue, facilitator, horizon years
    "metadata": "workshop",  # file-level facts; an edit of the region changes its region_code
    "workshop_day": "days",
    "horizon_stage": "horizon",
    "dimension": "dimensions",  # the smart-city dimensions and their elements
    "element": "dimensions",
    "district": "districts",  # kecamatan
    "opd": "opds",
    "participant": "participants",
    "attendance": "attendance",  # ticks per participant and day
    "innovation": "innovations",  # the innovation list: its rows, codes and supporting OPDs
    "innovation_supporting_opd": "innovations",
    "innovation_code_counter": "innovations",
    "innovation_partner": "innovation_links",  # shown in one innovation's detail only, not in any list
    "innovation_district": "innovation_links",
    "action_plan": "plans",
    "plan_dependency": "plans",
    "funding_source": "plan_lists",  # the choice lists of the plan form
    "plan_status": "plan_lists",
    "risk": "risks",
    "risk_group_score": "risks",
    "risk_matrix": "risk_matrix",  # the matrix, its cells and its levels (what a risk's level means)
    "risk_matrix_cell": "risk_matrix",
    "risk_level": "risk_matrix",
    "risk_likelihood_level": "risk_matrix",
    "risk_impact_level": "risk_matrix",
    "risk_category": "risk_lists",  # the choice lists of the risk form
    "impact_area": "risk_lists",
    "quickwin_score": "quickwin_scores",  # apart from "quickwins": typing a score recomputes one innovation
    "quickwin_vote": "quickwins",
    "quickwin_choice": "quickwins",
    "quickwin_criterion": "quickwins",
    "quickwin_rule": "quickwins",
    "minutes": "minutes",
    "minutes_item": "minutes",
    "document_setting": "paperwork",  # the settings of the printed documents
    "deleted_record": "deletions",  # tombstones for merge; written with a delete, shown on no screen
    "readiness_aspect": "readiness",  # the region's analysis (stage I): readiness aspects and items
    "readiness_item": "readiness",
    "application": "applications",  # the inventory of running applications, and which innovation improves one
    "innovation_application": "applications",
    "region_problem": "problems",  # the problem register and its links to innovations
    "problem_innovation": "problems",
    "dimension_goal": "dimension_analysis",  # goals, SWOT and focus flag per dimension
    "dimension_analysis": "dimension_analysis",
    "stage_history": "lineage",  # where a carried file came from (written once, by next-stage)
    "carried_row": "lineage",
    "room_session": "room",  # room mode: its code, the phones, their check-ins and the ideas inbox
    "room_device": "room",
    "room_checkin": "room",
    "room_idea": "room",
    "room_round": "room_rounds",  # room mode part 2: rounds of votes and scores, and the phones' answers
    "room_round_event": "room_rounds",
    "room_answer": "room_rounds",
}
AREAS = frozenset(AREA_OF_TABLE.values())


class UnmappedTableWarning(RuntimeWarning):
    """A table written by an operation has no area in ``AREA_OF_TABLE``."""


def areas_of(tables: Iterable[str]) -> frozenset[str]:
    """Return the areas of these tables (``EVERYTHING`` for an unmapped one, with a warning)."""
    areas = set()
    for table in tables:
        area = AREA_OF_TABLE.get(table)
        if area is None:
            warnings.warn(f"table {table!r} has no area in fgd_app.core.store.changes.AREA_OF_TABLE; "
                          "every screen refreshes everything", UnmappedTableWarning, stacklevel=2)
            area = EVERYTHING
        areas.add(area)
    return frozenset(areas)


def _check(areas: tuple[str, ...]) -> None:
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        raise ValueError(f"unknown change area(s) {unknown}; known: {sorted(AREAS)}")


class Changes(NamedTuple):  # a NamedTuple, not a dataclass: ~0.05 ms to define instead of ~0.4 (start-up)
    """What one committed operation (or its undo/redo) changed, by area, for screens to refresh."""

    name: str
    areas: frozenset[str]
    kind: str = "op"  # "op", "undo" or "redo"

    def touches(self, *areas: str) -> bool:
        """Return whether the operation changed any of these areas (a misspelt area raises ValueError)."""
        _check(areas)
        return EVERYTHING in self.areas or not self.areas.isdisjoint(areas)

    def only(self, *areas: str) -> bool:
        """Return whether the operation changed nothing outside these areas (for a screen's quick path)."""
        _check(areas)
        return bool(self.areas) and self.areas <= frozenset(areas)
