"""Choose the innovation a plan moves to: a searchable list of the other innovations."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.innovations.records import InnovationRow
from fgd_app.gui.plans.model import InnovationsModel
from fgd_app.gui.widgets.dialogs import ok_cancel_buttons
from fgd_app.i18n import tr


class MoveDialog(QDialog):
    """Type part of a code or name, pick with the arrows, Enter moves the plan there."""

    def __init__(self, workshop: Workshop, rows: list[InnovationRow], current_id: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Move the plan to another innovation"))
        self.model = InnovationsModel(self)
        self.model.set_rows([r for r in rows if r.id != current_id], workshop.plans.counts())
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Type part of the code or name"))
        self.search.setAccessibleName(tr("Search the innovation to move to"))
        self.search.textChanged.connect(self._filter)
        self.list = QTableView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(tr("Innovations to move to"))
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.list.fontMetrics().horizontalAdvance("9999") + 16)
        self.list.activated.connect(lambda _i: self.accept())
        self.search.returnPressed.connect(self.accept)
        self.search.installEventFilter(self)
        buttons = ok_cancel_buttons(self, tr("Move"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Move the plan to:")))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 460)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        """Up/Down in the search box move through the list."""
        if obj is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            row = self.list.currentIndex().row() + (1 if event.key() == Qt.Key.Key_Down else -1)
            if 0 <= row < self.proxy.rowCount():
                self.list.setCurrentIndex(self.proxy.index(row, 0))
            return True
        return super().eventFilter(obj, event)

    def chosen(self) -> str | None:
        index = self.list.currentIndex()
        return self.proxy.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None
