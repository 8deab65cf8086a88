"""Excel workbook and CSV export: one sheet (or file) per record type, plus a legend sheet.

The workbook keeps every stable ID and code, so an edited copy can be imported back
(``fgd_app.core.exchange.excel_import``): grey headings mark columns that are shown but never imported (IDs,
timestamps, values the app computes), and a hidden sheet ``_fgd`` records which column is which.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import io
import os
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fgd_app import APP_ID, __version__
from fgd_app.core.exchange import cell_text, sheets
from fgd_app.core.exchange.sheets import ColumnSpec, SheetSpec
from fgd_app.core.output_files import OutputError, Staged, check_target, output_error
from fgd_app.core.store import known_schema
from fgd_app.core.store.writer import _q, now_iso
from fgd_app.core.workshop_file import Workshop
from fgd_app.i18n import language, tr

META_SHEET = "_fgd"
WORKBOOK_FORMAT = "fgd_app.workbook"
WORKBOOK_VERSION = "1"
EDIT_FILL = PatternFill("solid", fgColor="1F4E79")
INFO_FILL = PatternFill("solid", fgColor="808080")
HEADER_FONT = Font(bold=True, color="FFFFFF")
INFO_FONT = Font(color="7F7F7F")
THIN = Side(style="thin", color="BFBFBF")
RUPIAH_FORMAT = '"Rp "#,##0'
WIDTHS = {"key": 12, "ref": 12, "name": 28, "text": 50, "code": 16, "rupiah": 18, "date": 18, "datetime": 22,
          "year": 10, "bool": 8, "int": 10}


def yes_no(value: Any) -> str:
    return tr("Yes") if value else tr("No")


def _date_format() -> str:
    return "[$-421]d mmmm yyyy" if language() == "id" else "d mmmm yyyy"


def _displays(ws: Workshop, spec: SheetSpec) -> dict[str, dict[Any, Any]]:
    """Return {ref column: {parent key: readable name}} for the sheet's ``name`` columns."""
    out: dict[str, dict[Any, Any]] = {}
    for column in spec.columns:
        if column.role == "name" and column.ref is not None:
            key = column.ref.ref_columns[0]
            out[column.column] = {r[0]: r[1] for r in ws.store.query(
                f"SELECT {_q(key)}, {_q(column.ref_display)} FROM {_q(column.ref.table)}")}
    return out


def sheet_rows(ws: Workshop, spec: SheetSpec) -> list[list[Any]]:
    """Return the cell values of a sheet (raw stored values; names looked up)."""
    names = _displays(ws, spec)
    rows = ws.store.query(f"SELECT * FROM {_q(spec.table.name)} ORDER BY {spec.order_by()}")
    out = []
    for row in rows:
        line = []
        for column in spec.columns:
            value = row[column.column]
            if column.role == "name":
                value = names.get(column.column, {}).get(value)
            line.append(value)
        out.append(line)
    return out


class TextLog:
    """Count the cells whose text the workbook cannot hold as it is (see ``cell_text``), for the export's notes."""

    def __init__(self) -> None:
        self.escaped: list[str] = []  # "Sheet!B7" of cells holding control characters
        self.cut: list[str] = []  # of cells cut to Excel's limit

    def value(self, value: Any, where: str) -> Any:
        """Return ``value`` as it can be written in cell ``where`` (text escaped or cut where it must be)."""
        if not isinstance(value, str):
            return value
        text, escaped, cut = cell_text.to_cell(value)
        self.note(where, escaped, cut)
        return text

    def note(self, where: str, escaped: bool, cut: bool) -> None:
        if escaped:
            self.escaped.append(where)
        if cut:
            self.cut.append(where)

    def notes(self) -> list[str]:
        """Return what was written differently from what is stored, in the user's language."""
        out = []
        if self.escaped:
            out.append(tr("{count} cells hold control characters (such as a bell sign) that Excel cannot store as "
                          "they are; they were written in Excel's escaped form (_x0007_) and come back exactly "
                          "when the workbook is imported. First: {cells}.", count=len(self.escaped),
                          cells=", ".join(self.escaped[:5])))
        if self.cut:
            out.append(tr("{count} cells hold more than {limit} characters, more than an Excel cell can hold; "
                          "they were cut there, and importing the workbook leaves the full text unchanged. "
                          "First: {cells}.", count=len(self.cut), limit=f"{cell_text.CELL_LIMIT:,}",
                          cells=", ".join(self.cut[:5])))
        return out


def _cell_value(column: ColumnSpec, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "date" and isinstance(value, str):
        with contextlib.suppress(ValueError):
            return _dt.date.fromisoformat(value)
    if column.kind == "bool" and column.role != "name":
        return yes_no(value)
    return value


def write_row(sheet, values: list[Any], log: TextLog) -> None:
    """Append ``values`` as a row; text is always a string cell (``=...`` typed by a user is never a formula)."""
    cells, changes = [], []
    for value in values:
        if isinstance(value, str):
            text, escaped, cut = cell_text.to_cell(value)
            cell = Cell(sheet, value=text)
            cell.data_type = "s"
            changes.append((cell, escaped, cut))
        else:
            cell = Cell(sheet, value=value)
        cells.append(cell)
    sheet.append(cells)
    for cell, escaped, cut in changes:
        log.note(f"{sheet.title}!{cell.coordinate}", escaped, cut)


def _style_sheet(sheet, spec: SheetSpec, rows: list[list[Any]]) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = HEADER_FONT
        cell.fill = EDIT_FILL if column.role in ("value", "name") and spec.editable else INFO_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cell.border = Border(bottom=THIN)
        letter = get_column_letter(index)
        longest = max([len(str(r[index - 1])) for r in rows if r[index - 1] is not None] or [0])
        kind_width = WIDTHS.get("key" if column.role in ("key", "ref") else column.kind)
        width = kind_width or min(max(len(column.header) + 2, longest + 2, 10), 40)
        sheet.column_dimensions[letter].width = max(width, min(len(column.header) + 2, 30))
        body = None
        if column.role in ("key", "ref", "info") or not spec.editable:
            body = INFO_FONT
        number_format = {"rupiah": RUPIAH_FORMAT, "date": _date_format(), "code": "@"}.get(column.kind)
        wrap = column.kind == "text"
        for row_index in range(2, len(rows) + 2):
            cell = sheet.cell(row=row_index, column=index)
            if body is not None:
                cell.font = body
            if number_format:
                cell.number_format = number_format
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if spec.editable and column.role == "value" and (column.choices or column.kind == "bool"):
            choices = column.choices or (tr("Yes"), tr("No"))
            formula = '"' + ",".join(choices) + '"'
            if len(formula) <= 255:
                check = DataValidation(type="list", formula1=formula, allow_blank=True)
                sheet.add_data_validation(check)
                check.add(f"{letter}2:{letter}{max(len(rows) + 200, 500)}")
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{len(rows) + 1}"


def _write_meta(book: Workbook, ws: Workshop, specs: list[SheetSpec], log: TextLog) -> None:
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    info = ws.info()
    write_row(meta, ["format", WORKBOOK_FORMAT, WORKBOOK_VERSION], log)
    write_row(meta, ["application", APP_ID, __version__], log)
    write_row(meta, ["workshop_id", info.id, info.region_name], log)
    write_row(meta, ["exported_at", now_iso(), ""], log)
    write_row(meta, ["sheet", "table", "header", "column", "role", "ref_display"], log)
    for spec in specs:
        for column in spec.columns:
            write_row(meta, [spec.title, spec.table.name, column.header, column.column, column.role,
                             column.ref_display], log)


def workbook_path(path: str | os.PathLike) -> Path:
    """Return the workbook's path: ``.xlsx`` added to a name without extension; any other extension refused."""
    path = Path(path).expanduser().absolute()
    if not path.suffix:
        return path.with_suffix(".xlsx")
    if path.suffix.lower() != ".xlsx":
        raise OutputError(tr("\u201c{name}\u201d is not a workbook name: an Excel workbook ends in .xlsx "
                             "(for CSV files, export them into a folder).", name=path.name))
    return path


def export_workbook(ws: Workshop, path: str | os.PathLike, *, replace: bool = True,
                    notes: list[str] | None = None) -> Path:
    """Write the workbook to ``path`` (via a temporary file and a rename); return the path.

    Text is written as text and what a cell cannot hold as it is (control characters, more than 32,767
    characters) is escaped or cut as ``cell_text`` describes; ``notes``, when given, receives a sentence per
    such change, in the user's language.

    Raise ``OutputError`` when ``path`` has another extension than .xlsx, exists and ``replace`` is False,
    or cannot be written; the target is then unchanged.
    """
    from fgd_app.core.exchange.excel_legend import write_legend

    path = workbook_path(path)
    check_target(path, replace=replace)
    present = known_schema.introspect(ws.store.conn)
    specs = sheets.build_specs(present)
    book = Workbook()
    legend = book.active
    log = TextLog()
    write_legend(legend, ws, present, log)
    for spec in specs:
        sheet = book.create_sheet(spec.title)
        rows = sheet_rows(ws, spec)
        write_row(sheet, [c.header for c in spec.columns], log)
        for row in rows:
            write_row(sheet, [_cell_value(c, v) for c, v in zip(spec.columns, row, strict=True)], log)
        _style_sheet(sheet, spec, rows)
    _write_meta(book, ws, specs, log)
    if notes is not None:
        notes += log.notes()
    book.properties.creator = f"{APP_ID} {__version__}"
    book.properties.title = tr("{workshop} \u2014 workshop data", workshop=ws.info().display_name)
    content = io.BytesIO()  # built in memory: a full disk then fails one plain write, not the zip writer
    book.save(content)
    with Staged(replace=replace) as staged:
        staged.temporary(path).write_bytes(content.getbuffer())
        staged.commit()
    return path


def csv_value(column: ColumnSpec, value: Any, quoted: list[str]) -> Any:
    """Return a CSV field; text starting with a formula sign gets an apostrophe in front (see ``cell_text``)."""
    if value is None:
        return ""
    if column.kind == "bool" and column.role != "name":
        return yes_no(value)
    value, neutralised = cell_text.to_csv(value)
    if neutralised:
        quoted.append(column.header)
    return value


def export_csv(ws: Workshop, folder: str | os.PathLike, *, replace: bool = True,
               notes: list[str] | None = None) -> list[Path]:
    """Write one CSV file per record type (UTF-8 with BOM, comma-separated, headings in the UI language).

    Text starting with ``= + - @``, a tab or a carriage return is written with an apostrophe in front, so a
    spreadsheet program opening the file shows it instead of running it as a formula; the list importer
    removes that apostrophe again. ``notes``, when given, receives a sentence saying how many fields got one.

    The folder is created when missing. All files are written under temporary names and renamed together
    at the end: an error leaves no new file. With ``replace`` False an existing CSV file of the same name
    is refused (``OutputExistsError``) before anything is written.
    """
    folder = Path(folder).expanduser().absolute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise output_error(error, folder) from error
    specs = sheets.build_specs(known_schema.introspect(ws.store.conn))
    paths = [folder / f"{spec.table.name}.csv" for spec in specs]
    for path in paths:
        check_target(path, replace=replace)
    quoted: list[str] = []
    with Staged(replace=replace) as staged:
        for spec, path in zip(specs, paths, strict=True):
            with open(staged.temporary(path), "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([c.header for c in spec.columns])
                for row in sheet_rows(ws, spec):
                    writer.writerow([csv_value(c, v, quoted) for c, v in zip(spec.columns, row, strict=True)])
        if quoted and notes is not None:
            notes.append(tr("{count} fields start with =, +, -, @ or a tab and could be run as a formula by a "
                            "spreadsheet program; they were written with an apostrophe in front (the list import "
                            "removes it).", count=len(quoted)))
        return staged.commit()


def default_workbook_name(ws: Workshop) -> str:
    info = ws.info()
    return f"{info.region_code}_{info.region_name.replace(' ', '-')}_{_dt.date.today().isoformat()}.xlsx"
