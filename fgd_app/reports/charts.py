"""Charts for the printed reports: ReportLab graphics (vector), built from plain data.

Every function takes plain Python values (labels already translated, numbers, colours) and returns a
``reportlab.graphics.shapes.Drawing``: a platypus flowable in the PDFs, and the same drawing becomes a
200 dpi PNG in the masterplan draft (``fgd_app.draft.charts``: the drawing as PDF, rasterised by PDFium).
Nothing here reads a workshop file.

Text on the charts is black and at least 8 pt (it must survive a photocopy); colours only tell groups apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from fgd_app.reports.fonts import FONT, FONT_BOLD
from fgd_app.reports.text import fit

DIMENSION_COLOURS = ("#2e75b6", "#c55a11", "#548235", "#7030a0", "#bf8f00", "#2f8f8f", "#8f3f5f", "#596370")
INK = colors.HexColor("#1a1a1a")
AXIS = colors.HexColor("#333333")
GRIDLINE = colors.HexColor("#c8c8c8")
TEXT_SIZE = 8.0
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def dimension_colour(index: int) -> str:
    """Return the colour of the ``index``-th dimension (the same in every chart and in the roadmap)."""
    return DIMENSION_COLOURS[index % len(DIMENSION_COLOURS)]


class Series(NamedTuple):
    """One stacked series of a bar chart: its legend name, one value per category, its colour ("#rrggbb")."""

    name: str
    values: Sequence[float]
    colour: str


class HeatMap(NamedTuple):
    """One risk matrix with the number of risks per cell.

    ``cells``: rows from the highest likelihood down, each cell (magnitude, colour "#rrggbb", count);
    ``likelihood``: the row labels in the same order; ``impact``: the column labels, lowest first.
    """

    title: str
    cells: Sequence[Sequence[tuple[int, str, int]]]
    likelihood: Sequence[str]
    impact: Sequence[str]


class Point(NamedTuple):
    """One innovation on the impact/effort chart."""

    code: str
    impact: float
    effort: float
    colour: str
    chosen: bool = False
    candidate: bool = False


def _text(x: float, y: float, text: str, *, size: float = TEXT_SIZE, bold: bool = False, anchor: str = "start",
          colour=INK) -> String:
    return String(x, y, text, fontName=FONT_BOLD if bold else FONT, fontSize=size, fillColor=colour,
                  textAnchor=anchor)


def _ink_on(colour: str):
    """Return black or white, whichever reads better on ``colour`` ("#rrggbb")."""
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 140 else colors.white


def _tint(colour: str, amount: float):
    """Return ``colour`` mixed with white (amount 0 = white, 1 = the colour)."""
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return colors.Color(*(1 - (1 - c / 255) * amount for c in (r, g, b)))


def _lines(text: str, font: str, size: float, width: float, most: int = 2) -> list[str]:
    """Return ``text`` broken at spaces into at most ``most`` lines of ``width`` points (the last cut with "…")."""
    words, lines = text.split(), []
    while words and len(lines) < most:
        line = words.pop(0)
        while words and stringWidth(line + " " + words[0], font, size) <= width:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = fit(lines[-1] + " " + " ".join(words), font, size, width)
    return [fit(line, font, size, width) for line in lines]


def _legend(drawing: Drawing, items: Sequence[tuple[str, str]], x: float, y: float, width: float) -> float:
    """Draw colour boxes with names in rows from (x, y) down within ``width``; return the height used."""
    line = TEXT_SIZE * 1.6
    cx, cy = x, y - line
    for name, colour in items:
        label = fit(name, FONT, TEXT_SIZE, width - 14)
        item_w = 12 + stringWidth(label, FONT, TEXT_SIZE) + 10
        if cx > x and cx + item_w > x + width:
            cx, cy = x, cy - line
        drawing.add(Rect(cx, cy, 8, 8, fillColor=colors.HexColor(colour), strokeColor=AXIS, strokeWidth=0.3))
        drawing.add(_text(cx + 11, cy + 1, label))
        cx += item_w
    return y - cy


def _legend_height(items: Sequence[tuple[str, str]], width: float) -> float:
    probe = Drawing(width, 1000)
    return _legend(probe, items, 0, 1000, width)


def nice_step(top: float, ticks: int = 5, *, integer: bool = False) -> float:
    """Return a round axis step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` steps to ``top``.

    ``integer``: counts, whose steps are whole numbers (no 2.5, never below 1).
    """
    if top <= 0:
        return 1.0
    raw = top / ticks
    if integer and raw <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in ((1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def stacked_bars(categories: Sequence[str], series: Sequence[Series], *, width: float, height: float,
                 value_format: Callable[[float], str] = lambda v: f"{v:g}", title: str = "") -> Drawing:
    """Return vertical bars per category, the series stacked (budget per year, stacked by dimension)."""
    legend_items = [(s.name, s.colour) for s in series]
    legend_h = _legend_height(legend_items, width)
    title_h = TEXT_SIZE * 2 if title else 0
    drawing = Drawing(width, height)
    if title:
        drawing.add(_text(0, height - TEXT_SIZE * 1.2, title, bold=True))
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))] or [0]
    top = max(totals) or 1
    step = nice_step(top)
    axis_w = max(stringWidth(value_format(step * k), FONT, TEXT_SIZE) for k in range(0, 7)) + 6
    chart = VerticalBarChart()
    chart.x, chart.y = axis_w, legend_h + TEXT_SIZE * 2.5
    chart.width, chart.height = width - axis_w - 4, height - chart.y - title_h - 4
    chart.data = [list(s.values) for s in series] or [[0] * len(categories)]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, TEXT_SIZE
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = AXIS
    chart.valueAxis.valueMin, chart.valueAxis.valueStep = 0, step
    chart.valueAxis.valueMax = step * math.ceil(top / step)
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, TEXT_SIZE
    chart.valueAxis.labels.fillColor = INK
    chart.valueAxis.strokeColor = AXIS
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = 1, GRIDLINE
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barWidth, chart.groupSpacing = 10, 8
    for index, s in enumerate(series):
        chart.bars[index].fillColor = colors.HexColor(s.colour)
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.3
    drawing.add(chart)
    # the total over each bar
    slot = chart.width / max(1, len(categories))
    for index, total in enumerate(totals[: len(categories)]):
        if total:
            x = chart.x + slot * (index + 0.5)
            y = chart.y + chart.height * total / chart.valueAxis.valueMax + 2
            drawing.add(_text(x, y, value_format(total), anchor="middle", bold=True))
    _legend(drawing, legend_items, 0, legend_h, width)
    return drawing


def horizontal_bars(labels: Sequence[str], values: Sequence[float], *, width: float, colours: Sequence[str] = (),
                    value_format: Callable[[float], str] = lambda v: f"{v:g}", title: str = "",
                    bar_height: float = 11, label_share: float = 0.38, integer: bool = True) -> Drawing:
    """Return one horizontal bar per label (innovations per dimension or OPD), its value at its end.

    ``integer``: the values are counts (whole-number axis steps).
    """
    count = max(1, len(labels))
    title_h = TEXT_SIZE * 2 if title else 0
    height = count * (bar_height + 4) + title_h + 18
    drawing = Drawing(width, height)
    if title:
        drawing.add(_text(0, height - TEXT_SIZE * 1.2, title, bold=True))
    label_w = width * label_share
    top = max(values, default=0) or 1
    step = nice_step(top, 4, integer=integer)
    value_w = stringWidth(value_format(top), FONT_BOLD, TEXT_SIZE) + 6
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 14
    chart.width, chart.height = width - label_w - value_w, height - title_h - 18
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = [fit(label, FONT, TEXT_SIZE, label_w - 6) for label in labels] or [""]
    chart.categoryAxis.reverseDirection = 1  # the first label on top
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, TEXT_SIZE
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = AXIS
    chart.valueAxis.valueMin, chart.valueAxis.valueStep = 0, step
    chart.valueAxis.valueMax = step * math.ceil(top / step)
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, TEXT_SIZE
    chart.valueAxis.labels.fillColor = INK
    chart.valueAxis.strokeColor = AXIS
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = 1, GRIDLINE
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barWidth = bar_height
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = colors.HexColor(colours[0] if colours else DIMENSION_COLOURS[0])
    for index, colour in enumerate(colours):
        chart.bars[(0, index)].fillColor = colors.HexColor(colour)
    chart.barLabelFormat = value_format
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT_BOLD, TEXT_SIZE
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing


def impact_effort(points: Sequence[Point], *, min_impact: float, max_effort: float, width: float, height: float,
                  impact_label: str, effort_label: str, quadrant_labels: Sequence[str],
                  legend: Sequence[tuple[str, str]] = (), low: float = 0.5, high: float = 5.5,
                  label_all_below: int = 60) -> Drawing:
    """Return the impact (up) / effort (right) chart of the quick-win board.

    ``quadrant_labels`` are (quick win, major project, fill-in, reconsider): top left, top right, bottom
    left, bottom right, split at the rule's ``min_impact`` and ``max_effort``. Points with the same scores
    are spread on a small spiral around their place; chosen ones get a black ring and their code, and
    every point gets its code while there are fewer than ``label_all_below`` points (where it fits).
    """
    legend_h = _legend_height(legend, width) if legend else 0
    drawing = Drawing(width, height)
    left, bottom = 30.0, legend_h + 26.0
    plot_w, plot_h = width - left - 6, height - bottom - 6

    def to_x(effort: float) -> float:
        return left + (min(max(effort, low), high) - low) / (high - low) * plot_w

    def to_y(impact: float) -> float:
        return bottom + (min(max(impact, low), high) - low) / (high - low) * plot_h

    tx, ty = to_x(max_effort), to_y(min_impact)
    drawing.add(Rect(left, ty, tx - left, bottom + plot_h - ty, fillColor=colors.HexColor("#e3f1e0"),
                     strokeColor=None))  # the quick-win quadrant
    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=AXIS, strokeWidth=0.6))
    for value in range(math.ceil(low), math.floor(high) + 1):
        x, y = to_x(value), to_y(value)
        drawing.add(Line(x, bottom, x, bottom + plot_h, strokeColor=GRIDLINE, strokeWidth=0.3))
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRIDLINE, strokeWidth=0.3))
        drawing.add(_text(x, bottom - TEXT_SIZE - 2, str(value), anchor="middle"))
        drawing.add(_text(left - 4, y - TEXT_SIZE * 0.35, str(value), anchor="end"))
    drawing.add(Line(tx, bottom, tx, bottom + plot_h, strokeColor=AXIS, strokeWidth=0.9, strokeDashArray=(3, 2)))
    drawing.add(Line(left, ty, left + plot_w, ty, strokeColor=AXIS, strokeWidth=0.9, strokeDashArray=(3, 2)))
    drawing.add(_text(left + plot_w / 2, bottom - 2 * TEXT_SIZE - 4, effort_label + " \u2192", anchor="middle",
                      bold=True))
    axis = _text(0, 0, impact_label + " \u2192", anchor="middle", bold=True)
    drawing.add(Group(axis, transform=(0, 1, -1, 0, left - 18, bottom + plot_h / 2)))
    corners = ((left + 3, bottom + plot_h - TEXT_SIZE - 2, "start"),
               (left + plot_w - 3, bottom + plot_h - TEXT_SIZE - 2, "end"),
               (left + 3, bottom + 3, "start"), (left + plot_w - 3, bottom + 3, "end"))
    for (x, y, anchor), label in zip(corners, quadrant_labels, strict=False):
        drawing.add(_text(x, y, label, bold=True, anchor=anchor))
    # points: the same scores spread on a sunflower spiral
    clusters: dict[tuple[float, float], list[Point]] = {}
    for point in points:
        clusters.setdefault((point.effort, point.impact), []).append(point)
    spacing = max(1.6, min(4.5, 3.2 * math.sqrt(plot_w * plot_h / max(1, len(points))) / 40))
    placed: list[tuple[Point, float, float]] = []
    for (effort, impact), members in clusters.items():
        cx, cy = to_x(effort), to_y(impact)
        for i, point in enumerate(members):
            r = spacing * math.sqrt(i)
            placed.append((point, cx + r * math.cos(i * GOLDEN_ANGLE), cy + r * math.sin(i * GOLDEN_ANGLE)))
    radius = max(1.2, min(3.2, spacing * 0.7))
    for point, x, y in placed:
        if not point.chosen:
            drawing.add(Circle(x, y, radius, fillColor=colors.HexColor(point.colour), strokeColor=colors.white,
                               strokeWidth=0.3))
    for point, x, y in placed:  # chosen on top
        if point.chosen:
            drawing.add(Circle(x, y, radius + 1.2, fillColor=colors.HexColor(point.colour), strokeColor=INK,
                               strokeWidth=1.1))
    # code labels where they overlap no other label: chosen first
    boxes: list[tuple[float, float, float, float]] = []
    label_all = len(points) < label_all_below
    for point, x, y in sorted(placed, key=lambda p: not p[0].chosen):
        if not (point.chosen or label_all):
            continue
        w = stringWidth(point.code, FONT_BOLD if point.chosen else FONT, TEXT_SIZE)
        for dx, dy in ((radius + 2, -TEXT_SIZE * 0.35), (-radius - 2 - w, -TEXT_SIZE * 0.35),
                       (-w / 2, radius + 2), (-w / 2, -radius - 2 - TEXT_SIZE)):
            box = (x + dx, y + dy, x + dx + w, y + dy + TEXT_SIZE)
            inside = box[0] >= left and box[2] <= left + plot_w and box[1] >= bottom and box[3] <= bottom + plot_h
            if inside and not any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3]
                                  for b in boxes):
                boxes.append(box)
                drawing.add(_text(box[0], box[1], point.code, bold=point.chosen))
                break
    if legend:
        _legend(drawing, legend, 0, legend_h, width)
    return drawing


def heat_maps(maps: Sequence[HeatMap], *, width: float, height: float, likelihood_label: str,
              impact_label: str, gap: float = 18) -> Drawing:
    """Return risk matrices side by side (before and after treatment): each cell coloured by its level, the
    number of risks large and the magnitude small in brackets; likelihood up, impact to the right."""
    drawing = Drawing(width, height)
    panel_w = (width - gap * (len(maps) - 1)) / max(1, len(maps))
    line = TEXT_SIZE * 1.15
    for m, heat in enumerate(maps):
        x0 = m * (panel_w + gap)
        drawing.add(_text(x0 + panel_w / 2, height - TEXT_SIZE - 1, fit(heat.title, FONT_BOLD, TEXT_SIZE + 1,
                                                                       panel_w), size=TEXT_SIZE + 1, bold=True,
                          anchor="middle"))
        rows, cols = len(heat.cells), max((len(r) for r in heat.cells), default=0)
        label_w = panel_w * 0.27
        cell_w = (panel_w - label_w) / max(1, cols)
        top, bottom = height - TEXT_SIZE * 2.4, line * 3 + 4
        cell_h = (top - bottom) / max(1, rows)
        for r, row in enumerate(heat.cells):
            y = top - (r + 1) * cell_h
            label = _lines(heat.likelihood[r], FONT, TEXT_SIZE, label_w - 6)
            for k, text in enumerate(label):
                drawing.add(_text(x0 + label_w - 4, y + cell_h / 2 + (len(label) / 2 - k - 0.8) * line, text,
                                  anchor="end"))
            for k, (magnitude, colour, count) in enumerate(row):
                x = x0 + label_w + k * cell_w
                drawing.add(Rect(x, y, cell_w, cell_h, fillColor=colors.HexColor(colour), strokeColor=colors.white,
                                 strokeWidth=1))
                ink = _ink_on(colour)
                if count:
                    drawing.add(_text(x + cell_w / 2, y + cell_h * 0.45, str(count), size=12, bold=True,
                                      anchor="middle", colour=ink))
                    drawing.add(_text(x + cell_w / 2, y + cell_h * 0.12, f"({magnitude})", anchor="middle",
                                      colour=ink))
                else:
                    drawing.add(_text(x + cell_w / 2, y + cell_h / 2 - TEXT_SIZE * 0.35, f"({magnitude})",
                                      anchor="middle", colour=ink))
        for k, label in enumerate(heat.impact[:cols]):
            x = x0 + label_w + (k + 0.5) * cell_w
            for n, text in enumerate(_lines(label, FONT, TEXT_SIZE, cell_w - 2, 3)):
                drawing.add(_text(x, bottom - (n + 1) * line, text, anchor="middle", bold=n == 0))
        drawing.add(_text(x0 + label_w - 4, bottom - line, fit(likelihood_label + " \u2191", FONT_BOLD, TEXT_SIZE,
                                                               label_w - 4), bold=True, anchor="end"))
        drawing.add(_text(x0 + label_w - 4, bottom - 2 * line, fit(impact_label + " \u2192", FONT_BOLD, TEXT_SIZE,
                                                                   label_w - 4), bold=True, anchor="end"))
    return drawing


def roadmap_by_stage(years: Sequence[int], rows: Sequence[tuple[str, str, Sequence[int]]],
                     stages: Sequence[tuple[str, int, int]], *, width: float, row_height: float = 18) -> Drawing:
    """Return dimensions (rows) by years (columns): each cell the number of activities running that year, the
    darker the more; the stages as bands over the years. ``rows``: (name, colour "#rrggbb", one count a year).
    """
    head = TEXT_SIZE * 4.2
    height = head + max(1, len(rows)) * row_height + 2
    drawing = Drawing(width, height)
    label_w = min(width * 0.3, max((stringWidth(r[0], FONT, TEXT_SIZE) for r in rows), default=0) + 8)
    col_w = (width - label_w) / max(1, len(years))
    high = max((v for r in rows for v in r[2]), default=0) or 1
    band_top, band_h = height - 1, TEXT_SIZE * 2
    for s, (name, first, last) in enumerate(stages):
        if not years:
            break
        a, b = max(first, years[0]) - years[0], min(last, years[-1]) - years[0]
        if a > b:
            continue
        x0, x1 = label_w + a * col_w, label_w + (b + 1) * col_w
        drawing.add(Rect(x0 + 1, band_top - band_h, x1 - x0 - 2, band_h, strokeColor=None,
                         fillColor=colors.HexColor("#dae3f3" if s % 2 == 0 else "#ebebeb")))
        drawing.add(_text((x0 + x1) / 2, band_top - band_h / 2 - TEXT_SIZE * 0.35,
                          fit(name, FONT_BOLD, TEXT_SIZE, x1 - x0 - 4), bold=True, anchor="middle"))
        if s:
            drawing.add(Line(x0, 0, x0, band_top, strokeColor=AXIS, strokeWidth=0.8))
    year_y = band_top - band_h - TEXT_SIZE * 1.4
    for k, year in enumerate(years):
        drawing.add(_text(label_w + (k + 0.5) * col_w, year_y, str(year), anchor="middle"))
    top = year_y - TEXT_SIZE * 0.8
    for r, (name, colour, values) in enumerate(rows):
        y = top - (r + 1) * row_height
        drawing.add(_text(label_w - 5, y + row_height / 2 - TEXT_SIZE * 0.35, fit(name, FONT, TEXT_SIZE, label_w - 7),
                          anchor="end"))
        for k, value in enumerate(values):
            if value:
                fill = _tint(colour, 0.25 + 0.75 * value / high)
                r_, g_, b_ = (round(c * 255) for c in fill.rgb())
                drawing.add(Rect(label_w + k * col_w + 1, y + 1.5, col_w - 2, row_height - 3, fillColor=fill,
                                 strokeColor=None))
                drawing.add(_text(label_w + (k + 0.5) * col_w, y + row_height / 2 - TEXT_SIZE * 0.35, str(value),
                                  anchor="middle", colour=_ink_on(f"#{r_:02x}{g_:02x}{b_:02x}")))
        drawing.add(Line(label_w, y, width, y, strokeColor=GRIDLINE, strokeWidth=0.4))
    return drawing
