"""The compare tab: the chosen regions side by side, as a table and a chart with one bar per region and stage
(split by dimension, or by risk level)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.portfolio import Portfolio, compare
from fgd_app.core.portfolio.rows import RegionStage
from fgd_app.core.roadmap.data import format_rupiah_short
from fgd_app.gui.portfolio.chart import RegionBarChart
from fgd_app.gui.portfolio.models import SORT_ROLE, ComparisonModel
from fgd_app.i18n import format_int, tr

KINDS = ("dimensions", "budget", "risks", "quickwins")


class CompareView(QWidget):
    """Compare ``rows`` (``set_rows``) by innovations per dimension, budget per year, risk levels, quick wins."""

    def __init__(self, portfolio: Portfolio, parent: QWidget | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.rows: list[RegionStage] = []
        self.which = QComboBox()
        for key, title in zip(KINDS, (tr("Innovations per dimension"), tr("Budget estimate per year and dimension"),
                                      tr("Risks per level"), tr("Quick-win themes")), strict=True):
            self.which.addItem(title, key)
        self.which.currentIndexChanged.connect(self.refresh)
        self.about = QLabel()
        self.model = ComparisonModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        # rows come in the portfolio's order; no column claims to sort them until the user clicks one
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.chart = RegionBarChart()
        self.chart_area = QScrollArea()
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area.setWidget(self.chart)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart_area)
        split.setSizes([260, 300])
        top = QHBoxLayout()
        top.addWidget(self.which)
        top.addWidget(self.about, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def set_rows(self, rows: Sequence[RegionStage], *, selected: bool = False) -> None:
        self.rows = list(rows)
        self.about.setText(tr("{count} regions and stages (the selected ones)", count=len(rows)) if selected else
                           tr("{count} regions and stages (all shown in the portfolio; select rows there to "
                              "compare a few)", count=len(rows)))
        self.refresh()

    def refresh(self) -> None:
        key = self.which.currentData()
        p, rows = self.portfolio, self.rows
        table = {"dimensions": compare.innovations_per_dimension, "budget": compare.budget_per_year_and_dimension,
                 "risks": compare.risk_levels, "quickwins": compare.quick_win_themes}[key](p, rows)
        chart = compare.region_chart(p, rows, key)
        self.chart.set_chart(chart, format_rupiah_short if chart.money else format_int)
        self.model.set_table(table)
        self.table.resizeColumnsToContents()
