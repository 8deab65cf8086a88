"""User text in a spreadsheet cell: what the format allows, written losslessly where it can be, read back exactly.

Excel (.xlsx)
- Text is always written as a string cell, so ``=HYPERLINK(...)`` typed in a field stays text, never a formula.
- XML cannot hold most control characters (``\\x00``-``\\x1f`` except tab and line feed); a carriage return would
  be turned into a line feed by any XML reader. These are written in Excel's own escaped form ``_x0007_``
  (what Excel itself does; Excel and LibreOffice show the character), and an ``_xHHHH_`` the user typed
  literally gets its underscore escaped as ``_x005F_``. ``from_cell`` undoes both, so the round trip is exact.
- A cell holds at most 32,767 characters; longer text is cut there (said in the export's notes) and the
  import does not take the cut text for an edit.

CSV
- Text starting with ``= + - @``, a tab or a carriage return (after any apostrophes) gets one apostrophe in
  front, the usual way to stop a spreadsheet program running it as a formula. ``from_csv`` removes exactly
  that apostrophe, so a CSV export read back by the list importer gives the text as stored.
"""

from __future__ import annotations

import re

CELL_LIMIT = 32_767
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CSV_TRIGGER = re.compile(r"^'*[=+\-@\t\r]")
_CSV_QUOTED = re.compile(r"^'+[=+\-@\t\r]")


def to_cell(text: str) -> tuple[str, bool, bool]:
    """Return ``text`` as written in an .xlsx cell, whether it held a control character, and whether it was cut."""
    controls = bool(_NOT_IN_XML.search(text))
    escaped = _ESCAPE_LIKE.sub("_x005F_", text) if "_x" in text else text
    if controls:
        escaped = _NOT_IN_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", escaped)
    if len(escaped) <= CELL_LIMIT:
        return escaped, controls, False
    cut = escaped[:CELL_LIMIT]
    partial = cut.rfind("_x", CELL_LIMIT - 6)
    if partial >= 0 and _ESCAPED.match(escaped, partial):
        cut = cut[:partial]  # never leave half an escape at the end
    return cut, controls, True


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)  # a lone surrogate cannot be stored


def from_cell(text: str) -> str:
    """Return the text an .xlsx cell stands for (``_x0007_`` read as the character it escapes)."""
    return _ESCAPED.sub(_unescape, text) if "_x" in text else text


def as_written(text: str) -> str:
    """Return ``text`` as it comes back from a cell: unchanged, or cut to the cell limit."""
    return from_cell(to_cell(text)[0])


def to_csv(value: object) -> tuple[object, bool]:
    """Return a CSV field value with a leading formula sign neutralised, and whether it was."""
    if isinstance(value, str) and _CSV_TRIGGER.match(value):
        return "'" + value, True
    return value, False


def from_csv(text: str) -> str:
    """Remove the apostrophe ``to_csv`` put before a leading formula sign."""
    return text[1:] if _CSV_QUOTED.match(text) else text
