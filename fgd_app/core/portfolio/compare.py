"""Cross-region comparisons as plain tables, shared by the compare view, the PDF and the workbook.

A ``Comparison`` is a title, column headings, rows of values and the kind of each column ("text", "int",
"rupiah"), so every output formats it the same way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fgd_app.core.roadmap.data import spread_budget
from fgd_app.i18n import roman, tr

if TYPE_CHECKING:
    from fgd_app.core.portfolio.rows import RegionStage
    from fgd_app.core.portfolio.source import Portfolio


@dataclass
class Comparison:
    key: str
    title: str
    columns: list[str]
    kinds: list[str]  # per column: "text", "int" or "rupiah"
    rows: list[list[Any]]

    def numeric(self, column: int) -> bool:
        return self.kinds[column] != "text"


def region_label(row: RegionStage) -> str:
    """Return "Kota Serang (II)": the region and its stage, as the tables name a row."""
    return f"{row.region_name} ({roman(row.stage)})" if row.stage else row.region_name


def innovations_per_dimension(portfolio: Portfolio, rows: Sequence[RegionStage]) -> Comparison:
    dims = portfolio.dimensions
    body = [[region_label(r), *(r.per_dimension.get(d.code, 0) for d in dims), r.innovations] for r in rows]
    return Comparison("dimensions", tr("Innovations per dimension"), [tr("Region"), *(d.name for d in dims),
                      tr("Total")], ["text", *("int" for _ in dims), "int"], body)


def risk_levels(portfolio: Portfolio, rows: Sequence[RegionStage]) -> Comparison:
    levels = portfolio.levels
    body = [[region_label(r), *(r.per_level.get(lv.number, 0) for lv in levels), r.untreated_risks] for r in rows]
    return Comparison("risks", tr("Risks per level"), [tr("Region"), *(lv.name for lv in levels),
                      tr("Untreated at or above appetite")], ["text", *("int" for _ in levels), "int"], body)


def _ids(rows: Sequence[RegionStage]) -> str:
    return json.dumps([r.workshop_id for r in rows])


def budget_per_year_and_dimension(portfolio: Portfolio, rows: Sequence[RegionStage]) -> Comparison:
    """Return the chosen regions' budget estimates per year (rows) and dimension (columns), spread evenly
    over each plan's years as the roadmap does."""
    dims = portfolio.dimensions
    cells: dict[tuple[int, str], int] = defaultdict(int)
    for code, first, last, budget in portfolio.conn.execute(
            "SELECT coalesce(d.code, '?'), p.first_year, p.last_year, p.budget FROM action_plan p "
            "JOIN innovation i ON i.id = p.innovation_id LEFT JOIN dimension d ON d.id = i.dimension_id "
            "WHERE p._workshop_id IN (SELECT value FROM json_each(?)) AND p.budget > 0 "
            "AND p.first_year IS NOT NULL", (_ids(rows),)):
        for year, amount in spread_budget(int(budget), int(first), int(last or first)).items():
            cells[(year, code)] += amount
    years = sorted({y for y, _ in cells})
    body = [[str(y), *(cells.get((y, d.code), 0) for d in dims), sum(cells.get((y, d.code), 0) for d in dims)]
            for y in years]
    if body:
        body.append([tr("Total"), *(sum(r[i + 1] for r in body) for i in range(len(dims))),
                     sum(r[-1] for r in body)])
    return Comparison("budget", tr("Budget estimate per year and dimension"),
                      [tr("Year"), *(d.name for d in dims), tr("Total")], ["text", *("rupiah" for _ in dims), "rupiah"],
                      body)


def quick_win_themes(portfolio: Portfolio, rows: Sequence[RegionStage]) -> Comparison:
    """Return the dimensions and elements of the chosen quick wins, most frequent first."""
    body = [[dimension, element, count, regions] for dimension, element, count, regions in portfolio.conn.execute(
        "SELECT coalesce(d.name, ''), coalesce(e.name, ''), count(*), count(DISTINCT q._workshop_id) "
        "FROM quickwin_choice q JOIN innovation i ON i.id = q.innovation_id "
        "LEFT JOIN dimension d ON d.id = i.dimension_id LEFT JOIN element e ON e.id = i.element_id "
        "WHERE q._workshop_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2",
        (_ids(rows),))]
    return Comparison("quickwins", tr("Quick-win themes"), [tr("Dimension"), tr("Element"), tr("Quick wins"),
                      tr("Regions")], ["text", "text", "int", "int"], body)


def all_comparisons(portfolio: Portfolio, rows: Sequence[RegionStage]) -> list[Comparison]:
    """Return the four comparisons of ``rows``, in the order the view and the reports show them."""
    return [innovations_per_dimension(portfolio, rows), budget_per_year_and_dimension(portfolio, rows),
            risk_levels(portfolio, rows), quick_win_themes(portfolio, rows)]


def overview(rows: Sequence[RegionStage]) -> Comparison:
    """Return the one-line-per-region table of the portfolio (the PDF's and the workbook's first table)."""
    body = [[r.region_code, r.region_name, r.province_name, roman(r.stage) if r.stage else "", r.first_day,
             r.last_day, r.facilitator, r.opds, r.participants, r.innovations, r.plans, r.budget, r.risks, r.quick_wins,
             tr("complete") if r.complete else "; ".join(r.missing), r.sha256, r.merged_at] for r in rows]
    return Comparison("regions", tr("Regions"), [
        tr("Code"), tr("Region"), tr("Province"), tr("Stage"), tr("First day"), tr("Last day"), tr("Facilitator"),
        tr("OPDs"), tr("Participants"), tr("Innovations"), tr("Action plans"), tr("Budget estimate"), tr("Risks"),
        tr("Quick wins"), tr("Completeness"), tr("SHA-256 of the source file"), tr("Merged at")],
        ["text"] * 7 + ["int"] * 4 + ["rupiah", "int", "int", "text", "text", "text"], body)


# --- the charts: one bar per region and stage, split by dimension (or risk level) ---------------------
@dataclass
class Series:
    """One part of every region's bar: a dimension (``colour`` empty: the dimension palette's ``index``-th
    colour of each output) or a risk level (its colour from the file)."""

    name: str
    index: int
    colour: str = ""


@dataclass
class RegionChart:
    key: str
    title: str
    regions: list[str]  # one bar each, in the order of the rows
    series: list[Series]
    values: list[list[float]]  # per region, per series
    money: bool = False  # rupiah (else counts)

    def totals(self) -> list[float]:
        return [sum(v) for v in self.values]


def _per_region_and_dimension(portfolio: Portfolio, rows: Sequence[RegionStage], sql: str) -> list[list[float]]:
    cells: dict[tuple[str, str], float] = {}
    for wid, code, amount in portfolio.conn.execute(sql, (_ids(rows),)):
        cells[(str(wid), code)] = float(amount or 0)
    return [[cells.get((r.workshop_id, d.code), 0) for d in portfolio.dimensions] for r in rows]


def region_chart(portfolio: Portfolio, rows: Sequence[RegionStage], key: str) -> RegionChart:
    """Return the chart of comparison ``key`` ("dimensions", "budget", "risks", "quickwins"): one bar per
    row (region and stage), split by dimension, or by risk level for "risks"."""
    labels = [region_label(r) for r in rows]
    dims = [Series(d.name, i) for i, d in enumerate(portfolio.dimensions)]
    if key == "risks":
        levels = portfolio.levels
        return RegionChart(key, tr("Risks per level, per region"), labels,
                           [Series(lv.name, i, lv.colour) for i, lv in enumerate(levels)],
                           [[r.per_level.get(lv.number, 0) for lv in levels] for r in rows])
    if key == "budget":
        values = _per_region_and_dimension(portfolio, rows, (
            "SELECT p._workshop_id, coalesce(d.code, '?'), sum(p.budget) FROM action_plan p "
            "JOIN innovation i ON i.id = p.innovation_id LEFT JOIN dimension d ON d.id = i.dimension_id "
            "WHERE p._workshop_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2"))
        return RegionChart(key, tr("Budget estimate per region, by dimension"), labels, dims, values, money=True)
    if key == "quickwins":
        values = _per_region_and_dimension(portfolio, rows, (
            "SELECT q._workshop_id, coalesce(d.code, '?'), count(*) FROM quickwin_choice q "
            "JOIN innovation i ON i.id = q.innovation_id LEFT JOIN dimension d ON d.id = i.dimension_id "
            "WHERE q._workshop_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2"))
        return RegionChart(key, tr("Quick wins chosen per region, by dimension"), labels, dims, values)
    return RegionChart("dimensions", tr("Innovations per region, by dimension"), labels, dims,
                       [[r.per_dimension.get(d.code, 0) for d in portfolio.dimensions] for r in rows])
