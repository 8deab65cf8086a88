"""Statistics page: counts per dimension, OPD, plan status and risk level; budget per year and funding source."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from fgd_app.core.printing.statistics import read_counts
from fgd_app.core.roadmap import data as roadmap
from fgd_app.i18n import N_, format_int, format_rupiah, tr
from fgd_app.reports import charts
from fgd_app.reports.context import StoryContext
from fgd_app.reports.registry import DocumentSpec, register

TOP_OPDS = 15


def has_data_parts(ws) -> bool:
    return all(hasattr(ws, part) for part in ("innovations", "plans", "risks"))


def build_statistics(ctx: StoryContext) -> list[Flowable]:
    ws = ctx.ws
    title = tr("Statistics")
    out = ctx.section(title)
    out += ctx.heading_title(title.upper())
    counts = read_counts(ws.store)  # GROUP BY counts: no innovation, plan or risk row is read for them
    data = ws.plans.roadmap_data()  # plain tuples: the plans read once for the budget (scale 100: 20,000)

    out += ctx.heading(tr("Per dimension"))
    rows = []
    for d in ws.dimensions.list():
        mine = counts.innovations.get(d.id, (0, 0, 0, 0))
        rows.append([d.name, *[format_int(n) for n in mine], format_int(counts.plans_of_dimension.get(d.id, 0)),
                     format_int(counts.risks_of_dimension.get(d.id, 0))])
    totals = [sum(c[k] for c in counts.innovations.values()) for k in range(4)]
    rows.append([tr("Total"), *[format_int(n) for n in totals], format_int(counts.plans), format_int(counts.risks)])
    out.append(ctx.grid([tr("Dimension"), tr("Innovations"), tr("Running"), tr("New"), tr("ICT"), tr("Action plans"),
                         tr("Risks")], rows, [40, 14, 14, 12, 10, 14, 10], right=range(1, 7)))

    dimensions = ws.dimensions.list()
    per_dimension = {k: v[0] for k, v in counts.innovations.items()}
    out.append(ctx.space(3))
    out.append(charts.horizontal_bars([d.name for d in dimensions], [per_dimension.get(d.id, 0) for d in dimensions],
                                      width=ctx.width * 0.8, title=tr("Innovations per dimension"),
                                      colours=[charts.dimension_colour(i) for i in range(len(dimensions))],
                                      value_format=lambda v: format_int(int(v))))

    out += ctx.heading(tr("Per OPD"))
    lead = Counter(counts.led)
    responsible = Counter({opd: n for opd, (n, _budget) in counts.plans_of_opd.items()})
    budget = Counter({opd: amount for opd, (_n, amount) in counts.plans_of_opd.items()})
    opd_rows = [[o.display, format_int(lead[o.id]), format_int(responsible[o.id]), format_rupiah(budget[o.id])]
                for o in ws.opds.list() if lead[o.id] or responsible[o.id]]
    opd_rows.sort(key=lambda r: -int(r[1].replace(".", "")))
    out.append(ctx.grid([tr("OPD"), tr("Innovations led"), tr("Action plans"), tr("Budget estimate")],
                        opd_rows or [[tr("No data yet."), "", "", ""]], [60, 14, 14, 24], right=range(1, 4)))

    # the chart names an OPD by its short name (Diskominfosatik) where it has one: long names would be cut
    leading = sorted(((lead[o.id], o.short_name or o.name) for o in ws.opds.list() if lead[o.id]),
                     key=lambda x: (-x[0], x[1]))
    if leading:
        top = leading[:TOP_OPDS]
        title_top = (tr("Innovations led per OPD (the {count} leading most)", count=len(top))
                     if len(leading) > TOP_OPDS else tr("Innovations led per OPD"))
        out.append(ctx.space(3))
        out.append(charts.horizontal_bars([name for _n, name in top], [n for n, _name in top],
                                          width=ctx.width * 0.8, title=title_top, label_share=0.3,
                                          value_format=lambda v: format_int(int(v))))

    out += ctx.heading(tr("Action plans per status"))
    per_status = Counter(counts.plans_of_status)
    status_rows = [[s.display, format_int(per_status[s.id])] for s in ws.plans.statuses.list()]
    out.append(ctx.grid([tr("Status"), tr("Action plans")], status_rows, [60, 20], right=range(1, 2),
                        width=ctx.width * 0.5))

    out += ctx.heading(tr("Risks per level"))
    matrix = ws.risks.matrix()
    before, after = counts.levels, counts.residual_levels
    level_rows = [[lv.name, format_int(before.get(lv.number, 0)), format_int(after.get(lv.number, 0))]
                  for lv in matrix.levels]
    out.append(ctx.grid([tr("Level"), tr("Inherent"), tr("Residual")], level_rows, [40, 20, 20], right=range(1, 3),
                        width=ctx.width * 0.5))

    summary = roadmap.budget_summary(data, data.plans)
    out += ctx.heading(tr("Budget estimate per year"))
    year_rows = [[str(y), format_rupiah(summary.per_year.get(y, 0))] for y in summary.years]
    year_rows.append([tr("Total"), format_rupiah(summary.total)])
    out.append(ctx.grid([tr("Year"), tr("Budget estimate")], year_rows, [20, 40], right=range(1, 2),
                        width=ctx.width * 0.5))
    if summary.years and summary.total:
        series = [charts.Series(d.name, [summary.cell(d.id, y) for y in summary.years],
                                charts.dimension_colour(index))
                  for index, d in enumerate(summary.dimensions)]
        chart = charts.stacked_bars([str(y) for y in summary.years], series, width=ctx.width * 0.9,
                                    height=75 * mm, value_format=lambda v: roadmap.format_amount_short(int(v)),
                                    title=tr("Budget estimate per year and dimension (Rupiah)"))
        out.append(ctx.keep_together(ctx.space(3), chart))
    out += ctx.heading(tr("Budget estimate per funding source"))
    funding_rows = [[name, format_rupiah(total)] for _id, name, total in summary.per_funding]
    out.append(ctx.grid([tr("Funding source"), tr("Budget estimate")], funding_rows or [[tr("No data yet."), ""]],
                        [40, 30], right=range(1, 2), width=ctx.width * 0.5))
    return out


register(DocumentSpec("statistik", N_("Statistics"), build_statistics, kind="report", available=has_data_parts,
                      description=N_("Counts per dimension, OPD, plan status and risk level; budget per year "
                                     "and funding source; charts of innovations and budget.")))
