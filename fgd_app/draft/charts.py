"""The draft's charts as 200 dpi PNG pictures, drawn with Pillow from the plain data of ``core.draft``.

Why Pillow: the PDF reports draw no charts (their heat maps are coloured tables) and ReportLab's bitmap
renderer (renderPM) needs rlPyCairo and pycairo, which has no Linux wheel (it would need a C build on
every machine). Pillow comes with ReportLab already, works on Linux and Windows, and a PNG is what Word
and LibreOffice both show (an SVG needs a PNG fallback in Word anyway). ``render(chart) -> bytes``.
Text uses the app's DejaVu Sans; labels are drawn as given (never interpreted).
"""

from __future__ import annotations

import io
import math
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from fgd_app.core.draft.model import Chart
from fgd_app.resources import resource_path

DPI = 200
INK = (40, 40, 40)
GRID = (210, 210, 210)
MUTED = (110, 110, 110)


def px(points: float) -> int:
    """Return a length in points (1/72 inch) as pixels at ``DPI``."""
    return round(points * DPI / 72)


@cache
def font(size_pt: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(resource_path("fonts", name)), px(size_pt))


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def tint(colour: str, amount: float) -> tuple[int, int, int]:
    """Return ``colour`` mixed with white (amount 0 = white, 1 = the colour)."""
    return tuple(round(255 - (255 - c) * amount) for c in rgb(colour))  # type: ignore[return-value]


def text_on(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = colour
    return (0, 0, 0) if 0.299 * r + 0.587 * g + 0.114 * b > 140 else (255, 255, 255)


class Canvas:
    def __init__(self, chart: Chart):
        self.w = round(chart.width_cm / 2.54 * DPI)
        self.h = round(chart.height_cm / 2.54 * DPI)
        self.image = Image.new("RGB", (self.w, self.h), "white")
        self.draw = ImageDraw.Draw(self.image)

    def text(self, xy, text: str, size: float = 8, *, bold=False, fill=INK, anchor="la") -> None:
        self.draw.text(xy, text, font=font(size, bold), fill=fill, anchor=anchor)

    def width_of(self, text: str, size: float = 8, bold=False) -> float:
        return self.draw.textlength(text, font=font(size, bold))

    def fit(self, text: str, width: float, size: float = 8, bold=False) -> str:
        """Return ``text`` cut with an ellipsis to ``width`` pixels."""
        if self.width_of(text, size, bold) <= width:
            return text
        while text and self.width_of(text + "\u2026", size, bold) > width:
            text = text[:-1]
        return text + "\u2026"

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.save(out, "PNG", dpi=(DPI, DPI), optimize=False)
        return out.getvalue()


def nice_step(top: float, ticks: int = 5) -> float:
    """Return a round axis step so that about ``ticks`` steps reach ``top``."""
    if top <= 0:
        return 1
    raw = top / ticks
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * magnitude:
            return m * magnitude
    return 10 * magnitude


def short_amount(value: float) -> str:
    from fgd_app.core.roadmap.data import format_amount_short

    return format_amount_short(int(value))


def legend(c: Canvas, items: list[tuple[str, tuple[int, int, int]]], x: float, y: float, width: float) -> float:
    """Draw legend entries left to right, wrapping within ``width``; return the height used."""
    box, gap, size = px(7), px(10), 7.5
    cx, cy = x, y
    for label, colour in items:
        w = box + px(3) + c.width_of(label, size)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + px(12)
        c.draw.rectangle([cx, cy + px(1), cx + box, cy + px(1) + box], fill=colour)
        c.text((cx + box + px(3), cy), label, size)
        cx += w + gap
    return cy - y + px(12)


def innovations_per_dimension(chart: Chart) -> bytes:
    """Horizontal stacked bars: one per dimension, one segment per series (running, new)."""
    c = Canvas(chart)
    d = chart.data
    labels, series, colours = d["labels"], d["series"], [rgb(x) for x in d["colours"]]
    label_w = min(c.w * 0.32, max((c.width_of(x, 8) for x in labels), default=0) + px(8))
    top, bottom = px(6), px(30)
    left, right = label_w, c.w - px(40)
    totals = [sum(s[1][i] for s in series) for i in range(len(labels))]
    high = max(totals, default=0) or 1
    step = nice_step(high)
    high = step * -(-high // step)
    row_h = (c.h - top - bottom) / max(1, len(labels))
    for k in range(int(high // step) + 1):
        x = left + (right - left) * k * step / high
        c.draw.line([x, top, x, c.h - bottom], fill=GRID, width=px(0.5))
        c.text((x, c.h - bottom + px(2)), f"{int(k * step)}", 7, fill=MUTED, anchor="ma")
    for i, label in enumerate(labels):
        y0 = top + i * row_h + row_h * 0.18
        y1 = top + (i + 1) * row_h - row_h * 0.18
        c.text((label_w - px(6), (y0 + y1) / 2), c.fit(label, label_w - px(8)), 8, anchor="rm")
        x = left
        for (_name, values), colour in zip(series, colours, strict=False):
            w = (right - left) * values[i] / high
            if w > 0:
                c.draw.rectangle([x, y0, x + w, y1], fill=colour)
                if w > px(14):
                    c.text((x + w / 2, (y0 + y1) / 2), str(values[i]), 7, fill=text_on(colour), anchor="mm")
            x += w
        c.text((x + px(4), (y0 + y1) / 2), str(totals[i]), 8, bold=True, anchor="lm")
    legend(c, [(name, colour) for (name, _v), colour in zip(series, colours, strict=False)], left,
           c.h - px(16), right - left)
    return c.png()


def budget_per_year(chart: Chart) -> bytes:
    """Vertical stacked bars: one per year, one segment per dimension; the total above each bar."""
    c = Canvas(chart)
    d = chart.data
    years, series = d["years"], d["series"]
    totals = [sum(s[2][i] for s in series) for i in range(len(years))]
    high = max(totals, default=0) or 1
    step = nice_step(high)
    high = step * -(-high // step)
    left, right = px(44), c.w - px(6)
    legend_h = legend(Canvas(chart), [(s[0], rgb(s[1])) for s in series], 0, 0, right - left)  # measure
    top, bottom = px(14), px(18) + legend_h + px(6)
    plot_h = c.h - top - bottom
    for k in range(int(high // step) + 1):
        y = c.h - bottom - plot_h * k * step / high
        c.draw.line([left, y, right, y], fill=GRID, width=px(0.5))
        c.text((left - px(4), y), short_amount(k * step), 7, fill=MUTED, anchor="rm")
    slot = (right - left) / max(1, len(years))
    for i, year in enumerate(years):
        x0, x1 = left + i * slot + slot * 0.18, left + (i + 1) * slot - slot * 0.18
        y = c.h - bottom
        for _name, colour, values in series:
            h = plot_h * values[i] / high
            if h > 0:
                c.draw.rectangle([x0, y - h, x1, y], fill=rgb(colour))
            y -= h
        if totals[i]:
            c.text(((x0 + x1) / 2, y - px(2)), short_amount(totals[i]), 6.5, anchor="md")
        c.text(((x0 + x1) / 2, c.h - bottom + px(3)), str(year), 7.5, anchor="ma")
    legend(c, [(s[0], rgb(s[1])) for s in series], left, c.h - legend_h - px(2), right - left)
    return c.png()


def heat_maps(chart: Chart) -> bytes:
    """Risk matrices side by side: cells coloured by level, the count large and the magnitude small."""
    c = Canvas(chart)
    d = chart.data
    maps = d["maps"]
    likelihood_axis, impact_axis = d["axes"]
    gap = px(14)
    panel_w = (c.w - gap * (len(maps) - 1)) / max(1, len(maps))
    for m, data in enumerate(maps):
        x0 = m * (panel_w + gap)
        c.text((x0 + panel_w / 2, px(2)), c.fit(data["title"], panel_w, 9, True), 9, bold=True, anchor="ma")
        rows, cols = len(data["cells"]), len(data["cells"][0]) if data["cells"] else 0
        label_w = panel_w * 0.28
        top, bottom = px(18), px(36)
        cell_w = (panel_w - label_w) / max(1, cols)
        cell_h = (c.h - top - bottom) / max(1, rows)
        for r, row in enumerate(data["cells"]):
            y = top + r * cell_h
            label = data["likelihood"][r]
            c.text((x0 + label_w - px(4), y + cell_h / 2), c.fit(label, label_w - px(6), 6.5), 6.5, anchor="rm")
            for k, (magnitude, colour, count) in enumerate(row):
                x = x0 + label_w + k * cell_w
                fill = rgb(colour)
                c.draw.rectangle([x, y, x + cell_w, y + cell_h], fill=fill, outline="white", width=px(1.2))
                ink = text_on(fill)
                if count:
                    c.text((x + cell_w / 2, y + cell_h * 0.42), str(count), 12, bold=True, fill=ink, anchor="mm")
                    c.text((x + cell_w / 2, y + cell_h * 0.8), f"({magnitude})", 6, fill=ink, anchor="mm")
                else:
                    c.text((x + cell_w / 2, y + cell_h / 2), f"({magnitude})", 6, fill=ink, anchor="mm")
        for k, label in enumerate(data["impact"]):
            x = x0 + label_w + k * cell_w
            words = label.split(" ", 1)
            c.text((x + cell_w / 2, c.h - bottom + px(3)), words[0], 7, bold=True, anchor="ma")
            if len(words) > 1:
                c.text((x + cell_w / 2, c.h - bottom + px(13)), c.fit(words[1], cell_w - px(2), 5.5), 5.5,
                       anchor="ma")
        c.text((x0 + label_w / 2, c.h - bottom + px(3)), f"{likelihood_axis} \u2191", 6.5, bold=True, anchor="ma")
        c.text((x0 + label_w / 2, c.h - bottom + px(13)), f"{impact_axis} \u2192", 6.5, bold=True, anchor="ma")
    return c.png()


def impact_effort(chart: Chart) -> bytes:
    """Impact (up) against effort (right), scores 1-5; the rule's thresholds split four labelled quadrants."""
    c = Canvas(chart)
    d = chart.data
    low, high = 0.5, 5.5
    legend_items = [(name, rgb(colour)) for name, colour in d["legend"]]
    legend_h = legend(Canvas(chart), legend_items, 0, 0, c.w - px(50))
    left, right, top, bottom = px(40), c.w - px(8), px(16), px(30) + legend_h

    def at(effort: float, impact: float) -> tuple[float, float]:
        return (left + (right - left) * (effort - low) / (high - low),
                c.h - bottom - (c.h - top - bottom) * (impact - low) / (high - low))

    ex, iy = at(d["max_effort"] if d["max_effort"] is not None else 2.0,
                d["min_impact"] if d["min_impact"] is not None else 4.0)
    quadrants = d["quadrants"]
    c.draw.rectangle([left, top, ex, iy], fill=(226, 239, 218))
    for (x, y, key, anchor) in ((left + px(4), top + px(3), "quick_win", "la"), (right - px(4), top + px(3), "major", "ra"),
                                (left + px(4), c.h - bottom - px(3), "fill_in", "ld"),
                                (right - px(4), c.h - bottom - px(3), "reconsider", "rd")):
        c.text((x, y), quadrants.get(key, key), 8, bold=True, fill=MUTED, anchor=anchor)
    for v in range(1, 6):
        x, y = at(v, v)
        c.draw.line([x, top, x, c.h - bottom], fill=GRID, width=px(0.5))
        c.draw.line([left, y, right, y], fill=GRID, width=px(0.5))
        c.text((x, c.h - bottom + px(3)), str(v), 7, fill=MUTED, anchor="ma")
        c.text((left - px(4), y), str(v), 7, fill=MUTED, anchor="rm")
    c.draw.line([ex, top, ex, c.h - bottom], fill=(90, 140, 60), width=px(1))
    c.draw.line([left, iy, right, iy], fill=(90, 140, 60), width=px(1))
    c.draw.rectangle([left, top, right, c.h - bottom], outline=MUTED, width=px(0.7))
    effort_label, impact_label = d["axes"]
    c.text(((left + right) / 2, c.h - bottom + px(13)), f"{effort_label} \u2192", 8, bold=True, anchor="ma")
    c.text((left, top - px(3)), f"{impact_label} \u2191", 8, bold=True, anchor="ld")
    placed: dict[tuple[float, float], int] = {}
    r = px(3.2)
    spots: list[tuple[float, float, dict]] = []
    for p in sorted(d["points"], key=lambda p: (p["chosen"], p["candidate"])):
        key = (round(p["effort"], 2), round(p["impact"], 2))
        n = placed.get(key, 0)
        placed[key] = n + 1
        x, y = at(p["effort"], p["impact"])
        if n:  # same scores: a small sunflower spiral around the true place
            angle, dist = n * 2.39996, px(2.6) * math.sqrt(n)
            x, y = x + dist * math.cos(angle), y + dist * math.sin(angle)
        spots.append((x, y, p))
        colour = rgb(p["colour"])
        c.draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        if p["chosen"]:
            c.draw.ellipse([x - r * 2, y - r * 2, x + r * 2, y + r * 2], outline=(0, 0, 0), width=px(1))
    # labels where they cover no point and no other label: the chosen first, then the candidates
    taken = [(x - r, y - r, x + r, y + r) for x, y, _p in spots]
    many = len(spots) > 150
    for x, y, p in sorted(spots, key=lambda s: (not s[2]["chosen"], not s[2]["candidate"])):
        if not p["code"] or (many and not p["chosen"]):
            continue
        w = c.width_of(p["code"], 6, p["chosen"])
        ring = r * (2 if p["chosen"] else 1)
        for bx, by in ((x + ring + px(1), y), (x - ring - px(1) - w, y), (x - w / 2, y - ring - px(5)),
                       (x - w / 2, y + ring + px(5))):
            box = (bx, by - px(4), bx + w, by + px(4))
            if box[0] < left or box[2] > right or box[1] < top or box[3] > c.h - bottom:
                continue
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                taken.append(box)
                c.draw.rectangle(box, fill=(255, 255, 255))
                c.text((box[0], by), p["code"], 6, bold=p["chosen"], anchor="lm")
                break
    legend(c, legend_items, left, c.h - legend_h - px(2), right - left)
    return c.png()


def roadmap_by_stage(chart: Chart) -> bytes:
    """Rows of dimensions by columns of years: each cell the number of activities running that year."""
    c = Canvas(chart)
    d = chart.data
    years, rows, stages = d["years"], d["rows"], d["stages"]
    label_w = min(c.w * 0.28, max((c.width_of(r[0], 8) for r in rows), default=0) + px(8))
    top, bottom = px(34), px(4)
    col_w = (c.w - label_w) / max(1, len(years))
    row_h = (c.h - top - bottom) / max(1, len(rows))
    high = max((v for r in rows for v in r[2]), default=0) or 1
    for s, (name, first, last) in enumerate(stages):
        if not years:
            break
        a = max(first, years[0]) - years[0]
        b = min(last, years[-1]) - years[0]
        if a > b:
            continue
        x0, x1 = label_w + a * col_w, label_w + (b + 1) * col_w
        c.draw.rectangle([x0 + px(1), px(2), x1 - px(1), px(16)], fill=(235, 235, 235) if s % 2 else (218, 227, 243))
        c.text(((x0 + x1) / 2, px(9)), c.fit(name, x1 - x0 - px(4), 8, True), 8, bold=True, anchor="mm")
        if s:
            c.draw.line([x0, px(2), x0, c.h - bottom], fill=MUTED, width=px(1))
    for k, year in enumerate(years):
        c.text((label_w + (k + 0.5) * col_w, px(20)), str(year), 7, fill=MUTED, anchor="ma")
    for r, (name, colour, values) in enumerate(rows):
        y0 = top + r * row_h
        c.text((label_w - px(6), y0 + row_h / 2), c.fit(name, label_w - px(8)), 8, anchor="rm")
        for k, value in enumerate(values):
            x0 = label_w + k * col_w
            if value:
                fill = tint(colour, 0.25 + 0.75 * value / high)
                c.draw.rectangle([x0 + px(1), y0 + px(1.5), x0 + col_w - px(1), y0 + row_h - px(1.5)], fill=fill)
                c.text((x0 + col_w / 2, y0 + row_h / 2), str(value), 7, fill=text_on(fill), anchor="mm")
        c.draw.line([label_w, y0 + row_h, c.w, y0 + row_h], fill=GRID, width=px(0.5))
    return c.png()


DRAWERS = {"innovations_per_dimension": innovations_per_dimension, "budget_per_year": budget_per_year,
           "heat_maps": heat_maps, "impact_effort": impact_effort, "roadmap_by_stage": roadmap_by_stage}


def render(chart: Chart) -> bytes:
    """Return the chart as PNG bytes at 200 dpi, ``chart.width_cm`` x ``chart.height_cm``."""
    return DRAWERS[chart.kind](chart)
