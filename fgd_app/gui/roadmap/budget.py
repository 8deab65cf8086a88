"""The budget summary beside the roadmap: totals per year x dimension, per OPD, per stage and funding
source, in large type the facilitator can read out to the room."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.roadmap.data import BudgetSummary, format_amount_short
from fgd_app.gui.roadmap.view import QUICK_WIN_FILL, dimension_colour
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import ROOT, Index
from fgd_app.i18n import format_int, format_rupiah, tr

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _SummaryModel(QAbstractTableModel):
    """Base of the read-only summary tables over one ``BudgetSummary``.

    Not a ``RowTableModel``: the shape comes from the summary (years x dimensions plus a total row and
    column; stages, a heading row, then funding sources), not from a list of rows and fixed headers.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summary: BudgetSummary | None = None
        self.full = False  # "Rp 1.250.000.000" instead of "Rp 1,25 M"

    def money(self, amount: int) -> str:
        """Return "1,25 M" (the panel's title says the figures are rupiah) or the full "Rp 1.250.000.000"."""
        return format_rupiah(amount) if self.full else format_amount_short(amount)

    def set_summary(self, summary: BudgetSummary | None) -> None:
        self.beginResetModel()
        self.summary = summary
        self.endResetModel()

    def set_full(self, full: bool) -> None:
        self.beginResetModel()
        self.full = full
        self.endResetModel()


class YearDimensionModel(_SummaryModel):
    """Rows: the years, then "Total"; columns: the dimensions (by code), then "Total"."""

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.summary is None else len(self.summary.years) + 1

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.summary is None else len(self.summary.dimensions) + 1

    def amount(self, row: int, column: int) -> int:
        s = self.summary
        assert s is not None
        total_row, total_column = row == len(s.years), column == len(s.dimensions)
        if total_row and total_column:
            return s.total
        if total_row:
            return s.per_dimension.get(s.dimensions[column].id, 0)
        if total_column:
            return s.per_year.get(s.years[row], 0)
        return s.cell(s.dimensions[column].id, s.years[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.summary is None:
            return None
        row, column = index.row(), index.column()
        total = row == len(self.summary.years) or column == len(self.summary.dimensions)
        if role == Qt.ItemDataRole.DisplayRole:
            amount = self.amount(row, column)
            return self.money(amount) if amount else "\u2013"
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_rupiah(self.amount(row, column))
        if role == Qt.ItemDataRole.UserRole:
            return self.amount(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and row == 0 and not total:
            return QUICK_WIN_FILL
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s = self.summary
        if s is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            is_total = section == len(s.dimensions)
            if role == Qt.ItemDataRole.DisplayRole:
                return tr("Total") if is_total else s.dimensions[section].code
            if role == Qt.ItemDataRole.ToolTipRole and not is_total:
                return s.dimensions[section].name
            if role == Qt.ItemDataRole.ForegroundRole and not is_total:
                return dimension_colour(section)
        elif role == Qt.ItemDataRole.DisplayRole:
            return tr("Total") if section == len(s.years) else str(s.years[section])
        elif role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return tr("Quick-win year")
        return None


class OpdModel(_SummaryModel):
    """One row per OPD with plans shown: name, number of plans, total budget, share of the total."""

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.summary is None else len(self.summary.per_opd)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.summary is None:
            return None
        _, name, total, plans = self.summary.per_opd[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            share = 100 * total / self.summary.total if self.summary.total else 0
            return (name, format_int(plans), self.money(total), f"{share:.1f} %".replace(".", ","))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return name if column == 0 else format_rupiah(total)
        if role == Qt.ItemDataRole.UserRole:
            return (name, plans, total, total)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("OPD"), tr("Plans"), tr("Budget"), tr("Share"))[section]
        return None


class StageFundingModel(_SummaryModel):
    """Totals per stage, then per funding source (two short lists in one table)."""

    def _rows(self) -> list[tuple[str, int, bool]]:
        s = self.summary
        if s is None:
            return []
        rows = [(f"{stage.name} ({stage.first_year}\u2013{stage.last_year})", total, False)
                for stage, total in s.per_stage]
        rows.append((tr("Funding source"), 0, True))
        rows += [(name, total, False) for _, name, total in s.per_funding]
        return rows

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        name, total, heading = self._rows()[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name if index.column() == 0 else ("" if heading else self.money(total))
        if role == Qt.ItemDataRole.ToolTipRole and not heading:
            return format_rupiah(total)
        if role == Qt.ItemDataRole.FontRole and heading:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and heading:
            return QColor(theme.HEADING_FILL)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("Stage"), tr("Budget"))[section]
        return None


def _table(model: QAbstractTableModel, name: str, stretch_first: bool) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    if stretch_first:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


def _fit(view: QTableView) -> None:
    """Size the columns to their contents once per new summary (not on every layout pass)."""
    header = view.horizontalHeader()
    for column in range(view.model().columnCount()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            view.resizeColumnToContents(column)


class BudgetPanel(QWidget):
    """The budget summary: a large total, and the tables per year x dimension, per OPD, per stage."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self.title = QLabel(tr("Budget summary (Rp)"))
        title_font = QFont(font)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.total = QLabel()
        total_font = QFont(font)
        total_font.setPointSizeF(font.pointSizeF() * 1.5)
        total_font.setBold(True)
        self.total.setFont(total_font)
        self.total.setAccessibleName(tr("Total budget"))
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid_model = YearDimensionModel(self)
        self.opd_model = OpdModel(self)
        self.stage_model = StageFundingModel(self)
        self.grid = _table(self.grid_model, tr("Budget per year and dimension"), False)
        self.opds = _table(self.opd_model, tr("Budget per OPD"), True)
        self.stages = _table(self.stage_model, tr("Budget per stage and funding source"), True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.grid, tr("Year \u00d7 dimension"))
        self.tabs.addTab(self.opds, tr("Per OPD"))
        self.tabs.addTab(self.stages, tr("Stage and funding"))
        self.full = QCheckBox(tr("Full amounts"))
        self.full.setAccessibleName(tr("Show full amounts in rupiah"))
        self.full.toggled.connect(self._set_full)
        self.note = QLabel(tr("A plan's budget is spread evenly over its years (the remainder in the first "
                              "year). Totals follow the filter."))
        self.note.setWordWrap(True)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.85)
        self.note.setFont(small)
        self.count = QLabel()
        self.count.setAccessibleName(tr("Plans shown"))
        self.fold = QToolButton()
        self.fold.setObjectName("budgetFold")
        self.fold.setAutoRaise(True)
        self.fold.setCheckable(True)
        self.fold.setAccessibleName(tr("Fold the budget summary"))
        self.fold.toggled.connect(self.set_folded)
        heading = QHBoxLayout()
        heading.addWidget(self.fold)
        heading.addWidget(self.title)
        heading.addWidget(self.count)
        heading.addStretch(1)
        heading.addWidget(self.full)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.total)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        self.set_folded(False)

    folded_changed = Signal(bool)

    def set_folded(self, folded: bool) -> None:
        """Fold the summary to its heading line (more room for the roadmap), or unfold it."""
        for widget in (self.total, self.tabs, self.note, self.full):
            widget.setVisible(not folded)
        self.fold.blockSignals(True)
        self.fold.setChecked(folded)
        self.fold.blockSignals(False)
        self.fold.setText("▸" if folded else "▾")
        self.fold.setToolTip(tr("Show the budget summary") if folded else
                             tr("Fold the budget summary: more room for the roadmap"))
        self.folded_changed.emit(folded)

    def is_folded(self) -> bool:
        return self.fold.isChecked()

    def preferred_width(self) -> int:
        """Return the width that shows the year x dimension table without a horizontal scroll bar."""
        header = self.grid.horizontalHeader()
        table = header.length() + self.grid.verticalHeader().width() + 2 * self.grid.frameWidth()
        return table + self.grid.verticalScrollBar().sizeHint().width() + 16

    def _set_full(self, full: bool) -> None:
        for model in (self.grid_model, self.opd_model, self.stage_model):
            model.set_full(full)
        for view in (self.grid, self.opds, self.stages):
            _fit(view)

    def set_summary(self, summary: BudgetSummary) -> None:
        self.total.setText(format_rupiah(summary.total))
        self.total.setToolTip(tr("{count} plan(s) shown", count=format_int(summary.plan_count)))
        for model in (self.grid_model, self.opd_model, self.stage_model):
            model.set_summary(summary)
        for view in (self.grid, self.opds, self.stages):
            _fit(view)
