"""Action plans per innovation (landscape) and the roadmap (landscape on the paper chosen, A4 across pages or one
A3 sheet; years as columns, stages marked; dimension and innovation repeated on every page)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from fgd_app.core.roadmap import data as roadmap
from fgd_app.i18n import N_, format_rupiah, tr
from fgd_app.reports import styles as st
from fgd_app.reports.charts import DIMENSION_COLOURS
from fgd_app.reports.context import StoryContext
from fgd_app.reports.registry import DocumentSpec, register
from fgd_app.reports.tables import Group, PagedTable


def has_plans(ws) -> bool:
    return hasattr(ws, "plans") and hasattr(ws, "innovations")


def _tint(hex_colour: str, amount: float) -> colors.Color:
    """Return ``hex_colour`` mixed with white (amount 0 = white, 1 = the colour)."""
    c = colors.HexColor(hex_colour)
    return colors.Color(1 - (1 - c.red) * amount, 1 - (1 - c.green) * amount, 1 - (1 - c.blue) * amount)


# --- action plans ----------------------------------------------------------------------------------
def build_plans(ctx: StoryContext) -> list[Flowable]:
    title = tr("Action plans")
    ws = ctx.ws
    opds = {o.id: o.short_name or o.name for o in ws.opds.list()}
    funding = {f.id: f.display for f in ws.plans.funding_sources.list()}
    statuses = {s.id: s.display for s in ws.plans.statuses.list()}
    stages = ws.plans.stages()
    plans_of: dict[str, list] = {}
    for plan in ws.plans.list():
        plans_of.setdefault(plan.innovation_id, []).append(plan)
    head = ["No", tr("Activity / step"), tr("Output"), tr("Indicator and target"), tr("Year(s)"), tr("Stage"),
            tr("Responsible OPD"), tr("Partners"), tr("Funding source"), tr("Budget estimate (Rp)"), tr("Status")]
    widths = [8, 41, 28, 31, 20, 15, 26, 21, 20, 31, 25]
    out: list[Flowable] = []
    for dimension in ws.dimensions.list():
        innovations = ws.innovations.list(dimension.id)
        out += ctx.section(f"{title} \u00b7 {dimension.name}")
        out += ctx.heading_title(title.upper(), dimension.name)
        rows: list[list] = []
        extra: list[tuple] = []
        total = 0
        for innovation in innovations:
            plans = sorted(plans_of.get(innovation.id, []), key=lambda p: p.position)
            budget = sum(p.budget for p in plans)
            total += budget
            rows.append(ctx.group("<b>{code}</b> \u00b7 <b>{name}</b> \u2014 {opd}", 11, span_to=8,
                                  extra_cells=[ctx.m("<b>{amount}</b>", "cell_right", amount=format_rupiah(budget)),
                                               ""],
                                  code=innovation.code, name=innovation.name, opd=opds.get(innovation.lead_opd_id, "")))
            if not plans:
                rows.append(["", ctx.p(tr("No action plan yet."), "cell_small"), *[""] * 9])
            for n, plan in enumerate(plans, start=1):
                years = (str(plan.first_year) if plan.first_year == plan.last_year
                         else f"{plan.first_year}\u2013{plan.last_year}")
                target = "\n".join(x for x in (plan.indicator, plan.target and f"{tr('Target')}: {plan.target}") if x)
                rows.append([f"{n}.", plan.activity, plan.output, target, ctx.p(years, "cell_small"),
                             roadmap.stage_label(plan.first_year, plan.last_year, stages), opds.get(plan.opd_id, ""),
                             plan.partners, funding.get(plan.funding_source_id or "", ""),
                             format_rupiah(plan.budget) if plan.budget else "", statuses.get(plan.status_id, "")])
        rows.append([ctx.m("<b>{label}</b>", "cell", label=tr("Total {dimension}", dimension=dimension.name)),
                     *[""] * 8, ctx.m("<b>{amount}</b>", "cell_right", amount=format_rupiah(total)), ""])
        extra += [("SPAN", (0, len(rows)), (8, len(rows))), ("BACKGROUND", (0, len(rows)), (-1, len(rows)),
                                                             st.HEADER_FILL)]
        out.append(ctx.grid(head, rows, widths, extra=extra, right=(9,)))
    return out


# --- roadmap ---------------------------------------------------------------------------------------
def build_roadmap(ctx: StoryContext) -> list[Flowable]:
    title = tr("Roadmap")
    data = ctx.ws.plans.roadmap_data()
    rows_data = roadmap.build_rows(data)
    years = data.years
    out = ctx.section(title)
    out += ctx.heading_title(title.upper(), f"{data.first_year}\u2013{data.last_year}")
    # on A4 landscape the years keep ~60 % of the width; on A3 the activity column is 118 mm
    label_w, opd_w = min(118 * mm, ctx.width * 0.34), min(30 * mm, ctx.width * 0.11)
    year_w = (ctx.width - label_w - opd_w) / max(1, len(years))
    stage_row: list = [ctx.p(tr("Stage"), "head"), ""]
    year_row: list = [ctx.p(tr("Dimension / innovation / activity"), "head"), ctx.p(tr("Responsible OPD"), "head")]
    cell = ctx.styles.cell
    commands: list[tuple] = st.grid_style(2) + [
        ("SPAN", (0, 0), (1, 0)), ("FONT", (0, 2), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
        ("TEXTCOLOR", (0, 2), (-1, -1), st.INK)]
    for stage in data.stages:
        first = max(stage.first_year, data.first_year) - data.first_year + 2
        last = min(stage.last_year, data.last_year) - data.first_year + 2
        if first > last:
            continue
        stage_row += [""] * (last - first + 1)
        stage_row[first] = ctx.m("<b>{name}</b> ({a}\u2013{b})", "cell_center", name=stage.name,
                                 a=str(stage.first_year), b=str(stage.last_year))
        commands += [("SPAN", (first, 0), (last, 0)), ("LINEAFTER", (last, 0), (last, -1), 1.4, st.RULE)]
    stage_row += [""] * (len(years) + 2 - len(stage_row))
    year_row += [ctx.p(str(y), "head") for y in years]
    header: list[list] = [stage_row, year_row]
    body: list[list | Group] = []
    for row in rows_data:
        r = len(header) + len(body)
        index = row.dimension_index if row.kind != roadmap.PLAN else data.dimension_index.get(row.innovation_id, 0)
        colour = DIMENSION_COLOURS[index % len(DIMENSION_COLOURS)]
        if row.kind in (roadmap.DIMENSION, roadmap.INNOVATION):
            dimension = row.kind == roadmap.DIMENSION
            heading = ctx.group("<b>{label}</b>", len(years) + 2, level=0 if dimension else 1,
                                fill=_tint(colour, 0.35 if dimension else 0.1), span_to=-1 if dimension else 1,
                                label=row.label)
            body.append(heading)
        else:
            plan = row.plan
            body.append([ctx.fast(plan.activity, label_w), ctx.fast(data.opd_names.get(plan.opd_id, ""), opd_w),
                         *[""] * len(years)])
            a = max(plan.first_year, data.first_year) - data.first_year + 2
            b = min(plan.last_year, data.last_year) - data.first_year + 2
            if a <= b:
                commands.append(("BACKGROUND", (a, r), (b, r), colors.HexColor(colour)))
    out.append(PagedTable(header, body, [label_w, opd_w, *[year_w] * len(years)], commands=commands,
                          split_height=ctx.continued_height))
    out += budget_table(ctx, data)
    return out


def budget_table(ctx: StoryContext, data: roadmap.RoadmapData) -> list[Flowable]:
    """Return the budget per dimension and year (spread evenly over each plan's years) with totals."""
    summary = roadmap.budget_summary(data, data.plans)
    years = summary.years
    head = [tr("Dimension"), *[str(y) for y in years], tr("Total")]
    rows = [[d.name, *[roadmap.format_amount_short(summary.cell(d.id, y)) if summary.cell(d.id, y) else ""
                       for y in years], roadmap.format_amount_short(summary.per_dimension.get(d.id, 0))]
            for d in summary.dimensions]
    rows.append([ctx.m("<b>{t}</b>", "cell", t=tr("Total")),
                 *[roadmap.format_amount_short(summary.per_year.get(y, 0)) for y in years],
                 ctx.m("<b>{t}</b>", "cell_right", t=roadmap.format_amount_short(summary.total))])
    table = ctx.grid(head, rows, [40] + [12] * len(years) + [16], right=range(1, len(years) + 2),
                     extra=[("BACKGROUND", (0, len(rows)), (-1, len(rows)), st.HEADER_FILL)])
    return ctx.heading(tr("Budget estimate per year (Rupiah; k = thousand, m = million, bn = billion)")) + [table]


register(DocumentSpec("rencana-aksi", N_("Action plans"), build_plans, kind="report", orientation="landscape",
                      available=has_plans,
                      description=N_("The action plans of every innovation, per dimension, with years, stage, "
                                     "responsible OPD, funding and budget.")))
register(DocumentSpec("peta-jalan", N_("Roadmap"), build_roadmap, kind="report", orientation="landscape",
                      available=has_plans,
                      description=N_("Every activity on the years of the horizon, stages marked, budget per year; "
                                     "landscape across pages with the dimension and innovation repeated on each "
                                     "(A3 for one large sheet per page).")))
