"""Sections of the workshop page that hold tables: the planning horizon with its stages, and the
dimensions with their elements.

The workshop page is the first page shown at start: item roles and alignment are the plain ints of
``fgd_app.gui.widgets.qt_values``, so that opening a workshop does not build Qt's ``Qt`` namespace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.gui.widgets.common import FieldError, SavedSpinBox, WrappedLabel, bind_commit, run_save
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QStyleOptionViewItem  # only named: its type loads when a cell is edited

    from fgd_app.core import Workshop

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_STAGES = 10


class YearDelegate(QStyledItemDelegate):
    """Edit a year with a spin box limited to 2000-2100."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QSpinBox(parent)
        editor.setRange(2000, 2100)
        editor.setAccessibleName(tr("Year"))
        return editor


def fit_height(view: QAbstractItemView, rows: int, row_height: int) -> None:
    """Make a small table tall enough to show every row without its own scroll bar."""
    header = view.horizontalHeader().height() if isinstance(view, QTableWidget) else 0
    view.setFixedHeight(header + rows * row_height + 2 * view.frameWidth() + 4)


class HorizonSection(QGroupBox):
    """First and last year of the plan, and its stages (name, first year, last year)."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(tr("Planning horizon"), parent)
        self.workshop = workshop
        self.first_year = SavedSpinBox(2000, 2100)
        self.first_year.setAccessibleName(tr("First year of the planning horizon"))
        self.last_year = SavedSpinBox(2000, 2100)
        self.last_year.setAccessibleName(tr("Last year of the planning horizon"))
        self.years_error = FieldError()
        bind_commit(self.first_year, self.years_error, lambda v: workshop.update_info(horizon_first_year=v))
        bind_commit(self.last_year, self.years_error, lambda v: workshop.update_info(horizon_last_year=v))
        years = QHBoxLayout()
        years.addWidget(self.first_year)
        years.addWidget(QLabel("\u2013"))
        years.addWidget(self.last_year)
        years.addStretch(1)

        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(tr("Stages of the planning horizon"))
        self.table.setHorizontalHeaderLabels([tr("Stage"), tr("First year"), tr("Last year")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.table.setItemDelegateForColumn(column, YearDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.itemChanged.connect(self._item_changed)
        self.stages_error = FieldError()
        self.add_button = QPushButton(tr("Add stage"))
        self.remove_button = QPushButton(tr("Remove stage"))
        self.add_button.clicked.connect(self.add_stage)
        self.remove_button.clicked.connect(self.remove_stage)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        form = QFormLayout()
        label = QLabel(tr("&Years:"))
        label.setBuddy(self.first_year)
        column = QVBoxLayout()
        column.addLayout(years)
        column.addWidget(self.years_error)
        form.addRow(label, column)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = WrappedLabel(tr("Stages split the horizon for the roadmap. Edit a cell with F2 or by typing."))
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addWidget(self.stages_error)
        layout.addLayout(buttons)
        if workshop.read_only:
            self.first_year.setReadOnly(True)
            self.last_year.setReadOnly(True)
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.add_button.hide()
            self.remove_button.hide()
            hint.hide()
        self.load_years()
        self.load_stages()

    def load_years(self) -> None:
        info = self.workshop.info()
        self.first_year.set_saved(info.horizon_first_year)
        self.last_year.set_saved(info.horizon_last_year)

    def load_stages(self) -> None:
        """Show the stages; cells are updated in place (never replaced while a cell is being edited)."""
        current = self.table.currentRow()
        self.table.blockSignals(True)
        try:
            stages = self.workshop.stages.list()
            self.table.setRowCount(len(stages))
            for row, stage in enumerate(stages):
                values = (stage.name, stage.first_year, stage.last_year)
                for column, value in enumerate(values):
                    item = self.table.item(row, column)
                    if item is None:
                        item = QTableWidgetItem()
                        if column:
                            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                        self.table.setItem(row, column, item)
                    item.setData(Qt.ItemDataRole.EditRole, value)
                self.table.item(row, 0).setData(ID_ROLE, stage.id)
        finally:
            self.table.blockSignals(False)
        if stages:
            self.table.setCurrentCell(max(0, min(current, len(stages) - 1)), 0)
        fit_height(self.table, max(len(stages), 1), self.table.verticalHeader().defaultSectionSize())
        self.add_button.setEnabled(len(stages) < MAX_STAGES)
        self.remove_button.setEnabled(len(stages) > 1)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        stage_id = self.table.item(row, 0).data(ID_ROLE)
        name = self.table.item(row, 0).text()
        first = self.table.item(row, 1).data(Qt.ItemDataRole.EditRole)
        last = self.table.item(row, 2).data(Qt.ItemDataRole.EditRole)

        def save() -> None:
            self.workshop.check_stage_years(int(first), int(last))
            self.workshop.stages.update(stage_id, name=name, first_year=first, last_year=last)

        if not run_save(save, self.stages_error):
            self.load_stages()  # put the saved values back

    def add_stage(self) -> None:
        stages = self.workshop.stages.list()
        info = self.workshop.info()
        number = max((s.number for s in stages), default=0) + 1
        first = min(max((s.last_year for s in stages), default=info.horizon_first_year - 1) + 1,
                    info.horizon_last_year)
        if run_save(lambda: self.workshop.stages.add(number=number, name=tr("Stage {number}", number=number),
                                                     first_year=first, last_year=info.horizon_last_year),
                    self.stages_error):
            self.load_stages()
            self.table.setCurrentCell(self.table.rowCount() - 1, 0)
            self.table.setFocus()

    def remove_stage(self) -> None:
        row = self.table.currentRow()
        if row < 0 or self.table.rowCount() <= 1:
            return
        stage_id = self.table.item(row, 0).data(ID_ROLE)
        if run_save(lambda: self.workshop.stages.delete(stage_id), self.stages_error):
            self.load_stages()


class ElementTree(QTreeView):
    """The dimensions (bold) with their elements under them; Delete asks to remove the current element."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.matches(QKeySequence.StandardKey.Delete):
            event.accept()
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class DimensionsSection(QGroupBox):
    """The six Smart City dimensions and their elements: rename, add and remove elements.

    A tree view over a ``QStandardItemModel``: its items are editable by default, so no item flags
    (and no ``Qt`` namespace) are needed to build it.
    """

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(tr("Dimensions and elements"), parent)
        self.workshop = workshop
        self._loading = False  # True while the page itself fills or renames items
        self._rows = 1
        self.model = QStandardItemModel(self)
        self.tree = ElementTree()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(tr("Dimensions and their elements"))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.model.itemChanged.connect(self._item_changed)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.tree.delete_pressed.connect(self.remove_element)
        self.error = FieldError()
        self.add_button = QPushButton(tr("Add element"))
        self.remove_button = QPushButton(tr("Remove element"))
        self.add_button.clicked.connect(self.add_element)
        self.remove_button.clicked.connect(self.remove_element)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        hint = WrappedLabel(tr("Rename with F2 or a double click. Elements are the default list from the "
                               "programme; adapt them to the region."))
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        if workshop.read_only:
            self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.add_button.hide()
            self.remove_button.hide()
            hint.hide()
        self.load()

    def dimension_items(self) -> list[QStandardItem]:
        return [self.model.item(i) for i in range(self.model.rowCount())]

    def current_item(self) -> QStandardItem | None:
        return self.model.itemFromIndex(self.tree.currentIndex())

    def set_current_item(self, item: QStandardItem) -> None:
        self.tree.setCurrentIndex(item.index())

    def _shape(self) -> list[tuple[str, list[str]]]:
        return [(top.data(ID_ROLE), [top.child(j).data(ID_ROLE) for j in range(top.rowCount())])
                for top in self.dimension_items()]

    def load(self) -> None:
        """Show the dimensions and elements: renamed in place when only names changed, else rebuilt."""
        dimensions = self.workshop.dimensions.list()
        elements = {d.id: self.workshop.elements.of(d.id) for d in dimensions}
        if self._shape() == [(d.id, [e.id for e in elements[d.id]]) for d in dimensions]:
            self._loading = True
            try:
                for top, dimension in zip(self.dimension_items(), dimensions, strict=True):
                    top.setText(dimension.name)
                    for j, element in enumerate(elements[dimension.id]):
                        top.child(j).setText(element.name)
            finally:
                self._loading = False
            return
        self._rebuild(dimensions, elements)

    def _rebuild(self, dimensions: list, elements: dict) -> None:
        current = self.current_item()
        current_id = current.data(ID_ROLE) if current is not None else None
        self._loading = True
        try:
            self.model.clear()
            select = None
            rows = 0
            for dimension in dimensions:
                top = QStandardItem(dimension.name)
                top.setData(dimension.id, ID_ROLE)
                top.setData("dimension", KIND_ROLE)
                font = top.font()
                font.setBold(True)
                top.setFont(font)
                rows += 1
                select = top if dimension.id == current_id else select
                for element in elements[dimension.id]:
                    child = QStandardItem(element.name)
                    child.setData(element.id, ID_ROLE)
                    child.setData("element", KIND_ROLE)
                    top.appendRow(child)
                    rows += 1
                    select = child if element.id == current_id else select
                self.model.appendRow(top)
            self.tree.expandAll()
        finally:
            self._loading = False
        first = self.model.item(0)
        if select is not None or first is not None:
            self.set_current_item(select or first)
        self._rows = rows
        self._fit_tree()
        self._update_buttons()

    def _fit_tree(self) -> None:
        """Show every row without an inner scroll bar (the page itself scrolls)."""
        first = self.model.item(0)
        row_height = self.tree.visualRect(first.index()).height() if first is not None else 0
        if row_height <= 0:
            row_height = self.tree.fontMetrics().height() + 4
        fit_height(self.tree, self._rows, row_height)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit_tree()

    def _update_buttons(self) -> None:
        item = self.current_item()
        self.add_button.setEnabled(item is not None)
        self.remove_button.setEnabled(item is not None and item.data(KIND_ROLE) == "element")

    def _item_changed(self, item: QStandardItem) -> None:
        if self._loading:
            return
        kind, item_id, name = item.data(KIND_ROLE), item.data(ID_ROLE), item.text()
        table = self.workshop.dimensions if kind == "dimension" else self.workshop.elements
        if not run_save(lambda: table.update(item_id, name=name), self.error):
            self.load()

    @staticmethod
    def _dimension_of(item: QStandardItem) -> QStandardItem:
        return item if item.data(KIND_ROLE) == "dimension" else item.parent()

    def add_element(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dimension_id = self._dimension_of(item).data(ID_ROLE)
        added: list = []
        if run_save(lambda: added.append(self.workshop.elements.add(dimension_id=dimension_id,
                                                                    name=tr("New element"))), self.error):
            self.select(added[0].id)
            self.tree.setFocus()
            self.tree.edit(self.tree.currentIndex())

    def remove_element(self) -> None:
        item = self.current_item()
        if item is None or item.data(KIND_ROLE) != "element":
            return
        index = item.row()
        element_id, parent_id = item.data(ID_ROLE), item.parent().data(ID_ROLE)
        if run_save(lambda: self.workshop.elements.delete(element_id), self.error):  # items may be rebuilt
            self.load()
            top = next(top for top in self.dimension_items() if top.data(ID_ROLE) == parent_id)
            self.set_current_item(top.child(min(index, top.rowCount() - 1)) if top.rowCount() else top)

    def select(self, item_id: str) -> None:
        """Make the dimension or element with this id current."""
        for top in self.dimension_items():
            for item in (top, *(top.child(j) for j in range(top.rowCount()))):
                if item.data(ID_ROLE) == item_id:
                    self.set_current_item(item)
                    return
