"""The portfolio's tables as an Excel workbook: one sheet per table, user text written as text cells."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fgd_app import APP_ID, __version__
from fgd_app.core.exchange.excel_export import TextLog, write_row
from fgd_app.core.output_files import Staged, check_target
from fgd_app.core.portfolio.compare import Comparison
from fgd_app.i18n import tr

RUPIAH_FORMAT = '"Rp" #,##0'


def _title(text: str, used: set[str]) -> str:
    title = "".join(ch for ch in text if ch not in "[]:*?/\\")[:31] or "Sheet"
    while title in used:
        title = title[:28] + f" {len(used)}"
    used.add(title)
    return title


def write_workbook(tables: Sequence[Comparison], path: str | os.PathLike, *, replace: bool = True,
                   notes: list[str] | None = None) -> Path:
    """Write ``tables`` to ``path`` (.xlsx, via a temporary file and a rename); return the path."""
    path = Path(path)
    check_target(path, replace=replace)
    book = Workbook()
    book.remove(book.active)
    log, used = TextLog(), set()
    for table in tables:
        sheet = book.create_sheet(_title(table.title, used))
        write_row(sheet, list(table.columns), log)
        for row in table.rows:
            write_row(sheet, list(row), log)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE4EE")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for index, kind in enumerate(table.kinds, start=1):
            letter = get_column_letter(index)
            width = max([len(str(table.columns[index - 1]))] + [len(str(r[index - 1])) for r in table.rows[:200]])
            sheet.column_dimensions[letter].width = min(60, max(8, width + 2))
            if kind == "rupiah":
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = RUPIAH_FORMAT
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = sheet.dimensions
    if notes is not None:
        notes += log.notes()
    book.properties.creator = f"{APP_ID} {__version__}"
    book.properties.title = tr("Portfolio of the consolidated file")
    content = io.BytesIO()
    book.save(content)
    with Staged(replace=replace) as staged:
        staged.temporary(path).write_bytes(content.getbuffer())
        staged.commit()
    return path
