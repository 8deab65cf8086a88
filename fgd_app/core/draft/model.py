"""The masterplan draft as plain data: chapters of headings, paragraphs, tables and figures (no Word, no Qt).

``gather.gather_draft(ws, choices)`` builds a ``Draft``; a writer (``fgd_app.draft.docx_writer``) turns it
into a document. Every text here is final text in the user's language, written literally by the writer
(never read as markup). A chart is a ``Chart``: its kind and the numbers to draw, rendered by the writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Heading:
    text: str
    level: int  # 1 chapter, 2 section, 3 subsection


@dataclass
class Paragraph:
    text: str
    style: str = "body"  # "body", "note" (what belongs here, in grey italics), "bullet", "quote"


@dataclass
class Table:
    """A Word table: a caption above, one header row repeated on every page, text cells.

    ``widths`` are relative column widths; ``right`` the columns aligned right (numbers);
    ``fills`` maps (row, column) of ``rows`` to a background colour "#rrggbb"; ``bold_rows`` are totals.
    """

    caption: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)
    right: tuple[int, ...] = ()
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    bold_rows: frozenset[int] = frozenset()
    band_rows: frozenset[int] = frozenset()  # group rows (an innovation above its plans): shaded, spanning
    small: bool = False  # many columns: a smaller font


@dataclass
class Chart:
    """What to draw: ``kind`` names a drawing function of ``fgd_app.draft.charts`` (which calls the PDF reports'
    chart of ``fgd_app.reports.charts``); ``data`` its arguments. ``height_cm`` 0: the chart's own height."""

    kind: str
    data: dict[str, Any]
    width_cm: float = 16.0
    height_cm: float = 9.0


@dataclass
class Figure:
    caption: str
    chart: Chart


Block = Heading | Paragraph | Table | Figure


@dataclass
class Chapter:
    """One chapter: its key (for the choices), title, and blocks; ``empty_note`` when it holds no data."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False  # wide tables (the risk register): the chapter's pages are turned


@dataclass
class Draft:
    title: str
    subtitle: str
    header: str  # region name and bimtek stage, printed at the top of every page
    paper: str  # "A4" or "F4"
    language: str
    chapters: list[Chapter]
    front: list[Block] = field(default_factory=list)  # the lines under the title on the cover

    def blocks(self) -> list[Block]:
        return [block for chapter in self.chapters for block in chapter.blocks]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks() if isinstance(b, Figure)]
