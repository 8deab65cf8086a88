"""*Siap diserahkan?*: the checklist before a workshop file is handed over.

Each ``Gap`` is one line of the list: what is missing, how many, the records concerned (to click to) and
the page where it is fixed (a page key of the main window: "plans", "risks", "quickwins", "print").
An action plan always has years and a responsible OPD (the file's rules require them), so for plans the
list asks for a funding source and for years inside the workshop's horizon.

The checks are written once and run over a ``Scope``: one workshop file (``check_completeness``, the
coverage page and ``fgd-app check --completeness``) or every workshop of a consolidated file at once
(``check_completeness_per_workshop``, the ministry's desk), so both say the same about the same region.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fgd_app.core.risks.register_lines import (
    APPETITE_SQL,
    DEFAULT_APPETITE_JOIN,
    DEFAULT_APPETITE_JOIN_PER_WORKSHOP,
    TREATED_SQL,
)
from fgd_app.core.store.writer import Store
from fgd_app.i18n import N_, format_int, tr

# the paperwork fields a hand-over needs filled in (see fgd_app.core.printing.paperwork)
PAPERWORK_KEYS = ("official_name", "official_position", "expert_name", "report_number")


@dataclass(frozen=True)
class GapItem:
    id: str  # the record to select on the page ("" when there is none: a paperwork field)
    label: str  # "GOV-03 Satu Data Kabupaten"


@dataclass(frozen=True)
class Gap:
    key: str  # "innovations_without_plans", "plans_without_funding", ...
    title: str  # English msgid (N_): show with tr(title, count=...)
    page: str  # the page key where it is fixed
    items: tuple[GapItem, ...] = field(default_factory=tuple)

    @property
    def count(self) -> int:
        return len(self.items)

    def text(self) -> str:
        """Return the translated line, e.g. "12 innovations have no action plan"."""
        return tr(self.title, count=format_int(self.count))


@dataclass
class Completeness:
    gaps: list[Gap]  # every check, in the order of the list; an empty one is passed

    @property
    def open(self) -> list[Gap]:
        return [gap for gap in self.gaps if gap.count]

    @property
    def complete(self) -> bool:
        return not self.open

    def lines(self, limit: int = 10) -> list[str]:
        """Return the list as printed by ``fgd-app check --completeness`` (at most ``limit`` records a gap)."""
        if self.complete:
            return [tr("Ready to hand over: nothing is missing.")]
        out = [tr("Not ready to hand over yet:")]
        for gap in self.open:
            out.append(f"\u2717 {gap.text()}")
            for item in gap.items[:limit]:
                if item.label:
                    out.append(f"    {item.label}")
            if gap.count > limit:
                out.append("    " + tr("\u2026 and {count} more", count=format_int(gap.count - limit)))
        return out


_ORDER = "CAST(substr(i.code, 5) AS INTEGER)"


@dataclass(frozen=True)
class Scope:
    """Where the checks run: the one workshop of a workshop file, or every workshop of a consolidated file
    (``fgd-app merge``: the same tables, each row carrying its workshop in ``_workshop_id``). The checks are
    written once; the scope only says which workshop a row belongs to and how rows of one workshop meet."""

    per_workshop: bool

    def wid(self, alias: str) -> str:
        """The workshop of the row ``alias`` ('' in a workshop file: there is one)."""
        return f"{alias}._workshop_id" if self.per_workshop else "''"

    def workshop_of(self, alias: str) -> str:
        """Join the workshop record ``w`` of the row ``alias``."""
        return f"JOIN workshop w ON w.id = {alias}._workshop_id" if self.per_workshop else "CROSS JOIN workshop w"

    def default_appetite(self) -> str:
        return DEFAULT_APPETITE_JOIN_PER_WORKSHOP if self.per_workshop else DEFAULT_APPETITE_JOIN


ONE_WORKSHOP, PER_WORKSHOP = Scope(False), Scope(True)
Query = Callable[[str], Sequence[Sequence]]  # SQL -> rows
Found = list[tuple[str, GapItem]]  # (workshop id, the record), in the order of the list


def _innovations_without_plans(query: Query, scope: Scope) -> Found:
    rows = query(
        f"SELECT {scope.wid('i')} AS wid, i.id, i.code, i.name FROM innovation i JOIN dimension d ON d.id = i.dimension_id "
        "WHERE i.id NOT IN (SELECT p.innovation_id FROM action_plan p WHERE p.innovation_id IS NOT NULL) "
        f"ORDER BY d.position, {_ORDER}")
    return [(r[0], GapItem(r[1], f"{r[2]} {_short(r[3])}")) for r in rows]


def _plans(query: Query, scope: Scope, where: str) -> Found:
    rows = query(
        f"SELECT {scope.wid('p')} AS wid, p.id, i.code, p.position, p.activity, p.first_year, p.last_year FROM action_plan p "
        "JOIN innovation i ON i.id = p.innovation_id JOIN dimension d ON d.id = i.dimension_id "
        f"{scope.workshop_of('p')} WHERE {where} ORDER BY d.position, {_ORDER}, p.position")
    return [(r[0], GapItem(r[1], f"{r[2]}.{r[3]} {_short(r[4])} ({_years(r[5], r[6])})")) for r in rows]


def _risks_untreated(query: Query, scope: Scope) -> Found:
    rows = query(
        f"SELECT {scope.wid('r')} AS wid, r.id, r.code, r.event, r.magnitude FROM risk r "
        f"LEFT JOIN risk_category c ON c.id = r.category_id {scope.default_appetite()} "
        f"WHERE r.magnitude IS NOT NULL AND r.magnitude >= {APPETITE_SQL} "
        f"AND NOT {TREATED_SQL} ORDER BY r.magnitude DESC, r.code")
    return [(r[0], GapItem(r[1], f"{r[2]} [{r[4]}] {_short(r[3])}")) for r in rows]


def _no_quick_win(query: Query, scope: Scope) -> Found:
    # NOT IN (a list built once), not a correlated NOT EXISTS: a consolidated table has no index to look up
    rows = query(f"SELECT {scope.wid('w')} AS wid FROM workshop w "
                 f"WHERE {scope.wid('w')} NOT IN (SELECT {scope.wid('q')} FROM quickwin_choice q)")
    return [(r[0], GapItem("", "")) for r in rows]


def _paperwork(query: Query, scope: Scope) -> Found:
    from fgd_app.core.printing.paperwork import SETTING_FIELDS, default_values, merged_values

    stored: dict[str, dict[str, str]] = {}
    for wid, key, value in query(f"SELECT {scope.wid('s')}, s.key, s.value FROM document_setting s"):
        stored.setdefault(wid, {})[key] = value
    last_days = dict(query(f"SELECT {scope.wid('d')}, max(d.day_date) FROM workshop_day d GROUP BY 1"))
    found: Found = []
    for wid, *info in query(f"SELECT {scope.wid('w')}, w.region_name, w.bimtek_stage, w.venue, w.facilitator, "
                            "w.title FROM workshop w"):
        mine = stored.get(wid, {})
        facts = dict(zip(("region_name", "bimtek_stage", "venue", "facilitator", "title"), info, strict=True))
        values = merged_values(mine, default_values(facts, mine.get("ministry_short"), last_days.get(wid) or ""))
        found += [(wid, GapItem(key, tr(SETTING_FIELDS[key][0]))) for key in PAPERWORK_KEYS
                  if not values.get(key, "").strip()]
    return found


CHECKS = (
    ("innovations_without_plans", N_("{count} innovations have no action plan"), "plans",
     _innovations_without_plans),
    ("plans_without_funding", N_("{count} action plans have no funding source"), "plans",
     lambda query, scope: _plans(query, scope, "p.funding_source_id IS NULL")),
    ("plans_outside_horizon", N_("{count} action plans have years outside the planning horizon"), "plans",
     lambda query, scope: _plans(query, scope,
                                 "p.first_year < w.horizon_first_year OR p.last_year > w.horizon_last_year")),
    ("risks_untreated", N_("{count} risks at or above the appetite have no treatment"), "risks", _risks_untreated),
    ("no_quick_win", N_("No quick win chosen yet"), "quickwins", _no_quick_win),
    ("paperwork", N_("{count} paperwork details missing (signatories, berita acara number)"), "print", _paperwork),
)


def check_sql(key: str) -> str:
    """Return the SQL of check ``key`` over a consolidated file: one row per open record, its workshop in the
    column ``wid`` (the Datasette metadata's canned queries count them per region). Not for "paperwork",
    which applies the paperwork's defaults in Python."""
    statements: list[str] = []
    run = next(run for name, _title, _page, run in CHECKS if name == key and name != "paperwork")
    run(lambda sql: statements.append(sql) or [], PER_WORKSHOP)
    return statements[0]


def _run(query: Query, scope: Scope, workshops: Sequence[str]) -> dict[str, Completeness]:
    found = {wid: {key: [] for key, *_ in CHECKS} for wid in workshops}
    for key, _title, _page, run in CHECKS:
        for wid, item in run(query, scope):
            if wid in found:
                found[wid][key].append(item)
    return {wid: Completeness([Gap(key, title, page, tuple(found[wid][key])) for key, title, page, _ in CHECKS])
            for wid in workshops}


def check_completeness(store: Store) -> Completeness:
    """Return the checklist of the workshop in ``store`` (read only)."""
    return _run(store.query, ONE_WORKSHOP, [""])[""]


def check_completeness_per_workshop(conn: sqlite3.Connection) -> dict[str, Completeness]:
    """Return the checklist of every workshop of the consolidated file ``conn`` (``fgd-app merge``), by
    workshop id: the same checks as ``check_completeness`` on each region's own file, one query per check
    for all of them (the ministry's desk, ``fgd_app.core.portfolio``)."""
    workshops = [str(r[0]) for r in conn.execute("SELECT id FROM workshop")]
    return _run(lambda sql: conn.execute(sql).fetchall(), PER_WORKSHOP, workshops)


def _short(text: str, limit: int = 70) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "\u2026"


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}\u2013{last}"
