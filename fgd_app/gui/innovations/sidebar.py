"""The six dimensions and their elements, always visible, with live counts; picking one scopes the table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from fgd_app.core import Workshop
from fgd_app.i18n import tr

IdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2  # "dimension", "element" or "none" (innovations without element)


class DimensionTree(QTreeWidget):
    """Dimensions (bold) with their elements below; ``scope_changed(dimension_id, element_id or "")``."""

    scope_changed = Signal(str, str)

    def __init__(self, workshop: Workshop, parent=None):
        super().__init__(parent)
        self.workshop = workshop
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(tr("Dimensions and elements"))
        self.setToolTip(tr("Alt+1 \u2026 Alt+6 switch the dimension"))
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._dimension_items: dict[str, QTreeWidgetItem] = {}
        self._element_items: dict[str, QTreeWidgetItem] = {}
        self._none_items: dict[str, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._current_changed)
        self.rebuild()

    def rebuild(self) -> None:
        """Build the items from the workshop's dimensions and elements (names may have been edited)."""
        current = self.current_scope()
        self.blockSignals(True)
        self.clear()
        self._dimension_items.clear()
        self._element_items.clear()
        self._none_items.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for number, dimension in enumerate(self.workshop.dimensions.list(), start=1):
            item = QTreeWidgetItem([dimension.name, ""])
            item.setData(0, IdRole, dimension.id)
            item.setData(0, KindRole, "dimension")
            item.setFont(0, bold)
            item.setFont(1, bold)
            item.setToolTip(0, f"{dimension.name} (Alt+{number})" if number <= 9 else dimension.name)
            self.addTopLevelItem(item)
            self._dimension_items[dimension.id] = item
            for element in self.workshop.elements.of(dimension.id):
                child = QTreeWidgetItem([element.name, ""])
                child.setData(0, IdRole, element.id)
                child.setData(0, KindRole, "element")
                child.setToolTip(0, element.name)
                item.addChild(child)
                self._element_items[element.id] = child
            none = QTreeWidgetItem([tr("(no element yet)"), ""])
            none.setData(0, IdRole, "")
            none.setData(0, KindRole, "none")
            none.setFlags(Qt.ItemFlag.ItemIsEnabled)
            none.setForeground(0, self.palette().placeholderText())
            item.addChild(none)
            self._none_items[dimension.id] = none
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for item in [*self._dimension_items.values(), *self._element_items.values(), *self._none_items.values()]:
            item.setTextAlignment(1, right)
        self.expandAll()
        self.blockSignals(False)
        self.update_counts()
        dimension_id, element_id = current
        self.select(dimension_id or next(iter(self._dimension_items), ""), element_id)

    def update_counts(self) -> None:
        """Show the number of innovations per dimension and element."""
        by_dimension, by_element = self.workshop.innovations.counts()
        for dimension_id, item in self._dimension_items.items():
            total = by_dimension.get(dimension_id, 0)
            _set_text(item, str(total))
            with_element = 0
            for n in range(item.childCount()):
                child = item.child(n)
                if child.data(0, KindRole) == "element":
                    count = by_element.get(child.data(0, IdRole), 0)
                    with_element += count
                    _set_text(child, str(count))
            none = self._none_items[dimension_id]
            _set_text(none, str(total - with_element))
            if none.isHidden() != (total - with_element == 0):
                none.setHidden(total - with_element == 0)

    def current_scope(self) -> tuple[str, str]:
        """Return (dimension_id, element_id or "")."""
        item = self.currentItem()
        if item is None:
            return "", ""
        if item.data(0, KindRole) == "dimension":
            return item.data(0, IdRole), ""
        return item.parent().data(0, IdRole), item.data(0, IdRole) or ""

    def select(self, dimension_id: str, element_id: str = "") -> None:
        item = self._element_items.get(element_id) if element_id else None
        item = item or self._dimension_items.get(dimension_id)
        if item is not None:
            self.setCurrentItem(item)

    def select_number(self, number: int) -> None:
        """Select the n-th dimension (1-based)."""
        items = list(self._dimension_items.values())
        if 1 <= number <= len(items):
            self.setCurrentItem(items[number - 1])

    def dimension_count(self, dimension_id: str) -> int:
        item = self._dimension_items.get(dimension_id)
        return int(item.text(1) or 0) if item is not None else 0

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self.scope_changed.emit(*self.current_scope())


def _set_text(item: QTreeWidgetItem, text: str) -> None:
    """Set the count column only when it changed (every change repaints the row)."""
    if item.text(1) != text:
        item.setText(1, text)
