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
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fgd_app import APP_ID, __version__
from fgd_app.core.exchange import sheets
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


def _cell_value(column: ColumnSpec, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "date" and isinstance(value, str):
        with contextlib.suppress(ValueError):
            return _dt.date.fromisoformat(value)
    if column.kind == "bool" and column.role != "name":
        return yes_no(value)
    return value


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


def _write_meta(book: Workbook, ws: Workshop, specs: list[SheetSpec]) -> None:
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    info = ws.info()
    meta.append(["format", WORKBOOK_FORMAT, WORKBOOK_VERSION])
    meta.append(["application", APP_ID, __version__])
    meta.append(["workshop_id", info.id, info.region_name])
    meta.append(["exported_at", now_iso(), ""])
    meta.append(["sheet", "table", "header", "column", "role", "ref_display"])
    for spec in specs:
        for column in spec.columns:
            meta.append([spec.title, spec.table.name, column.header, column.column, column.role, column.ref_display])


def workbook_path(path: str | os.PathLike) -> Path:
    """Return the workbook's path: ``.xlsx`` added to a name without extension; any other extension refused."""
    path = Path(path).expanduser().absolute()
    if not path.suffix:
        return path.with_suffix(".xlsx")
    if path.suffix.lower() != ".xlsx":
        raise OutputError(tr("\u201c{name}\u201d is not a workbook name: an Excel workbook ends in .xlsx "
                             "(for CSV files, export them into a folder).", name=path.name))
    return path


def export_workbook(ws: Workshop, path: str | os.PathLike, *, replace: bool = True) -> Path:
    """Write the workbook to ``path`` (via a temporary file and a rename); return the path.

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
    write_legend(legend, ws, present)
    for spec in specs:
        sheet = book.create_sheet(spec.title)
        rows = sheet_rows(ws, spec)
        sheet.append([c.header for c in spec.columns])
        for row in rows:
            sheet.append([_cell_value(c, v) for c, v in zip(spec.columns, row, strict=True)])
        _style_sheet(sheet, spec, rows)
    _write_meta(book, ws, specs)
    book.properties.creator = f"{APP_ID} {__version__}"
    book.properties.title = tr("{workshop} \u2014 workshop data", workshop=ws.info().display_name)
    content = io.BytesIO()  # built in memory: a full disk then fails one plain write, not the zip writer
    book.save(content)
    with Staged(replace=replace) as staged:
        staged.temporary(path).write_bytes(content.getbuffer())
        staged.commit()
    return path


def export_csv(ws: Workshop, folder: str | os.PathLike, *, replace: bool = True) -> list[Path]:
    """Write one CSV file per record type (UTF-8 with BOM, comma-separated, headings in the UI language).

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
    with Staged(replace=replace) as staged:
        for spec, path in zip(specs, paths, strict=True):
            with open(staged.temporary(path), "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([c.header for c in spec.columns])
                for row in sheet_rows(ws, spec):
                    writer.writerow(["" if v is None else yes_no(v) if c.kind == "bool" and c.role != "name" else v
                                     for c, v in zip(spec.columns, row, strict=True)])
        return staged.commit()


def default_workbook_name(ws: Workshop) -> str:
    info = ws.info()
    return f"{info.region_code}_{info.region_name.replace(' ', '-')}_{_dt.date.today().isoformat()}.xlsx"
