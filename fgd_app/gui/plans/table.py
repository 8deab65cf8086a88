"""The editable plans table: a delegate per kind of field, and Enter that commits and moves on.

Enter in a cell saves it (one undoable operation) and moves to the next field; from the last field of a
row it goes to the first field of the next row, and from the last row to the new-plan line. A value the
core refuses keeps the editor open with the typed text and the message shown at the cell.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.typed_entry import opd_completion
from fgd_app.gui.plans.editors import RupiahEdit, YearSpin
from fgd_app.gui.plans.entry_line import completer
from fgd_app.gui.plans.model import COLUMNS, KEYS, PlansModel
from fgd_app.gui.widgets.table_model import Index
from fgd_app.i18n import tr

EDITABLE = [n for n, c in enumerate(COLUMNS) if c.editable]
# shown first (left to right): what the room asks about; output, indicator, target, ... follow
FIRST_COLUMNS = ("position", "activity", "first_year", "last_year", "funding", "budget", "opd")


class PlanDelegate(QStyledItemDelegate):
    """Editors: year spin boxes inside the horizon, OPD/funding with completion, status list, rupiah."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.pending: dict[tuple[int, int], Any] = {}  # refused value to show again in the reopened editor

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        key = KEYS[index.column()]
        name = tr(COLUMNS[index.column()].title)
        if key in ("first_year", "last_year"):
            first, last = self.ws.plans.horizon()
            editor: QWidget = YearSpin(first, last, name, parent)
        elif key == "budget":
            editor = RupiahEdit(parent)
        elif key == "status":
            editor = QComboBox(parent)
            for status in self.ws.plans.statuses.list():
                editor.addItem(status.display)
        else:
            editor = QLineEdit(parent)
            if key == "opd":
                editor.setCompleter(completer(editor, [opd_completion(o) for o in self.ws.opds.list()]))
            elif key == "funding":
                editor.setCompleter(completer(editor, [f.display for f in self.ws.plans.funding_sources.list()]))
        editor.setAccessibleName(name)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 - Qt override
        value = self.pending.pop((index.row(), index.column()), None)
        if value is None:
            value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, YearSpin):
            try:
                editor.setValue(int(value))
            except (TypeError, ValueError):
                editor.lineEdit().setText(str(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findText(str(value))))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, YearSpin):
            editor.interpretText()
            value: Any = editor.value()
        elif isinstance(editor, QComboBox):
            value = editor.currentText()
        else:
            value = editor.text()  # type: ignore[attr-defined]
        if not model.setData(index, value, Qt.ItemDataRole.EditRole):
            table = self.parent()
            if isinstance(table, PlanTable) and table.refused_at is not None:  # reopen this cell, as typed
                table.refused_at = (index.row(), index.column())
                self.pending[table.refused_at] = value


class PlanTable(QTableView):
    """The plans of one innovation; ``past_last_row`` when Enter leaves the last row."""

    past_last_row = Signal()
    dependencies_requested = Signal(int)  # row

    def __init__(self, workshop: Workshop, model: PlansModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.plans_model = model
        self.delegate = PlanDelegate(workshop, self)
        self.setItemDelegate(self.delegate)
        self.refused_at: tuple[int, int] | None = None
        model.refused.connect(self._refused)
        self.setAccessibleName(tr("Action plans of the chosen innovation"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        char = self.fontMetrics().averageCharWidth()
        widths = {"position": 4, "activity": 34, "output": 24, "indicator": 22, "target": 12, "first_year": 8,
                  "last_year": 8, "stage": 10, "opd": 16, "partners": 18, "funding": 10, "budget": 19,
                  "status": 13, "depends_on": 14}
        header_metrics = header.fontMetrics()  # bold on some styles: a header wider than its column is cut
        for column, key in enumerate(KEYS):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.setColumnWidth(column, max(widths[key] * char + 12, header_metrics.horizontalAdvance(title) + 24))
        # the key columns first, so that a 1024-pixel screen shows them; the rest follow to the right
        for visual, key in enumerate(FIRST_COLUMNS):
            header.moveSection(header.visualIndex(KEYS.index(key)), visual)
        if workshop.read_only:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def _refused(self, row: int, column: int, message: str, value: object) -> None:
        self.refused_at = (row, column)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        """After Enter: move to the next field, or reopen the editor when the value was refused."""
        refused, self.refused_at = self.refused_at, None
        index = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint
                            if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache else hint)
        if refused is not None:
            target = self.model().index(*refused)
            self.setCurrentIndex(target)
            QTimer.singleShot(0, lambda: self.edit(target))
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_next(index)

    def move_next(self, index: QModelIndex) -> None:
        """Go to the next editable column on screen (left to right), or to the next row's first."""
        header = self.horizontalHeader()
        on_screen = sorted(EDITABLE, key=header.visualIndex)
        later = [c for c in on_screen if header.visualIndex(c) > header.visualIndex(index.column())]
        if later:
            self.setCurrentIndex(self.model().index(index.row(), later[0]))
        elif index.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(index.row() + 1, on_screen[0]))
        else:
            self.past_last_row.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        index = self.currentIndex()
        key = event.key()
        if index.isValid() and KEYS[index.column()] == "depends_on" and key in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2, Qt.Key.Key_Space):
            self.dependencies_requested.emit(index.row())
            return
        if index.isValid() and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            if not self.edit(index):
                self.move_next(index)
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and KEYS[index.column()] == "depends_on":
            self.dependencies_requested.emit(index.row())
            return
        super().mouseDoubleClickEvent(event)
