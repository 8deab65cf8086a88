"""The roadmap (peta jalan) and its budget summary, computed over plain data: no SQL, no Qt.

``fgd_app.core.plans.ActionPlans.roadmap_data()`` loads a :class:`RoadmapData` from the file; everything
here works on that snapshot, so the view, the printed reports and the tests share one computation.

Budget spreading rule: a plan's budget estimate is spread evenly over the years from its first to its last
year, in whole rupiah; the remainder of the division goes to the plan's FIRST year (the year the work starts
and money is committed). Rp 1.000.000.000 over 2025-2027 is 333.333.334 + 333.333.333 + 333.333.333, so the
yearly figures always add up to the estimate exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class InnovationInfo:
    id: str
    code: str
    name: str
    dimension_id: str


@dataclass(frozen=True, slots=True)
class PlanInfo:
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


@dataclass
class RoadmapData:
    """A snapshot of everything the roadmap shows; lists are in display order."""

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


DIMENSION, INNOVATION, PLAN = 0, 1, 2


@dataclass(slots=True)
class RoadmapRow:
    """One line of the roadmap: a dimension heading, an innovation heading, or a plan bar."""

    kind: int  # DIMENSION, INNOVATION or PLAN
    label: str
    dimension_index: int  # position of the dimension in RoadmapData.dimensions (colour)
    first_year: int | None = None  # bar (plan) or span of the visible plans (headings)
    last_year: int | None = None
    plan: PlanInfo | None = None
    id: str = ""
    count: int = 0  # visible plans under a heading
    budget: int = 0  # their total budget


def build_rows(data: RoadmapData, flt: RoadmapFilter = RoadmapFilter()) -> list[RoadmapRow]:
    """Return the roadmap's rows: dimension, then each innovation with visible plans, then its plans."""
    by_innovation: dict[str, list[PlanInfo]] = {}
    dim_of = {i.id: i.dimension_id for i in data.innovations}
    for plan in data.plans:
        dim = dim_of.get(plan.innovation_id)
        if dim is not None and flt.accepts(plan, dim):
            by_innovation.setdefault(plan.innovation_id, []).append(plan)
    innovations_of: dict[str, list[InnovationInfo]] = {}
    for innovation in data.innovations:
        if innovation.id in by_innovation:
            innovations_of.setdefault(innovation.dimension_id, []).append(innovation)
    rows: list[RoadmapRow] = []
    for index, dimension in enumerate(data.dimensions):
        innovations = innovations_of.get(dimension.id)
        if not innovations:
            continue
        heading = RoadmapRow(DIMENSION, dimension.name, index, id=dimension.id)
        rows.append(heading)
        for innovation in innovations:
            plans = sorted(by_innovation[innovation.id], key=lambda p: p.position)
            label = f"{innovation.code} {innovation.name}".strip()
            first = min(p.first_year for p in plans)
            last = max(p.last_year for p in plans)
            budget = sum(p.budget for p in plans)
            rows.append(RoadmapRow(INNOVATION, label, index, first, last, id=innovation.id, count=len(plans),
                                   budget=budget))
            rows.extend(RoadmapRow(PLAN, p.activity, index, p.first_year, p.last_year, p, p.id) for p in plans)
            heading.count += len(plans)
            heading.budget += budget
            heading.first_year = first if heading.first_year is None else min(heading.first_year, first)
            heading.last_year = last if heading.last_year is None else max(heading.last_year, last)
    return rows


def visible_plans(rows: Iterable[RoadmapRow]) -> list[PlanInfo]:
    return [r.plan for r in rows if r.plan is not None]


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
    dim_of = {i.id: i.dimension_id for i in data.innovations}
    cells: dict[tuple[str, int], int] = {}
    per_year: dict[int, int] = {}
    per_dimension: dict[str, int] = {}
    per_opd: dict[str, list[int]] = {}
    per_funding: dict[str, int] = {}
    total = count = 0
    for plan in plans:
        dim = dim_of.get(plan.innovation_id, "")
        count += 1
        opd = per_opd.setdefault(plan.opd_id, [0, 0])
        opd[0] += plan.budget
        opd[1] += 1
        if not plan.budget:
            continue
        total += plan.budget
        per_dimension[dim] = per_dimension.get(dim, 0) + plan.budget
        key = plan.funding_source_id or NO_FUNDING
        per_funding[key] = per_funding.get(key, 0) + plan.budget
        if plan.first_year == plan.last_year:  # the common case, without building a dict
            spread: Mapping[int, int] = {plan.first_year: plan.budget}
        else:
            spread = spread_budget(plan.budget, plan.first_year, plan.last_year)
        for year, amount in spread.items():
            cells[(dim, year)] = cells.get((dim, year), 0) + amount
            per_year[year] = per_year.get(year, 0) + amount
    years = sorted(set(data.years) | set(per_year))
    opds = sorted(((oid, data.opd_names.get(oid, "?"), t, n) for oid, (t, n) in per_opd.items()),
                  key=lambda o: (-o[2], o[1].casefold()))
    fundings = sorted(((fid, data.funding_names.get(fid, "") if fid else tr("Not set"), t)
                       for fid, t in per_funding.items()), key=lambda f: (-f[2], f[1].casefold()))
    stages = [(s, sum(per_year.get(y, 0) for y in range(s.first_year, s.last_year + 1))) for s in data.stages]
    return BudgetSummary(years, list(data.dimensions), cells, per_dimension, per_year, opds, fundings, stages,
                         total, count)


def format_rupiah_short(amount: int) -> str:
    """Return an amount for a crowded table: "Rp 1,25 M", "Rp 350 jt", "Rp 15 rb", "Rp 500"."""
    units = ((10**12, tr("Rp {amount} tn")), (10**9, tr("Rp {amount} bn")), (10**6, tr("Rp {amount} m")),
             (10**3, tr("Rp {amount} k")))
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
    return f"{sign}Rp {value}"


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
