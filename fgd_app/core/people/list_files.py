"""Read a list (CSV or XLSX) into plain rows of text for the importer; no Qt, no database."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as _dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from fgd_app.core.errors import FgdError
from fgd_app.core.exchange import xlsx_limits
from fgd_app.core.exchange.cell_text import from_csv
from fgd_app.i18n import tr

MAX_BYTES = 20 * 1024 * 1024
LIST_LIMITS = xlsx_limits.Limits(unpacked_bytes=100 * 1024 * 1024, rows=20_000, columns=200)
ENCODINGS = ("utf-8-sig", "cp1252")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportFileError(FgdError):
    """A file that cannot be read as a list; the message says why, in the user's language."""


@dataclass
class SourceTable:
    """The cells of one sheet as text: ``rows[i]`` is a list as long as ``columns``.

    ``lines[i]`` is the row number the facilitator sees in a spreadsheet program for ``rows[i]``;
    ``lossy`` holds (row index, column index) of cells Excel stored as a rounded number (e.g. an
    18-digit NIP typed as a number keeps only 15 digits).
    """

    name: str
    columns: list[str]
    rows: list[list[str]]
    lines: list[int]
    sheet_names: list[str] = field(default_factory=list)
    sheet: str = ""
    lossy: set[tuple[int, int]] = field(default_factory=set)


def read_table(path: str | os.PathLike, sheet: str | None = None) -> SourceTable:
    """Read a CSV or XLSX file (``sheet``: the sheet of a workbook, default the first)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFileError(tr("\u201c{name}\u201d is too large for a list ({size} MB).", name=path.name,
                                     size=size // (1024 * 1024)))
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(tr("The file \u201c{path}\u201d does not exist.", path=path)) from None
    except IsADirectoryError:
        raise ImportFileError(tr("\u201c{path}\u201d is a folder, not a file.", path=path)) from None
    except PermissionError:
        raise ImportFileError(tr("The file \u201c{path}\u201d cannot be read (no permission).",
                                 path=path)) from None
    if not data.strip():
        raise ImportFileError(tr("\u201c{name}\u201d is empty.", name=path.name))
    if data.startswith(_OLE_MAGIC):
        raise ImportFileError(tr("\u201c{name}\u201d is an old Excel file (.xls). Save it as .xlsx or CSV in "
                                 "Excel or LibreOffice and import that.", name=path.name))
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(path, data, sheet)
    return _read_csv(path, data)


def _not_a_list(path: Path) -> ImportFileError:
    return ImportFileError(tr("\u201c{name}\u201d is not a CSV or Excel (.xlsx) file.", name=path.name))


def _decode(path: Path, data: bytes) -> str:
    """Return the text of a CSV file; refuse a file that looks binary.

    A file that starts with the UTF-8 byte-order mark and decodes as UTF-8 is text whatever control
    characters its cells hold (the app's own CSV export writes user text as typed, a NUL or a bell too);
    without the mark, a NUL or more than two control characters mean another kind of file.
    """
    if data.startswith(codecs.BOM_UTF8):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-8-sig")
    if b"\x00" in data[:65536]:
        raise _not_a_list(path)
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text[:65536])) > 2:
            raise _not_a_list(path)
        return text
    raise _not_a_list(path)


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _read_csv(path: Path, data: bytes) -> SourceTable:
    text = _decode(path, data)
    delimiter = _sniff_delimiter(text)
    try:
        records = [[from_csv(cell) for cell in record]  # undo the apostrophe our CSV export puts before "=..."
                   for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise ImportFileError(tr("\u201c{name}\u201d could not be read as CSV ({error}).", name=path.name,
                                 error=error)) from None
    return _table(path, records)


def _cell_text(value: object) -> tuple[str, bool]:
    """Return a spreadsheet value as text, and whether Excel had rounded it (a float of 16+ digits)."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("1" if value else "0"), False
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value)), abs(value) >= 1e15
        return repr(value), False
    if isinstance(value, _dt.datetime):
        return (value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")), False
    if isinstance(value, _dt.date):
        return value.isoformat(), False
    return str(value), False


def _read_xlsx(path: Path, data: bytes, sheet: str | None) -> SourceTable:
    book = xlsx_limits.open_workbook(data, path.name, LIST_LIMITS, ImportFileError)
    try:
        names = list(book.sheetnames)
        if not names:
            raise ImportFileError(tr("\u201c{name}\u201d is empty.", name=path.name))
        chosen = sheet if sheet in names else names[0]
        lossy: set[tuple[int, int]] = set()
        records: list[list[str]] = []
        for row in xlsx_limits.sheet_rows(book[chosen], path.name, LIST_LIMITS, ImportFileError):
            cells = []
            for col, value in enumerate(row):
                text, rounded = _cell_text(value)
                if rounded:
                    lossy.add((len(records), col))
                cells.append(text)
            records.append(cells)
    finally:
        book.close()
    table = _table(path, records, lossy)
    table.sheet_names, table.sheet = names, chosen
    return table


def _table(path: Path, records: list[list[str]], lossy: set[tuple[int, int]] | None = None) -> SourceTable:
    """Take the first non-empty record as the header and the rest as rows (all padded to one width)."""
    lossy = lossy or set()
    start = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)
    if start is None:
        raise ImportFileError(tr("\u201c{name}\u201d is empty.", name=path.name))
    body = records[start + 1:]
    if len(records) > LIST_LIMITS.rows or max(map(len, records)) > LIST_LIMITS.columns:
        raise ImportFileError(tr("\u201c{name}\u201d has more than {rows} rows or {columns} columns; this app reads "
                                 "at most that many from a list.", name=path.name,
                                 rows=f"{LIST_LIMITS.rows:,}".replace(",", "."), columns=LIST_LIMITS.columns))
    width = max([len(records[start])] + [len(r) for r in body])
    header = list(records[start]) + [""] * (width - len(records[start]))  # a row may be wider than its header
    while width > 1 and not header[width - 1].strip() and not any(
            len(r) >= width and r[width - 1].strip() for r in body):
        width -= 1
    columns = [(header[i].strip() if i < len(header) else "") or tr("Column {number}", number=i + 1)
               for i in range(width)]
    rows = [[(r[i] if i < len(r) else "") for i in range(width)] for r in body]
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    shifted = {(r - start - 1, c) for r, c in lossy if r > start}
    return SourceTable(path.name, columns, rows, [start + 2 + i for i in range(len(rows))], lossy=shifted)
