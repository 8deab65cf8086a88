"""The draft's roadmap chapter: the innovations by stage, and the budget per year, dimension, OPD and source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fgd_app.core.draft.model import Block, Chart, Figure, Heading, Paragraph, Table
from fgd_app.core.roadmap import data as roadmap
from fgd_app.i18n import format_int, format_rupiah, tr

if TYPE_CHECKING:
    from fgd_app.core.draft.gather import Gatherer


def _note(text: str) -> Paragraph:
    return Paragraph(text, "note")


def roadmap_blocks(g: Gatherer) -> list[Block]:
    data = g.ws.plans.roadmap_data()
    innovation_ids = {i.id for i in g.innovations}
    plans = [p for p in data.plans if p.innovation_id in innovation_ids]
    dims = [d for d in data.dimensions if d.id in g.dimension_ids]
    dimension_of = {i.id: i.dimension_id for i in data.innovations}
    years = data.years
    out: list[Block] = [Paragraph(tr(
        "The roadmap places the {count} activities of the action plans on the years {first}\u2013{last}, "
        "in {stages} stages.", count=format_int(len(plans)), first=data.first_year, last=data.last_year,
        stages=len(data.stages)))]
    out.append(g.section(1, tr("Roadmap by stage")))
    if plans:
        active = {(d.id, y): 0 for d in dims for y in years}
        for p in plans:
            d = dimension_of.get(p.innovation_id)
            for y in range(max(p.first_year, data.first_year), min(p.last_year, data.last_year) + 1):
                if (d, y) in active:
                    active[(d, y)] += 1
        out.append(Figure(tr("Activities per dimension and year, stages marked"), Chart("roadmap_by_stage", {
            "years": years, "rows": [(d.name, g.colour_of.get(d.id, "#555"), [active[(d.id, y)] for y in years])
                                     for d in dims],
            "stages": [(s.name, s.first_year, s.last_year) for s in data.stages]}, height_cm=8)))
    else:
        out.append(_note(tr("The activities of the action plans on the years of the horizon, stage by stage.")))
    innovations = {i.id: i for i in data.innovations}
    order = {i.id: n for n, i in enumerate(g.innovations)}
    for index, stage in enumerate(data.stages, start=1):
        title = f"{stage.name} ({stage.first_year}\u2013{stage.last_year})"
        out.append(Heading(f"{g.number}.1.{index} {title}", 3))
        in_stage: dict[str, list] = {}
        for p in plans:
            if p.first_year <= stage.last_year and p.last_year >= stage.first_year:
                in_stage.setdefault(p.innovation_id, []).append(p)
        if not in_stage:
            out.append(_note(tr("The innovations with activities in this stage.")))
            continue
        rows = []
        for innovation_id in sorted(in_stage, key=lambda i: order.get(i, 0)):
            mine = in_stage[innovation_id]
            info = innovations.get(innovation_id)
            budget = sum(part for p in mine for year, part in roadmap.spread_budget(
                p.budget, p.first_year, p.last_year).items() if stage.first_year <= year <= stage.last_year)
            first = max(stage.first_year, min(p.first_year for p in mine))
            last = min(stage.last_year, max(p.last_year for p in mine))
            opds = sorted({data.opd_names.get(p.opd_id, "") for p in mine} - {""})
            rows.append([f"{info.code} {info.name}" if info else "", format_int(len(mine)),
                         f"{first}\u2013{last}" if first != last else str(first), ", ".join(opds),
                         format_int(budget)])
        out.append(Table(tr("Innovations in {stage}", stage=title),
                         [tr("Innovation"), tr("Activities"), tr("Years"), tr("Responsible OPDs"),
                          tr("Budget in the stage (Rp)")], rows, [34, 11, 11, 24, 20], right=(1, 4)))
    out.append(g.section(2, tr("Budget")))
    if not plans:
        out.append(_note(tr("The budget estimate per year, dimension, OPD and funding source.")))
        return out
    summary = roadmap.budget_summary(data, plans)
    out.append(Paragraph(tr("The budget estimate of the action plans totals {total}; a plan over several years is "
                            "spread evenly over them.", total=format_rupiah(summary.total))))
    out.append(Figure(tr("Budget estimate per year and dimension"), Chart("budget_per_year", {
        "years": summary.years, "series": [(d.name, g.colour_of.get(d.id, "#555"),
                                            [summary.cell(d.id, y) for y in summary.years]) for d in dims]},
        height_cm=9)))
    short = roadmap.format_amount_short
    rows = [[d.name, *[short(summary.cell(d.id, y)) if summary.cell(d.id, y) else "" for y in summary.years],
             short(summary.per_dimension.get(d.id, 0))] for d in dims]
    rows.append([tr("Total"), *[short(summary.per_year.get(y, 0)) for y in summary.years], short(summary.total)])
    out.append(Table(tr("Budget estimate per year and dimension (Rupiah; k = thousand, m = million, bn = billion)"),
                     [tr("Dimension"), *[str(y) for y in summary.years], tr("Total")], rows,
                     [20, *[7] * len(summary.years), 9], right=tuple(range(1, len(summary.years) + 2)),
                     bold_rows=frozenset({len(rows) - 1}), small=True))
    out.append(Table(tr("Budget estimate per stage"), [tr("Stage"), tr("Years"), tr("Budget estimate")],
                     [[s.name, f"{s.first_year}\u2013{s.last_year}", format_rupiah(t)] for s, t in summary.per_stage],
                     [40, 25, 35], right=(2,)))
    out.append(Table(tr("Budget estimate per OPD"), [tr("OPD"), tr("Action plans"), tr("Budget estimate")],
                     [[name, format_int(n), format_rupiah(t)] for _id, name, t, n in summary.per_opd],
                     [55, 15, 30], right=(1, 2)))
    out.append(Table(tr("Budget estimate per funding source"), [tr("Funding source"), tr("Budget estimate")],
                     [[name, format_rupiah(t)] for _id, name, t in summary.per_funding] or [[tr("Not set"), ""]],
                     [60, 40], right=(1,)))
    return out
