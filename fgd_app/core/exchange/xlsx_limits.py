"""Read an .xlsx workbook without trusting it: size limits, streaming, and one clear message for damage.

A workbook is a zip of XML files, so a few kilobytes can declare or expand to gigabytes (a "spreadsheet
bomb"). Every workbook the app reads (a participant or OPD list, an edited export) goes through here:

- the zip's table of contents is checked first: the unpacked total and each part's packing ratio are capped;
- openpyxl reads in read-only (streaming) mode, and the sheet's declared size (its ``<dimension>``) is
  ignored: it is neither used to pad rows (a declared ``A1:XFD1048576`` made a 4.7 KB file exhaust memory)
  nor to cut them (a stale one hid rows);
- the rows really present are counted as they stream: past ``Limits.rows`` rows, ``Limits.columns``
  columns or a cell of more than ``Limits.cell_chars`` characters, reading stops with a message;
- anything openpyxl or the XML parser raises on a damaged file (``ParseError``, ``BadZipFile``, ...) becomes
  the caller's error class with a message in the user's language, never a traceback.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fgd_app.core.errors import FgdError
from fgd_app.i18n import tr


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold; beyond it the file is refused with a message."""

    unpacked_bytes: int = 200 * 1024 * 1024  # all parts of the zip, unpacked
    ratio: int = 200  # unpacked size / packed size of one part (text XML packs about 10-30x)
    rows: int = 200_000  # rows of one sheet, counted up to the last row present
    columns: int = 500
    cell_chars: int = 32_767  # Excel's own limit for one cell


def _damaged(name: str, error_class: type[FgdError]) -> FgdError:
    return error_class(tr("\u201c{name}\u201d is damaged or is not an Excel (.xlsx) workbook.", name=name))


def check_archive(data: bytes | str | os.PathLike, name: str, limits: Limits,
                  error_class: type[FgdError]) -> None:
    """Refuse a zip whose parts unpack to more than the limits allow (read from its table of contents)."""
    source = io.BytesIO(data) if isinstance(data, bytes) else Path(data)
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _damaged(name, error_class) from None
    total = sum(part.file_size for part in parts)
    packed_too_well = any(part.file_size > 1024 * 1024 and part.file_size > limits.ratio * max(part.compress_size, 1)
                          for part in parts)
    if total > limits.unpacked_bytes or packed_too_well or len(parts) > 10_000:
        raise error_class(tr("\u201c{name}\u201d unpacks to more than this app reads from a workbook ({size} MB; the "
                             "limit is {limit} MB, or it is packed suspiciously tightly). Save the sheet you need "
                             "as a smaller workbook or as CSV.", name=name, size=total // (1024 * 1024),
                             limit=limits.unpacked_bytes // (1024 * 1024)))


def open_workbook(data: bytes | str | os.PathLike, name: str, limits: Limits, error_class: type[FgdError]):
    """Return an openpyxl workbook in read-only mode (values only) after ``check_archive``; close it when done."""
    import openpyxl  # only needed for workbooks

    check_archive(data, name, limits, error_class)
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        return openpyxl.load_workbook(source, read_only=True, data_only=True)
    except MemoryError:
        raise _too_large(name, error_class) from None
    except Exception:  # openpyxl and its XML parser raise many kinds for a damaged file
        raise _damaged(name, error_class) from None


def _too_large(name: str, error_class: type[FgdError]) -> FgdError:
    return error_class(tr("\u201c{name}\u201d is too large to read.", name=name))


def sheet_rows(sheet: Any, name: str, limits: Limits, error_class: type[FgdError]) -> Iterator[tuple]:
    """Yield the value tuples of a read-only sheet's rows (row 1 first), within the limits.

    A missing row comes as ``()``; rows are as wide as their last cell (never padded to the declared size).
    """
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()  # do not trust <dimension>: it pads every row to its width and cuts rows past it
    count = 0
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(rows, None)
        except MemoryError:
            raise _too_large(name, error_class) from None
        except Exception:  # ParseError, BadZipFile, zlib.error, a bad cell reference, ...
            raise _damaged(name, error_class) from None
        if row is None:
            return
        count += 1
        if count > limits.rows:
            raise error_class(tr("The sheet \u201c{sheet}\u201d of \u201c{name}\u201d has more than {limit} rows "
                                 "(counted up to its last filled row); this app reads at most {limit}.",
                                 sheet=sheet.title, name=name, limit=f"{limits.rows:,}".replace(",", ".")))
        if len(row) > limits.columns:
            while row and row[-1] is None:
                row = row[:-1]
            if len(row) > limits.columns:
                raise error_class(tr("Row {row} of the sheet \u201c{sheet}\u201d of \u201c{name}\u201d has more "
                                     "than {limit} columns; this app reads at most {limit}.", row=count,
                                     sheet=sheet.title, name=name, limit=limits.columns))
        for value in row:
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise error_class(tr("A cell in row {row} of the sheet \u201c{sheet}\u201d of \u201c{name}\u201d "
                                     "holds more than {limit} characters.", row=count, sheet=sheet.title,
                                     name=name, limit=f"{limits.cell_chars:,}".replace(",", ".")))
        yield row
