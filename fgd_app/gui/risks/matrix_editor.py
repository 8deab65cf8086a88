"""Edit a risk matrix: start from a shipped default or the one in use, change names, colours, bands and
grid values, import/export JSON; every problem is listed live. ``ChangePreview`` shows, before anything is
written, what the new matrix would do to the scored risks.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.risks import matrix as riskmatrix
from fgd_app.core.risks.matrix import ImpactLevel, LikelihoodLevel, RiskLevel, RiskMatrix, text_colour
from fgd_app.core.risks.matrix_setup import MatrixChange, Score
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.dialogs import OK, ok_cancel_buttons
from fgd_app.i18n import tr

PREVIEW_LIMIT = 500


def _item(text: object, *, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _int(text: str) -> int | str:
    try:
        return int(text.strip())
    except ValueError:
        return text


class MatrixEditor(QWidget):
    """Shows a matrix in editable tables; ``matrix()`` returns what is typed, ``changed`` fires on edits."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, areas: list[str] | None = None):
        super().__init__(parent)
        self._base: RiskMatrix | None = None
        self.area_names = list(areas or [])
        self._filling = False
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Matrix name"))
        self.levels = QTableWidget(0, 4)
        self.levels.setAccessibleName(tr("Risk levels"))
        self.levels.setHorizontalHeaderLabels([tr("Level"), tr("Colour"), tr("From"), tr("To")])
        self.likelihood = QTableWidget(0, 2)
        self.likelihood.setAccessibleName(tr("Likelihood levels"))
        self.likelihood.setHorizontalHeaderLabels([tr("Name"), tr("Criteria")])
        self.impact = QTableWidget(0, 2)
        self.impact.setAccessibleName(tr("Impact levels"))
        self.impact.setHorizontalHeaderLabels([tr("Name"), tr("Description")])
        self.criteria = QTableWidget(0, 0)
        self.criteria.setAccessibleName(tr("What each impact level means per impact area"))
        self.grid = QTableWidget(0, 0)
        self.grid.setAccessibleName(tr("Magnitude of each cell"))
        for table in (self.levels, self.likelihood, self.impact, self.criteria, self.grid):
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.itemChanged.connect(self._edited)
        for table in (self.likelihood, self.impact):
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            table.setColumnWidth(0, 180)
            table.setWordWrap(False)
        self.levels.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.levels.verticalHeader().hide()
        self.levels.cellDoubleClicked.connect(self._pick_colour)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(theme.text_style(theme.ERROR))
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QFormLayout()
        top.addRow(tr("Name"), self.name)
        bands = QGroupBox(tr("Risk levels and bands (double-click a colour to change it)"))
        QVBoxLayout(bands).addWidget(self.levels)
        grid_box = QGroupBox(tr("Magnitude per cell (likelihood \u2191, impact \u2192)"))
        QVBoxLayout(grid_box).addWidget(self.grid)
        axes = QTabWidget()
        axes.addTab(self.likelihood, tr("Likelihood levels"))
        axes.addTab(self.impact, tr("Impact levels"))
        axes.addTab(self.criteria, tr("Impact criteria per area"))
        layout = QGridLayout(self)
        layout.addLayout(top, 0, 0, 1, 2)
        layout.addWidget(bands, 1, 0)
        layout.addWidget(grid_box, 1, 1)
        layout.addWidget(axes, 2, 0, 1, 2)
        layout.addWidget(self.problems, 3, 0, 1, 2)
        layout.setRowStretch(1, 3)
        layout.setRowStretch(2, 2)
        self.name.textEdited.connect(lambda _t: self.changed.emit())

    # --- in ----------------------------------------------------------------------------------------
    def set_matrix(self, matrix: RiskMatrix) -> None:
        self._filling = True
        self._base = matrix
        self.name.setText(matrix.name)
        self.levels.setRowCount(len(matrix.levels))
        for row, level in enumerate(matrix.levels):
            for column, value in enumerate((level.name, level.colour, level.min_magnitude, level.max_magnitude)):
                self.levels.setItem(row, column, _item(value))
        for table, levels in ((self.likelihood, matrix.likelihood), (self.impact, matrix.impact)):
            table.setRowCount(len(levels))
            table.setVerticalHeaderLabels([str(lv.number) for lv in levels])
            for row, level in enumerate(levels):
                table.setItem(row, 0, _item(level.name))
                table.setItem(row, 1, _item(level.description))
        areas = self.area_names + [a for lv in matrix.impact for a in lv.areas if a not in self.area_names]
        areas = list(dict.fromkeys(areas))
        self.criteria.setRowCount(len(matrix.impact))
        self.criteria.setColumnCount(len(areas))
        self.criteria.setHorizontalHeaderLabels(areas)
        self.criteria.setVerticalHeaderLabels([f"{lv.number} {lv.name}" for lv in matrix.impact])
        for row, level in enumerate(matrix.impact):
            for column, area in enumerate(areas):
                self.criteria.setItem(row, column, _item(level.areas.get(area, "")))
        for column in range(len(areas)):
            self.criteria.setColumnWidth(column, 160)
        rows, columns = matrix.size
        self.grid.setRowCount(rows)
        self.grid.setColumnCount(columns)
        self.grid.setVerticalHeaderLabels([str(n) for n in range(rows, 0, -1)])
        self.grid.setHorizontalHeaderLabels([str(n) for n in range(1, columns + 1)])
        for likelihood in range(1, rows + 1):
            for impact in range(1, columns + 1):
                item = _item(matrix.cells.get((likelihood, impact), ""))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.grid.setItem(rows - likelihood, impact - 1, item)
        self._filling = False
        self._recolour()

    # --- out ---------------------------------------------------------------------------------------
    def matrix(self) -> RiskMatrix:
        """Return the matrix as typed (not validated; see ``problems()``)."""
        assert self._base is not None
        base = self._base

        def text(table: QTableWidget, row: int, column: int) -> str:
            item = table.item(row, column)
            return item.text() if item is not None else ""

        levels = tuple(RiskLevel(n + 1, text(self.levels, n, 0).strip(), text(self.levels, n, 1).strip(),
                                 _int(text(self.levels, n, 2)), _int(text(self.levels, n, 3)))  # type: ignore[arg-type]
                       for n in range(self.levels.rowCount()))
        likelihood = tuple(LikelihoodLevel(n + 1, text(self.likelihood, n, 0).strip(), text(self.likelihood, n, 1))
                           for n in range(self.likelihood.rowCount()))
        areas = [self.criteria.horizontalHeaderItem(c).text() for c in range(self.criteria.columnCount())]
        impact = tuple(ImpactLevel(n + 1, text(self.impact, n, 0).strip(), text(self.impact, n, 1),
                                   {a: text(self.criteria, n, c).strip() for c, a in enumerate(areas)
                                    if text(self.criteria, n, c).strip()})
                       for n in range(self.impact.rowCount()))
        rows = self.grid.rowCount()
        cells = {}
        for row in range(rows):
            for column in range(self.grid.columnCount()):
                value = _int(text(self.grid, row, column))
                if value != "":
                    cells[(rows - row, column + 1)] = value
        edited = (self.name.text().strip() != base.name or levels != base.levels or likelihood != base.likelihood
                  or impact != base.impact or cells != dict(base.cells))
        key = "custom" if edited else base.key
        return replace(base, key=key, name=self.name.text().strip() or base.name, levels=levels,
                       likelihood=likelihood, impact=impact, cells=cells)

    # --- live feedback -----------------------------------------------------------------------------
    def _edited(self, _item: QTableWidgetItem) -> None:
        if self._filling:
            return
        self._recolour()
        self.changed.emit()

    def _recolour(self) -> None:
        """Colour level swatches and grid cells by their level; list the problems."""
        self._filling = True
        matrix = self.matrix()
        for row, level in enumerate(matrix.levels):
            item = self.levels.item(row, 1)
            if item is not None and riskmatrix.is_colour(level.colour):
                item.setBackground(QBrush(QColor(level.colour)))
                item.setForeground(QBrush(QColor(text_colour(level.colour))))
        rows = self.grid.rowCount()
        for (likelihood, impact), magnitude in matrix.cells.items():
            item = self.grid.item(rows - likelihood, impact - 1)
            if item is None:
                continue
            level = next((lv for lv in matrix.levels if isinstance(magnitude, int) and isinstance(lv.min_magnitude, int)
                          and isinstance(lv.max_magnitude, int) and lv.holds(magnitude)), None)
            if level is not None and riskmatrix.is_colour(level.colour):
                item.setBackground(QBrush(QColor(level.colour)))
                item.setForeground(QBrush(QColor(text_colour(level.colour))))
            else:
                item.setBackground(QBrush(QColor(theme.WHITE)))
                item.setForeground(QBrush(QColor(theme.ERROR)))
        self._filling = False
        problems = matrix.problems()
        self.problems.setText("\n".join("\u2022 " + p for p in problems))
        self.problems.setVisible(bool(problems))

    def _pick_colour(self, row: int, column: int) -> None:
        if column != 1:
            return
        item = self.levels.item(row, 1)
        colour = QColorDialog.getColor(QColor(item.text()), self, tr("Colour of the risk level"))
        if colour.isValid():
            item.setText(colour.name().upper())


def _score(score: Score | None, matrix: RiskMatrix, *, cell: bool = True) -> str:
    if score is None:
        return "\u2013"
    likelihood, impact, magnitude, level = score
    text = f"{magnitude} {matrix.level(level).name}"
    return f"{likelihood}\u00d7{impact}: {text}" if cell else text


def _change(before: Score | None, after: Score | None, old: RiskMatrix, new: RiskMatrix) -> str:
    """Return "18 Tinggi → 15 Sedang (5×3)", or with both cells when the levels were rescaled."""
    if before == after:
        return ""
    if before is not None and after is not None and before[:2] == after[:2]:
        return (f"{_score(before, old, cell=False)} \u2192 {_score(after, new, cell=False)} "
                f"({before[0]}\u00d7{before[1]})")
    return f"{_score(before, old)} \u2192 {_score(after, new)}"


class ChangePreview(QDialog):
    """What the new matrix does to the scored risks; Apply writes it (one undoable step)."""

    def __init__(self, change: MatrixChange, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Change the risk matrix"))
        self.resize(820, 520)
        summary = QLabel(change.summary())
        summary.setWordWrap(True)
        shown = change.risks[:PREVIEW_LIMIT]
        table = QTableWidget(len(shown), 4)
        table.setAccessibleName(tr("Risks whose score changes"))
        table.setHorizontalHeaderLabels([tr("Risk"), tr("Risk event"), tr("Inherent: before \u2192 after"),
                                         tr("Residual: before \u2192 after")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        old, new = change.old, change.new
        for row, item in enumerate(shown):
            texts = (item.code, item.event, _change(item.old, item.new, old, new),
                     _change(item.old_residual, item.new_residual, old, new))
            for column, text in enumerate(texts):
                cell = _item(text, editable=False)
                if column == 1:
                    cell.setToolTip(text)
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        more = QLabel(tr("\u2026 and {count} more.", count=len(change.risks) - len(shown)))
        more.setVisible(len(change.risks) > len(shown))
        buttons = ok_cancel_buttons(self, tr("Apply the new matrix"))
        self.apply_button = buttons.button(OK)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(table, 1)
        layout.addWidget(more)
        layout.addWidget(buttons)
        table.setVisible(bool(shown))


def default_choices() -> list[tuple[str, str]]:
    """Return (key, label) of the shipped matrices."""
    return [(key, tr(label)) for key, label in riskmatrix.MATRIX_CHOICES.items()]
