"""The risk matrix on paper: the grid coloured by level (optionally with counts) and the level legend."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from fgd_app.core.risks.matrix import RiskMatrix, text_colour
from fgd_app.i18n import tr
from fgd_app.reports import styles as st
from fgd_app.reports.context import StoryContext


def matrix_table(ctx: StoryContext, matrix: RiskMatrix, *, width: float,
                 counts: Mapping[tuple[int, int], int] | None = None) -> Flowable:
    """Return the matrix: likelihood rows (highest on top) by impact columns, each cell its magnitude.

    With ``counts`` (cell -> number of risks) a cell prints the count large and the magnitude small:
    a heat map of the register.
    """
    lmax, imax = matrix.size
    label_w = width * 0.3
    cell_w = (width - label_w) / imax
    rows: list[list] = []
    commands: list[tuple] = [
        ("GRID", (1, 0), (-1, lmax - 1), 0.8, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("LINEABOVE", (1, lmax), (-1, lmax), 0.6, st.RULE), ("LINEAFTER", (0, 0), (0, lmax - 1), 0.6, st.RULE),
        ("VALIGN", (0, lmax), (-1, lmax), "TOP"),
    ]
    for r, likelihood in enumerate(range(lmax, 0, -1)):
        level = matrix.likelihood_level(likelihood)
        row: list = [ctx.m("<b>{n}</b> {name}", "cell_small", n=str(likelihood), name=level.name)]
        for c, impact in enumerate(range(1, imax + 1)):
            magnitude = matrix.magnitude(likelihood, impact)
            risk_level = matrix.level_for(magnitude)
            fg = text_colour(risk_level.colour)
            if counts is not None:
                n = counts.get((likelihood, impact), 0)
                text = (f"<font size=11><b>{n}</b></font><br/><font size=6>({magnitude})</font>" if n
                        else f"<font size=6>({magnitude})</font>")
            else:
                text = f"<b>{magnitude}</b>"
            row.append(ctx.m(f'<font color="{fg}">{text}</font>', "cell_center"))
            commands.append(("BACKGROUND", (c + 1, r), (c + 1, r), colors.HexColor(risk_level.colour)))
        rows.append(row)
    corner = ctx.m("<b>{l}</b> \u2191<br/><b>{i}</b> \u2192", "cell_small", l=tr("Likelihood"), i=tr("Impact"))
    rows.append([corner, *[ctx.m("<b>{n}</b> {name}", "cell_small", n=str(i), name=matrix.impact_level(i).name)
                           for i in range(1, imax + 1)]])
    table = Table(rows, colWidths=[label_w, *[cell_w] * imax], rowHeights=[9 * mm] * lmax + [None])
    table.setStyle(TableStyle(commands))
    return table


def level_legend(ctx: StoryContext, matrix: RiskMatrix, *, width: float = 82 * mm) -> Flowable:
    """Return the legend: each risk level's colour, name and magnitude range, at most ``width`` wide."""
    rows = [[tr("Level"), tr("Name"), tr("Magnitude")]]
    commands = list(st.grid_style(1))
    for index, level in enumerate(matrix.levels, start=1):
        number = ctx.m(f'<font color="{text_colour(level.colour)}"><b>{level.number}</b></font>', "cell_center")
        rows.append([number, level.name, f"{level.min_magnitude}\u2013{level.max_magnitude}"])
        commands.append(("BACKGROUND", (0, index), (0, index), colors.HexColor(level.colour)))
    data = [[ctx.cell(v, "head" if i == 0 else "cell") for v in row] for i, row in enumerate(rows)]
    width = min(width, 82 * mm)
    table = Table(data, colWidths=[width * 14 / 82, width * 44 / 82, width * 24 / 82])
    table.hAlign = "LEFT"
    table.setStyle(TableStyle(commands))
    return table
