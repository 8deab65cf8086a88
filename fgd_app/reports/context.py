"""What a document's ``build`` gets: the workshop, the page geometry and the shared building blocks."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from fgd_app.i18n import format_date, language, month_name, tr
from fgd_app.reports import styles as st
from fgd_app.reports.columns import (
    TIGHT_PADDING,
    column_needs,
    fit_widths,
    needed_scale,
    scaled,
    spanned_cells,
    with_padding,
)
from fgd_app.reports.engine import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, RUNNING_HEADER, section_flowables
from fgd_app.reports.flowables import AtLeast, Label
from fgd_app.reports.tables import Group, PagedTable
from fgd_app.reports.text import para, para_markup, plain_line

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.workshop.details import WorkshopDay, WorkshopInfo

Cell = str | Flowable | None
DOTS = "." * 40


def format_days(days: Sequence[_dt.date]) -> str:
    """Return workshop dates: "Selasa, 2 Juli 2024", "Selasa–Rabu, 2–3 Juli 2024" or a full range."""
    days = sorted(days)
    if not days:
        return ""
    first, last = days[0], days[-1]
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        weekdays = f"{format_date(first).split(',')[0]}\u2013{format_date(last).split(',')[0]}"
        return f"{weekdays}, {first.day}\u2013{last.day} {month_name(first.month)} {first.year}"
    return f"{format_date(first)} \u2013 {format_date(last)}"


def format_nip(nip: str) -> str:
    """Return an 18-digit NIP grouped as printed on Indonesian documents ("19700101 199003 1 001")."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def format_time(text: str) -> str:
    """Return "08:00" in the form Indonesian documents use ("08.00")."""
    return text.replace(":", ".") if language() == "id" else text


def _unspanned(group: Group, count: int) -> list[Cell]:
    """Return a heading row's cells outside its span (a total beside an innovation heading), "" elsewhere."""
    end = next((c[2][0] for c in group.commands if c[0] == "SPAN"), -1)
    end = end if end >= 0 else count + end
    return ["" if i <= end else cell for i, cell in enumerate(group.cells)]


class StoryContext:
    """The workshop and page facts a document needs, with helpers that keep every document alike."""

    def __init__(self, ws: Workshop, *, pagesize: tuple[float, float], blank: bool, paper: str, title: str):
        self.ws = ws
        self.blank = blank
        self.paper = paper
        self.title = title
        self.pagesize = pagesize
        self.width = pagesize[0] - 2 * MARGIN_X
        self.height = pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM
        self.continued_height = self.height - RUNNING_HEADER
        self.styles = st.make_styles()
        self._sections = 0

    # --- workshop facts ----------------------------------------------------------------------------
    @cached_property
    def info(self) -> WorkshopInfo:
        return self.ws.info()

    @cached_property
    def days(self) -> list[WorkshopDay]:
        return self.ws.days.list()

    @cached_property
    def day_dates(self) -> list[_dt.date]:
        return [_dt.date.fromisoformat(d.day_date) for d in self.days]

    @cached_property
    def settings(self) -> dict[str, str]:
        return self.ws.documents.values()

    def region_line(self) -> str:
        return f"{self.info.region_name} \u00b7 {self.bimtek_line()}"

    def bimtek_line(self) -> str:
        if self.info.title:
            return self.info.title
        return tr("Bimtek {stage} \u2014 Smart City Masterplan", stage=self.info.stage_label)

    # --- paragraphs --------------------------------------------------------------------------------
    def p(self, text: str | None, style: str = "body") -> Paragraph:
        """Return a paragraph of user text (printed literally)."""
        return para(text, getattr(self.styles, style))

    def m(self, source: str, style: str = "body", **values: str | None) -> Paragraph:
        """Return a paragraph of our markup with user values escaped into its ``{slots}``."""
        return para_markup(source, getattr(self.styles, style), **values)

    def cell(self, value: Cell, style: str = "cell") -> Flowable | str:
        if value is None or value == "":
            return ""
        if isinstance(value, Flowable):
            return value
        return self.p(str(value), style)

    def fast(self, value: str, width: float, style: str = "cell") -> Flowable | str:
        """Return a cell of ``width`` points: a plain string when it fits as is, else a Paragraph.

        The table must set FONT/TEXTCOLOR for string cells to match ``style`` (``grid`` does).
        """
        st_ = getattr(self.styles, style)
        text = plain_line(value, st_.fontName, st_.fontSize, width - 6.5)
        return text if text is not None else self.cell(value, style)

    def number(self, n: int, min_height_mm: float = 0, style: str = "cell") -> Flowable:
        """Return a row number ("12.") holding at least ``min_height_mm`` of writing space."""
        st_ = getattr(self.styles, style)
        label = Label(f"{n}.", st_.fontName, st_.fontSize, st_.textColor)
        return AtLeast(label, min_height_mm * mm) if min_height_mm else label

    def space(self, height_mm: float) -> Spacer:
        return Spacer(1, height_mm * mm)

    # --- page furniture ----------------------------------------------------------------------------
    def section(self, header: str, *, day: _dt.date | None = None, compact: bool = False) -> list[Flowable]:
        """Start a new section on a fresh page: its running header, page count and letterhead."""
        self._sections += 1
        out: list[Flowable] = section_flowables(self._sections, header)
        out += self.letterhead(day=day, compact=compact)
        return out

    def letterhead(self, *, day: _dt.date | None = None, compact: bool = False) -> list[Flowable]:
        """Return the letterhead: province, region, bimtek, venue and date, over a double rule."""
        date_text = format_date(day) if day else format_days(self.day_dates)
        place = " \u00b7 ".join(x for x in (self.info.venue, date_text) if x)
        if compact:
            line = self.m("<b>{region}</b>  \u00b7  {bimtek}  \u00b7  {place}", "letter_small",
                          region=self.info.region_name, bimtek=self.bimtek_line(), place=place)
            rows = [[line]]
        else:
            rows = []
            if self.info.province_name:
                rows.append([self.p(self.info.province_name.upper(), "letter_small")])
            rows += [[self.p(self.info.region_name.upper(), "letter_region")],
                     [self.p(self.bimtek_line(), "letter_line")]]
            if place:
                rows.append([self.p(place, "letter_small")])
        table = Table(rows, colWidths=[self.width])
        table.setStyle(TableStyle([
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ("LINEBELOW", (0, -1), (-1, -1), 1.6, st.RULE),
        ]))
        rule = Table([[""]], colWidths=[self.width], rowHeights=[1.2])
        rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE),
                                  ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return [table, Spacer(1, 1.2), rule, self.space(3 if compact else 4)]

    def keep_together(self, *flowables: Flowable) -> KeepTogether:
        """Return flowables that go on one page (a closing sentence and the signatures)."""
        return KeepTogether(list(flowables))

    def heading(self, text: str) -> list[Flowable]:
        """Return a section heading that never ends a page (it moves on when less than 35 mm remain)."""
        return [CondPageBreak(35 * mm), self.p(text, "heading")]

    def heading_title(self, title: str, subtitle: str | None = None) -> list[Flowable]:
        out: list[Flowable] = [self.p(title, "title")]
        if subtitle:
            out.append(self.p(subtitle, "subtitle"))
        out.append(self.space(2))
        return out

    def fields(self, pairs: Sequence[tuple[str, Cell]], *, label_mm: float = 34, width: float | None = None) -> Table:
        """Return "Label : value" lines (activity, day/date, place, ...); empty values print dots."""
        width = width or self.width
        rows = [[self.p(label), ":", self.cell(value, "body") or DOTS] for label, value in pairs]
        table = Table(rows, colWidths=[label_mm * mm, 4 * mm, width - (label_mm + 4) * mm])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (1, 0), (1, -1), self.styles.body.fontName, 9.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]))
        return table

    def grid(self, header: Sequence[Cell] | Sequence[Sequence[Cell]], rows: Sequence[Sequence[Cell] | Group],
             widths: Sequence[float], *, extra: Sequence[tuple] = (), header_rows: int = 1,
             width: float | None = None, right: Sequence[int] = (), keep_with_next: Sequence[int] = (),
             tail: Flowable | None = None) -> PagedTable:
        """Return a ruled table laid out page by page (``tables.PagedTable``); ``widths`` are relative.

        ``rows`` may hold ``Group`` headings (kept with their first rows, repeated "(continued)" on the next
        page); ``right`` lists columns whose text is right-aligned (numbers, amounts); ``keep_with_next``
        body rows (0-based) stay with the row after them; ``tail`` (signatures) shares the last row's page.
        """
        heads = [header] if header_rows == 1 and header and not isinstance(header[0], (list, tuple)) else header
        total = float(sum(widths))
        col_widths, tight, factor = self._fit_columns(heads, rows,
                                                      [(width or self.width) * w / total for w in widths], extra)
        data: list[list[Any] | Group] = [[scaled(self.cell(h, "head"), factor) for h in row] for row in heads]
        cell_style = self.styles.cell
        size, leading = cell_style.fontSize * factor, cell_style.leading * factor
        room = [w - (2 * TIGHT_PADDING + 0.5 if tight else 6.5) for w in col_widths]  # inside the paddings

        def line(row: Sequence[Cell]) -> list[Any]:
            out = []
            for i, value in enumerate(row):
                # a short single line needs no Paragraph: drawn as a string, it cannot overflow its cell
                text = plain_line(value, cell_style.fontName, size, room[i]) if isinstance(value, str) else None
                out.append(text if text is not None else
                           scaled(self.cell(value, "cell_right" if i in right else "cell"), factor))
            return out

        body: list[list[Any] | Group] = []
        for row in rows:
            if isinstance(row, Group):
                body.append(Group(line(row.cells), line(row.continued) if row.continued else None, row.level,
                                  list(row.commands)))
            else:
                body.append(line(row))
        strings = [("FONT", (0, len(heads)), (-1, -1), cell_style.fontName, size, leading),
                   ("TEXTCOLOR", (0, len(heads)), (-1, -1), st.INK)]
        strings += [("ALIGN", (i, len(heads)), (i, -1), "RIGHT") for i in right]
        commands = st.grid_style(len(heads)) + tight + strings + list(extra)
        return PagedTable(data[: len(heads)], body, col_widths, commands=commands, keep_with_next=keep_with_next,
                          split_height=self.continued_height, tail=tail, h_align="LEFT" if width else "CENTER")

    def _fit_columns(self, heads: Sequence[Sequence[Cell]], rows: Sequence[Sequence[Cell] | Group],
                     widths: list[float], extra: Sequence[tuple]) -> tuple[list[float], list[tuple], float]:
        """Return ``widths`` adjusted so every column holds its widest unbreakable piece (``columns``), the
        style commands that narrow the cell paddings of a table that needs the room, and the factor its font
        shrinks by when even that is not enough (1: none)."""
        count = len(widths)
        head_style, cell_style = self.styles.head, self.styles.cell
        skip = spanned_cells(extra, len(heads) + len(rows), count)
        needs = column_needs(heads, count, head_style.fontName, head_style.fontSize, skip)
        body = [_unspanned(r, count) if isinstance(r, Group) else r for r in rows]
        body_needs = column_needs(body, count, cell_style.fontName, cell_style.fontSize, skip, first=len(heads))
        needs = [max(a, b) for a, b in zip(needs, body_needs, strict=True)]
        total = sum(widths)
        padded = with_padding(needs, 3, total)
        if sum(padded) <= total:
            return fit_widths(widths, padded), [], 1.0
        tight = [("LEFTPADDING", (0, 0), (-1, -1), TIGHT_PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), TIGHT_PADDING)]
        factor = needed_scale(total, needs, TIGHT_PADDING)
        if factor < 1:  # a table that only just fits: 8 pt at least gives its text columns some room
            factor = max(0.8, min(int(factor * 100) / 100, 8 / cell_style.fontSize))
            needs = [n * factor for n in needs]
        return fit_widths(widths, with_padding(needs, TIGHT_PADDING, total)), tight, factor

    def group(self, source: str, columns: int, *, level: int = 0, fill=None, span_to: int = -1,
              extra_cells: Sequence[Cell] = (), **values: str | None) -> Group:
        """Return a group heading row of our markup (spanning the columns up to ``span_to``), repeated with
        "(continued)" when its rows go on over a page break."""
        fill = fill if fill is not None else st.BAND_FILL
        tail = list(extra_cells)
        filler = [""] * (columns - 1 - len(tail))
        cells = [self.m(source, "cell", **values), *filler, *tail]
        continued = [self.m(source + " <i>{continued_mark}</i>", "cell", continued_mark=tr("(continued)"),
                            **values), *filler, *tail]
        commands = [("SPAN", (0, 0), (span_to, 0)), ("BACKGROUND", (0, 0), (-1, 0), fill)]
        return Group(cells, continued, level, commands)

    def signatures(self, blocks: Sequence[tuple[str, str | None, str, str]], *, place_date: str = "",
                   align: str = "right") -> Table:
        """Return signature blocks side by side: (heading, position, name, NIP) each, lines aligned.

        Keep them with what is above: ``grid(..., tail=...)`` or ``keep_together``.

        Empty names and NIPs print dots to fill in by hand; a position of None prints dots, "" nothing.
        """
        columns = []
        for heading, position, name, nip in blocks:
            if position is None:
                position_cell: Cell = DOTS[:30]
            else:
                position_cell = position
            name_cell = self.m("<u>{name}</u>", "sign_name", name=name) if name else self.p("(" + "." * 45 + ")",
                                                                                              "sign")
            nip_cell = self.p(tr("NIP {nip}", nip=format_nip(nip) if nip else "." * 30), "sign")
            columns.append([self.cell(heading, "sign"), self.cell(position_cell, "sign"), "", name_cell, nip_cell])
        if place_date:
            for index, column in enumerate(columns):
                column.insert(0, self.p(place_date, "sign") if index == len(columns) - 1 else "")
        count = len(columns)
        if count == 1 and align == "right":
            columns.insert(0, [""] * len(columns[0]))
            widths = [self.width * 0.5, self.width * 0.5]
        else:
            widths = [self.width / count] * count
        rows = [[""] * len(widths)] + [list(r) for r in zip(*columns, strict=True)]
        heights = [None] * len(rows)
        heights[0] = 5 * mm  # the space above the blocks: part of them, so they are drawn as one
        heights[-3] = 20 * mm
        table = Table(rows, colWidths=widths, rowHeights=heights)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
        return table

    def columns(self, cells: Sequence[Cell], widths: Sequence[float]) -> Table:
        """Return cells side by side without rules (absolute widths in points)."""
        table = Table([[self.cell(c, "body") for c in cells]], colWidths=list(widths))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return table

    def dotted_lines(self, count: int, *, label: str = "") -> list[Flowable]:
        """Return ``count`` ruled lines to write on by hand."""
        rows = [[""] for _ in range(count)]
        table = Table(rows, colWidths=[self.width], rowHeights=[8 * mm] * count)
        table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, st.GRID, None, (1, 2))]))
        return ([self.p(label, "small")] if label else []) + [table]
