"""The impact/effort chart: one custom-painted widget (no widget per point), readable on a projector.

Effort runs left (little) to right (much), impact bottom (little) to top (much). The rule's thresholds
split the plane into four labelled quadrants: quick win (top left), major project (top right), fill-in
(bottom left) and reconsider (bottom right). Points are coloured by dimension; innovations with the same
scores are spread on a small sunflower spiral around their true place, and code labels are placed where
they overlap nothing (best-ranked first), so codes stay readable. Click a point to select it, double-click
or Enter to open it; arrow keys walk the points in rank order.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fgd_app.core.quickwins.rules import QUADRANTS, Rule, format_score
from fgd_app.gui.roadmap.view import dimension_colour
from fgd_app.gui.widgets import theme
from fgd_app.i18n import tr

LOW, HIGH = 0.5, 5.5  # the axes' range around the scores 1..5
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
MANY_POINTS = 400  # above this, only the selected and the chosen points get a label


class ChartPoint(NamedTuple):
    id: str
    code: str
    name: str
    impact: float
    effort: float
    dimension_index: int
    candidate: bool = False
    chosen: bool = False


class ImpactEffortChart(QWidget):
    """Impact (up) against effort (right) in four quadrants; ``selected(id)`` and ``activated(id)``."""

    selected = Signal(str)
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[ChartPoint] = []
        self.rule = Rule()
        self.selected_id: str | None = None
        self._placed: list[tuple[ChartPoint, QPointF]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 260)
        self.setAccessibleName(tr("Impact/effort chart"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 480)

    # --- data in -------------------------------------------------------------------------------------
    def set_points(self, points: list[ChartPoint], rule: Rule) -> None:
        """Show these points (in rank order: earlier points get their labels first)."""
        self.points = points
        self.rule = rule
        if self.selected_id not in {p.id for p in points}:
            self.selected_id = None
        self.update()

    def select(self, innovation_id: str | None) -> None:
        self.selected_id = innovation_id
        self.update()

    # --- geometry ------------------------------------------------------------------------------------
    def label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(10.0, min(18.0, self.height() / 36)))
        return font

    def plot_rect(self) -> QRectF:
        metrics = QFontMetricsF(self.label_font())
        left = metrics.height() * 2.6
        bottom = metrics.height() * 2.4
        return QRectF(left, metrics.height() * 0.6, self.width() - left - 12, self.height() - bottom - 8)

    def to_screen(self, effort: float, impact: float, plot: QRectF) -> QPointF:
        x = plot.left() + (effort - LOW) / (HIGH - LOW) * plot.width()
        y = plot.bottom() - (impact - LOW) / (HIGH - LOW) * plot.height()
        return QPointF(x, y)

    def radius(self) -> float:
        return max(6.0, min(12.0, self.height() / 60))

    def _layout(self, plot: QRectF) -> list[tuple[ChartPoint, QPointF]]:
        """Return every point with its place on screen; equal scores spread on a sunflower spiral."""
        clusters: dict[tuple[float, float], list[ChartPoint]] = {}
        for point in self.points:
            clusters.setdefault((point.effort, point.impact), []).append(point)
        step = self.radius() * 1.25
        placed = []
        for (effort, impact), members in clusters.items():
            centre = self.to_screen(effort, impact, plot)
            for k, point in enumerate(members):
                distance = step * math.sqrt(k)
                angle = k * GOLDEN_ANGLE
                placed.append((point, QPointF(centre.x() + distance * math.cos(angle),
                                              centre.y() + distance * math.sin(angle))))
        return placed

    def point_at(self, position: QPointF) -> ChartPoint | None:
        best, best_distance = None, (self.radius() + 4) ** 2
        for point, centre in self._placed:
            d = (centre.x() - position.x()) ** 2 + (centre.y() - position.y()) ** 2
            if d <= best_distance:
                best, best_distance = point, d
        return best

    # --- painting ------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        plot = self.plot_rect()
        font = self.label_font()
        titles = self._paint_quadrants(painter, plot, font)
        self._paint_axes(painter, plot, font)
        self._placed = self._layout(plot)
        self._paint_points(painter, font, titles)
        if not self.points:
            painter.setFont(font)
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(plot.adjusted(20, 0, -20, 0), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             tr("No innovation has impact and effort scores yet: score them in the first tab."))
        painter.end()

    def _split(self, plot: QRectF) -> QPointF:
        """Return where the quadrant lines cross: one point radius beyond the thresholds, so a point exactly
        on a threshold (the limits are inclusive) sits visibly inside the quick-win side."""
        at = self.to_screen(self.rule.max_effort, self.rule.min_impact, plot)
        return QPointF(at.x() + self.radius() + 1, at.y() + self.radius() + 1)

    def _paint_quadrants(self, painter: QPainter, plot: QRectF, font: QFont) -> list[QRectF]:
        split = self._split(plot)
        areas = {"quick_win": QRectF(plot.topLeft(), QPointF(split.x(), split.y())),
                 "major": QRectF(QPointF(split.x(), plot.top()), QPointF(plot.right(), split.y())),
                 "fill_in": QRectF(QPointF(plot.left(), split.y()), QPointF(split.x(), plot.bottom())),
                 "reconsider": QRectF(split, plot.bottomRight())}
        title = QFont(font)
        title.setBold(True)
        titles = []
        for key, area in areas.items():
            painter.fillRect(area, QColor(theme.QUADRANT_FILLS[key]))
            ink = QColor(theme.QUADRANT_INKS[key])
            ink.setAlpha(170)
            painter.setPen(ink)
            # a narrow quadrant takes a smaller title before its end is cut ("Quick …" on the projector)
            room = max(area.width() - 12, 0)
            for scale in (1.25, 1.0, 0.85):
                title.setPointSizeF(font.pointSizeF() * scale)
                metrics = QFontMetricsF(title)
                if metrics.horizontalAdvance(tr(QUADRANTS[key])) <= room:
                    break
            painter.setFont(title)
            text = metrics.elidedText(tr(QUADRANTS[key]), Qt.TextElideMode.ElideRight, room)
            top = key in ("quick_win", "major")
            box = area.adjusted(6, 4, -6, -4)
            align = (Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignBottom) | (
                Qt.AlignmentFlag.AlignLeft if key in ("quick_win", "fill_in") else Qt.AlignmentFlag.AlignRight)
            if box.height() > metrics.height():
                titles.append(painter.boundingRect(box, align, text))
                painter.drawText(box, align, text)
        painter.setPen(QPen(QColor(theme.GUIDE_LINE), 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(split.x(), plot.top()), QPointF(split.x(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), split.y()), QPointF(plot.right(), split.y()))
        return titles

    def _paint_axes(self, painter: QPainter, plot: QRectF, font: QFont) -> None:
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        text = self.palette().text().color()
        painter.setPen(QPen(text, 1))
        painter.drawRect(plot)
        for value in range(1, 6):
            x = self.to_screen(value, 1, plot).x()
            painter.drawText(QRectF(x - 20, plot.bottom() + 2, 40, metrics.height()), Qt.AlignmentFlag.AlignCenter,
                             str(value))
            y = self.to_screen(1, value, plot).y()
            painter.drawText(QRectF(plot.left() - metrics.height() * 1.2, y - metrics.height() / 2,
                                    metrics.height(), metrics.height()), Qt.AlignmentFlag.AlignCenter, str(value))
        axis = QFont(font)
        axis.setBold(True)
        painter.setFont(axis)
        painter.drawText(QRectF(plot.left(), plot.bottom() + metrics.height(), plot.width(), metrics.height() * 1.3),
                         Qt.AlignmentFlag.AlignCenter, tr("Effort \u2192 (cost, difficulty, time)"))
        painter.save()
        painter.translate(metrics.height() * 0.2, plot.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), metrics.height() * 1.3),
                         Qt.AlignmentFlag.AlignCenter, tr("Impact on citizens \u2192"))
        painter.restore()

    def _paint_points(self, painter: QPainter, font: QFont, reserved: list[QRectF]) -> None:
        r = self.radius()
        occupied = _Occupancy(max(r * 4, 24))
        for rect in reserved:
            occupied.add(rect)
        for _point, centre in self._placed:
            occupied.add(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r))
        for point, centre in self._placed:
            colour = dimension_colour(point.dimension_index)
            ring = QColor(theme.CHART_INK) if point.chosen else (QColor(theme.CANDIDATE) if point.candidate else colour.darker(140))
            painter.setPen(QPen(ring, 3 if (point.chosen or point.candidate) else 1))
            painter.setBrush(colour)
            painter.drawEllipse(centre, r, r)
            if point.chosen:
                painter.setPen(QPen(QColor("white"), 2))
                painter.drawLine(QPointF(centre.x() - r / 2, centre.y()), QPointF(centre.x() + r / 2, centre.y()))
                painter.drawLine(QPointF(centre.x(), centre.y() - r / 2), QPointF(centre.x(), centre.y() + r / 2))
        bold = QFont(font)
        bold.setBold(True)
        metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
        many = len(self._placed) > MANY_POINTS
        order = sorted(self._placed, key=lambda pc: (pc[0].id != self.selected_id, not pc[0].chosen,
                                                     not pc[0].candidate))
        plot = self.plot_rect()
        labels: list[tuple[int, QRectF, str, bool, QPointF, bool]] = []
        for point, centre in order:
            is_selected = point.id == self.selected_id
            strong = is_selected or point.chosen
            if many and not strong:
                continue
            measure = bold_metrics if strong else metrics
            text = point.code if not is_selected else f"{point.code} \u00b7 {point.name}"
            if is_selected:
                text = measure.elidedText(text, Qt.TextElideMode.ElideRight, plot.width() * 0.6)
            size = QSize(int(measure.horizontalAdvance(text)) + 8, int(measure.height()) + 2)
            spot = self._free_spot(centre, r, size, occupied, plot, rings=5 if strong else 3 if point.candidate else 1)
            if spot is None:
                continue
            rect, ring = spot
            occupied.add(rect)
            labels.append((2 if is_selected else 1 if strong else 0, rect, text, strong, centre, ring > 0))
        for layer, rect, text, strong, centre, leader in sorted(labels, key=lambda label: label[0]):
            if leader:
                painter.setPen(QPen(QColor(theme.CHART_INK), 1))
                painter.drawLine(centre, _nearest(rect, centre))
            if layer == 2:
                painter.setPen(QPen(QColor(theme.CHART_INK), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, r + 4, r + 4)
            if strong:
                painter.fillRect(rect, QColor(255, 255, 255, 225))
                painter.setPen(QPen(QColor(theme.CHART_INK), 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
            painter.setFont(bold if strong else font)
            painter.setPen(QColor(theme.CHART_INK))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _free_spot(self, centre: QPointF, r: float, size: QSize, occupied: _Occupancy, bounds: QRectF,
                   rings: int) -> tuple[QRectF, int] | None:
        """Return a place for a label beside the point that overlaps nothing drawn yet, and its distance ring
        (0: touching the point; further rings get a leader line). Selected and chosen ones (5 rings) always get a place."""
        w, h = size.width(), size.height()
        first = None
        for ring in range(rings):
            gap = r + 3 + ring * (h + 4)
            candidates = [(gap, -h / 2), (-gap - w, -h / 2), (-w / 2, -gap - h), (-w / 2, gap),
                          (gap, -gap - h / 2 - 4), (gap, gap - h / 2 + 4), (-gap - w, -gap - h / 2 - 4),
                          (-gap - w, gap - h / 2 + 4)]
            for dx, dy in candidates:
                rect = QRectF(centre.x() + dx, centre.y() + dy, w, h)
                if not bounds.contains(rect):
                    continue
                first = first or (rect, ring)
                if not occupied.hits(rect):
                    return rect, ring
        if rings >= 5:
            if first is None:  # wider than the room beside the point: keep it inside the plot
                x = min(max(centre.x() + r + 3, bounds.left()), bounds.right() - w)
                y = min(max(centre.y() - h / 2, bounds.top()), bounds.bottom() - h)
                first = (QRectF(x, y, w, h), 0)
            return first
        return None

    # --- interaction ---------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        point = self.point_at(event.position())
        if point is not None:
            self.select(point.id)
            self.selected.emit(point.id)
        self.setFocus()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        point = self.point_at(event.position())
        if point is not None:
            self.activated.emit(point.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            point = self.point_at(QPointF(event.pos()))
            if point is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tr("{code} \u00b7 {name}\nImpact {impact} \u00b7 Effort {effort}",
                                                        code=point.code, name=point.name,
                                                        impact=format_score(point.impact),
                                                        effort=format_score(point.effort)), self)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up) and self.points:
            ids = [p.id for p in self.points]
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            index = ids.index(self.selected_id) + step if self.selected_id in ids else 0
            self.select(ids[index % len(ids)])
            self.selected.emit(self.selected_id)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id:
            self.activated.emit(self.selected_id)
            return
        super().keyPressEvent(event)


def _nearest(rect: QRectF, point: QPointF) -> QPointF:
    """Return the point of ``rect`` nearest to ``point`` (where a leader line meets the label)."""
    return QPointF(min(max(point.x(), rect.left()), rect.right()), min(max(point.y(), rect.top()), rect.bottom()))


class _Occupancy:
    """Rectangles already drawn, bucketed on a grid so overlap tests stay cheap with thousands of points."""

    def __init__(self, cell: float):
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF):
        c = self.cell
        for i in range(int(rect.left() // c), int(rect.right() // c) + 1):
            for j in range(int(rect.top() // c), int(rect.bottom() // c) + 1):
                yield i, j

    def add(self, rect: QRectF) -> None:
        for key in self._keys(rect):
            self.buckets.setdefault(key, []).append(rect)

    def hits(self, rect: QRectF) -> bool:
        return any(other.intersects(rect) for key in self._keys(rect) for other in self.buckets.get(key, ()))
