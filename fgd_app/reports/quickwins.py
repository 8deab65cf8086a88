"""Quick-win summary: the chosen quick wins with their justification, then every innovation ranked."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from fgd_app.core.quickwins.rules import QUADRANTS
from fgd_app.core.risks.matrix import text_colour
from fgd_app.i18n import N_, language, tr
from fgd_app.reports import charts
from fgd_app.reports.context import StoryContext
from fgd_app.reports.registry import DocumentSpec, register


def has_quickwins(ws) -> bool:
    return hasattr(ws, "quickwins")


def _number(value: float | None) -> str:
    if value is None:
        return "\u2013"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language() == "id" else text


def impact_effort_chart(ctx: StoryContext, board) -> list[Flowable]:
    """Return the heading and the impact/effort chart of the board (the innovations scored on both axes)."""
    rule = board.rule
    points = [charts.Point(r.code, r.impact, r.effort, charts.dimension_colour(r.dimension_index), r.chosen,
                           r.candidate) for r in board.rows if r.impact is not None and r.effort is not None]
    heading = ctx.p(tr("Impact and effort"), "heading")
    if not points:
        return [ctx.keep_together(heading, ctx.p(tr("No innovation has impact and effort scores yet."), "body"))]
    dimensions = {}
    for r in board.rows:
        dimensions.setdefault(r.dimension_index, r.dimension_name)
    legend = [(name, charts.dimension_colour(index)) for index, name in sorted(dimensions.items())]
    legend.append((tr("chosen quick win (black ring, code in bold)"), "#ffffff"))
    chart = charts.impact_effort(points, min_impact=rule.min_impact, max_effort=rule.max_effort,
                                 width=min(ctx.width, 180 * mm), height=min(ctx.continued_height - 20 * mm, 95 * mm),
                                 impact_label=tr("Impact"), effort_label=tr("Effort"),
                                 quadrant_labels=[tr(QUADRANTS[k]) for k in ("quick_win", "major", "fill_in",
                                                                             "reconsider")],
                                 legend=legend)
    chart.hAlign = "LEFT"
    return [ctx.keep_together(heading, chart)]


def build_quick_wins(ctx: StoryContext) -> list[Flowable]:
    title = tr("Quick wins")
    board = ctx.ws.quickwins.board()
    rule = board.rule
    out = ctx.section(title)
    out += ctx.heading_title(title.upper(), tr("{count} innovations scored on {criteria} criteria",
                                               count=len(board.rows), criteria=len(board.criteria)))
    out += ctx.heading(tr("Chosen quick wins"))
    chosen = board.chosen()
    if chosen:
        rows = [[f"{n}.", ctx.m("<b>{code}</b> {name}", "cell", code=r.code, name=r.name), r.dimension_name,
                 r.lead_opd, _number(r.weighted), r.justification or ""] for n, r in enumerate(chosen, start=1)]
        out.append(ctx.grid(["No", tr("Innovation"), tr("Dimension"), tr("Lead OPD"), tr("Score"),
                             tr("Justification")], rows, [8, 60, 30, 28, 14, 90], right=(4,)))
    else:
        out.append(ctx.p(tr("No quick win chosen yet."), "body"))
    out += impact_effort_chart(ctx, board)
    rule_text = tr("Rule: impact at least {impact}, effort at most {effort}; first result within {years} year(s); "
                   "highest residual risk level at most {level}.", impact=_number(rule.min_impact),
                   effort=_number(rule.max_effort), years=rule.max_first_result_years or "\u2013",
                   level=rule.max_residual_level or "\u2013")
    out += ctx.heading(tr("Ranking"))
    out.append(ctx.p(rule_text, "small"))
    out.append(ctx.space(1.5))
    head = [tr("Rank"), tr("Innovation"), *[c.display for c in board.criteria], tr("Score"), tr("Impact"),
            tr("Effort"), tr("Votes"), tr("Residual risk"), tr("Candidate")]
    n = len(board.criteria)
    widths = [14, 60, *[max(11, min(18, 90 // max(1, n)))] * n, 14, 15, 15, 12, 22, 16]
    rows, extra = [], []
    for r_index, r in enumerate(board.rows, start=1):
        level = board.levels.get(r.risk_level) if r.risk_level else None
        level_cell = ""
        if level is not None:
            level_cell = ctx.m(f'<font color="{text_colour(level.colour)}">{{name}}</font>', "cell_small",
                               name=level.name)
            extra.append(("BACKGROUND", (n + 6, r_index), (n + 6, r_index), colors.HexColor(level.colour)))
        mark = tr("Chosen") if r.chosen else (tr("Yes") if r.candidate else "")
        rows.append([str(r.rank or ""), ctx.m("<b>{code}</b> {name}", "cell", code=r.code, name=r.name),
                     *[str(r.score(c.id) or "") for c in board.criteria], _number(r.weighted), _number(r.impact),
                     _number(r.effort), str(r.votes or ""), level_cell, mark])
    if not rows:
        rows = [[tr("No innovations yet."), *[""] * (len(head) - 1)]]
        extra.append(("SPAN", (0, 1), (-1, 1)))
    out.append(ctx.grid(head, rows, widths, extra=extra + [("ALIGN", (2, 1), (n + 5, -1), "CENTER")],
                        right=()))
    return out


register(DocumentSpec("quick-win", N_("Quick wins"), build_quick_wins, kind="report", orientation="landscape",
                      available=has_quickwins,
                      description=N_("The chosen quick wins with their justification, and every innovation "
                                     "ranked by its weighted score, with the rule's checks.")))
