"""The rows of an import preview as a table: row number, what happens and why (colour and text), values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from fgd_app.core.people.importer import (
    DUPLICATE,
    EMPTY,
    FILE_DUPLICATE,
    NEW,
    REJECTED,
    STATUS_LABELS,
    ImportPreview,
    PreviewRow,
)
from fgd_app.core.workshop.defaults import pentahelix_label
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, tr

# (background, text colour of the status) per status: green new, amber duplicates, grey empty, red rejected
STATUS_COLOURS = {
    NEW: theme.IMPORT_NEW,
    DUPLICATE: theme.IMPORT_DUPLICATE,
    FILE_DUPLICATE: theme.IMPORT_DUPLICATE,
    EMPTY: theme.IMPORT_EMPTY,
    REJECTED: theme.IMPORT_REJECTED,
}
STATUS_SIGNS = {NEW: "+", DUPLICATE: "=", FILE_DUPLICATE: "=", EMPTY: "\u2013", REJECTED: "\u00d7"}


class PreviewModel(RowTableModel[PreviewRow]):
    """Read-only rows of an ``ImportPreview``; the columns follow the fields that are mapped."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.keys: list[str] = []
        self.headers: list[str] = []

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.rows = list(preview.rows) if preview is not None else []
        self.keys, self.headers = ["line", "status"], [N_("Row"), N_("What happens")]
        if preview is not None:
            for field in preview.fields:
                if field.key in preview.mapping:
                    self.keys.append(field.key)
                    self.headers.append(N_("Pentahelix") if field.key == "pentahelix" else field.label)
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def text(self, row: int, key: str) -> str:
        item = self.rows[row]
        if key == "line":
            return str(item.line)
        if key == "status":  # "= Already registered: Same name as ..." — the status and why, always in view
            text = f"{STATUS_SIGNS[item.status]} {tr(STATUS_LABELS[item.status])}"
            return f"{text}: {item.message}" if item.message else text
        value = item.values.get(key, "")
        if key == "pentahelix" and value:
            return pentahelix_label(value)
        return value

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.preview is None:
            return None
        key = self.keys[index.column()]
        item = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(index.row(), key)
            return text if role == Qt.ItemDataRole.DisplayRole or text else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOURS[item.status][0]))
        if role == Qt.ItemDataRole.ForegroundRole and key == "status" and item.status != NEW:
            return QBrush(QColor(STATUS_COLOURS[item.status][1]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(theme.DARK_TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "line":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
