"""The search tab: find similar innovations in every region of the consolidated file (FTS5)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from fgd_app.core.portfolio import Portfolio
from fgd_app.gui.portfolio.models import SORT_ROLE, HitModel
from fgd_app.i18n import tr


class SearchView(QWidget):
    """Type words; every region's innovations that contain them are listed, best first."""

    open_region_requested = Signal(str)

    def __init__(self, portfolio: Portfolio, parent: QWidget | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("Who else builds \u2026? e.g. Mal Pelayanan Publik"))
        self.query.setClearButtonEnabled(True)
        self.count = QLabel(tr("Type a few words of an innovation's name, problem or description."))
        self.model = HitModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(
            lambda index: self.open_region_requested.emit(self.model.rows[proxy.mapToSource(index).row()].workshop_id))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.run)
        self.query.textChanged.connect(self.timer.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)

    def run(self) -> None:
        hits = self.portfolio.search(self.query.text())
        self.model.set_rows(hits)
        if self.query.text().strip():
            self.count.setText(tr("{count} innovations in {regions} regions", count=len(hits),
                                  regions=len({h.workshop_id for h in hits})))
        for column, width in enumerate((170, 50, 130, 80, 260, 240)):
            self.table.setColumnWidth(column, width)

    def focus_first(self) -> None:
        self.query.setFocus()
