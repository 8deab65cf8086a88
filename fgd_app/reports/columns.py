"""Column widths that hold every word: no word of a table is ever cut without a hyphen.

A table's widths are given as shares of the page (``StoryContext.grid``). On the paper it was designed for
every column holds its longest unbreakable piece: a code (R-GOV-01-01), a number, a short word ("Tahap"),
a syllable of a long word with its hyphen ("Nega-"). On a narrower page (a landscape worksheet printed
portrait) some columns would not, and ReportLab would cut the word anywhere (``splitLongWords``, "Nega/tif").
``fit_widths`` widens such a column to its widest piece and takes the room from columns with room to spare;
when the whole table cannot hold its pieces even with narrow paddings, ``needed_scale`` says by how much
the font must shrink (``scaled``; with the demo workshop only in portrait: the innovation worksheet on A4 from
8.5 to 8 pt, the risk register to 8.3 pt; the designed orientations need neither).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from fgd_app.reports.flowables import AtLeast, Label
from fgd_app.reports.text import SOFT_HYPHEN, hyphenated, printable

PADDING = 6.5  # the 3 pt left and right paddings of a grid cell, and a little air
TIGHT_PADDING = 1.5  # the paddings of a table too wide for its page (each side)
_SPACE = re.compile(r"[ \t\n\r]+")  # where a line may break: not at a no-break space
_AMOUNT = re.compile(r"\bRp (?=\d)")  # "Rp 1.035.000.000": measured as one piece, so it prints on one line
_ADDRESS = re.compile(r"@|www\.|://|[^\W\d_]\.[^\W\d_]{2,}\b")  # e-mail and web addresses: cut anywhere


@functools.lru_cache(maxsize=50000)
def _word_width(word: str, font: str, size: float) -> float:
    """Return the width of the widest piece of ``word`` (its syllables at soft hyphens, each with a hyphen)."""
    if _ADDRESS.search(word):
        return 0.0
    pieces = word.split(SOFT_HYPHEN)
    widest = 0.0
    for index, piece in enumerate(pieces):
        text = piece + ("-" if index < len(pieces) - 1 else "")
        widest = max(widest, stringWidth(text, font, size))
    return widest


@functools.lru_cache(maxsize=50000)
def _plain_width(text: str, font: str, size: float) -> float:
    """Return the widest unbreakable piece of user text as ``markup`` hyphenates it."""
    # words joined by no-break spaces (a box and its label) are held whole: the cell then prints as plain lines
    return max((_word_width(w if "\u00a0" in w else hyphenated(w), font, size)
                for w in _SPACE.split(_AMOUNT.sub("Rp\u00a0", printable(text))) if w), default=0.0)


def piece_width(cell: Any, font: str, size: float) -> float:
    """Return the widest piece of a cell that cannot break (0 for what wraps itself or draws no text)."""
    if isinstance(cell, str):
        return _plain_width(cell, font, size) if cell else 0.0
    if isinstance(cell, Paragraph):
        widest = 0.0
        for frag in cell.frags:
            text = getattr(frag, "text", "")
            if not text or not isinstance(text, str):
                continue
            for word in _SPACE.split(_AMOUNT.sub("Rp\u00a0", text)):
                if word:
                    widest = max(widest, _word_width(word, frag.fontName, frag.fontSize))
        return widest
    text = getattr(cell, "text", None)  # a Label (row number)
    if isinstance(text, str) and hasattr(cell, "font"):
        return stringWidth(text, cell.font, cell.size)
    inner = getattr(cell, "inner", None)  # AtLeast
    return piece_width(inner, font, size) if inner is not None else 0.0


def spanned_cells(commands: Sequence[tuple], rows: int, columns: int) -> set[tuple[int, int]]:
    """Return the (column, row) cells inside a span over more than one column (they do not size a column)."""
    out: set[tuple[int, int]] = set()
    for command in commands:
        if command[0] != "SPAN":
            continue
        (c0, r0), (c1, r1) = command[1], command[2]
        if not all(isinstance(v, int) for v in (c0, r0, c1, r1)):
            continue
        c0, c1 = (c if c >= 0 else columns + c for c in (c0, c1))
        r0, r1 = (r if r >= 0 else rows + r for r in (r0, r1))
        if c1 > c0:
            out.update((c, r) for c in range(c0, c1 + 1) for r in range(r0, r1 + 1))
    return out


def column_needs(rows: Sequence[Sequence[Any]], columns: int, font: str, size: float,
                 skip: set[tuple[int, int]] = frozenset(), first: int = 0) -> list[float]:
    """Return each column's widest unbreakable piece plus its paddings, in points (``first``: the table row
    number of ``rows[0]``, for ``skip``)."""
    need = [0.0] * columns
    for r, row in enumerate(rows, start=first):
        for c, cell in enumerate(row[:columns]):
            if (c, r) in skip or cell is None or cell == "":
                continue
            need[c] = max(need[c], piece_width(cell, font, size))
    return need


def with_padding(needs: Sequence[float], padding: float, total: float) -> list[float]:
    """Return the needs with both paddings added; a column never claims more than a third of ``total``
    (a word that long, a pasted URL, is cut as a last resort: ``splitLongWords``)."""
    return [min(n + 2 * padding + 0.5, total / 3) if n else 0.0 for n in needs]


def fit_widths(widths: Sequence[float], needs: Sequence[float]) -> list[float]:
    """Return ``widths`` with every column at least its need, the others shrunk by one common factor.

    The total stays the same and the columns that hold their words keep their proportions (a text column
    is not squeezed more than another). When the needs add up to more than the total, every column gets its
    need scaled down alike (the caller shrinks the font first, see ``needed_scale``).
    """
    total = sum(widths)
    need_total = sum(needs)
    if need_total >= total:
        return [total * n / need_total for n in needs] if need_total else list(widths)
    if all(w >= n - 1e-6 for w, n in zip(widths, needs, strict=True)):
        return list(widths)
    fixed: set[int] = set()
    while True:  # columns at their need are fixed; the rest share what is left in their proportions
        free = [i for i in range(len(widths)) if i not in fixed]
        factor = (total - sum(needs[i] for i in fixed)) / sum(widths[i] for i in free)
        short = {i for i in free if widths[i] * factor < needs[i] - 1e-6}
        if not short:
            return [needs[i] if i in fixed else widths[i] * factor for i in range(len(widths))]
        fixed |= short


def needed_scale(total: float, needs: Sequence[float], padding: float) -> float:
    """Return the factor (<= 1) the font must shrink by so that every column holds its widest piece with
    ``padding`` on each side (the needs grow with the font, the paddings do not)."""
    text = sum(needs)
    pads = sum(2 * padding + 0.5 for n in needs if n)
    if not text or text + pads <= total:
        return 1.0
    return max(0.0, (total - pads) / text)


_scaled_styles: dict[tuple[int, float], ParagraphStyle] = {}


def _scaled_style(style: ParagraphStyle, factor: float) -> ParagraphStyle:
    key = (id(style), factor)
    twin = _scaled_styles.get(key)
    if twin is None or twin.parent is not style:
        twin = ParagraphStyle(f"{style.name}-x{factor:.3f}", parent=style, fontSize=style.fontSize * factor,
                              leading=style.leading * factor)
        _scaled_styles[key] = twin
    return twin


def scaled(cell: Any, factor: float) -> Any:
    """Return ``cell`` with its font ``factor`` times as large (a Paragraph, row number or writing space)."""
    if factor == 1:
        return cell
    if isinstance(cell, Paragraph):
        return Paragraph(cell.text, _scaled_style(cell.style, factor))
    if isinstance(cell, Label):
        return Label(cell.text, cell.font, cell.size * factor, cell.color)
    if isinstance(cell, AtLeast):
        return AtLeast(scaled(cell.inner, factor), cell.min_height)
    return cell
