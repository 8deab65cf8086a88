"""The print engine: paper, page templates, letterhead, running header, footer and "Halaman X dari Y".

A document is a ``DocumentSpec`` in ``REGISTRY``: its name (file stem, CLI ``--only``), title, paper and
orientation, and a ``build(ctx)`` that returns platypus flowables. A document is made of sections (a day,
a dimension, ...): each section starts on a new page with the letterhead, continuation pages carry a
one-line running header, and pages are numbered within their section ("Halaman 2 dari 3"), so every
daftar hadir or worksheet is a set of its own. Pages are numbered by ``NumberedCanvas``, which keeps the
pages until the end and then draws header and footer with the totals known.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph

from fgd_app.i18n import tr
from fgd_app.reports.fonts import FONT, FONT_BOLD
from fgd_app.reports.styles import MUTED, RULE
from fgd_app.reports.tables import attach_headings
from fgd_app.reports.text import fit, needs_shaping

PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "F4": (215 * mm, 330 * mm), "A3": A3}
MARGIN_X = 13 * mm
MARGIN_TOP = 11 * mm
MARGIN_BOTTOM = 15 * mm
RUNNING_HEADER = 9 * mm


class PrintCancelled(Exception):
    """The user cancelled printing; the document being written was discarded."""


def page_size(paper: str, orientation: str) -> tuple[float, float]:
    """Return (width, height) in points of ``paper`` ("A4", "F4", "A3") in ``orientation``."""
    try:
        size = PAPERS[paper.upper()]
    except KeyError:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}") from None
    return landscape(size) if orientation == "landscape" else portrait(size)


@dataclass(frozen=True)
class PageDecor:
    """What header and footer print on every page."""

    file_name: str
    printed: str
    region_line: str


class SectionStart(Flowable):
    """Mark the start of a section: its running-header text, and a fresh page count."""

    def __init__(self, key: int, header: str):
        super().__init__()
        self.key, self.header = key, header
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        return 0, 0

    def draw(self) -> None:
        self.canv._fgd_section = (self.key, self.header)


class NumberedCanvas(Canvas):
    """Keep every page until ``save``, then draw running headers and footers with the page totals."""

    decor: PageDecor = PageDecor("", "", "")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._fgd_section: tuple[int, str] = (0, "")

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        sections = [state["_fgd_section"] for state in self._pages]
        totals: dict[int, int] = {}
        for key, _header in sections:
            totals[key] = totals.get(key, 0) + 1
        seen: dict[int, int] = {}
        for state, (key, header) in zip(self._pages, sections, strict=True):
            self.__dict__.update(state)
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                self._draw_running_header(header)
            self._draw_footer(seen[key], totals[key])
            super().showPage()
        super().save()

    def _text(self, x: float, y: float, text: str, font: str, size: float, width: float, align: str = "left"):
        line = fit(text, font, size, width)
        if needs_shaping(line):  # a Paragraph shapes Arabic and keeps its words in reading order
            style = ParagraphStyle("canvas-line", fontName=font, fontSize=size, leading=size * 1.2, shaping=1,
                                   textColor=self._fillColorObj,
                                   alignment={"right": TA_RIGHT, "center": TA_CENTER}.get(align, TA_LEFT))
            paragraph = Paragraph(escape(line), style)
            left = {"right": x - width, "center": x - width / 2}.get(align, x)
            _w, h = paragraph.wrap(width, size * 3)
            paragraph.drawOn(self, left, y - h + size * 1.2 - size * 0.25)
            return
        self.setFont(font, size)
        if align == "right":
            self.drawRightString(x, y, line)
        elif align == "center":
            self.drawCentredString(x, y, line)
        else:
            self.drawString(x, y, line)

    def _draw_running_header(self, header: str) -> None:
        width, height = self._pagesize
        inner = width - 2 * MARGIN_X
        y = height - MARGIN_TOP - 4.5 * mm
        self.saveState()
        self.setFillColor(MUTED)
        self._text(MARGIN_X, y, self.decor.region_line, FONT, 7.5, inner * 0.45)
        self._text(width - MARGIN_X, y, header, FONT_BOLD, 7.5, inner * 0.53, "right")
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(MARGIN_X, y - 2 * mm, width - MARGIN_X, y - 2 * mm)
        self.restoreState()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _height = self._pagesize
        inner = width - 2 * MARGIN_X
        y = MARGIN_BOTTOM - 9 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        self.line(MARGIN_X, y + 3.6 * mm, width - MARGIN_X, y + 3.6 * mm)
        self.setFillColor(MUTED)
        self._text(MARGIN_X, y, self.decor.file_name, FONT, 7, inner * 0.28)
        self._text(width / 2, y, self.decor.printed, FONT, 7, inner * 0.4, "center")
        self._text(width - MARGIN_X, y, tr("Page {number} of {total}", number=number, total=total),
                   FONT, 7, inner * 0.28, "right")
        self.restoreState()


def canvas_class(decor: PageDecor) -> type[NumberedCanvas]:
    """Return a NumberedCanvas subclass that prints ``decor``."""
    return type("DecoratedCanvas", (NumberedCanvas,), {"decor": decor})


class PrintDocTemplate(BaseDocTemplate):
    """Two page templates: a section's first page (letterhead in the story) and continuation pages."""

    def __init__(self, filename: str, pagesize: tuple[float, float], *, title: str,
                 cancel: Callable[[], bool] | None = None, on_page: Callable[[int], None] | None = None):
        super().__init__(filename, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                         author="fgd_app", creator="fgd_app (ReportLab)", allowSplitting=1)
        self._cancel = cancel
        self._on_page = on_page
        first = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(self.leftMargin, self.bottomMargin, self.width, self.height - RUNNING_HEADER, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("first", [first], pagesize=pagesize),
                               PageTemplate("later", [later], pagesize=pagesize)])

    def build(self, flowables, *args, **kwargs) -> None:
        """Build the story; a heading right above a long table goes with the table's first rows."""
        super().build(attach_headings(list(flowables)), *args, **kwargs)

    def handle_pageBegin(self) -> None:  # noqa: N802 (ReportLab's name)
        if self._cancel is not None and self._cancel():
            raise PrintCancelled()
        super().handle_pageBegin()

    def afterPage(self) -> None:  # noqa: N802 (ReportLab's name)
        if self._on_page is not None:
            self._on_page(self.page)


def section_flowables(key: int, header: str) -> list[Flowable]:
    """Return the flowables that start section ``key`` on a fresh page (none before the first)."""
    out: list[Flowable] = []
    if key > 1:
        out += [NextPageTemplate("first"), PageBreak()]
    out += [SectionStart(key, header), NextPageTemplate("later")]
    return out


def printed_stamp(now: _dt.datetime | None = None) -> str:
    """Return "Dicetak Selasa, 2 Juli 2024 14.05" for the footer."""
    from fgd_app.i18n import format_date

    now = now or _dt.datetime.now()
    return tr("Printed {date} {time}", date=format_date(now.date()), time=now.strftime("%H.%M"))
