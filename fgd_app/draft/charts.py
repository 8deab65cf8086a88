"""The draft's charts: the PDF reports' ReportLab drawings (``fgd_app.reports.charts``) as 200 dpi PNG pictures.

One chart definition for paper and Word: ``drawing(chart, width_cm)`` turns the plain data of a
``core.draft`` ``Chart`` into the same ``Drawing`` the PDF reports print; ``png(drawing)`` rasterises it.
ReportLab's own bitmap renderer (renderPM) needs rlPyCairo and pycairo, which has no Linux wheel; so the
drawing is written as a one-page PDF (``renderPDF``, vector, our fonts embedded) and PDFium (pypdfium2, a
wheel with its native library for Linux, Windows and macOS) renders that page. PNG because Word and
LibreOffice both show it (an SVG needs a PNG fallback in Word anyway). Labels arrive translated and are
drawn as text (never interpreted).
"""

from __future__ import annotations

import io
import threading

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.units import cm

from fgd_app.core.draft.model import Chart
from fgd_app.core.roadmap.data import format_amount_short
from fgd_app.i18n import format_int
from fgd_app.reports import charts
from fgd_app.reports.fonts import register_fonts

DPI = 200
MARGIN = 6  # points
_PDFIUM = threading.Lock()  # PDFium is not thread-safe; the draft is written in a worker thread


def innovations_per_dimension(d: dict, width: float, height: float) -> Drawing:
    return charts.horizontal_bars(d["labels"], d["values"], width=width, colours=d["colours"],
                                  value_format=lambda v: format_int(int(v)))


def budget_per_year(d: dict, width: float, height: float) -> Drawing:
    series = [charts.Series(name, values, colour) for name, colour, values in d["series"]]
    return charts.stacked_bars([str(y) for y in d["years"]], series, width=width, height=height,
                               value_format=lambda v: format_amount_short(int(v)))


def heat_maps(d: dict, width: float, height: float) -> Drawing:
    maps = [charts.HeatMap(m["title"], m["cells"], m["likelihood"], m["impact"]) for m in d["maps"]]
    likelihood, impact = d["axes"]
    return charts.heat_maps(maps, width=width, height=height, likelihood_label=likelihood, impact_label=impact)


def impact_effort(d: dict, width: float, height: float) -> Drawing:
    points = [charts.Point(p["code"], p["impact"], p["effort"], p["colour"], p["chosen"], p["candidate"])
              for p in d["points"]]
    quadrants = d["quadrants"]
    effort, impact = d["axes"]
    return charts.impact_effort(points, min_impact=d["min_impact"] if d["min_impact"] is not None else 4.0,
                                max_effort=d["max_effort"] if d["max_effort"] is not None else 2.0,
                                width=width, height=height, impact_label=impact, effort_label=effort,
                                quadrant_labels=[quadrants[k] for k in ("quick_win", "major", "fill_in",
                                                                        "reconsider")],
                                legend=[tuple(x) for x in d["legend"]])


def roadmap_by_stage(d: dict, width: float, height: float) -> Drawing:
    return charts.roadmap_by_stage(d["years"], d["rows"], d["stages"], width=width)


DRAWINGS = {"innovations_per_dimension": innovations_per_dimension, "budget_per_year": budget_per_year,
            "heat_maps": heat_maps, "impact_effort": impact_effort, "roadmap_by_stage": roadmap_by_stage}


def drawing(chart: Chart, width_cm: float | None = None) -> Drawing:
    """Return the chart as the reports' ``Drawing``: with ``png``'s margins ``width_cm`` wide (default
    ``chart.width_cm``), so that the picture shows its 8 pt text at 8 pt on the page."""
    register_fonts()
    width = (width_cm or chart.width_cm) * cm - 2 * MARGIN
    return DRAWINGS[chart.kind](chart.data, width, chart.height_cm * cm)


def png(picture: Drawing, dpi: int = DPI) -> bytes:
    """Return ``picture`` as PNG bytes at ``dpi`` on white: drawn as PDF by ReportLab, rendered by PDFium."""
    import pypdfium2  # lazy: a few MB of native library, needed only when a draft is written

    # a margin: axis labels and legend boxes may reach a little over the drawing's edge (paper does not cut them)
    framed = Drawing(picture.width + 2 * MARGIN, picture.height + 2 * MARGIN)
    framed.add(Group(*picture.contents, transform=(1, 0, 0, 1, MARGIN, MARGIN)))
    pdf = renderPDF.drawToString(framed)
    with _PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[0].render(scale=dpi / 72).to_pil()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def render(chart: Chart, width_cm: float | None = None) -> bytes:
    """Return the chart as PNG bytes at 200 dpi, ``width_cm`` (default ``chart.width_cm``) wide."""
    return png(drawing(chart, width_cm))
