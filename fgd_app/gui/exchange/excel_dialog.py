"""Excel and CSV: export the workshop, and import an edited workbook after a preview of every change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.exchange.excel_export import default_workbook_name, export_csv, export_workbook
from fgd_app.core.exchange.excel_import import ImportPreview, RowChange, SheetPreview, apply_import, preview_import
from fgd_app.core.workshop_file import Workshop
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import show_error
from fgd_app.gui.widgets.dialogs import CANCEL, OK, ok_cancel_buttons
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, tr

KIND_TEXT = {"add": N_("Add"), "change": N_("Change"), "delete": N_("Delete")}
KIND_COLOUR = {"add": QColor(theme.ADDED_FILL), "change": QColor(theme.CHANGED_FILL), "delete": QColor(theme.DELETED_FILL)}
ERROR_COLOUR = QColor(theme.REFUSED)
COLUMNS = (N_("Row"), N_("Change"), N_("Record"), N_("What changes"), N_("Refused because"))


def _wait_cursor():
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def export_excel_interactive(workshop: Workshop, folder: str, parent: QWidget | None) -> Path | None:
    """Ask where to save the workbook, write it, and return its path (None when cancelled or failed)."""
    suggested = str(Path(folder or Path.home()) / default_workbook_name(workshop))
    path, _ = QFileDialog.getSaveFileName(parent, tr("Export to Excel"), suggested, tr("Excel workbooks (*.xlsx)"))
    if not path:
        return None
    _wait_cursor()
    try:
        return export_workbook(workshop, path)
    except (FgdError, OSError) as error:
        show_error(parent, tr("Export to Excel"), str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()


def export_csv_interactive(workshop: Workshop, folder: str, parent: QWidget | None) -> list[Path]:
    target = QFileDialog.getExistingDirectory(parent, tr("Folder for the CSV files"), folder)
    if not target:
        return []
    try:
        return export_csv(workshop, target)
    except (FgdError, OSError) as error:
        show_error(parent, tr("Export CSV files"), str(error))
        return []


class ChangesModel(RowTableModel[RowChange]):
    """The changes of one sheet: kind, row, record, what changes, and why a row is refused."""

    headers = COLUMNS

    def __init__(self, sheet: SheetPreview, parent: QObject | None = None):
        super().__init__(parent)
        self.rows = sorted(sheet.changes, key=lambda c: (not c.error, c.row or 10**9))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        change = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (str(change.row) if change.row else "\u2013", tr(KIND_TEXT[change.kind]), change.label,
                    change.describe(), change.error)[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == 1:
            return QBrush(KIND_COLOUR[change.kind])
        if role == Qt.ItemDataRole.ForegroundRole and change.error:
            return QBrush(ERROR_COLOUR)
        return None


class ImportExcelDialog(QDialog):
    """Show what importing a workbook would change, sheet by sheet; apply it only on confirmation."""

    def __init__(self, workshop: Workshop, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.preview = preview
        self.applied = 0
        self.setWindowTitle(tr("Import from Excel \u2014 preview"))
        self.resize(980, 620)
        applicable = preview.applicable
        deletes = sum(1 for c in applicable if c.kind == "delete")
        summary = QLabel(tr("{name}: {count} changes can be saved, {failed} rows are refused (listed in red; they "
                            "are left out). Nothing is saved until you press \u201cSave changes\u201d; afterwards "
                            "Ctrl+Z undoes the whole import.", name=preview.path.name, count=len(applicable),
                            failed=len(preview.failed)))
        summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Changes per sheet"))
        for sheet in preview.sheets:
            if not sheet.changes and not sheet.notes:
                continue
            page = QWidget()
            box = QVBoxLayout(page)
            for note in sheet.notes:
                label = QLabel(note)
                label.setWordWrap(True)
                box.addWidget(label)
            view = QTableView()
            view.setModel(ChangesModel(sheet, view))
            view.setAccessibleName(tr("Changes in {sheet}", sheet=sheet.sheet))
            view.verticalHeader().hide()
            view.setWordWrap(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            header = view.horizontalHeader()
            for column in (0, 1):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(2, 240)
            header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(4, 240)
            box.addWidget(view, 1)
            title = tr("{sheet} (+{added} ~{changed} \u2212{deleted})", sheet=sheet.sheet, added=sheet.count("add"),
                       changed=sheet.count("change"), deleted=sheet.count("delete"))
            if sheet.failed:
                title += " \u26a0"
            self.tabs.addTab(page, title)
        self.empty = QLabel(tr("The workbook holds no changes."))
        self.empty.setVisible(self.tabs.count() == 0)
        self.warning = QLabel(tr("Careful: {count} records will be deleted because their rows are missing from "
                                 "the workbook.", count=deletes))
        self.warning.setStyleSheet(theme.text_style(theme.REFUSED, "font-weight: bold;"))
        self.warning.setWordWrap(True)
        self.warning.setVisible(deletes > 0)
        self.buttons = ok_cancel_buttons(self, tr("Save changes"), on_ok=self.save)
        self.save_button, self.cancel_button = self.buttons.button(OK), self.buttons.button(CANCEL)
        self.save_button.setEnabled(bool(applicable) and not workshop.read_only)
        self.save_button.setDefault(bool(applicable))
        self.cancel_button.setDefault(not applicable)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        """Save the changes that passed, as one undoable operation; on failure nothing is saved."""
        _wait_cursor()
        try:
            self.applied = apply_import(self.workshop, self.preview)
        except FgdError as error:
            self.status.setText(str(error))
            self.save_button.setEnabled(False)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()


def import_excel_interactive(workshop: Workshop, folder: str, parent: QWidget | None) -> int:
    """Pick a workbook, preview it, and import it on confirmation; return the number of changes saved."""
    path, _ = QFileDialog.getOpenFileName(parent, tr("Import from Excel"), folder, tr("Excel workbooks (*.xlsx)"))
    if not path:
        return 0
    _wait_cursor()
    try:
        preview = preview_import(workshop, path)
    except FgdError as error:
        QApplication.restoreOverrideCursor()
        show_error(parent, tr("Import from Excel"), str(error))
        return 0
    QApplication.restoreOverrideCursor()
    dialog = ImportExcelDialog(workshop, preview, parent)
    dialog.exec()
    return dialog.applied
