"""The heat map: the risk matrix drawn in its level colours with the number of risks in each cell.

``HeatMap`` draws one matrix (likelihood upwards, impact to the right, as the SPBE form prints it) and
emits ``cell_clicked(likelihood, impact)``. ``HeatMapPair`` puts the inherent and the residual map side by
side and emits ``cell_clicked(likelihood, impact, residual)``. ``ProjectorHeatMap(workshop)`` is the pair
with a title for the projector window; call ``refresh()`` after changes (or pass it ``on_changes``).
Keyboard: arrows move the current cell, Enter/Space clicks it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from fgd_app.core.risks.matrix import RiskMatrix, text_colour
from fgd_app.core.risks.register_lines import RegisterRow, cell_counts
from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

RISK_AREAS = ("risks", "risk_matrix", "risk_lists", "innovations", "opds")  # the change areas a risk map shows


class HeatMap(QWidget):
    """One matrix with counts per cell; click (or Enter) a cell to pick it."""

    cell_clicked = Signal(int, int)

    def __init__(self, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.matrix: RiskMatrix | None = None
        self.counts: dict[tuple[int, int], int] = {}
        self.selected: tuple[int, int] | None = None
        self.current: tuple[int, int] = (1, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(150, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title or tr("Heat map"))
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(300, 250)

    def set_data(self, matrix: RiskMatrix, counts: dict[tuple[int, int], int],
                 selected: tuple[int, int] | None = None) -> None:
        self.matrix, self.counts, self.selected = matrix, counts, selected
        rows, columns = matrix.size
        self.current = (min(self.current[0], rows), min(self.current[1], columns))
        total = sum(counts.values())
        self.setAccessibleDescription(tr("{count} scored risks", count=total))
        self.update()

    # --- geometry ----------------------------------------------------------------------------------
    def _layout(self) -> tuple[QRectF, float, float, float]:
        """Return the grid rectangle, the cell width and height, and the axis label band width."""
        assert self.matrix is not None
        rows, columns = self.matrix.size
        title_h = self.fontMetrics().height() * 1.4 if self.title else 0
        axis = self.fontMetrics().height() * 2.6
        area = QRectF(self.rect()).adjusted(2, 2 + title_h, -2, -2)
        cell_w = (area.width() - axis) / columns
        cell_h = (area.height() - axis) / rows
        grid = QRectF(area.left() + axis, area.top(), cell_w * columns, cell_h * rows)
        return grid, cell_w, cell_h, axis

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """Return (likelihood, impact) of the cell under a point, or None."""
        if self.matrix is None:
            return None
        grid, cell_w, cell_h, _axis = self._layout()
        if not grid.contains(QPointF(x, y)):
            return None
        rows, _columns = self.matrix.size
        column = int((x - grid.left()) // cell_w)
        row = int((y - grid.top()) // cell_h)
        return rows - row, column + 1

    def cell_rect(self, likelihood: int, impact: int) -> QRectF:
        assert self.matrix is not None
        grid, cell_w, cell_h, _axis = self._layout()
        rows, _columns = self.matrix.size
        return QRectF(grid.left() + (impact - 1) * cell_w, grid.top() + (rows - likelihood) * cell_h, cell_w, cell_h)

    # --- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.matrix is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        grid, cell_w, cell_h, axis = self._layout()
        base = QFont(self.font())
        if self.title:
            bold = QFont(base)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(QRectF(grid.left(), 0, grid.width(), grid.top()), Qt.AlignmentFlag.AlignCenter,
                             self.title)
        rows, columns = self.matrix.size
        big = QFont(base)
        big.setBold(True)
        big.setPixelSize(max(10, int(min(cell_w, cell_h) * 0.42)))
        small = QFont(base)
        small.setPixelSize(max(8, int(min(cell_w, cell_h) * 0.2)))
        for (likelihood, impact), magnitude in self.matrix.cells.items():
            rect = self.cell_rect(likelihood, impact)
            colour = self.matrix.level_for(magnitude).colour
            painter.fillRect(rect, QColor(colour))
            painter.setPen(QPen(QColor(theme.HEATMAP_CELL_BORDER), 1.5))
            painter.drawRect(rect)
            ink = QColor(text_colour(colour))
            count = self.counts.get((likelihood, impact), 0)
            painter.setPen(ink)
            if count:
                painter.setFont(big)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, format_int(count))
            painter.setFont(small)
            painter.drawText(rect.adjusted(3, 1, -3, -1), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             str(magnitude))
        if self.selected is not None and self.selected in self.matrix.cells:
            painter.setPen(QPen(QColor(theme.HEATMAP_SELECTED), 3.5))
            painter.drawRect(self.cell_rect(*self.selected).adjusted(2, 2, -2, -2))
        if self.hasFocus():
            painter.setPen(QPen(QColor(theme.HEATMAP_RESIDUAL), 1.5, Qt.PenStyle.DashLine))
            painter.drawRect(self.cell_rect(*self.current).adjusted(5, 5, -5, -5))
        painter.setFont(base)
        painter.setPen(self.palette().windowText().color())
        for number in range(1, rows + 1):  # likelihood numbers on the left
            rect = self.cell_rect(number, 1)
            painter.drawText(QRectF(grid.left() - axis * 0.45, rect.top(), axis * 0.4, rect.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(number))
        for number in range(1, columns + 1):  # impact numbers below
            rect = self.cell_rect(1, number)
            painter.drawText(QRectF(rect.left(), grid.bottom() + 2, rect.width(), axis * 0.45),
                             Qt.AlignmentFlag.AlignCenter, str(number))
        painter.drawText(QRectF(grid.left(), grid.bottom() + axis * 0.45, grid.width(), axis * 0.5),
                         Qt.AlignmentFlag.AlignCenter, tr("Impact") + " \u2192")
        painter.save()
        painter.translate(grid.left() - axis * 0.55, grid.bottom())
        painter.rotate(-90)
        painter.drawText(QRectF(0, -axis * 0.45, grid.height(), axis * 0.45), Qt.AlignmentFlag.AlignCenter,
                         tr("Likelihood") + " \u2192")
        painter.restore()
        painter.end()

    # --- input -------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.current = cell
            self.cell_clicked.emit(*cell)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is None or self.matrix is None:
            self.setToolTip("")
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.describe(*cell))

    def describe(self, likelihood: int, impact: int) -> str:
        """Return "Likelihood 4 (Sering Terjadi) × impact 3 …: magnitude 16, Tinggi — 3 risks"."""
        assert self.matrix is not None
        magnitude, level = self.matrix.assess(likelihood, impact)
        return tr("Likelihood {l} ({l_name}) \u00d7 impact {i} ({i_name}): magnitude {m}, {level} \u2014 {count} "
                  "risk(s)", l=likelihood, l_name=self.matrix.likelihood_level(likelihood).name, i=impact,
                  i_name=self.matrix.impact_level(impact).name, m=magnitude, level=level.name,
                  count=self.counts.get((likelihood, impact), 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.matrix is None:
            return super().keyPressEvent(event)
        rows, columns = self.matrix.size
        likelihood, impact = self.current
        moves = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        if event.key() in moves:
            dl, di = moves[event.key()]
            self.current = (max(1, min(rows, likelihood + dl)), max(1, min(columns, impact + di)))
            self.setToolTip(self.describe(*self.current))
            self.setAccessibleDescription(self.describe(*self.current))
            self.update()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.cell_clicked.emit(*self.current)
            return
        super().keyPressEvent(event)


class HeatMapPair(QWidget):
    """The inherent and the residual heat map side by side, with the level legend under them."""

    cell_clicked = Signal(int, int, bool)  # likelihood, impact, residual

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.inherent = HeatMap(tr("Inherent risk"))
        self.residual = HeatMap(tr("Residual risk"))
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        maps = QHBoxLayout()
        maps.setContentsMargins(0, 0, 0, 0)
        maps.addWidget(self.inherent)
        maps.addWidget(self.residual)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(maps, 1)
        layout.addWidget(self.legend)
        self.inherent.cell_clicked.connect(lambda lk, im: self.cell_clicked.emit(lk, im, False))
        self.residual.cell_clicked.connect(lambda lk, im: self.cell_clicked.emit(lk, im, True))

    def set_rows(self, matrix: RiskMatrix, rows: list[RegisterRow], selected: tuple[int, int] | None = None,
                 residual_selected: bool = False) -> None:
        """Count ``rows`` per cell and draw both maps; ``selected`` marks the cell the register is filtered by."""
        self.inherent.set_data(matrix, cell_counts(rows), None if residual_selected else selected)
        self.residual.set_data(matrix, cell_counts(rows, residual=True), selected if residual_selected else None)
        # a level name is never broken across two lines ("Sangat | Tinggi")
        swatches = " &nbsp; ".join(
            f"<span style='background:{lv.colour}; color:{text_colour(lv.colour)}'>&nbsp;{html.escape(lv.name).replace(' ', '&nbsp;')}&nbsp;</span>"
            f"&nbsp;{lv.min_magnitude}\u2013{lv.max_magnitude}" for lv in matrix.levels)
        self.legend.setText(swatches)


class ProjectorHeatMap(QWidget):
    """The heat map pair of a workshop with its title, for the projector window.

    ``background`` and ``foreground`` match the projector's colours (dark blue, white by default); the
    cells keep their level colours.
    """

    def __init__(self, workshop: Workshop, parent: QWidget | None = None, *, background: str = theme.PROJECTOR_BACKGROUND,
                 foreground: str = theme.PROJECTOR_TEXT):
        super().__init__(parent)
        self.ws = workshop
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pair = HeatMapPair()
        for heat_map in (self.pair.inherent, self.pair.residual):
            heat_map.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # shown, not operated, on the projector
        pair_font = self.pair.font()
        pair_font.setPointSizeF(pair_font.pointSizeF() * 1.4)
        self.pair.setFont(pair_font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pair, 1)
        self.refresh()

    def refresh(self) -> None:
        rows = self.ws.risks.rows()
        matrix = self.ws.risks.matrix()
        self.pair.set_rows(matrix, rows)
        self.title.setText(tr("Risk map: {count} risks ({matrix})", count=format_int(len(rows)), matrix=matrix.name))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*RISK_AREAS):
            self.refresh()
