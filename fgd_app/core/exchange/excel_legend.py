"""The legend sheet of the workbook: how to read and edit it, the risk matrix in colour, and the lists in use."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from fgd_app import APP_NAME, __version__
from fgd_app.core.store import dictionary
from fgd_app.core.store.known_schema import Table
from fgd_app.core.store.writer import _q
from fgd_app.core.workshop_file import Workshop
from fgd_app.i18n import format_date, tr

if TYPE_CHECKING:
    from fgd_app.core.exchange.excel_export import TextLog

TITLE = Font(bold=True, size=14)
SECTION = Font(bold=True, size=12, color="1F4E79")
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
EDGE = Side(style="thin", color="808080")
BOX = Border(left=EDGE, right=EDGE, top=EDGE, bottom=EDGE)
MATRIX_TABLES = ("risk_matrix_cell", "risk_level", "risk_likelihood_level", "risk_impact_level")
_HIDDEN = ("id", "created_at", "updated_at", "singleton", "position")


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour.lstrip("#").upper())


def _text_colour(colour: str) -> str:
    """Return black or white, whichever reads better on ``colour``."""
    rgb = colour.lstrip("#")
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return "000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 140 else "FFFFFF"


class _Cursor:
    def __init__(self, sheet, log: TextLog):
        self.sheet = sheet
        self.row = 1
        self.log = log

    def line(self, *values: Any, font: Font | None = None, skip: int = 1) -> int:
        for col, value in enumerate(values, start=1):
            where = f"{self.sheet.title}!{get_column_letter(col)}{self.row}"
            cell = self.sheet.cell(row=self.row, column=col, value=self.log.value(value, where))
            if isinstance(value, str):
                cell.data_type = "s"  # a name typed as "=..." stays text
            if font is not None:
                cell.font = font
        row = self.row
        self.row += skip
        return row


def write_legend(sheet, ws: Workshop, tables: dict[str, Table], log: TextLog | None = None) -> None:
    """Fill ``sheet`` (the workbook's first) with the legend (text escaped as ``log`` says, see ``cell_text``)."""
    from fgd_app.core.exchange.excel_export import TextLog

    sheet.title = tr("Legend")
    info = ws.info()
    out = _Cursor(sheet, log if log is not None else TextLog())
    out.line(info.display_name, font=TITLE)
    out.line(tr("Exported on {date} by {app} {version}.", date=format_date(_dt.date.today()), app=APP_NAME,
                version=__version__), skip=2)
    out.line(tr("How to use this workbook"), font=SECTION)
    for text in (
        tr("Blue headings: columns you may edit. Grey headings: shown only (IDs, times, values the app computes); "
           "they are never imported, and the ID columns must not be changed."),
        tr("To add a row, fill in a new line and leave its ID empty. To delete a row, delete the whole line."),
        tr("To point at another OPD (or dimension, element, ...), type its name in the name column next to the ID."),
        tr("Import the edited workbook in the app: it shows what would change, sheet by sheet, before anything is "
           "saved, and the whole import can be undone."),
    ):
        out.line("\u2022 " + text)
    out.row += 1
    if all(name in tables for name in MATRIX_TABLES):
        _risk_matrix(out, ws)
    for name in dictionary.table_order():
        if name in tables and dictionary.table_option(name, "list") and name not in MATRIX_TABLES:
            _list(out, ws, tables[name], tables)
    sheet.column_dimensions["A"].width = 34
    for col in range(2, 10):
        sheet.column_dimensions[get_column_letter(col)].width = 20
    for row in sheet.iter_rows(min_row=4, max_row=9):
        for cell in row[:1]:
            cell.alignment = Alignment(wrap_text=False)


def _risk_matrix(out: _Cursor, ws: Workshop) -> None:
    store = ws.store
    name = store.scalar("SELECT name FROM risk_matrix") if store.scalar(
        "SELECT count(*) FROM sqlite_master WHERE name = 'risk_matrix'") else None
    out.line(tr("Risk analysis matrix") + (f": {name}" if name else ""), font=SECTION)
    out.line(tr("The risk magnitude is looked up in this grid, not computed as likelihood \u00d7 impact."), skip=2)
    likelihoods = store.query("SELECT number, name FROM risk_likelihood_level ORDER BY number DESC")
    impacts = store.query("SELECT number, name FROM risk_impact_level ORDER BY number")
    cells = {(r[0], r[1]): (r[2], r[3]) for r in store.query(
        "SELECT likelihood, impact, magnitude, level FROM risk_matrix_cell")}
    levels = {r[0]: (r[1], r[2], r[3], r[4]) for r in store.query(
        "SELECT number, name, colour, min_magnitude, max_magnitude FROM risk_level ORDER BY number")}
    head = out.line(tr("Likelihood \\ Impact"), *[f"{n}. {label}" for n, label in impacts], font=BOLD)
    for col in range(1, len(impacts) + 2):
        cell = out.sheet.cell(row=head, column=col)
        cell.fill, cell.border = HEAD_FILL, BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    out.sheet.row_dimensions[head].height = 32
    for number, label in likelihoods:
        row = out.line(f"{number}. {label}")
        first = out.sheet.cell(row=row, column=1)
        first.fill, first.border, first.font = HEAD_FILL, BOX, BOLD
        for col, (impact, _) in enumerate(impacts, start=2):
            magnitude, level = cells.get((number, impact), (None, None))
            cell = out.sheet.cell(row=row, column=col, value=magnitude)
            cell.border, cell.alignment = BOX, Alignment(horizontal="center", vertical="center")
            if level in levels:
                colour = levels[level][1]
                cell.fill = _fill(colour)
                cell.font = Font(bold=True, color=_text_colour(colour))
    out.row += 1
    out.line(tr("Risk levels"), font=BOLD)
    for number, (label, colour, low, high) in levels.items():
        row = out.line(f"{number}. {label}", tr("magnitude {low}\u2013{high}", low=low, high=high))
        cell = out.sheet.cell(row=row, column=1)
        cell.fill, cell.font, cell.border = _fill(colour), Font(bold=True, color=_text_colour(colour)), BOX
    out.row += 1
    for table, title in (("risk_likelihood_level", tr("Likelihood levels")), ("risk_impact_level", tr("Impact levels"))):
        out.line(title, font=BOLD)
        for number, label, description in store.query(f"SELECT number, name, description FROM {table} ORDER BY number"):
            out.line(f"{number}. {label}", description)
        out.row += 1


def _list(out: _Cursor, ws: Workshop, table: Table, tables: dict[str, Table]) -> None:
    columns = [c.name for c in table.columns if c.name not in _HIDDEN and not c.hidden]
    headers, selects, joins = [], [], []
    for n, column in enumerate(columns):
        fk = table.reference_to(column)
        display = dictionary.table_option(fk.table, "display", "") if fk else ""
        if fk and display and fk.table in tables:
            headers.append(dictionary.table_label(fk.table))
            selects.append(f"p{n}.{_q(display)}")
            joins.append(f"LEFT JOIN {_q(fk.table)} p{n} ON p{n}.{_q(fk.ref_columns[0])} = t.{_q(column)}")
        else:
            headers.append(dictionary.column_label(table.name, column))
            selects.append(f"t.{_q(column)}")
    if not selects:
        return
    order = "t.position, t.rowid" if "position" in table.column_names else "t.rowid"
    rows = ws.store.query(f"SELECT {', '.join(selects)} FROM {_q(table.name)} t {' '.join(joins)} ORDER BY {order}")
    out.line(dictionary.table_label(table.name), font=SECTION)
    head = out.line(*headers, font=BOLD)
    for col in range(1, len(headers) + 1):
        out.sheet.cell(row=head, column=col).fill = HEAD_FILL
    for row in rows:
        out.line(*row)
    out.row += 1
