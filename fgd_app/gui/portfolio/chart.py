"""The compare tab's chart, painted with QPainter (QtCharts is not part of PySide6-Essentials): one bar per
region and stage, split by dimension (or risk level), with a legend above and the region's total at the end
of its bar. The widget is as tall as its bars need; the compare view scrolls it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from fgd_app.core.portfolio.compare import RegionChart, Series
from fgd_app.gui.roadmap.view import dimension_colour
from fgd_app.i18n import format_int


def series_colour(series: Series) -> QColor:
    return QColor(series.colour) if series.colour else dimension_colour(series.index)


class RegionBarChart(QWidget):
    """Horizontal stacked bars, one per region; ``set_chart`` shows a ``RegionChart``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.chart: RegionChart | None = None
        self.format: Callable[[float], str] = format_int
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    # kept for tests and callers that read the bars
    @property
    def labels(self) -> list[str]:
        return list(self.chart.regions) if self.chart else []

    def set_chart(self, chart: RegionChart, fmt: Callable[[float], str] = format_int) -> None:
        self.chart, self.format = chart, fmt
        self.setMinimumHeight(self._height_for(max(self.width(), 400)))
        self.updateGeometry()
        self.update()

    def _step(self) -> float:
        return self.fontMetrics().height() * 1.45

    def _legend_rows(self, width: float) -> list[list[tuple[Series, float]]]:
        """Place the legend items in rows that fit ``width``; return them with their x."""
        metrics = self.fontMetrics()
        rows: list[list[tuple[Series, float]]] = [[]]
        x = 4.0
        for series in self.chart.series if self.chart else []:
            item = 16 + metrics.horizontalAdvance(series.name) + 14
            if rows[-1] and x + item > width:
                rows.append([])
                x = 4.0
            rows[-1].append((series, x))
            x += item
        return rows

    def _height_for(self, width: float) -> int:
        line = self.fontMetrics().height()
        if self.chart is None:
            return 2 * line
        legend = len(self._legend_rows(width)) * (line + 4)
        return int(line + 8 + legend + 6 + max(1, len(self.chart.regions)) * self._step() + 6)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(600, self._height_for(max(self.width(), 600)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.setMinimumHeight(self._height_for(event.size().width()))
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        chart = self.chart
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        ink = self.palette().windowText().color()
        painter.setPen(ink)
        if chart is None:
            return
        bold = painter.font()
        bold.setBold(True)
        plain = painter.font()
        painter.setFont(bold)
        painter.drawText(QRectF(4, 2, self.width() - 8, line), Qt.AlignmentFlag.AlignLeft, chart.title)
        painter.setFont(plain)
        y = line + 8
        for legend_row in self._legend_rows(self.width()):
            for series, x in legend_row:
                painter.fillRect(QRectF(x, y + 2, 11, line - 4), series_colour(series))
                painter.drawText(QRectF(x + 16, y, self.width(), line), Qt.AlignmentFlag.AlignVCenter, series.name)
            y += line + 4
        top = y + 6
        totals = chart.totals()
        if not chart.regions:
            return
        step = self._step()
        label_width = min(self.width() * 0.32, max(metrics.horizontalAdvance(t) for t in chart.regions) + 10)
        value_width = max(metrics.horizontalAdvance(self.format(v)) for v in totals) + 10
        room = max(10.0, self.width() - label_width - value_width - 8)
        peak = max(totals) or 1
        for index, (label, values) in enumerate(zip(chart.regions, chart.values, strict=True)):
            y = top + index * step
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width - 8))
            painter.setPen(ink)
            painter.drawText(QRectF(0, y, label_width - 8, step),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            x = label_width
            for series, value in zip(chart.series, values, strict=True):
                width = room * value / peak
                if width > 0:
                    painter.fillRect(QRectF(x, y + step * 0.14, width, step * 0.72), series_colour(series))
                    x += width
            painter.drawText(QRectF(x + 4, y, value_width, step), Qt.AlignmentFlag.AlignVCenter,
                             self.format(totals[index]))
