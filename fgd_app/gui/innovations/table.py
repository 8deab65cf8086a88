"""The capture table view: sortable, inline edit of the short fields (combo boxes for choices)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QStyledItemDelegate, QTableView, QWidget

from fgd_app.core import Workshop
from fgd_app.core.innovations.records import STATUSES, status_label
from fgd_app.gui.innovations.model import COLUMN, COLUMNS, InnovationFilter, ict_label
from fgd_app.gui.widgets.common import SearchableCombo
from fgd_app.i18n import tr


class ChoiceDelegate(QStyledItemDelegate):
    """Edit a cell by picking from a list: (label, value) pairs from ``choices(index)``."""

    def __init__(self, table: InnovationTable, key: str):
        super().__init__(table)
        self.table = table
        self.key = key

    def choices(self, index: QModelIndex) -> list[tuple[str, object]]:
        ws = self.table.workshop
        if self.key == "element":
            dimension_id = self.table.proxy.source().rows[self.table.proxy.mapToSource(index).row()].dimension_id
            return [(tr("(no element)"), None)] + [(e.name, e.id) for e in ws.elements.of(dimension_id)]
        if self.key == "lead_opd":
            return [(o.display, o.id) for o in ws.opds.list()]
        if self.key == "status":
            return [(status_label(s), s) for s in STATUSES]
        return [(ict_label(True), True), (ict_label(False), False)]

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802 - Qt API
        editor = SearchableCombo(parent) if self.key == "lead_opd" else QComboBox(parent)
        for label, value in self.choices(index):
            editor.addItem(label, value)
        editor.setAccessibleName(tr(COLUMNS[COLUMN[self.key]][1]))
        editor.activated.connect(lambda _n: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802 - Qt API
        value = index.data(Qt.ItemDataRole.EditRole)
        found = next((n for n in range(editor.count()) if editor.itemData(n) == value), -1)
        editor.setCurrentIndex(found)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802
        if editor.currentIndex() >= 0:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class InnovationTable(QTableView):
    """The innovations of the chosen dimension (or the search results); rows select whole innovations."""

    def __init__(self, workshop: Workshop, proxy: InnovationFilter, parent=None):
        super().__init__(parent)
        self.workshop = workshop
        self.proxy = proxy
        self.setModel(proxy)
        self.setAccessibleName(tr("Innovations"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        metrics = self.fontMetrics()
        widths = {"code": "GOV-000", "element": "Pelayanan Publik", "lead_opd": "Diskominfosatik",
                  "supporting": "Bappeda, Setda", "status": tr("Running"), "is_ict": tr("Non-ICT"),
                  "proposing_group": "Meja 10"}
        header_metrics = header.fontMetrics()
        for key, sample in widths.items():
            title = str(self.model().headerData(COLUMN[key], Qt.Orientation.Horizontal) or "")
            header.resizeSection(COLUMN[key], max(metrics.horizontalAdvance(sample) + 18,
                                                  header_metrics.horizontalAdvance(title) + 18))
        header.setSectionResizeMode(COLUMN["name"], QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        for key in ("element", "lead_opd", "status", "is_ict"):
            self.setItemDelegateForColumn(COLUMN[key], ChoiceDelegate(self, key))

    def selected_ids(self) -> list[str]:
        """Return the ids of the selected innovations, in table order."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.proxy.innovation_id(row) for row in rows]

    def current_id(self) -> str | None:
        index = self.currentIndex()
        return self.proxy.innovation_id(index.row()) if index.isValid() else None

    def select_id(self, innovation_id: str, *, scroll: bool = True) -> bool:
        """Make the innovation the current, only selected row; False when it is filtered out."""
        row = self.proxy.row_of(innovation_id)
        if row is None:
            return False
        index = self.proxy.index(row, COLUMN["name"])
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                              | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.scrollTo(index)
        return True

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Leave the name column room: hide the less needed columns when the table is narrow."""
        super().resizeEvent(event)
        width = self.width()
        for key, below in (("supporting", 820), ("proposing_group", 820), ("is_ict", 720), ("status", 640),
                           ("element", 500)):
            self.setColumnHidden(COLUMN[key], width < below)
