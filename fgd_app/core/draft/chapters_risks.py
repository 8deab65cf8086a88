"""The draft's risk chapter (SPBE register and heat maps) and quick-win chapter (rule, scores, reasons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fgd_app.core.draft.model import Block, Chart, Figure, Paragraph, Table
from fgd_app.core.quickwins.rules import QUADRANTS
from fgd_app.core.risks.register import option_label
from fgd_app.core.risks.register_lines import cell_counts, level_counts, register_rows
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core.draft.gather import Gatherer


def _note(text: str) -> Paragraph:
    return Paragraph(text, "note")


def heat_map_data(matrix, counts: dict[tuple[int, int], int], title: str) -> dict:
    """Return one heat map as plain data: rows of likelihood (highest first) by impact, colour and count."""
    lmax, imax = matrix.size
    cells = []
    for likelihood in range(lmax, 0, -1):
        row = []
        for impact in range(1, imax + 1):
            magnitude = matrix.magnitude(likelihood, impact)
            row.append((magnitude, matrix.level_for(magnitude).colour, counts.get((likelihood, impact), 0)))
        cells.append(row)
    return {"title": title, "cells": cells,
            "likelihood": [f"{n} {matrix.likelihood_level(n).name}" for n in range(lmax, 0, -1)],
            "impact": [f"{n} {matrix.impact_level(n).name}" for n in range(1, imax + 1)]}


def risk_blocks(g: Gatherer) -> list[Block]:
    ws = g.ws
    matrix = ws.risks.matrix()
    rows = [r for r in register_rows(ws.store) if r.dimension_id in g.dimension_ids]
    out: list[Block] = [Paragraph(tr(
        "The risks of the innovations were assessed with the SPBE risk management of Permenpan RB No. 5 of "
        "2020: each risk's likelihood and impact give its magnitude in the matrix \u201c{matrix}\u201d, and "
        "risks at or above the appetite get a treatment. {count} risks were recorded.", matrix=matrix.name,
        count=format_int(len(rows))))]
    out.append(g.section(1, tr("Heat maps")))
    out.append(Figure(tr("Risks before and after treatment (number of risks per cell; magnitude in brackets)"),
                      Chart("heat_maps", {"maps": [
                          heat_map_data(matrix, cell_counts(rows), tr("Inherent risk (before treatment)")),
                          heat_map_data(matrix, cell_counts(rows, residual=True),
                                        tr("Residual risk (after treatment)"))],
                          "axes": (tr("Likelihood"), tr("Impact"))}, width_cm=24, height_cm=10)))
    before, after = level_counts(rows), level_counts(rows, residual=True)
    level_rows = [[lv.name, f"{lv.min_magnitude}\u2013{lv.max_magnitude}", format_int(before.get(lv.number, 0)),
                   format_int(after.get(lv.number, 0))] for lv in matrix.levels]
    out.append(Table(tr("Risks per level"), [tr("Level"), tr("Magnitude"), tr("Inherent"), tr("Residual")],
                     level_rows, [40, 20, 20, 20], right=(2, 3),
                     fills={(n, 0): lv.colour for n, lv in enumerate(matrix.levels)}))
    out.append(g.section(2, tr("Risk register")))
    if not rows:
        out.append(_note(tr("Every risk of the innovations as in the SPBE register form: event, cause, "
                            "consequence, category and impact area, likelihood, impact and level, treatment, "
                            "owner and residual level.")))
        return out
    levels = {lv.number: lv for lv in matrix.levels}
    data, fills = [], {}
    for n, r in enumerate(rows):
        def level_text(level, magnitude):
            found = levels.get(level) if level is not None else None
            return f"{found.name} ({magnitude})" if found else ""

        option = option_label(r.treatment_option) if r.treatment_option else ""
        treatment = "\n".join(x for x in (option, r.treatment_action, r.schedule) if x)
        if r.lacks_treatment:
            treatment = (treatment + "\n" if treatment else "") + tr("(treatment required)")
        data.append([r.code, f"{r.innovation_code} {r.innovation_name}",
                     tr("Positive") if r.risk_type == "positive" else tr("Negative"), r.event, r.cause,
                     r.consequence, " / ".join(x for x in (r.category, r.impact_area) if x),
                     str(r.likelihood or ""), str(r.impact or ""), level_text(r.level, r.magnitude), treatment,
                     r.owner_opd, level_text(r.residual_level, r.residual_magnitude)])
        if r.level in levels:
            fills[(n, 9)] = levels[r.level].colour
        if r.residual_level in levels:
            fills[(n, 12)] = levels[r.residual_level].colour
    out.append(Table(tr("Risk register"), [
        tr("Code"), tr("Innovation"), tr("Type"), tr("Risk event"), tr("Cause"), tr("Consequence"),
        tr("Category / impact area"), tr("L"), tr("I"), tr("Level"), tr("Treatment"), tr("Owner"),
        tr("Residual level")], data, [9, 16, 8, 18, 15, 15, 14, 4, 4, 10, 18, 11, 10], fills=fills, small=True))
    out.append(Paragraph(tr("L = likelihood level, I = impact level (1\u20135)."), "note"))
    return out


def _focus_rule(g: Gatherer, rule) -> Paragraph:
    """Return the sentence on the focus dimension: ranked first by the rule, or only named."""
    from fgd_app.core.draft.chapters_analysis import focus_names

    names = ", ".join(focus_names(g))
    if rule.focus_first and names:
        return Paragraph(tr("The rule ranks the innovations of the focus dimension(s) {names} before all others; "
                            "their scores are not changed.", names=names))
    if rule.focus_first:
        return Paragraph(tr("The rule ranks the innovations of a focus dimension first, but no dimension is marked "
                            "as focus."))
    if names:
        return Paragraph(tr("The focus dimension(s) {names} did not change the ranking (the rule does not rank "
                            "focus first).", names=names))
    return _note(tr("The focus dimension of the region (analysis of the region) and whether the rule ranks its "
                    "innovations first."))


def quickwin_blocks(g: Gatherer) -> list[Block]:
    from fgd_app.core.draft.gather import number

    board = g.ws.quickwins.board()
    rule = board.rule
    rows = [r for r in board.rows if r.dimension_id in g.dimension_ids]
    out: list[Block] = [Paragraph(tr(
        "The quick wins (program unggulan) are the innovations delivered in the first year. The workshop scored "
        "every innovation on {criteria} criteria and chose by this rule: impact at least {impact}, effort at "
        "most {effort}; first result within {years} year(s); highest residual risk level at most {level}.",
        criteria=len(board.criteria), impact=number(rule.min_impact), effort=number(rule.max_effort),
        years=rule.max_first_result_years or "\u2013", level=rule.max_residual_level or "\u2013"))]
    out.append(_focus_rule(g, rule))
    out.append(g.section(1, tr("Chosen quick wins")))
    chosen = [r for r in board.chosen() if r.dimension_id in g.dimension_ids]
    if chosen:
        out.append(Table(tr("Chosen quick wins and the reason for the choice"),
                         ["No", tr("Innovation"), tr("Dimension"), tr("Lead OPD"), tr("Score"), tr("Impact"),
                          tr("Effort"), tr("Reason for the choice")],
                         [[f"{n}.", f"{r.code} {r.name}", r.dimension_name, r.lead_opd, number(r.weighted),
                           number(r.impact), number(r.effort), r.justification or ""]
                          for n, r in enumerate(chosen, start=1)], [4, 21, 13, 11, 7, 9, 7, 28], right=(4, 5, 6)))
    else:
        out.append(_note(tr("The quick wins chosen in the workshop, each with the reason for the choice.")))
    out.append(g.section(2, tr("Impact and effort")))
    points = [{"code": r.code, "impact": r.impact, "effort": r.effort, "colour": g.colour_of.get(r.dimension_id, "#555"),
               "chosen": r.chosen, "candidate": r.candidate} for r in rows
              if r.impact is not None and r.effort is not None]
    if points:
        out.append(Figure(tr("Impact against effort of the scored innovations (chosen quick wins ringed)"),
                          Chart("impact_effort", {
                              "points": points, "min_impact": rule.min_impact, "max_effort": rule.max_effort,
                              "axes": (tr("Effort"), tr("Impact")),
                              "quadrants": {k: tr(v) for k, v in QUADRANTS.items()},
                              "legend": [*[(d.name, g.colour_of[d.id]) for d in g.dimensions],
                                         (tr("chosen quick win (black ring, code in bold)"), "#ffffff")]}, height_cm=11)))
    else:
        out.append(_note(tr("The chart of impact against effort, once the innovations are scored.")))
    out.append(g.section(3, tr("Scores")))
    if not rows:
        out.append(_note(tr("Every innovation ranked by its weighted score, with the score per criterion.")))
        return out
    head = [tr("Rank"), tr("Innovation"), *[c.display for c in board.criteria], tr("Score"), tr("Votes"),
            tr("Residual risk"), tr("Candidate")]
    n = len(board.criteria)
    data = []
    for r in rows:
        mark = tr("Chosen") if r.chosen else (tr("Yes") if r.candidate else "")
        data.append([str(r.rank or ""), f"{r.code} {r.name}", *[str(r.score(c.id) or "") for c in board.criteria],
                     number(r.weighted), str(r.votes or ""), board.level_name(r.risk_level), mark])
    out.append(Table(tr("Ranking of the innovations"), head, data,
                     [6, 26, *[max(5, 40 / max(1, n))] * n, 7, 6, 11, 9],
                     right=tuple(range(2, n + 4)), small=True))
    return out
