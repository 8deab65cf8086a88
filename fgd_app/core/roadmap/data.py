"""The roadmap (peta jalan) and its budget summary, computed over plain data: no SQL, no Qt.

``fgd_app.core.plans.records.ActionPlans.roadmap_data()`` loads a :class:`RoadmapData` from the file; everything
here works on that snapshot, so the view, the printed reports and the tests share one computation.

Budget spreading rule: a plan's budget estimate is spread evenly over the years from its first to its last
year, in whole rupiah; the remainder of the division goes to the plan's FIRST year (the year the work starts
and money is committed). Rp 1.000.000.000 over 2025-2027 is 333.333.334 + 333.333.333 + 333.333.333, so the
yearly figures always add up to the estimate exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from fgd_app.i18n import language, tr

NO_FUNDING = ""  # filter value: plans without a funding source


@dataclass(frozen=True, slots=True)
class StageSpan:
    number: int
    name: str
    first_year: int
    last_year: int


@dataclass(frozen=True, slots=True)
class DimensionInfo:
    id: str
    code: str
    name: str


class InnovationInfo(NamedTuple):
    id: str
    code: str
    name: str
    dimension_id: str


DIMENSION, INNOVATION, PLAN = 0, 1, 2


class PlanInfo(NamedTuple):
    """One plan as the roadmap shows it; it is its own row in :func:`build_rows` (``kind == PLAN``)."""

    id: str
    innovation_id: str
    position: int
    activity: str
    first_year: int
    last_year: int
    opd_id: str
    funding_source_id: str | None
    budget: int
    status_id: str = ""

    kind = PLAN  # a class attribute, not a field: plan rows and heading rows answer the same questions

    @property
    def label(self) -> str:
        return self.activity

    @property
    def plan(self) -> PlanInfo:
        return self


@dataclass
class RoadmapData:
    """A snapshot of everything the roadmap shows; lists are in display order.

    ``plans`` may be in any order; ``plans_of`` groups them by innovation, in their order.
    """

    first_year: int
    last_year: int
    stages: list[StageSpan]
    dimensions: list[DimensionInfo]
    innovations: list[InnovationInfo]
    plans: list[PlanInfo]
    opd_names: dict[str, str] = field(default_factory=dict)
    funding_names: dict[str, str] = field(default_factory=dict)
    status_names: dict[str, str] = field(default_factory=dict)
    status_codes: dict[str, str] = field(default_factory=dict)  # status id -> "planned", "done", ...

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @cached_property
    def plans_of(self) -> dict[str, list[PlanInfo]]:
        """Return {innovation_id: its plans in order} (``plans`` may come in any order)."""
        out: dict[str, list[PlanInfo]] = {}
        get = out.get
        for plan in self.plans:
            group = get(plan.innovation_id)
            if group is None:
                out[plan.innovation_id] = [plan]
            else:
                group.append(plan)
        by_position = attrgetter("position")
        for plans in out.values():
            if len(plans) > 1 and any(a.position > b.position for a, b in zip(plans, plans[1:], strict=False)):
                plans.sort(key=by_position)  # stable: equal positions (after a merge) keep file order
        return out

    @cached_property
    def innovation_spans(self) -> dict[str, tuple[int, int, int]]:
        """Return {innovation_id: (first year, last year, total budget) of all its plans}."""
        spans: dict[str, list[int]] = {}
        get = spans.get
        for plan in self.plans:  # one pass over the plans: the fastest way in Python
            span = get(plan.innovation_id)
            if span is None:
                spans[plan.innovation_id] = [plan.first_year, plan.last_year, plan.budget]
            else:
                if plan.first_year < span[0]:
                    span[0] = plan.first_year
                if plan.last_year > span[1]:
                    span[1] = plan.last_year
                span[2] += plan.budget
        return {i: (a, b, c) for i, (a, b, c) in spans.items()}

    @cached_property
    def dimension_index(self) -> dict[str, int]:
        """Return {innovation_id: position of its dimension in ``dimensions``} (the colour of its rows)."""
        index = {d.id: n for n, d in enumerate(self.dimensions)}
        return {i.id: index.get(i.dimension_id, 0) for i in self.innovations}


@dataclass(frozen=True)
class RoadmapFilter:
    """Which plans to show; None means "all". ``funding_source_id == NO_FUNDING`` picks plans without one."""

    dimension_id: str | None = None
    opd_id: str | None = None
    funding_source_id: str | None = None

    def accepts(self, plan: PlanInfo, dimension_id: str) -> bool:
        if self.dimension_id is not None and dimension_id != self.dimension_id:
            return False
        if self.opd_id is not None and plan.opd_id != self.opd_id:
            return False
        return self.funding_source_id is None or (plan.funding_source_id or NO_FUNDING) == self.funding_source_id


@dataclass(slots=True)
class RoadmapRow:
    """A heading line of the roadmap (a dimension or an innovation); plan lines are the PlanInfo itself."""

    kind: int  # DIMENSION or INNOVATION
    label: str
    dimension_index: int  # position of the dimension in RoadmapData.dimensions (colour)
    first_year: int | None = None  # span of the visible plans below the heading
    last_year: int | None = None
    plan: PlanInfo | None = None
    id: str = ""
    count: int = 0  # visible plans under the heading
    budget: int = 0  # their total budget


class RoadmapRows(list):
    """The rows of the roadmap (headings and plans, in display order); ``plans`` lists the plans alone."""

    plans: list[PlanInfo]


def build_rows(data: RoadmapData, flt: RoadmapFilter = RoadmapFilter()) -> RoadmapRows:
    """Return the roadmap's rows: dimension, then each innovation with visible plans, then its plans."""
    plans_of = data.plans_of
    spans = data.innovation_spans
    opd, funding = flt.opd_id, flt.funding_source_id
    rows = RoadmapRows()
    rows.plans = shown = []
    heading: RoadmapRow | None = None
    current_dimension = None
    index_of = {d.id: n for n, d in enumerate(data.dimensions)}
    for innovation in sorted(data.innovations, key=lambda i: index_of.get(i.dimension_id, len(index_of))):
        plans = plans_of.get(innovation.id)
        if not plans or (flt.dimension_id is not None and innovation.dimension_id != flt.dimension_id):
            continue
        if innovation.dimension_id not in index_of:
            continue
        if opd is not None:
            plans = [p for p in plans if p.opd_id == opd]
        if funding is not None:
            plans = [p for p in plans if (p.funding_source_id or NO_FUNDING) == funding]
        if not plans:
            continue
        dim_index = index_of[innovation.dimension_id]
        if innovation.dimension_id != current_dimension:
            current_dimension = innovation.dimension_id
            dimension = data.dimensions[dim_index]
            heading = RoadmapRow(DIMENSION, dimension.name, dim_index, id=dimension.id)
            rows.append(heading)
        if opd is None and funding is None:
            first, last, budget = spans[innovation.id]
        else:
            first = min(p.first_year for p in plans)
            last = max(p.last_year for p in plans)
            budget = sum(p.budget for p in plans)
        rows.append(RoadmapRow(INNOVATION, f"{innovation.code} {innovation.name}".strip(), dim_index, first, last,
                               id=innovation.id, count=len(plans), budget=budget))
        rows.extend(plans)
        shown.extend(plans)
        assert heading is not None
        heading.count += len(plans)
        heading.budget += budget
        heading.first_year = first if heading.first_year is None else min(heading.first_year, first)
        heading.last_year = last if heading.last_year is None else max(heading.last_year, last)
    return rows


def visible_plans(rows: Iterable[RoadmapRow | PlanInfo]) -> list[PlanInfo]:
    if isinstance(rows, RoadmapRows):
        return rows.plans
    return [r for r in rows if r.kind == PLAN]


# --- stages ----------------------------------------------------------------------------------------
def stages_of(first_year: int, last_year: int, stages: Iterable[StageSpan]) -> list[StageSpan]:
    """Return the stages a plan's years overlap, in order."""
    return sorted((s for s in stages if s.first_year <= last_year and first_year <= s.last_year),
                  key=lambda s: s.number)


def stage_label(first_year: int, last_year: int, stages: Iterable[StageSpan]) -> str:
    """Return the derived stage of a plan: "Tahap 1", "Tahap 1–2", or "" outside every stage."""
    found = stages_of(first_year, last_year, stages)
    if not found:
        return ""
    if len(found) == 1:
        return found[0].name
    return tr("Stages {first}\u2013{last}", first=found[0].number, last=found[-1].number)


# --- budget ----------------------------------------------------------------------------------------
def spread_budget(amount: int, first_year: int, last_year: int) -> dict[int, int]:
    """Return the budget per year: even shares in whole rupiah, the remainder in the first year."""
    years = max(1, last_year - first_year + 1)
    share, remainder = divmod(int(amount), years)
    out = {year: share for year in range(first_year, first_year + years)}
    out[first_year] += remainder
    return out


@dataclass
class BudgetSummary:
    """Budget totals of a set of plans: per year x dimension, per OPD, per funding source, per stage."""

    years: list[int]
    dimensions: list[DimensionInfo]
    cells: dict[tuple[str, int], int]  # (dimension_id, year) -> rupiah
    per_dimension: dict[str, int]
    per_year: dict[int, int]
    per_opd: list[tuple[str, str, int, int]]  # (opd_id, name, total, plans), largest first
    per_funding: list[tuple[str, str, int]]  # (funding_source_id or NO_FUNDING, name, total), largest first
    per_stage: list[tuple[StageSpan, int]]
    total: int
    plan_count: int

    def cell(self, dimension_id: str, year: int) -> int:
        return self.cells.get((dimension_id, year), 0)


def budget_summary(data: RoadmapData, plans: Iterable[PlanInfo]) -> BudgetSummary:
    """Sum the plans' budgets (spread over their years) per year x dimension, per OPD and per funding."""
    y0, y1 = data.first_year, data.last_year
    span = y1 - y0 + 1
    dimension_ids = [d.id for d in data.dimensions]
    index = data.dimension_index
    grid = [[0] * span for _ in range(max(1, len(dimension_ids)))]  # [dimension][year - first_year]
    outside: dict[tuple[int, int], int] = {}  # (dimension, year) of plans beyond the horizon
    per_opd: dict[str, list[int]] = {}
    per_funding: dict[str, int] = {}
    count = 0
    for plan in plans:
        count += 1
        amount = plan.budget
        opd = per_opd.get(plan.opd_id)
        if opd is None:
            per_opd[plan.opd_id] = [amount, 1]
        else:
            opd[0] += amount
            opd[1] += 1
        if not amount:
            continue
        key = plan.funding_source_id or NO_FUNDING
        per_funding[key] = per_funding.get(key, 0) + amount
        dim = index.get(plan.innovation_id, 0)
        first, last = plan.first_year, plan.last_year
        if first == last and y0 <= first <= y1:
            grid[dim][first - y0] += amount
        elif y0 <= first and last <= y1:
            row = grid[dim]
            share, remainder = divmod(amount, last - first + 1)
            row[first - y0] += share + remainder
            for i in range(first - y0 + 1, last - y0 + 1):
                row[i] += share
        else:
            for year, part in spread_budget(amount, first, last).items():
                if y0 <= year <= y1:
                    grid[dim][year - y0] += part
                else:
                    outside[(dim, year)] = outside.get((dim, year), 0) + part
    years = sorted(set(range(y0, y1 + 1)) | {year for _, year in outside})
    cells: dict[tuple[str, int], int] = {}
    for dim, dimension_id in enumerate(dimension_ids):
        for i, amount in enumerate(grid[dim]):
            if amount:
                cells[(dimension_id, y0 + i)] = amount
    for (dim, year), amount in outside.items():
        if dimension_ids:
            cells[(dimension_ids[dim], year)] = cells.get((dimension_ids[dim], year), 0) + amount
    per_year: dict[int, int] = {}
    per_dimension: dict[str, int] = {}
    for (dimension_id, year), amount in cells.items():
        per_year[year] = per_year.get(year, 0) + amount
        per_dimension[dimension_id] = per_dimension.get(dimension_id, 0) + amount
    opds = sorted(((oid, data.opd_names.get(oid, "?"), t, n) for oid, (t, n) in per_opd.items()),
                  key=lambda o: (-o[2], o[1].casefold()))
    fundings = sorted(((fid, data.funding_names.get(fid, "") if fid else tr("Not set"), t)
                       for fid, t in per_funding.items()), key=lambda f: (-f[2], f[1].casefold()))
    stages = [(s, sum(per_year.get(y, 0) for y in range(s.first_year, s.last_year + 1))) for s in data.stages]
    return BudgetSummary(years, list(data.dimensions), cells, per_dimension, per_year, opds, fundings, stages,
                         sum(per_year.values()), count)


def format_amount_short(amount: int) -> str:
    """Return an amount for a crowded table, without "Rp": "1,25 M", "350 jt", "15 rb", "500"."""
    units = ((10**12, tr("{amount} tn")), (10**9, tr("{amount} bn")), (10**6, tr("{amount} m")),
             (10**3, tr("{amount} k")))
    sign = "-" if amount < 0 else ""
    value = abs(int(amount))
    for size, template in units:
        if value >= size:
            number = value / size
            text = f"{number:.2f}" if number < 10 else f"{number:.1f}" if number < 100 else f"{number:.0f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            if language() == "id":
                text = text.replace(".", ",")
            return sign + template.format(amount=text)
    return f"{sign}{value}"


def format_rupiah_short(amount: int) -> str:
    """Return "Rp 1,25 M", "Rp 350 jt", "Rp 15 rb", "Rp 500"."""
    text = format_amount_short(amount)
    return "-Rp " + text[1:] if text.startswith("-") else "Rp " + text


# --- dependencies ----------------------------------------------------------------------------------
def find_cycle(edges: Mapping[str, Iterable[str]], plan_id: str, depends_on: Iterable[str]) -> list[str] | None:
    """Return the cycle that "``plan_id`` depends on ``depends_on``" would close, else None.

    ``edges`` maps each plan to the plans it depends on (``plan_id``'s own entry is replaced). The cycle
    is returned as ``[plan_id, a, b, ..., plan_id]``, the shortest one found (breadth-first).
    """
    graph = {k: tuple(v) for k, v in edges.items()}
    graph[plan_id] = tuple(depends_on)
    parent: dict[str, str] = {}
    queue = [plan_id]
    seen = {plan_id}
    while queue:
        next_queue = []
        for node in queue:
            for target in graph.get(node, ()):
                if target == plan_id:
                    path = [node]
                    while path[-1] != plan_id:
                        path.append(parent[path[-1]])
                    return [plan_id, *reversed(path[:-1]), plan_id] if len(path) > 1 else [plan_id, plan_id]
                if target not in seen:
                    seen.add(target)
                    parent[target] = node
                    next_queue.append(target)
        queue = next_queue
    return None
