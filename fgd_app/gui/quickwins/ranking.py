"""The ranking table (rank, scores, votes, highest residual risk, candidacy, final choice) and the panel
where the facilitator reads why an innovation is or is not a candidate and chooses it with a justification.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.quickwins.board import Board, BoardRow
from fgd_app.core.quickwins.rules import QUADRANTS, format_score, quadrant_label
from fgd_app.core.risks.matrix import text_colour
from fgd_app.gui.roadmap.view import dimension_colour
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import FieldError, SavedTextEdit
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, tr

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
CHOSEN = "\u2605"  # black star
COLUMNS = (
    ("rank", N_("Rank"), N_("Weighted score, then votes, then impact, then code")),
    ("code", N_("Code"), ""),
    ("name", N_("Innovation"), ""),
    ("weighted", N_("Score"), N_("Weighted score 1\u20135")),
    ("impact", N_("Impact"), N_("Impact axis 1\u20135")),
    ("effort", N_("Effort"), N_("Effort axis 1\u20135 (low is easy)")),
    ("votes", N_("Votes"), N_("Dot votes")),
    ("risk", N_("Risk"), N_("Highest residual level of its negative risks")),
    ("quadrant", N_("Quadrant"), ""),
    ("candidate", N_("Candidate"), N_("Meets every condition of the quick-win rule")),
    ("chosen", N_("Chosen"), N_("Chosen by the facilitator as a quick win")),
)
KEYS = [c[0] for c in COLUMNS]
HIDE_WHEN_NARROW = ("quadrant", "effort", "impact", "rank")  # hidden in this order so the name keeps room
NAME_MIN = 220


class RankingModel(RowTableModel[BoardRow]):
    """Board rows in rank order (filtered by the page)."""

    headers = tuple(c[1] for c in COLUMNS)
    header_tips = tuple(c[2] for c in COLUMNS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board: Board | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, board: Board, rows: list[BoardRow]) -> None:  # type: ignore[override]
        """Show these rows of ``board``; when the same innovations are shown only the cells change."""
        same = [r.id for r in rows] == [r.id for r in self.rows]
        self.board = board
        if same and rows:
            self.rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(KEYS) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_of(self, innovation_id: str | None) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == innovation_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = KEYS[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("name", "quadrant", "risk"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.DecorationRole and key == "code":
            return dimension_colour(row.dimension_index)
        if role == Qt.ItemDataRole.FontRole and row.chosen and key in ("code", "name", "chosen"):
            return self._bold
        if key == "risk" and row.risk_level is not None and self.board is not None:
            info = self.board.levels.get(row.risk_level)
            if info is not None and role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(info.colour))
            if info is not None and role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(text_colour(info.colour)))
        if key == "candidate" and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(theme.CANDIDATE if row.candidate else theme.DISABLED_TEXT))
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "candidate":
                return "\n".join(("\u2713 " if c.passed else "\u2717 " if c.passed is False else "\u2013 ") + c.text
                                 for c in row.checks)
            if key in ("chosen", "name") and row.chosen:
                return tr("Chosen: {justification}", justification=row.justification)
            if key == "weighted" and not row.complete:
                return tr("Incomplete: weighted over the scored criteria only.")
            if key == "name":
                return f"{row.code} \u00b7 {row.name}\n{row.dimension_name} \u00b7 {row.lead_opd}"
        return None

    def _text(self, row: BoardRow, key: str) -> str:
        if key == "rank":
            return str(row.rank)
        if key == "code":
            return row.code
        if key == "name":
            return row.name
        if key == "weighted":
            return format_score(row.weighted) + ("*" if row.weighted is not None and not row.complete else "")
        if key == "impact":
            return format_score(row.impact)
        if key == "effort":
            return format_score(row.effort)
        if key == "votes":
            return str(row.votes) if row.votes else ""
        if key == "risk":
            return self.board.level_name(row.risk_level) if self.board else ""
        if key == "quadrant":
            return quadrant_label(row.quadrant)
        if key == "candidate":
            return tr("Yes") if row.candidate else tr("No")
        if key == "chosen":
            return CHOSEN if row.chosen else ""
        return ""


class RankingView(QTableView):
    """The ranking table: columns sized to their content; optional ones hidden when the name gets cramped."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.widths: dict[str, int] = {}
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)

    def configure(self, level_names: list[str]) -> None:
        """Size every column but the name to its widest expected content."""
        metrics = self.fontMetrics()
        samples = {"rank": ["000"], "code": ["GOV-000"], "weighted": ["4,25*"], "impact": ["4,25"], "effort": ["4,25"],
                   "votes": ["000"], "risk": level_names or ["Sedang"], "quadrant": [tr(q) for q in QUADRANTS.values()],
                   "candidate": [tr("Yes"), tr("No")], "chosen": [CHOSEN]}
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(KEYS.index("name"), QHeaderView.ResizeMode.Stretch)
        for column, key in enumerate(KEYS):
            if key == "name":
                continue
            texts = [*samples[key], tr(COLUMNS[column][1])]
            width = max(metrics.horizontalAdvance(t) for t in texts) + (38 if key == "code" else 18)
            self.widths[key] = width
            header.resizeSection(column, width)
        self.fit_columns()

    def fit_columns(self) -> None:
        if not self.widths:
            return
        available = self.viewport().width()
        hidden: set[str] = set()
        for key in HIDE_WHEN_NARROW:
            used = sum(w for k, w in self.widths.items() if k not in hidden)
            if available - used >= NAME_MIN:
                break
            hidden.add(key)
        for column, key in enumerate(KEYS):
            self.setColumnHidden(column, key in hidden)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()


class ChoicePanel(QWidget):
    """The selected innovation: the rule's checks, and choosing it (or not) with a justification."""

    choose_requested = Signal(str, str)  # innovation id, justification
    unchoose_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.row: BoardRow | None = None
        self.read_only = False
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.PlainText)
        self.justification = SavedTextEdit()
        self.justification.setAccessibleName(tr("Justification of the choice"))
        self.justification.setPlaceholderText(tr("Why this innovation is a quick win (kept in the file)"))
        self.justification.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        self.justification.setTabChangesFocus(True)
        self.error = FieldError()
        self.choose = QPushButton(tr("Choose as quick win"))
        self.choose.setAccessibleName(tr("Choose the selected innovation as a quick win"))
        self.unchoose = QPushButton(tr("Unchoose"))
        self.unchoose.setAccessibleName(tr("Take the selected innovation off the quick wins"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.unchoose)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.checks)
        layout.addWidget(self.justification)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.choose.clicked.connect(self._choose)
        self.unchoose.clicked.connect(lambda: self.row and self.unchoose_requested.emit(self.row.id))
        self.show_row(None)

    def show_row(self, row: BoardRow | None) -> None:
        changed = (row.id if row else None) != (self.row.id if self.row else None)
        self.row = row
        if changed:
            self.error.clear_error()
        if row is None:
            self.title.setText(tr("Select an innovation in the ranking or on the chart."))
            self.checks.clear()
            self.justification.set_saved("", force=True)
        else:
            status = tr("candidate") if row.candidate else tr("not a candidate")
            self.title.setText(tr("{rank}. {code} \u00b7 {name} \u2014 {status}", rank=row.rank, code=row.code,
                                  name=row.name, status=status))
            self.checks.setText("\n".join(("\u2713 " if c.passed else "\u2717 " if c.passed is False else "\u2013 ")
                                          + c.text for c in row.checks))
            self.justification.set_saved(row.justification or "", force=changed)
        editable = row is not None and not self.read_only
        self.justification.setReadOnly(not editable)
        self.choose.setEnabled(editable)
        self.choose.setText(tr("Save justification") if row is not None and row.chosen else tr("Choose as quick win"))
        self.unchoose.setEnabled(editable and row is not None and row.chosen)

    def _choose(self) -> None:
        if self.row is not None:
            self.choose_requested.emit(self.row.id, self.justification.text())
