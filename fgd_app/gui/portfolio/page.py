"""The Portofolio tab: one row per region and stage, sortable, filterable by province, stage, completeness."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.portfolio import Portfolio
from fgd_app.core.portfolio.rows import RegionStage, filter_rows
from fgd_app.gui.portfolio.models import SORT_ROLE, RegionModel
from fgd_app.gui.widgets.common import refill_filter
from fgd_app.i18n import roman, tr


class PortfolioPage(QWidget):
    """The regions of the consolidated file; ``open_region_requested(workshop_id)`` when one is chosen."""

    open_region_requested = Signal(str)
    compare_requested = Signal()

    def __init__(self, portfolio: Portfolio, parent: QWidget | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self._build_filters()
        self._build_table()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.reload()

    def _build_filters(self) -> None:
        self.province = QComboBox()
        refill_filter(self.province, tr("All provinces"),
                      [(name or code, code) for code, name in self.portfolio.provinces()])
        self.stage = QComboBox()
        refill_filter(self.stage, tr("All stages"), [(tr("Stage {number}", number=roman(n)), n) for n in range(1, 5)])
        self.incomplete = QCheckBox(tr("Incomplete only"))
        self.find = QLineEdit()
        self.find.setPlaceholderText(tr("Find a region\u2026"))
        self.find.setClearButtonEnabled(True)
        self.count = QLabel()
        self.filters = QHBoxLayout()
        for widget in (self.province, self.stage, self.incomplete, self.find):
            self.filters.addWidget(widget)
        self.filters.addWidget(self.count, 1, Qt.AlignmentFlag.AlignRight)
        self.province.currentIndexChanged.connect(self.reload)
        self.stage.currentIndexChanged.connect(self.reload)
        self.incomplete.toggled.connect(self.reload)
        self.find.textChanged.connect(self.reload)

    def _build_table(self) -> None:
        self.model = RegionModel(self.portfolio.dimensions, self.portfolio.levels, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self._sized = False
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(60)  # fitting the columns looks at 60 rows, not 500
        self.table.doubleClicked.connect(lambda _index: self._open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    def _build_buttons(self) -> None:
        self.open_button = QPushButton(tr("Open region (read-only)"))
        self.compare_button = QPushButton(tr("Compare the selected regions"))
        self.open_button.clicked.connect(self._open_current)
        self.compare_button.clicked.connect(self.compare_requested.emit)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.open_button)
        self.buttons.addWidget(self.compare_button)
        self.buttons.addStretch(1)

    # --- state -----------------------------------------------------------------------------------
    def shown_rows(self) -> list[RegionStage]:
        """Return the rows that pass the filters, in the table's order."""
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
                for i in range(self.proxy.rowCount())]

    def selected_rows(self) -> list[RegionStage]:
        """Return the selected rows (in the table's order)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()] for r in rows]

    def chosen_rows(self) -> list[RegionStage]:
        """Return the selected rows, or every shown row when none is selected."""
        return self.selected_rows() or self.shown_rows()

    def reload(self) -> None:
        rows = filter_rows(self.portfolio.rows(), province=self.province.currentData() or "",
                           stage=self.stage.currentData() or 0, incomplete_only=self.incomplete.isChecked(),
                           text=self.find.text())
        self.model.set_rows(rows)
        total = self.portfolio.rows()
        self.count.setText(tr("{shown} of {total} regions and stages \u00b7 {incomplete} incomplete",
                              shown=len(rows), total=len(total), incomplete=sum(1 for r in rows if r.missing)))
        if rows and not self._sized:  # once: later filters keep the widths the user may have changed
            self._sized = True
            self.table.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), 280))
        self._enable()

    def _enable(self) -> None:
        self.open_button.setEnabled(len(self.selected_rows()) == 1)

    def _open_current(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.open_region_requested.emit(rows[0].workshop_id)

    def focus_first(self) -> None:
        self.find.setFocus()
