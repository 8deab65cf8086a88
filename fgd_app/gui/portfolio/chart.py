"""A small bar chart painted with QPainter (QtCharts is not part of PySide6-Essentials)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_int


class BarChart(QWidget):
    """Horizontal bars, one per label, with the value written at the end of each bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.labels: list[str] = []
        self.values: list[float] = []
        self.format: Callable[[float], str] = format_int
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, labels: Sequence[str], values: Sequence[float],
                 fmt: Callable[[float], str] = format_int) -> None:
        self.title, self.labels, self.values, self.format = title, list(labels), list(values), fmt
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(QRectF(4, 2, self.width() - 8, line), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.values:
            return
        top, count = line + 8, len(self.values)
        step = max(4.0, min(2.2 * line, (self.height() - top - 4) / count))
        label_width = min(self.width() * 0.4, max(metrics.horizontalAdvance(t) for t in self.labels) + 8)
        value_width = max(metrics.horizontalAdvance(self.format(v)) for v in self.values) + 8
        room = max(10.0, self.width() - label_width - value_width - 8)
        peak = max(self.values) or 1
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            y = top + i * step
            if y + step > self.height():
                break
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width - 6))
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(0, y, label_width - 6, step), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             text)
            width = room * value / peak
            painter.fillRect(QRectF(label_width, y + step * 0.15, width, step * 0.7), QColor(theme.CHART_BAR))
            painter.drawText(QRectF(label_width + width + 4, y, value_width, step), Qt.AlignmentFlag.AlignVCenter,
                             self.format(value))
