"""The national summary of a consolidated file (issue 22): charts, one line per region, completeness, and
the cross-region tables. A document of its own (it is not a workshop's, so not in the registry), in the
look of the other printouts: same fonts, styles, running header and "Page X of Y" footer.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from fgd_app.core.output_files import Staged
from fgd_app.core.portfolio.compare import Comparison, all_comparisons, overview
from fgd_app.core.roadmap.data import format_amount_short as short_amount
from fgd_app.i18n import format_date, format_int, format_rupiah, tr
from fgd_app.reports import styles as st
from fgd_app.reports.engine import (
    PageDecor,
    PrintDocTemplate,
    canvas_class,
    page_size,
    printed_stamp,
    section_flowables,
)
from fgd_app.reports.fonts import FONT, FONT_BOLD
from fgd_app.reports.text import para

PDF_NAME = "ringkasan_nasional.pdf"


def _cell(value, kind: str, style) -> object:
    if kind == "int":
        return format_int(value)
    if kind == "rupiah":
        return format_rupiah(value)
    return para(str(value), style)


def _grid(table: Comparison, width: float, styles: st.Styles, widths: Sequence[float] | None = None,
          *, compact: bool = False) -> Table:
    style = styles.cell_compact if compact else styles.cell
    head = [para(c, styles.head) for c in table.columns]
    body = [[_cell(v, k, style) for v, k in zip(row, table.kinds, strict=True)] for row in table.rows]
    if not body:
        body = [[para(tr("No data yet."), style)] + [""] * (len(head) - 1)]
    widths = widths or [3.0 if k == "text" else (2.2 if k == "rupiah" else 1.2) for k in table.kinds]
    total = float(sum(widths))
    grid = Table([head, *body], colWidths=[width * w / total for w in widths], repeatRows=1, splitByRow=1)
    right = [i for i, k in enumerate(table.kinds) if k != "text"]
    grid.setStyle(TableStyle(st.grid_style(1) + [
        ("FONT", (0, 1), (-1, -1), style.fontName, style.fontSize, style.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), st.INK)] + [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in right]))
    return grid


def _bar_chart(title: str, labels: Sequence[str], values: Sequence[float], width: float, *, horizontal: bool = False,
               value_label=format_int) -> Drawing:
    height = 62 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    left = 62 * mm if horizontal else 16 * mm
    chart.x, chart.y = left, 12 * mm
    chart.width, chart.height = width - left - 8 * mm, height - 22 * mm
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 6.5
    if not horizontal:
        chart.categoryAxis.labels.angle = 20
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = value_label
    chart.bars[0].fillColor = st.ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = value_label
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, height - 6, title, fontName=FONT, fontSize=8.5, fillColor=st.INK))
    return drawing


def _figures(rows, styles: st.Styles, width: float) -> Table:
    incomplete = sum(1 for r in rows if r.missing)
    pairs = [(tr("Regions and stages"), format_int(len(rows))), (tr("Complete"), format_int(len(rows) - incomplete)),
             (tr("Incomplete"), format_int(incomplete)), (tr("Innovations"), format_int(sum(r.innovations for r in rows))),
             (tr("Action plans"), format_int(sum(r.plans for r in rows))),
             (tr("Budget estimate"), format_rupiah(sum(r.budget for r in rows))),
             (tr("Quick wins"), format_int(sum(r.quick_wins for r in rows)))]
    bold = ParagraphStyle("fgd-figure", parent=styles.body, fontName=FONT_BOLD, fontSize=11, leading=14)
    data = [[para(k, styles.small) for k, _ in pairs], [para(v, bold) for _, v in pairs]]
    shares = [1, 1, 1, 1, 1, 1.8, 1]
    table = Table(data, colWidths=[width * s / sum(shares) for s in shares])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, st.GRID), ("BACKGROUND", (0, 0), (-1, 0), st.BAND_FILL),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def build_story(portfolio, rows, width: float) -> list[Flowable]:
    """Return the flowables of the national summary of ``rows`` (a selection of ``portfolio.rows()``)."""
    styles = st.make_styles()
    tables = all_comparisons(portfolio, rows)
    dims, budget, _risks, _themes = tables
    out: list[Flowable] = section_flowables(1, tr("National summary"))
    out += [Paragraph(tr("NATIONAL SUMMARY OF THE SMART CITY MASTERPLAN BIMTEK"), styles.title),
            para(tr("Consolidated file \u201c{name}\u201d \u00b7 {count} regions and stages",
                    name=portfolio.path.name, count=len(rows)), styles.subtitle), Spacer(1, 3 * mm),
            _figures(rows, styles, width), Spacer(1, 5 * mm)]
    half = (width - 6 * mm) / 2
    per_dimension = [sum(line[i + 1] for line in dims.rows) for i in range(len(dims.columns) - 2)]
    years = [line for line in budget.rows if line[0] != tr("Total")]
    # how many regions miss each line of the hand-over checklist
    missing = Counter(tr(gap.title, count="").strip() for r in rows for gap in r.completeness.open)
    charts = Table([[
        _bar_chart(tr("Innovations per dimension"), dims.columns[1:-1], per_dimension, half),
        _bar_chart(tr("Budget estimate per year (all regions)"), [y[0] for y in years], [y[-1] for y in years], half,
                   value_label=short_amount)]], colWidths=[half + 3 * mm, half + 3 * mm])
    out += [charts, Spacer(1, 3 * mm)]
    if missing:
        labels = [label for label, _ in missing.most_common()]
        out.append(_bar_chart(tr("Regions that still miss ..."), labels, [missing[x] for x in labels], half * 1.4,
                              horizontal=True))
    out += [CondPageBreak(40 * mm), Paragraph(tr("One line per region"), styles.heading),
            _grid(_summary_lines(rows), width, styles, [1.1, 3.2, 2.4, 1.1, 1.7, 1, 1.4, 1.4, 1.3, 2.4, 1, 1.2, 5.0],
                  compact=True)]
    for table in tables:
        out += [CondPageBreak(40 * mm), Paragraph(table.title, styles.heading), _grid(table, width, styles,
                                                                                       compact=True)]
    return out


def _summary_lines(rows) -> Comparison:
    """The region lines of the PDF: the overview without the long columns (facilitator, SHA-256)."""
    full = overview(rows)
    keep = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14]
    return Comparison(full.key, full.title, [full.columns[i] for i in keep], [full.kinds[i] for i in keep],
                      [[(format_date(line[i], weekday=False) if i == 4 and line[i] else line[i]) for i in keep]
                       for line in full.rows])


def write_summary_pdf(portfolio, rows, path: str | os.PathLike, *, replace: bool = True) -> int:
    """Write the national summary of ``rows`` to ``path`` (atomically); return the number of pages."""
    size = page_size("A4", "landscape")
    with Staged(replace=replace) as staged:
        tmp = staged.temporary(Path(path))
        doc = PrintDocTemplate(str(tmp), size, title=tr("National summary"))
        decor = PageDecor(file_name=portfolio.path.name, printed=printed_stamp(),
                          region_line=tr("Smart City masterplan bimtek \u2014 national summary"))
        doc.build(build_story(portfolio, rows, doc.width), canvasmaker=canvas_class(decor))
        staged.commit()
    return doc.page
