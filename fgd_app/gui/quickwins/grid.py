"""The scoring grid: innovations x criteria, the votes and the weighted score, typed from the keyboard.

A digit 1-5 in a criterion cell saves that score (one undoable operation) and moves to the next cell
(the next criterion, then the first criterion of the next row); 0, Delete or Backspace clears the score.
In the votes column a number opens the editor (Enter saves). The grid shows the agreed scores, or one FGD
group's scores (``set_group``). In the agreed view a score taken from the groups' median is shown in
italics, and a cell where groups are 2 or more points apart is tinted and explained in its tooltip.
"""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSpinBox, QStyledItemDelegate, QTableView, QWidget

from fgd_app.core.quickwins.board import Board, BoardRow
from fgd_app.core.quickwins.rules import DIRECTIONS, code_key, format_score
from fgd_app.gui.roadmap.view import dimension_colour
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import ROOT, Index
from fgd_app.i18n import tr

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DISAGREE = QColor(theme.DISAGREEMENT_FILL)
FIXED = ("code", "name")  # then one column per criterion, then:
TAIL = ("votes", "weighted")


def wrap_header(text: str, width: int = 11) -> str:
    """Return a header text broken into lines of about ``width`` characters (at most 3 lines)."""
    lines = textwrap.wrap(text, width, break_long_words=False) or [text]
    if len(lines) > 3:
        lines = lines[:2] + [" ".join(lines[2:])[: width - 1].rstrip(" ,") + "\u2026"]
    return "\n".join(lines)


class ScoringModel(QAbstractTableModel):
    """Rows of the board in entry order (dimension, then code); ``edit_requested`` carries each edit.

    Not a ``RowTableModel``: its columns come from the board (one per criterion, headers built from the
    criterion's name, direction and weight), and a new board keeps the rows when only cells changed.
    """

    score_entered = Signal(str, str, object)  # innovation id, criterion id, score or None
    votes_entered = Signal(str, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board: Board | None = None
        self.rows: list[BoardRow] = []
        self.group = ""  # "" = agreed scores
        self.read_only = False
        self.filter_ids: set[str] | None = None
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- data in -------------------------------------------------------------------------------------
    def set_board(self, board: Board, filter_ids: set[str] | None | bool = False) -> None:
        """Show a new board (and, when given, a new filter: the ids shown, None for all); when the rows and
        columns stay the same only the cells change, so the cursor stays where it is."""
        if filter_ids is not False:
            self.filter_ids = filter_ids  # type: ignore[assignment]
        rows = [r for r in board.rows if self.filter_ids is None or r.id in self.filter_ids]
        rows.sort(key=lambda r: (r.dimension_index, code_key(r.code)))
        same = (self.board is not None and [r.id for r in rows] == [r.id for r in self.rows]
                and [c.id for c in board.criteria] == [c.id for c in self.board.criteria])
        if same:
            self.board, self.rows = board, rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            return
        self.beginResetModel()
        self.board, self.rows = board, rows
        self.endResetModel()

    def set_group(self, group: str) -> None:
        self.beginResetModel()
        self.group = group
        self.endResetModel()

    # --- columns -------------------------------------------------------------------------------------
    @property
    def criteria(self):
        return self.board.criteria if self.board else []

    def key(self, column: int) -> str:
        n = len(self.criteria)
        if column < len(FIXED):
            return FIXED[column]
        if column < len(FIXED) + n:
            return "criterion"
        return TAIL[column - len(FIXED) - n]

    def criterion_at(self, column: int):
        return self.criteria[column - len(FIXED)] if self.key(column) == "criterion" else None

    def criterion_columns(self) -> range:
        return range(len(FIXED), len(FIXED) + len(self.criteria))

    def column_of(self, key: str) -> int:
        return len(FIXED) + len(self.criteria) + TAIL.index(key) if key in TAIL else FIXED.index(key)

    def row_of(self, innovation_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == innovation_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.board is None else len(FIXED) + len(self.criteria) + len(TAIL)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or self.board is None:
            return None
        key = self.key(section)
        criterion = self.criterion_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if criterion is not None:
                arrow = "\u2191" if criterion.direction == "more" else "\u2193"
                return wrap_header(criterion.display) + f"\n{arrow} {format_score(criterion.weight, 0)}"
            return {"code": tr("Code"), "name": tr("Innovation"), "votes": tr("Votes"),
                    "weighted": tr("Weighted\nscore")}[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            if criterion is not None:
                return tr("{name}\n{description}\nWeight {weight} \u00b7 {direction}",
                          name=criterion.display, description=criterion.display_description,
                          weight=format_score(criterion.weight, 1), direction=tr(DIRECTIONS[criterion.direction]))
            return {"votes": tr("Dot votes (total of every group and participant)"),
                    "weighted": tr("Weighted score 1\u20135 (\u201cless is better\u201d counted as 6 \u2212 score)")
                    }.get(key)
        return None

    # --- cells ---------------------------------------------------------------------------------------
    def _group_score(self, row: BoardRow, criterion_id: str) -> int | None:
        cell = row.cells.get(criterion_id)
        if cell is None:
            return None
        return dict(cell.groups).get(self.group)

    def _group_votes(self, row: BoardRow) -> int:
        return dict(row.vote_breakdown).get(self.group, 0)

    def votes_editable(self, row: BoardRow) -> bool:
        """Votes are typed per group, or in the agreed view as the plenary count when no group voted."""
        return bool(self.group) or all(voter == "" for voter, _ in row.vote_breakdown)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        key = self.key(index.column())
        if key == "votes" and self.votes_editable(self.rows[index.row()]):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.key(index.column())
        if role == ID_ROLE:
            return row.id
        criterion = self.criterion_at(index.column())
        if criterion is not None:
            return self._criterion_data(row, criterion.id, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key == "code":
                return row.code
            if key == "name":
                return row.name
            if key == "votes":
                value = self._group_votes(row) if self.group else row.votes
                return value if role == Qt.ItemDataRole.EditRole else (str(value) if value else "")
            if key == "weighted":
                if row.weighted is None:
                    return ""
                return format_score(row.weighted) + ("*" if not row.complete else "")
        if role == Qt.ItemDataRole.DecorationRole and key == "code":
            return dimension_colour(row.dimension_index)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("votes", "weighted"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in ("code", "name"):
                return f"{row.code} \u00b7 {row.name}\n{row.dimension_name} \u00b7 {row.lead_opd}"
            if key == "votes" and row.vote_breakdown:
                return "\n".join(f"{voter or tr('Plenary')}: {n}" for voter, n in row.vote_breakdown)
            if key == "weighted" and not row.complete and row.weighted is not None:
                return tr("Incomplete: weighted over the scored criteria only.")
        return None

    def _criterion_data(self, row: BoardRow, criterion_id: str, role: int) -> Any:
        cell = row.cells.get(criterion_id)
        if self.group:
            if role == Qt.ItemDataRole.DisplayRole:
                value = self._group_score(row, criterion_id)
                return str(value) if value is not None else ""
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(cell.effective) if cell and cell.effective is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.FontRole and cell.from_median:
            return self._italic
        if role == Qt.ItemDataRole.BackgroundRole and cell.disagreement:
            return QBrush(DISAGREE)
        if role == Qt.ItemDataRole.ToolTipRole and cell.groups:
            groups = ", ".join(f"{g}: {s}" for g, s in cell.groups)
            lines = [tr("Groups: {groups}", groups=groups),
                     tr("Median {median}", median=format_score(cell.median, 1))]
            if cell.from_median:
                lines.append(tr("No agreed score yet: the median counts."))
            if cell.disagreement:
                lines.append(tr("The groups disagree (2 or more points apart): ask the room."))
            return "\n".join(lines)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.key(index.column()) != "votes":
            return False
        self.votes_entered.emit(self.rows[index.row()].id, int(value or 0))
        return True


class VotesDelegate(QStyledItemDelegate):
    """A spin box 0..10,000 for the votes column."""

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802 - Qt override
        editor = QSpinBox(parent)
        editor.setRange(0, 10_000)
        editor.setAccessibleName(tr("Votes"))
        editor.setFrame(False)
        return editor


class ScoringView(QTableView):
    """The grid, with digit entry that saves and moves on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setItemDelegateForColumn(0, QStyledItemDelegate(self))
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.votes_delegate = VotesDelegate(self)

    def model(self) -> ScoringModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def configure_columns(self) -> None:
        """Size the columns: name takes what is left; criteria share a fixed width."""
        model = self.model()
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            self.setItemDelegateForColumn(column, None)
        self.setItemDelegateForColumn(model.column_of("votes"), self.votes_delegate)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(model.column_of("name"), QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()

        def fit(column: int, *samples: str, low: int = 40, high: int = 120) -> None:
            lines = [line for text in (*samples, str(model.headerData(column, Qt.Orientation.Horizontal)))
                     for line in text.split("\n")]
            width = max(metrics.horizontalAdvance(line) for line in lines) + 16
            header.resizeSection(column, max(low, min(high, width)))

        fit(model.column_of("code"), "GOV-000   ", high=140)
        for column in model.criterion_columns():
            fit(column)
        fit(model.column_of("votes"), "000")
        fit(model.column_of("weighted"), "4,25*")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        model = self.model()
        index = self.currentIndex()
        criterion = model.criterion_at(index.column()) if index.isValid() and model is not None else None
        if criterion is not None and not model.read_only and self.state() != QAbstractItemView.State.EditingState:
            text = event.text()
            if text in ("1", "2", "3", "4", "5"):
                model.score_entered.emit(model.rows[index.row()].id, criterion.id, int(text))
                self.move_next()
                return
            if text == "0" or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                model.score_entered.emit(model.rows[index.row()].id, criterion.id, None)
                return
            if text and text.isprintable() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return  # other characters do nothing in a score cell
        super().keyPressEvent(event)

    def move_next(self) -> None:
        """Go to the next criterion cell (wrapping to the first criterion of the next row)."""
        model = self.model()
        index = self.currentIndex()
        columns = model.criterion_columns()
        row, column = index.row(), index.column() + 1
        if column not in columns:
            row, column = row + 1, columns.start
        if row >= model.rowCount():
            row, column = index.row(), index.column()
        self.setCurrentIndex(model.index(row, column))
