"""The board's table model: one row per OPD, a column per dimension ("innovations · plans · risks")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fgd_app.core.coverage.board import Counts, CoverageBoard
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import ROOT, Index
from fgd_app.i18n import tr

SILENT_FILL = QColor(theme.WARNING_BAND)  # present today, nothing yet
EMPTY_TEXT = QColor(theme.DISABLED_TEXT)


def cell_text(counts: Counts) -> str:
    return "\u2013" if counts.empty else f"{counts.innovations} \u00b7 {counts.plans} \u00b7 {counts.risks}"


def cell_tip(counts: Counts) -> str:
    return tr("{innovations} innovations, {plans} action plans, {risks} risks", innovations=counts.innovations,
              plans=counts.plans, risks=counts.risks)


class BoardModel(QAbstractTableModel):
    """Columns: OPD, present today, one per dimension, total."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board: CoverageBoard | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_board(self, board: CoverageBoard) -> None:
        self.beginResetModel()
        self.board = board
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.board is None else len(self.board.opds)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.board is None else len(self.board.dimensions) + 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.board is None or orientation != Qt.Orientation.Horizontal:
            return None
        dimensions = self.board.dimensions
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return tr("OPD")
            if section == 1:
                return tr("Present")
            if section == len(dimensions) + 2:
                return tr("Total")
            return dimensions[section - 2].code
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == 1:
                return tr("Participants of the OPD ticked on the attendance list of {date}",
                          date=self.board.day_date or "\u2013")
            if 2 <= section < len(dimensions) + 2:
                return dimensions[section - 2].name + " \u2014 " + tr("innovations \u00b7 plans \u00b7 risks")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.board is None or not index.isValid():
            return None
        line = self.board.opds[index.row()]
        column = index.column()
        dimensions = self.board.dimensions
        counts = None
        if 2 <= column < len(dimensions) + 2:
            counts = line.cell(dimensions[column - 2].id)
        elif column == len(dimensions) + 2:
            counts = line.total
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return line.label
            if column == 1:
                return str(line.present) if line.present else ""
            return cell_text(counts)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                text = line.name
                if line.silent:
                    text += "\n" + tr("Present today and nothing yet: call on this OPD.")
                return text
            return cell_tip(counts) if counts is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and line.silent:
            return QBrush(SILENT_FILL)
        if role == Qt.ItemDataRole.ForegroundRole and counts is not None and counts.empty:
            return QBrush(EMPTY_TEXT)
        if role == Qt.ItemDataRole.FontRole and (column == len(dimensions) + 2 or (column == 0 and line.silent)):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def opd_id(self, row: int) -> str | None:
        return self.board.opds[row].id if self.board is not None and 0 <= row < len(self.board.opds) else None
