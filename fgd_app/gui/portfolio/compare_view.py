"""The compare tab: the chosen regions side by side, as a table and a bar chart of the totals."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.portfolio import Portfolio, compare
from fgd_app.core.portfolio.rows import RegionStage
from fgd_app.core.roadmap.data import format_rupiah_short
from fgd_app.gui.portfolio.chart import BarChart
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
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.chart = BarChart()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setSizes([300, 200])
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
        if key == "dimensions":
            table = compare.innovations_per_dimension(p, rows)
            values = [sum(line[i + 1] for line in table.rows) for i in range(len(table.columns) - 2)]
            self.chart.set_data(tr("Innovations per dimension, all chosen regions"), table.columns[1:-1], values)
        elif key == "budget":
            table = compare.budget_per_year_and_dimension(p, rows)
            years = [line for line in table.rows if line[0] != tr("Total")]
            self.chart.set_data(tr("Budget estimate per year, all chosen regions"), [y[0] for y in years],
                                [y[-1] for y in years], format_rupiah_short)
        elif key == "risks":
            table = compare.risk_levels(p, rows)
            values = [sum(line[i + 1] for line in table.rows) for i in range(len(table.columns) - 1)]
            self.chart.set_data(tr("Risks per level, all chosen regions"), table.columns[1:], values)
        else:
            table = compare.quick_win_themes(p, rows)
            top = table.rows[:12]
            self.chart.set_data(tr("Most frequent quick-win themes"), [f"{r[0]} \u2014 {r[1]}" for r in top],
                                [r[2] for r in top], format_int)
        self.model.set_table(table)
        self.table.resizeColumnsToContents()
