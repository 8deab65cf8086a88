"""Long tables laid out one page at a time: linear time, and the page-break rules of every printout.

ReportLab splits a long ``Table`` by rebuilding the rest of it at every page break, and with a ``SPAN``
anywhere in it recomputes the spans over every remaining row: printing grows with the square of the rows
(a 650-page roadmap took 5 minutes). ``PagedTable`` instead measures rows once, in page-sized slices, and
draws each page as a small ``Table`` of its own, so time grows with the rows. Its page-break rules:

* the column header prints once per page, at the top of the table's part on that page;
* a row moves whole to the next page when it does not fit; only a row taller than a page splits (inside
  the row, ReportLab's ``splitInRow``);
* a group heading (``Group``: an innovation, a dimension) is kept with at least its first two rows, and when
  its rows go on over a page break the heading is repeated at the top of the next page, marked "(continued)";
  nested headings (dimension, then innovation) are all repeated;
* rows marked ``keep_with_next`` stay on the page of the row after them (the two rows of one risk);
* a ``tail`` (signatures, "Mengetahui") is drawn right under the last row and shares its page;
* a ``lead`` (the heading right above the table, see ``attach_headings``) is drawn above the first part and
  moves with it: a heading is never the last line of a page.

Style commands are given once for the whole table, with row numbers counted from the first header row as in
ReportLab: a command on one body row (``(0, 7), (-1, 7)``) follows that row onto whatever page it lands on; a
command on all rows (``(0, 0), (-1, -1)``) or all body rows (``(0, 1), (-1, -1)``) is applied to every part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

FUZZ = 1e-3


@dataclass
class Group:
    """A group heading row: its cells, the cells printed when it is repeated, its nesting level."""

    cells: list[Any]
    continued: list[Any] | None = None
    level: int = 0
    commands: list[tuple] = field(default_factory=list)  # style commands with row 0 = this row


@dataclass
class _Rows:
    """What every part of one long table shares (measured heights are kept across pages)."""

    header: list[list[Any]]
    rows: list[list[Any]]
    widths: list[float]
    head_commands: list[tuple]  # rows of the header only, or header and body (as given)
    both_commands: list[tuple]  # the body's share of head_commands, to measure body rows alone
    body_commands: list[tuple]  # every body row: row numbers relative to the first body row
    row_commands: dict[int, list[tuple]]  # per body row, row numbers relative to that row
    groups: dict[int, Group]  # body row index -> its heading
    keep_with_next: frozenset[int]
    split_height: float
    heights: dict[int, float] = field(default_factory=dict)
    continued_heights: dict[int, float] = field(default_factory=dict)
    header_height: float | None = None
    group_of: list[tuple[int, ...]] = field(default_factory=list)  # body row -> open headings (outer first)
    group_size: dict[int, int] = field(default_factory=dict)  # heading index -> body rows under it

    def __post_init__(self) -> None:
        open_: list[int] = []
        for index in range(len(self.rows)):
            group = self.groups.get(index)
            if group is not None:
                open_ = [g for g in open_ if self.groups[g].level < group.level]
                self.group_of.append(tuple(open_))
                open_.append(index)
                self.group_size[index] = 0
            else:
                self.group_of.append(tuple(open_))
                for g in open_:
                    self.group_size[g] += 1


def _shift(command: tuple, offset: int) -> tuple:
    name, (c0, r0), (c1, r1), *rest = command
    return (name, (c0, r0 + offset), (c1, r1 + offset), *rest)


def split_commands(commands: Sequence[tuple], header_rows: int):
    """Sort style commands: header (and all rows), the body's share of those, every body row, one row."""
    head, both, body, per_row = [], [], [], {}
    for command in commands:
        _name, (_c0, r0), (_c1, r1), *_rest = command
        if not isinstance(r0, int) or not isinstance(r1, int):
            head.append(command)  # "splitfirst"/"splitlast": each part is a whole table
        elif r0 < header_rows or (r0 < 0 and r1 < 0):
            head.append(command)
            if r1 == -1 or r1 >= header_rows:  # header and body: the body's share, for measuring rows alone
                name, (c0, _r0), (c1, _r1), *rest = command
                both.append((name, (c0, 0), (c1, -1 if r1 == -1 else r1 - header_rows), *rest))
        elif r1 == -1:
            body.append(_shift(command, -header_rows))
        else:
            index = r0 - header_rows
            per_row.setdefault(index, []).append(_shift(command, -r0))
    return head, both, body, per_row


class PagedTable(Flowable):
    """A ruled table of any length laid out page by page (see module doc)."""

    def __init__(self, header: list[list[Any]], rows: list[list[Any] | Group], widths: Sequence[float], *,
                 commands: Sequence[tuple] = (), keep_with_next: Sequence[int] = (), split_height: float = 0,
                 tail: Flowable | None = None, h_align: str = "CENTER", _shared: _Rows | None = None,
                 _start: int = 0, lead: Flowable | None = None):
        super().__init__()
        if _shared is None:
            groups = {i: r for i, r in enumerate(rows) if isinstance(r, Group)}
            plain = [r.cells if isinstance(r, Group) else list(r) for r in rows]
            head, both, body, per_row = split_commands(commands, len(header))
            for index, group in groups.items():
                per_row.setdefault(index, []).extend(group.commands)
            _shared = _Rows(header=[list(h) for h in header], rows=plain, widths=list(widths), head_commands=head,
                            both_commands=both, body_commands=body, row_commands=per_row, groups=groups,
                            keep_with_next=frozenset(keep_with_next), split_height=split_height)
        self._s = _shared
        self._start = _start
        self.tail = tail
        self.lead = lead
        self._lead_size = (0.0, 0.0, 0.0)  # height, space above, space below
        self.hAlign = h_align
        self._part: Table | None = None
        self._parts: list[Flowable] | None = None
        self._wrapped: tuple[float, float] | None = None
        self._tail_size = (0.0, 0.0)

    # --- measuring ---------------------------------------------------------------------------------
    def _style(self, offset: int, indexes: Sequence[int], continued: Sequence[int]) -> list[tuple]:
        """Return the style of a part whose body starts at row ``offset``: continued headings, then rows."""
        s = self._s
        out = list(s.head_commands) + [_shift(c, offset) for c in s.body_commands]
        row = offset
        for g in continued:
            out += [_shift(c, row) for c in s.row_commands.get(g, ())]
            row += 1
        for index in indexes:
            out += [_shift(c, row) for c in s.row_commands.get(index, ())]
            row += 1
        return out

    def _measure(self, start: int, end: int) -> None:
        """Measure the heights of body rows ``start:end`` not measured yet (one small table)."""
        s = self._s
        todo = [i for i in range(start, end) if i not in s.heights]
        if not todo:
            return
        table = Table([s.rows[i] for i in todo], colWidths=s.widths)
        table.setStyle(TableStyle(s.both_commands + self._style(0, todo, ())[len(s.head_commands):]))
        table.wrap(sum(s.widths), 1e9)
        for index, height in zip(todo, table._rowHeights, strict=True):
            s.heights[index] = height

    def _header_height(self) -> float:
        s = self._s
        if s.header_height is None:
            if s.header:
                table = Table(s.header, colWidths=s.widths)
                table.setStyle(TableStyle([c for c in s.head_commands]))
                table.wrap(sum(s.widths), 1e9)
                s.header_height = sum(table._rowHeights)
            else:
                s.header_height = 0.0
        return s.header_height

    def _continued_rows(self, start: int) -> list[int]:
        """Return the headings to repeat above body row ``start`` (its open groups, unless it is one)."""
        if start == 0 or start >= len(self._s.rows):
            return []
        return list(self._s.group_of[start])

    def _continued_height(self, g: int) -> float:
        s = self._s
        if g not in s.continued_heights:
            group = s.groups[g]
            table = Table([group.continued or group.cells], colWidths=s.widths)
            table.setStyle(TableStyle(s.both_commands + s.body_commands + list(s.row_commands.get(g, ()))))
            table.wrap(sum(s.widths), 1e9)
            s.continued_heights[g] = table._rowHeights[0]
        return s.continued_heights[g]

    def _tail_height(self, avail_width: float) -> float:
        if self.tail is None:
            return 0.0
        self._tail_size = self.tail.wrap(avail_width, 1e9)
        return self._tail_size[1]

    def _lead_height(self, avail_width: float) -> float:
        if self.lead is None:
            return 0.0
        _w, h = self.lead.wrap(avail_width, 1e9)
        self._lead_size = (h, self.lead.getSpaceBefore(), self.lead.getSpaceAfter())
        return sum(self._lead_size)

    def _fit(self, avail_height: float, avail_width: float) -> tuple[int, list[int], bool]:
        """Return (body rows on this page, headings repeated on top, whether the rest and tail are all here)."""
        s = self._s
        avail_height -= self._lead_height(avail_width)
        start, total = self._start, len(s.rows)
        continued = self._continued_rows(start)
        used = self._header_height() + sum(self._continued_height(g) for g in continued)
        count = 0
        step = max(8, int(avail_height / 14) + 2)
        while start + count < total:
            end = min(total, start + count + step)
            self._measure(start + count, end)
            while start + count < end and used + s.heights[start + count] <= avail_height + FUZZ:
                used += s.heights[start + count]
                count += 1
            if start + count < end:
                break
            step *= 2
        if start + count == total:
            if used + self._tail_height(avail_width) <= avail_height + FUZZ:
                return count, continued, True
            count = max(0, count - 2)  # the tail takes the last two rows along to the next page
        kept = self._keep_rules(start, count)
        if kept == 0 and avail_height >= 0.8 * s.split_height:
            kept = count  # at the top of a page already: moving on would not help
        return kept, continued, False

    def _keep_rules(self, start: int, count: int) -> int:
        """Move back from the page end: headings without two of their rows, rows kept with the next one."""
        s = self._s
        changed = True
        while changed and count > 0:
            changed = False
            last = start + count - 1
            if last in s.keep_with_next and start + count < len(s.rows):
                count -= 1
                changed = True
                continue
            # the last heading on the page must keep min(2, its rows) below it
            for index in range(last, start - 1, -1):
                if index in s.groups:
                    below = sum(1 for i in range(index + 1, start + count) if i not in s.groups)
                    if below < min(2, s.group_size[index]):
                        count = index - start
                        changed = True
                    break
        return count

    # --- platypus ----------------------------------------------------------------------------------
    def _make_part(self, count: int, continued: list[int]) -> Table:
        s = self._s
        start = self._start
        indexes = list(range(start, start + count))
        data = s.header + [s.groups[g].continued or s.groups[g].cells for g in continued] + [s.rows[i] for i in indexes]
        # known heights: the part need not wrap its body cells again (the header rows are measured by it)
        heights = ([None] * len(s.header) + [self._continued_height(g) for g in continued]
                   + [s.heights[i] for i in indexes])
        part = Table(data, colWidths=s.widths, rowHeights=heights)
        part.setStyle(TableStyle(self._style(len(s.header), indexes, continued)))
        part.hAlign = self.hAlign
        return part

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        count, continued, complete = self._fit(availHeight, availWidth)
        self._wrapped = (availWidth, availHeight)
        width = sum(self._s.widths)
        if complete:
            self._part = self._make_part(count, continued)
            _w, h = self._part.wrap(availWidth, availHeight)
            self.width, self.height = width, sum(self._lead_size) + h + self._tail_size[1]
            return self.width, self.height
        self._part = None
        self.width, self.height = width, availHeight + 1  # does not fit: split() cuts it
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        count, continued, complete = self._fit(availHeight, availWidth)
        s = self._s
        if complete:
            return [self]
        if count == 0:
            first = self._start
            if first < len(s.rows) and s.heights.get(first, 0) > s.split_height > 0:
                return self._split_inside(availWidth, availHeight, continued)
            return []  # nothing fits here: the whole table moves to the next page
        part = self._make_part(count, continued)
        rest = PagedTable([], [], [], tail=self.tail, h_align=self.hAlign, _shared=s, _start=self._start + count)
        return [self.lead, part, rest] if self.lead is not None else [part, rest]

    def _split_inside(self, avail_width: float, avail_height: float, continued: list[int]) -> list[Flowable]:
        """Split a row taller than a page inside the row (ReportLab's splitInRow) with a marker, then go on.

        The first part ends with "(this row continues on the next page)", so a reader knows the row's text
        goes on; the rest starts under the repeated header and headings.
        """
        s = self._s
        index = self._start
        data = s.header + [s.groups[g].continued or s.groups[g].cells for g in continued] + [s.rows[index]]
        table = Table(data, colWidths=s.widths, repeatRows=len(s.header) + len(continued), splitInRow=1)
        table.setStyle(TableStyle(self._style(len(s.header), [index], continued)))
        table.hAlign = self.hAlign
        marker = SplitMarker(sum(s.widths))
        _w, marker_height = marker.wrap(avail_width, avail_height)
        parts = table.split(avail_width, avail_height - marker_height)
        if not parts:
            return []
        rest = PagedTable([], [], [], tail=self.tail, h_align=self.hAlign, _shared=s, _start=index + 1)
        parts = [parts[0], marker, *parts[1:]] if len(parts) > 1 else list(parts)
        if self.lead is not None:
            parts.insert(0, self.lead)
        return [*parts, rest] if index + 1 < len(s.rows) or self.tail is not None else parts

    def draw(self) -> None:
        if self._part is None:
            return
        top = self.height
        if self.lead is not None:
            lead_h, above, below = self._lead_size
            self.lead.drawOn(self.canv, 0, top - above - lead_h)
            top -= above + lead_h + below
        _w, h = self._part.wrap(self.width, self.height)
        self._part.drawOn(self.canv, 0, top - h)
        if self.tail is not None:
            tail_w, tail_h = self._tail_size
            x = 0.0
            align = getattr(self.tail, "hAlign", "LEFT")
            if align in ("CENTER", "CENTRE"):
                x = (self.width - tail_w) / 2
            elif align == "RIGHT":
                x = self.width - tail_w
            self.tail.drawOn(self.canv, x, top - h - tail_h)


class SplitMarker(Flowable):
    """The line under the first part of a row split over pages: "(this row continues on the next page)"."""

    def __init__(self, width: float):
        super().__init__()
        from fgd_app.i18n import tr
        from fgd_app.reports.fonts import FONT

        self.text, self.font, self.size = "\u25bc " + tr("(this row continues on the next page)"), FONT, 8
        self.width = width

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.height = self.size * 1.8
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        self.canv.drawRightString(self.width, self.size * 0.5, self.text)


def attach_headings(story: list[Flowable]) -> list[Flowable]:
    """Return the story with every heading that stands right above a long table made that table's ``lead``."""
    out: list[Flowable] = []
    for flowable in story:
        previous = out[-1] if out else None
        if (isinstance(flowable, PagedTable) and flowable.lead is None and isinstance(previous, Paragraph)
                and previous.style.name == "fgd-heading"):
            flowable.lead = out.pop()
        out.append(flowable)
    return out


def table_rows(table: PagedTable) -> tuple[list[list[Any]], list[list[Any]]]:
    """Return (header rows, body rows) of a paged table (for the benchmark's bare copy)."""
    return table._s.header, table._s.rows
