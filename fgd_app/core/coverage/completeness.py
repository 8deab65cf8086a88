"""*Siap diserahkan?*: the checklist before a workshop file is handed over.

Each ``Gap`` is one line of the list: what is missing, how many, the records concerned (to click to) and
the page where it is fixed (a page key of the main window: "plans", "risks", "quickwins", "print").
An action plan always has years and a responsible OPD (the file's rules require them), so for plans the
list asks for a funding source and for years inside the workshop's horizon.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fgd_app.core.risks.register_lines import APPETITE_SQL, DEFAULT_APPETITE_JOIN, TREATED_SQL
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


def _innovations_without_plans(store: Store) -> list[GapItem]:
    rows = store.query(
        "SELECT i.id, i.code, i.name FROM innovation i JOIN dimension d ON d.id = i.dimension_id "
        "WHERE NOT EXISTS (SELECT 1 FROM action_plan p WHERE p.innovation_id = i.id) "
        f"ORDER BY d.position, {_ORDER}")
    return [GapItem(r[0], f"{r[1]} {_short(r[2])}") for r in rows]


def _plans(store: Store, where: str) -> list[GapItem]:
    rows = store.query(
        "SELECT p.id, i.code, p.position, p.activity, p.first_year, p.last_year FROM action_plan p "
        "JOIN innovation i ON i.id = p.innovation_id JOIN dimension d ON d.id = i.dimension_id "
        f"CROSS JOIN workshop w WHERE {where} ORDER BY d.position, {_ORDER}, p.position")
    return [GapItem(r[0], f"{r[1]}.{r[2]} {_short(r[3])} ({_years(r[4], r[5])})") for r in rows]


def _risks_untreated(store: Store) -> list[GapItem]:
    rows = store.query(
        f"SELECT r.id, r.code, r.event, r.magnitude FROM risk r LEFT JOIN risk_category c ON c.id = r.category_id "
        f"{DEFAULT_APPETITE_JOIN} WHERE r.magnitude IS NOT NULL AND r.magnitude >= {APPETITE_SQL} "
        f"AND NOT {TREATED_SQL} ORDER BY r.magnitude DESC, r.code")
    return [GapItem(r[0], f"{r[1]} [{r[3]}] {_short(r[2])}") for r in rows]


def _no_quick_win(store: Store) -> list[GapItem]:
    if store.scalar("SELECT EXISTS (SELECT 1 FROM quickwin_choice)"):
        return []
    return [GapItem("", "")]


def _paperwork(store: Store) -> list[GapItem]:
    from fgd_app.core.printing.paperwork import SETTING_FIELDS, DocumentSettings

    values = DocumentSettings(store).values()
    return [GapItem(key, tr(SETTING_FIELDS[key][0])) for key in PAPERWORK_KEYS if not values.get(key, "").strip()]


CHECKS = (
    ("innovations_without_plans", N_("{count} innovations have no action plan"), "plans",
     _innovations_without_plans),
    ("plans_without_funding", N_("{count} action plans have no funding source"), "plans",
     lambda store: _plans(store, "p.funding_source_id IS NULL")),
    ("plans_outside_horizon", N_("{count} action plans have years outside the planning horizon"), "plans",
     lambda store: _plans(store, "p.first_year < w.horizon_first_year OR p.last_year > w.horizon_last_year")),
    ("risks_untreated", N_("{count} risks at or above the appetite have no treatment"), "risks", _risks_untreated),
    ("no_quick_win", N_("No quick win chosen yet"), "quickwins", _no_quick_win),
    ("paperwork", N_("{count} paperwork details missing (signatories, berita acara number)"), "print", _paperwork),
)


def check_completeness(store: Store) -> Completeness:
    """Return the checklist of the workshop in ``store`` (read only)."""
    return Completeness([Gap(key, title, page, tuple(run(store))) for key, title, page, run in CHECKS])


def _short(text: str, limit: int = 70) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "\u2026"


def _years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}\u2013{last}"
