"""The national summary of a consolidated file (issue 22): charts, one line per region, completeness, and
the cross-region tables. A document of its own (it is not a workshop's, so not in the registry), in the
look of the other printouts: same fonts, styles, running header and "Page X of Y" footer.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from fgd_app.core.output_files import Staged
from fgd_app.core.portfolio.compare import Comparison, RegionChart, all_comparisons, overview, region_chart
from fgd_app.core.roadmap.data import format_amount_short as short_amount
from fgd_app.i18n import format_date, format_int, format_rupiah, tr
from fgd_app.reports import styles as st
from fgd_app.reports.charts import GRIDLINE, dimension_colour, horizontal_bars, nice_step
from fgd_app.reports.engine import (
    PageDecor,
    PrintDocTemplate,
    canvas_class,
    page_size,
    printed_stamp,
    section_flowables,
)
from fgd_app.reports.fonts import FONT, FONT_BOLD
from fgd_app.reports.text import fit, para

BARS_PER_DRAWING = 40  # one bar per region: a long chart goes on over the next drawings (pages)
BAR_STEP = 10.5  # points per bar

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


def _region_bars(chart: RegionChart, width: float, value_label) -> list[Drawing]:
    """Return ``chart`` as horizontal bars, one per region and stage, split by dimension (or risk level),
    with the total at the end of each bar; the title and legend on the first drawing, one drawing per
    ``BARS_PER_DRAWING`` regions (the same scale in all)."""
    colour = [colors.HexColor(s.colour or dimension_colour(s.index)) for s in chart.series]
    totals = chart.totals()
    top = max(totals, default=0) or 1
    step = nice_step(top, 5)
    scale_max = step * -(-top // step)
    label_w = min(width * 0.28, max((stringWidth(r, FONT, 7) for r in chart.regions), default=40) + 8)
    value_w = max((stringWidth(value_label(t), FONT_BOLD, 7) for t in totals), default=20) + 8
    room = width - label_w - value_w
    out = []
    for start in range(0, max(1, len(chart.regions)), BARS_PER_DRAWING):
        regions = chart.regions[start:start + BARS_PER_DRAWING]
        head = 0.0
        legend_rows: list[list[tuple[int, float]]] = [[]]
        if start == 0:
            x = 0.0
            for i, s in enumerate(chart.series):
                item = 12 + stringWidth(s.name, FONT, 7) + 10
                if legend_rows[-1] and x + item > width:
                    legend_rows.append([])
                    x = 0.0
                legend_rows[-1].append((i, x))
                x += item
            head = 14 + 11 * len(legend_rows)
        height = head + len(regions) * BAR_STEP + 14
        drawing = Drawing(width, height)
        if start == 0:
            drawing.add(String(0, height - 9, chart.title, fontName=FONT_BOLD, fontSize=8.5, fillColor=st.INK))
            y = height - 14 - 9
            for legend_row in legend_rows:
                for i, x in legend_row:
                    drawing.add(Rect(x, y, 8, 7, fillColor=colour[i], strokeColor=None))
                    drawing.add(String(x + 11, y + 0.5, chart.series[i].name, fontName=FONT, fontSize=7,
                                       fillColor=st.INK))
                y -= 11
        base = 12.0  # the value axis under the bars
        bars_top = height - head
        ticks = int(scale_max // step)
        for k in range(ticks + 1):
            x = label_w + room * k * step / scale_max
            drawing.add(Line(x, base, x, bars_top, strokeColor=GRIDLINE, strokeWidth=0.4))
            drawing.add(String(x, base - 9, value_label(k * step), fontName=FONT, fontSize=6.5,
                               fillColor=st.INK, textAnchor="middle"))
        for n, region in enumerate(regions):
            values = chart.values[start + n]
            y = bars_top - (n + 1) * BAR_STEP
            drawing.add(String(label_w - 4, y + 2.5, fit(region, FONT, 7, label_w - 6), fontName=FONT, fontSize=7,
                               fillColor=st.INK, textAnchor="end"))
            x = label_w
            for i, value in enumerate(values):
                w = room * value / scale_max
                if w > 0:
                    drawing.add(Rect(x, y + 1.2, w, BAR_STEP - 2.4, fillColor=colour[i], strokeColor=None))
                    x += w
            drawing.add(String(x + 3, y + 2.5, value_label(totals[start + n]), fontName=FONT_BOLD, fontSize=7,
                               fillColor=st.INK))
        out.append(drawing)
    return out


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
    out: list[Flowable] = section_flowables(1, tr("National summary"))
    out += [Paragraph(tr("NATIONAL SUMMARY OF THE SMART CITY MASTERPLAN BIMTEK"), styles.title),
            para(tr("Consolidated file \u201c{name}\u201d \u00b7 {count} regions and stages",
                    name=portfolio.path.name, count=len(rows)), styles.subtitle), Spacer(1, 3 * mm),
            _figures(rows, styles, width), Spacer(1, 5 * mm)]
    # one bar per region and stage: innovations and budget split by dimension, risks by level
    for key, label in (("dimensions", format_int), ("budget", short_amount), ("risks", format_int)):
        drawings = _region_bars(region_chart(portfolio, rows, key), width, label)
        out += [CondPageBreak(min(drawings[0].height, 120 * mm)), drawings[0], Spacer(1, 2 * mm)]
        for drawing in drawings[1:]:
            out += [CondPageBreak(drawing.height), drawing, Spacer(1, 2 * mm)]
    half = (width - 6 * mm) / 2
    # how many regions miss each line of the hand-over checklist
    missing = Counter(tr(gap.title, count="").strip() for r in rows for gap in r.completeness.open)
    if missing:
        labels = [label for label, _ in missing.most_common()]
        out += [CondPageBreak(64 * mm), horizontal_bars(
            labels, [missing[x] for x in labels], width=half * 1.4, title=tr("Regions that still miss ..."),
            value_format=format_int, label_share=0.55, colours=["#1f4e79"] * len(labels))]  # the accent colour
    out += [CondPageBreak(40 * mm), Paragraph(tr("One line per region"), styles.heading),
            _grid(_summary_lines(rows), width, styles, [1.1, 3.2, 2.4, 1.1, 1.7, 1, 1.4, 1.4, 1.3, 3.3, 1, 1.2, 4.6],
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
