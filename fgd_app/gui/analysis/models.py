"""Editable table models of the region's analysis: one generic model over core records, typed columns.

A ``Column`` names the record's field, its header (an English msgid) and its kind: ``text``, ``int``
(typed, checked by the core), ``choice`` (a combo box of (key, label) pairs), ``check`` (a tick box) or
``view`` (read-only, computed by the page). ``setData`` hands the typed value to ``save(row, field,
value)``, which runs one core operation; a ``ValidationError`` is shown by the page (``error`` signal).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from fgd_app.core.errors import FgdError
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import tr

Choices = Callable[[], Sequence[tuple[Any, str]]]


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # English msgid (N_)
    kind: str = "text"  # text, int, choice, check, view
    choices: Choices | None = None
    view: Callable[[Any], str] | None = None  # for kind "view": the text shown for a row


class RecordModel(RowTableModel):
    """Rows of core records (dataclasses with ``id``) shown and edited column by column."""

    error = Signal(str)  # a refused edit's message, for the page to show

    def __init__(self, columns: Sequence[Column], save: Callable[[Any, str, Any], None], *, read_only: bool,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.headers = [c.header for c in self.columns]
        self.save = save
        self.read_only = read_only

    def column_of(self, field: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.field == field)

    def _label(self, column: Column, value: Any) -> str:
        if column.kind == "choice" and column.choices is not None:
            return next((text for key, text in column.choices() if key == value), "" if value is None else str(value))
        return "" if value is None else str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index)
        if row is None:
            return None
        column = self.columns[index.column()]
        if column.kind == "view":
            return column.view(row) if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                and column.view else None
        value = getattr(row, column.field)
        if column.kind == "check":
            return (Qt.CheckState.Checked if value else Qt.CheckState.Unchecked) \
                if role == Qt.ItemDataRole.CheckStateRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._label(column, value)
            return text.replace("\n", " \u21b5 ")
        if role == Qt.ItemDataRole.EditRole:
            return value if column.kind == "choice" else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._label(column, value)
            return text if len(text) > 40 else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid() or self.read_only:
            return base
        kind = self.columns[index.column()].kind
        if kind == "check":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base if kind == "view" else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        row = self.row(index)
        if row is None or self.read_only:
            return False
        column = self.columns[index.column()]
        if column.kind == "check":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = 1 if Qt.CheckState(value) == Qt.CheckState.Checked else 0
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if value == getattr(row, column.field, None):
            return False
        try:
            self.save(row, column.field, value)
        except FgdError as error:
            self.error.emit(str(error))
            return False
        return True  # the page reloads from on_changes

    def index_of(self, record_id: str, column: int = 0) -> QModelIndex:
        for number, row in enumerate(self.rows):
            if row.id == record_id:
                return self.index(number, column)
        return QModelIndex()


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the ``choice`` columns of a ``RecordModel``; other columns edit as text."""

    def _column(self, index: QModelIndex) -> Column | None:
        model = index.model()
        return model.columns[index.column()] if isinstance(model, RecordModel) else None

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        column = self._column(index)
        if column is None or column.kind != "choice":
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for key, text in column.choices():
            combo.addItem(text, key)
        combo.setAccessibleName(tr(column.header))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(at, 0))
            editor.showPopup() if editor.isVisible() else None
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
