"""Risk register: inherent and residual heat maps in colour, then every risk with its scores and treatment."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from fgd_app.core.risks.matrix import text_colour
from fgd_app.core.risks.register import option_label
from fgd_app.core.risks.register_lines import cell_counts, level_counts, register_rows
from fgd_app.i18n import N_, tr
from fgd_app.reports.context import StoryContext
from fgd_app.reports.registry import DocumentSpec, register
from fgd_app.reports.risk_matrix import matrix_table


def has_risks(ws) -> bool:
    return hasattr(ws, "risks")


def _level_cell(ctx: StoryContext, matrix, level: int | None, magnitude: int | None):
    if level is None:
        return "", None
    found = next((lv for lv in matrix.levels if lv.number == level), None)
    if found is None:
        return str(level), None
    text = ctx.m(f'<font color="{text_colour(found.colour)}"><b>{{name}}</b> ({magnitude})</font>', "cell_small",
                 name=found.name)
    return text, colors.HexColor(found.colour)


def build_register(ctx: StoryContext) -> list[Flowable]:
    title = tr("Risk register")
    matrix = ctx.ws.risks.matrix()
    rows = register_rows(ctx.ws.store)
    out = ctx.section(title)
    out += ctx.heading_title(title.upper(), tr("{count} risks \u00b7 matrix \u201c{matrix}\u201d", count=len(rows),
                                                matrix=matrix.name))
    half = ctx.width / 2 - 4
    inherent = matrix_table(ctx, matrix, width=half - 6, counts=cell_counts(rows))
    residual = matrix_table(ctx, matrix, width=half - 6, counts=cell_counts(rows, residual=True))
    out.append(ctx.columns([ctx.p(tr("Inherent risk (before treatment)"), "heading"),
                            ctx.p(tr("Residual risk (after treatment)"), "heading")], [half + 8, half]))
    out.append(ctx.columns([inherent, residual], [half + 8, half]))
    before, after = level_counts(rows), level_counts(rows, residual=True)
    summary = [[lv.name, str(before.get(lv.number, 0)), str(after.get(lv.number, 0))] for lv in matrix.levels]
    extra = []
    for i, lv in enumerate(matrix.levels, start=1):
        extra += [("BACKGROUND", (0, i), (0, i), colors.HexColor(lv.colour))]
        summary[i - 1][0] = ctx.m(f'<font color="{text_colour(lv.colour)}">{{n}}</font>', "cell", n=lv.name)
    out += [ctx.space(3), *ctx.heading(tr("Risks per level"))]
    table = ctx.grid([tr("Level"), tr("Inherent"), tr("Residual")], summary, [40, 20, 20],
                     extra=extra, width=ctx.width * 0.4, right=(1, 2))
    table.hAlign = "LEFT"
    out.append(table)
    out += ctx.heading(tr("Register"))
    head = [tr("Code"), tr("Innovation"), tr("Type"), tr("Risk event"), tr("Cause"), tr("Consequence"),
            tr("Category / impact area"), "K", "D", tr("Level"), tr("Treatment"), tr("Owner"), "K'", "D'",
            tr("Residual level")]
    widths = [25, 27, 16, 29, 23, 23, 24, 6, 6, 18, 29, 19, 6, 6, 18]
    data, styles = [], []
    for r, row in enumerate(rows, start=1):
        level, fill = _level_cell(ctx, matrix, row.level, row.magnitude)
        residual_level, residual_fill = _level_cell(ctx, matrix, row.residual_level, row.residual_magnitude)
        option = option_label(row.treatment_option) if row.treatment_option else ""
        treatment = "\n".join(x for x in (option, row.treatment_action, row.schedule) if x)
        if row.lacks_treatment:
            treatment = (treatment + "\n" if treatment else "") + tr("(treatment required)")
        data.append([row.code, f"{row.innovation_code} {row.innovation_name}",
                     tr("Positive") if row.risk_type == "positive" else tr("Negative"), row.event, row.cause,
                     row.consequence, " / ".join(x for x in (row.category, row.impact_area) if x),
                     str(row.likelihood or ""), str(row.impact or ""), level, treatment, row.owner_opd,
                     str(row.residual_likelihood or ""), str(row.residual_impact or ""), residual_level])
        if fill is not None:
            styles.append(("BACKGROUND", (9, r), (9, r), fill))
        if residual_fill is not None:
            styles.append(("BACKGROUND", (14, r), (14, r), residual_fill))
    if not data:
        data = [[tr("No risks recorded yet."), *[""] * 14]]
        styles.append(("SPAN", (0, 1), (-1, 1)))
    out.append(ctx.grid(head, data, widths, extra=styles))
    return out


register(DocumentSpec("register-risiko", N_("Risk register"), build_register, kind="report",
                      orientation="landscape", available=has_risks,
                      description=N_("Inherent and residual heat maps in colour, risks per level, and every risk "
                                     "with scores, treatment and owner.")))
