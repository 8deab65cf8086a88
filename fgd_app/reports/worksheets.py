"""Worksheets for the groups (landscape): innovations, action plans, quick-win scoring, risks.

Printed blank (``blank=True``) they are forms to fill by hand, one section per dimension with the group
number to write and the dimension in the header. Printed normally they carry what was captured, with the
stable codes, plus empty rows, so groups correct on paper and the facilitator re-keys by code.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from fgd_app.core.quickwins.rules import format_score
from fgd_app.core.risks.register import TREATMENT_OPTIONS, option_label
from fgd_app.core.risks.register_lines import register_rows
from fgd_app.core.workshop.defaults import PENTAHELIX, pentahelix_label
from fgd_app.i18n import N_, format_rupiah, language, tr
from fgd_app.reports import styles as st
from fgd_app.reports.context import StoryContext
from fgd_app.reports.flowables import AtLeast
from fgd_app.reports.registry import DocumentSpec, register
from fgd_app.reports.risk_matrix import level_legend, matrix_table

BOX, TICK = "\u2610", "\u2612"


def _choices(options: list[tuple[str, bool]]) -> str:
    """Return one box and label a line; no-break spaces keep each box with its whole label ("☐ Non-TIK")."""
    return "\n".join(f"{TICK if chosen else BOX}\u00a0{label.replace(' ', chr(0xa0))}" for label, chosen in options)


def worksheet_header(ctx: StoryContext, title: str, dimension, *, extra: list[tuple[str, str]] = ()) -> list[Flowable]:
    """Return the compact letterhead and the form head: title, group box, dimension, its elements."""
    out = ctx.section(f"{title} \u00b7 {dimension.name} \u00b7 {tr('Group')} ____", compact=True)
    elements = ctx.ws.elements.of(dimension.id)
    element_text = "   ".join(f"({i}) {e.name}" for i, e in enumerate(elements, start=1))
    group_width = 48 * mm
    rows = [
        [ctx.p(title.upper(), "form_title"), ctx.m("<b>{label}</b>", "body", label=tr("Group"))],
        [ctx.m(tr("Dimension: <b>{name}</b>"), "body", name=dimension.name), ""],
        [ctx.m(tr("Elements: {elements}"), "small", elements=element_text), ""],
    ]
    for label, value in extra:
        rows.append([ctx.m("{label}: {value}", "body", label=label, value=value), ""])
    head = Table(rows, colWidths=[ctx.width - group_width, group_width])
    head.setStyle(TableStyle([
        ("SPAN", (1, 0), (1, -1)), ("BOX", (1, 0), (1, -1), 1.2, st.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("ALIGN", (0, 0), (0, 0), "LEFT"),
    ]))
    return out + [head, ctx.space(3)]


def _min(flowable, height_mm: float) -> AtLeast:
    return AtLeast(flowable, height_mm * mm)


# --- innovation worksheet --------------------------------------------------------------------------
def _innovation_row(ctx: StoryContext, number: int, innovation, names: dict) -> list:
    elements, opds, districts = names["elements"], names["opds"], names["districts"]
    partners = ", ".join(f"{pentahelix_label(p.pentahelix)}" + (f" ({p.name})" if p.name else "")
                         for p in innovation.partners)
    supporting = ", ".join(opds.get(i, "") for i in innovation.supporting_opd_ids)
    where = (tr("Whole region") if innovation.location_scope == "region"
             else ", ".join(districts.get(i, "") for i in innovation.district_ids))
    return [
        _min(ctx.m("<b>{code}</b>", "cell", code=innovation.code), 18),
        elements.get(innovation.element_id or "", ""),
        ctx.m("<b>{name}</b>", "cell", name=innovation.name),
        innovation.problem,
        innovation.description,
        "\n".join(x for x in (opds.get(innovation.lead_opd_id, ""), supporting and f"+ {supporting}") if x),
        _choices([(tr("Running"), innovation.status == "running"), (tr("Not yet running"), innovation.status == "new")]),
        _choices([(tr("ICT"), bool(innovation.is_ict)), (tr("Non-ICT"), not innovation.is_ict)]),
        partners,
        where,
    ]


def build_innovation_sheet(ctx: StoryContext) -> list[Flowable]:
    title = tr("Innovation worksheet")
    head = ["No / " + tr("Code"), tr("Element (no.)"), tr("Innovation name"), tr("Problem or potential addressed"),
            tr("Short description"), tr("Lead OPD / supporting OPDs"), tr("Status"), tr("Type"),
            tr("Pentahelix partners"), tr("Location")]
    widths = [15, 20, 33, 37, 43, 31, 25, 17, 25, 23]
    blank_row = [
        "", "", "", "", "", "",
        _choices([(tr("Running"), False), (tr("Not yet running"), False)]),
        _choices([(tr("ICT"), False), (tr("Non-ICT"), False)]),
        _choices([(pentahelix_label(k), False) for k in PENTAHELIX if k != "pemerintah"]),
        _choices([(tr("Whole region"), False), (tr("Kecamatan:"), False)]),
    ]
    names = _names(ctx)
    out: list[Flowable] = []
    for dimension in ctx.ws.dimensions.list():
        out += worksheet_header(ctx, title, dimension)
        rows = []
        if not ctx.blank:
            for number, innovation in enumerate(ctx.ws.innovations.list(dimension.id), start=1):
                rows.append(_innovation_row(ctx, number, innovation, names))
        for number in range(len(rows) + 1, len(rows) + (4 if not rows else 3) + 1):
            rows.append([ctx.number(number, 31), *blank_row[1:]])
        out.append(ctx.grid(head, rows, widths))
    return out


def _names(ctx: StoryContext) -> dict[str, dict[str, str]]:
    elements = {}
    for dimension in ctx.ws.dimensions.list():
        for index, element in enumerate(ctx.ws.elements.of(dimension.id), start=1):
            elements[element.id] = f"({index}) {element.name}"
    opds = {o.id: o.short_name or o.name for o in ctx.ws.opds.list()}
    districts = {i: name for i, _code, name in ctx.ws.districts()}
    return {"elements": elements, "opds": opds, "districts": districts}


# --- action plan worksheet -------------------------------------------------------------------------
def build_plan_sheet(ctx: StoryContext) -> list[Flowable]:
    title = tr("Action plan worksheet")
    sources = " \u00b7 ".join(s.display for s in ctx.ws.plans.funding_sources.list())
    head = ["No", tr("Activity / step"), tr("Output"), tr("Indicator and target"), tr("Year(s)"),
            tr("Responsible OPD"), tr("Partners"), tr("Funding source"), tr("Budget estimate (Rp)")]
    widths = [8, 44, 33, 33, 21, 30, 28, 30, 33]
    out: list[Flowable] = []
    plans_of: dict[str, list] = {}
    if not ctx.blank:
        for plan in ctx.ws.plans.list():
            plans_of.setdefault(plan.innovation_id, []).append(plan)
    opds = {o.id: o.short_name or o.name for o in ctx.ws.opds.list()}
    funding = {f.id: f.display for f in ctx.ws.plans.funding_sources.list()}
    for dimension in ctx.ws.dimensions.list():
        innovations = [] if ctx.blank else ctx.ws.innovations.list(dimension.id)
        extra_head = [(tr("Funding sources"), sources)]
        if not innovations:
            extra_head.insert(0, (tr("Innovation (code / name)"), "." * 90))
        out += worksheet_header(ctx, title, dimension, extra=extra_head)
        rows: list[list] = []
        commands: list[tuple] = []
        for innovation in innovations:
            rows.append(ctx.group("<b>{code}</b> \u00b7 <b>{name}</b>", 9, code=innovation.code,
                                  name=innovation.name))
            plans = sorted(plans_of.get(innovation.id, []), key=lambda p: p.position)
            for n, plan in enumerate(plans, start=1):
                years = str(plan.first_year) if plan.first_year == plan.last_year else (
                    f"{plan.first_year}\u2013{plan.last_year}")
                target = "\n".join(x for x in (plan.indicator, plan.target) if x)
                rows.append([ctx.number(n, 12), plan.activity, plan.output, target, years,
                             opds.get(plan.opd_id, ""), plan.partners, funding.get(plan.funding_source_id or "", ""),
                             format_rupiah(plan.budget) if plan.budget else ""])
            rows.append([ctx.number(len(plans) + 1, 12), *[""] * 8])
        if not innovations:
            rows = [[ctx.number(n, 20), "", "", "", "", "", "", "", ""] for n in range(1, 6)]
        out.append(ctx.grid(head, rows, widths, extra=commands))
    return out


# --- quick-win scoring sheet -----------------------------------------------------------------------
def _scale(score: int | None) -> str:
    """Return the markup "1  2  [3]  4  5": the agreed score in bold brackets, plain digits all."""
    return "&nbsp; ".join(f"<b>[{n}]</b>" if n == score else str(n) for n in range(1, 6))


def _weight(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "id" else text


def build_quick_win_sheet(ctx: StoryContext) -> list[Flowable]:
    title = tr("Quick-win scoring sheet")
    criteria = ctx.ws.quickwins.criteria.list()
    weighted = [c for c in criteria if c.weight > 0]
    total_weight = sum(c.weight for c in weighted) or 1.0

    def head_of(c) -> str:
        arrow = tr("less is better") if c.direction == "less" else tr("more is better")
        return f"{c.display}\n{tr('weight')} {_weight(round(100 * c.weight / total_weight, 1))} %\n({arrow})"

    head = ["No", tr("Innovation (code / name)"), *[head_of(c) for c in criteria], tr("Weighted score"),
            tr("Notes")]
    score_w = max(22, min(30, 140 // max(1, len(criteria))))
    widths = [8, 56, *[score_w] * len(criteria), 18, 36]
    legend = "   ".join(f"<b>{{n{i}}}</b>: {{d{i}}}" for i in range(len(criteria)))
    legend_values = {f"n{i}": c.display for i, c in enumerate(criteria)}
    legend_values |= {f"d{i}": c.display_description for i, c in enumerate(criteria)}
    rule = tr("Weighted score = sum of (weight \u00d7 goodness) \u00f7 sum of the weights. Goodness is the score, "
              "or 6 \u2212 score where less is better (cost, time to first result): 5 is always best. "
              "Do not add the scores up: the app computes the weighted score and the ranking when the "
              "scores are entered.")
    board = None if ctx.blank else ctx.ws.quickwins.board()
    last = 2 + len(criteria) - 1
    scales: dict[int | None, Flowable] = {}  # six cells in all, shared by every row (parsed and broken once)

    def scale_cell(score: int | None) -> Flowable:
        if score not in scales:
            scales[score] = ctx.m(_scale(score), "cell_center")
        return scales[score]

    out: list[Flowable] = []
    for dimension in ctx.ws.dimensions.list():
        out += worksheet_header(ctx, title, dimension)
        out.append(ctx.m(tr("Circle one score from 1 to 5 per criterion.") + "   " + legend, "note", **legend_values))
        out.append(ctx.p(rule, "note"))
        out.append(ctx.space(2))
        innovations = [] if board is None else [r for r in board.rows if r.dimension_id == dimension.id]
        innovations.sort(key=lambda r: r.code)
        rows = []
        for n, row in enumerate(innovations, start=1):
            rows.append([ctx.number(n, 10), ctx.m("<b>{code}</b> {name}", "cell", code=row.code, name=row.name),
                         *[scale_cell(row.score(c.id)) for c in criteria],
                         ctx.m("<b>{score}</b>", "cell_center", score=format_score(row.weighted)), ""])
        for n in range(len(rows) + 1, len(rows) + (10 if not rows else 3) + 1):
            rows.append([ctx.number(n, 10), "", *[scale_cell(None)] * len(criteria), "", ""])
        out.append(ctx.grid(head, rows, widths, extra=[
            ("ALIGN", (2, 1), (last + 1, -1), "CENTER"), ("VALIGN", (2, 1), (last + 1, -1), "MIDDLE")]))
    return out


# --- risk worksheet (SPBE forms 3.0 assessment and 4.0 treatment) -----------------------------------
def _numbered(names: list[str]) -> str:
    return "   ".join(f"({i}) {name}" for i, name in enumerate(names, start=1))


def risk_reference(ctx: StoryContext, matrix) -> list[Flowable]:
    """Return what a group needs to fill the form: the criteria, the lists, the matrix and the levels."""
    categories = [c.name for c in ctx.ws.risks.categories.list()]
    areas = [a.name for a in ctx.ws.risks.impact_areas.list()]
    options = {kind: " \u00b7 ".join(tr(label) for label in TREATMENT_OPTIONS[kind].values())
               for kind in ("negative", "positive")}
    likelihood = ctx.grid([tr("Likelihood"), tr("Name"), tr("Criteria")],
                          [[str(lv.number), lv.name, lv.description] for lv in reversed(matrix.likelihood)],
                          [17, 28, 55], width=ctx.width * 0.49)
    impact_rows = []
    for lv in reversed(matrix.impact):
        meaning = lv.description or "; ".join(f"{area}: {text}" for area, text in lv.areas.items())
        impact_rows.append([str(lv.number), lv.name, meaning])
    impact = ctx.grid([tr("Impact"), tr("Name"), tr("Criteria")], impact_rows, [17, 28, 55], width=ctx.width * 0.49)
    lists = [
        ctx.m("<b>{label}:</b> {items}", "note", label=tr("Risk categories"), items=_numbered(categories)),
        ctx.m("<b>{label}:</b> {items}", "note", label=tr("Impact areas"), items=_numbered(areas)),
        ctx.m("<b>{label}:</b> {items}", "note", label=tr("Treatment options, negative risk"),
              items=options["negative"]),
        ctx.m("<b>{label}:</b> {items}", "note", label=tr("Treatment options, positive risk"),
              items=options["positive"]),
        ctx.p(tr("Magnitude: look it up in the matrix (likelihood row, impact column); the level follows from "
                 "the magnitude. A risk at or above its category's appetite must be treated."), "note"),
    ]
    matrix_block = ctx.columns([matrix_table(ctx, matrix, width=ctx.width * 0.55),
                                level_legend(ctx, matrix, width=ctx.width * 0.4)],
                               [ctx.width * 0.6, ctx.width * 0.4])
    # one block, on the page after the rows when it does not fit under them: the matrix never alone on a page
    return [ctx.keep_together(ctx.p(tr("Criteria and lists for filling in the form"), "heading"), *lists,
                              ctx.space(2), ctx.columns([likelihood, impact], [ctx.width * 0.51, ctx.width * 0.49]),
                              ctx.space(3), matrix_block)]


def build_risk_sheet(ctx: StoryContext) -> list[Flowable]:
    title = tr("Risk worksheet")
    matrix = ctx.ws.risks.matrix()
    lmax, imax = matrix.size
    head = [
        [tr("Code"), tr("Type"), tr("Risk event"), tr("Cause"), tr("Consequence"), tr("Category (no.)"),
         tr("Impact area (no.)"), tr("Existing controls"), tr("Likelihood (1\u2013{n})", n=lmax),
         tr("Impact (1\u2013{n})", n=imax), tr("Magnitude"), tr("Level")],
        [tr("Treatment"), tr("Decision"), tr("Treatment option"), tr("Treatment action"), "", tr("Output"),
         tr("Schedule"), tr("Owner (OPD)"), tr("Residual likelihood"), tr("Residual impact"),
         tr("Residual magnitude"), tr("Residual level")],
    ]
    widths = [24, 17, 29, 25, 25, 20, 20, 25, 15, 14, 14, 17]
    register = [] if ctx.blank else register_rows(ctx.ws.store)
    extras = {} if ctx.blank else {r.id: (r.existing_controls, r.output) for r in ctx.ws.risks.list()}
    levels = {lv.number: lv.name for lv in matrix.levels}
    risks_of: dict[str, list] = {}
    for risk in register:
        risks_of.setdefault(risk.innovation_id, []).append(risk)

    def number(value) -> str:
        return str(value) if value else ""

    def pair(risk, label) -> tuple[list, list]:
        if risk is None:
            first = [label, _choices([(tr("Negative"), False), (tr("Positive"), False)]), *[""] * 10]
            second = [tr("Treatment"), _choices([(tr("Yes"), False), (tr("No"), False)]), *[""] * 10]
            return first, second
        controls, output = extras.get(risk.id, ("", ""))
        first = [ctx.m("<b>{code}</b>", "cell", code=risk.code),
                 _choices([(tr("Negative"), risk.risk_type == "negative"),
                           (tr("Positive"), risk.risk_type == "positive")]),
                 risk.event, risk.cause, risk.consequence, risk.category, risk.impact_area, controls,
                 number(risk.likelihood), number(risk.impact), number(risk.magnitude), levels.get(risk.level, "")]
        second = [tr("Treatment"),
                  _choices([(tr("Yes"), risk.treatment_decision == "yes"), (tr("No"), risk.treatment_decision == "no")]),
                  option_label(risk.treatment_option) if risk.treatment_option else "", risk.treatment_action, "",
                  output, risk.schedule, risk.owner_opd, number(risk.residual_likelihood),
                  number(risk.residual_impact), number(risk.residual_magnitude), levels.get(risk.residual_level, "")]
        return first, second

    out: list[Flowable] = []
    for dimension in ctx.ws.dimensions.list():
        innovations = [] if ctx.blank else ctx.ws.innovations.list(dimension.id)
        out += worksheet_header(ctx, title, dimension,
                                extra=[] if innovations else [(tr("Innovation (code / name)"), "." * 90)])
        rows: list = []
        keep: list[int] = []
        commands: list[tuple] = [("SPAN", (3, 1), (4, 1)), ("BACKGROUND", (0, 1), (-1, 1), st.BAND_FILL)]

        def add_pair(first: list, second: list, rows=rows, keep=keep, commands=commands) -> None:
            """Add one risk's two rows (assessment, treatment), kept on one page."""
            keep.append(len(rows))
            rows.append(first)
            r = len(rows) + 2  # the second row, counted with the two header rows
            rows.append(second)
            commands.extend([("SPAN", (3, r), (4, r)), ("LINEABOVE", (0, r), (-1, r), 0.3, st.GRID, None, (1, 2))])

        for innovation in innovations:
            rows.append(ctx.group("<b>{code}</b> \u00b7 <b>{name}</b>", 12, code=innovation.code,
                                  name=innovation.name))
            mine = risks_of.get(innovation.id, [])
            for risk in mine:
                add_pair(*pair(risk, ""))
            for n in range(1, (1 if mine else 2) + 1):
                add_pair(*pair(None, f"{len(mine) + n}."))
        if not innovations:
            for n in range(1, 5):
                add_pair(*pair(None, f"{n}."))
        out.append(ctx.grid(head, rows, widths, header_rows=2, extra=commands, keep_with_next=keep))
        out += risk_reference(ctx, matrix)
    return out


register(DocumentSpec("lembar-inovasi", N_("Innovation worksheet"), build_innovation_sheet, kind="worksheet",
                      orientation="landscape",
                      description=N_("Per dimension, its elements listed: name, problem, description, OPDs, "
                                     "status, ICT, partners, location.")))
register(DocumentSpec("lembar-rencana-aksi", N_("Action plan worksheet"), build_plan_sheet, kind="worksheet",
                      orientation="landscape",
                      description=N_("Per dimension: activities, outputs, indicators, years, responsible OPD, "
                                     "partners, funding, budget.")))
register(DocumentSpec("lembar-risiko", N_("Risk worksheet"), build_risk_sheet, kind="worksheet",
                      orientation="landscape",
                      description=N_("SPBE forms 3.0 and 4.0 per dimension, one block per innovation (with or "
                                     "without risks), with the file's criteria, category and impact-area lists, "
                                     "risk matrix and levels.")))
register(DocumentSpec("lembar-quick-win", N_("Quick-win scoring sheet"), build_quick_win_sheet, kind="worksheet",
                      orientation="landscape",
                      available=lambda ws: hasattr(ws, "quickwins"),
                      description=N_("The workshop's criteria (impact on citizens, feasibility, cost, readiness, "
                                     "time to first result) scored 1\u20135, with their weights and the "
                                     "weighted rule; agreed scores in brackets.")))
