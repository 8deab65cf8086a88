"""The projector's round screen: the question, the countdown, the number of answers and the result.

The result shows live or only once the round is closed (the facilitator's choice when opening it): a bar per
innovation for a dot vote, the median and the groups' spread per innovation for criteria scores, and per risk
the groups' likelihood and impact as a range with the median. Painted in one widget (``ResultView``) in the
projector's type scale; it reads the file only when a round changes (``WATCHED``), at most every
``THROTTLE_MS`` while phones answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fgd_app.gui.projector.panel import Heading, Panel
from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_int, language, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.room.rounds import Round
    from fgd_app.core.store.changes import Changes

THROTTLE_MS = 300  # while phones answer, the screen reads the file at most this often
BAR = QColor(theme.PROJECTOR_VOTE_BAR)
RANGE = QColor(theme.PROJECTOR_SCORE_RANGE)
MEDIAN = QColor(theme.PROJECTOR_HIGHLIGHT)
WIDE = QColor(theme.PROJECTOR_SCORE_WIDE)  # the groups are 2 or more levels apart
TEXT = QColor(theme.PROJECTOR_TEXT)
MUTED = QColor(theme.PROJECTOR_MUTED)


def _number(value: float | None) -> str:
    if value is None:
        return "\u2013"
    text = f"{value:g}"
    return text if language() == "en" else text.replace(".", ",")


class ResultView(QWidget):
    """Rows of a round's result painted in large type; what does not fit is counted ("+ 4 more")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        self.rows: list[dict[str, Any]] = []
        self.scale = (1, 5)
        self.points = 22.0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_result(self, kind: str, rows: list[dict[str, Any]], scale: tuple[int, int] = (1, 5)) -> None:
        self.kind, self.rows, self.scale = kind, rows, scale
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(self.points)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        line = metrics.height() * 1.5
        width, height = float(self.width()), float(self.height())
        fits = max(1, int(height // line))
        rows = self.rows if len(self.rows) <= fits else self.rows[:fits - 1]
        label_width = width * (0.46 if self.kind == "risk" else 0.5)
        chart_left, chart_width = label_width + 16, width - label_width - 16
        top = 0.0
        if self.kind in ("risk", "criteria"):  # column headings above the scales
            painter.setPen(MUTED)
            heads = ([tr("Likelihood"), tr("Impact")] if self.kind == "risk" else [tr("Scores of the groups")])
            part = (chart_width - 12) / len(heads)
            for n, head in enumerate(heads):
                painter.drawText(QRectF(chart_left + n * (part + 12), top, part, line), Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(head, Qt.TextElideMode.ElideRight, part))
            top += line
            fits -= 1
            rows = self.rows if len(self.rows) <= fits else self.rows[:max(1, fits - 1)]
        most = max((r.get("total", 0) for r in rows), default=0) or 1
        for row in rows:
            label = metrics.elidedText(f"{row['code']}  {row['name']}", Qt.TextElideMode.ElideRight, label_width)
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, top, label_width, line), Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(MEDIAN)
            painter.drawText(QRectF(0, top, label_width, line), Qt.AlignmentFlag.AlignVCenter, row["code"])
            bar_top, bar_height = top + line * 0.18, line * 0.64
            if self.kind == "dot_vote":
                number_width = metrics.horizontalAdvance("0000")
                length = (chart_width - number_width) * row["total"] / most
                painter.fillRect(QRectF(chart_left, bar_top, length, bar_height), BAR)
                painter.drawText(QRectF(chart_left + length + 8, top, number_width, line),
                                 Qt.AlignmentFlag.AlignVCenter, format_int(row["total"]))
            elif self.kind == "criteria":
                self._scale_row(painter, metrics, chart_left, chart_width, top, line, row.get("low"), row.get("high"),
                                row.get("median"), f"{_number(row.get('median'))}")
            else:
                half = (chart_width - 12) / 2
                self._scale_row(painter, metrics, chart_left, half, top, line, row.get("low_l"), row.get("high_l"),
                                row.get("median_likelihood"), _number(row.get("median_likelihood")))
                self._scale_row(painter, metrics, chart_left + half + 12, half, top, line, row.get("low_i"),
                                row.get("high_i"), row.get("median_impact"), _number(row.get("median_impact")))
            top += line
        if len(rows) < len(self.rows):
            painter.setPen(MUTED)
            painter.drawText(QRectF(0, top, width, line), Qt.AlignmentFlag.AlignVCenter,
                             tr("+ {count} more", count=len(self.rows) - len(rows)))
        painter.end()

    def _scale_row(self, painter: QPainter, metrics: QFontMetricsF, left: float, width: float, top: float,
                   line: float, low: float | None, high: float | None, median: float | None, text: str) -> None:
        """A 1..5 scale: the groups' range as a band (orange when 2 or more apart), the median as a dot."""
        first, last = self.scale
        number_width = metrics.horizontalAdvance("0,00")
        span = width - number_width - 8
        step = span / max(1, last - first)
        mid = top + line / 2
        painter.setPen(QPen(MUTED, 2))
        painter.drawLine(int(left), int(mid), int(left + span), int(mid))
        for n in range(first, last + 1):
            x = left + (n - first) * step
            painter.drawLine(int(x), int(mid - line * 0.15), int(x), int(mid + line * 0.15))
        if low is not None and high is not None:
            colour = WIDE if high - low >= 2 else RANGE
            x0, x1 = left + (low - first) * step, left + (high - first) * step
            painter.fillRect(QRectF(x0 - 6, mid - line * 0.2, x1 - x0 + 12, line * 0.4), colour)
        if median is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(MEDIAN)
            radius = line * 0.2
            painter.drawEllipse(QRectF(left + (median - first) * step - radius, mid - radius, radius * 2, radius * 2))
        painter.setPen(TEXT)
        painter.drawText(QRectF(left + span + 8, top, number_width, line), Qt.AlignmentFlag.AlignVCenter, text)


class RoundPanel(Panel):
    """The projector's round screen (mode "round")."""

    WATCHED = ("room_rounds", "innovations", "risks")

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(workshop, parent)
        self.round: Round | None = None
        self.count = 0
        self.clock = QLabel()
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setTextFormat(Qt.TextFormat.PlainText)
        self.big = QLabel()
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.big.setTextFormat(Qt.TextFormat.PlainText)
        self.big.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result = ResultView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clock)
        layout.addWidget(self.big)
        layout.addWidget(self.legend)
        layout.addWidget(self.result, 1)
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._show_clock)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(THROTTLE_MS)
        self._later.timeout.connect(self.refresh)
        self.refreshed_at = 0.0  # time.perf_counter() of the last refresh (the benchmark reads it)

    def heading(self) -> Heading:
        r = self.round
        if r is None:
            return Heading(tr("No round yet"), tr("Open a round in the room window"))
        state = tr("open") if r.is_open else tr("closed")
        subtitle = tr("Round {number}", number=r.number) + (f" \u00b7 {r.label()}" if r.title else "")
        return Heading(r.display_title, f"{subtitle} \u00b7 {state}", tr("{count} answers", count=format_int(self.count)))

    def apply_sizes(self, points: float) -> None:
        for label, factor, bold in ((self.clock, 2.4, True), (self.big, 2.0, True), (self.legend, 0.7, False)):
            font = QFont(self.font())
            font.setPointSizeF(points * factor)
            font.setBold(bold)
            label.setFont(font)
        self.result.points = points * 0.8
        self.result.update()

    def on_changes(self, changes: Changes) -> bool:
        """Phones' answers come in bursts: read the file again at most every ``THROTTLE_MS``."""
        if changes.touches(*self.WATCHED):
            if changes.only("room_rounds") and self.isVisible():
                if not self._later.isActive():
                    self._later.start()
                return False
            self.dirty = True
        return self.dirty

    def refresh(self) -> None:
        import time

        rounds = self.workshop.rounds
        r = self.round = rounds.latest()
        self.count = rounds.count(r.id) if r is not None else 0
        self.dirty = False
        if r is None:
            self.big.setText(tr("Phones: join the room, then wait for the first round."))
            self.clock.setText("")
            self.legend.setText("")
            self.result.set_result("", [])
        else:
            show = not r.is_open or r.live
            if show:
                self.big.setText("" if self.count else tr("No answers yet"))
                rows = self._rows(r)
                scale = (1, 5)
                if r.kind == "risk":
                    matrix = self.workshop.risks.matrix()
                    scale = (1, max(len(matrix.likelihood), len(matrix.impact)))
                self.result.set_result(r.kind, rows, scale)
            else:
                self.big.setText(tr("{count} answers", count=format_int(self.count)))
                self.result.set_result("", [])
            self.legend.setText((self._legend(r) if self.count else "") if show
                                else tr("The result is shown when the round closes."))
        self.big.setVisible(bool(self.big.text()))
        self.legend.setVisible(bool(self.legend.text()))
        self._show_clock()
        if r is not None and r.is_open and r.timer_seconds:
            self._tick.start()
        else:
            self._tick.stop()
        self.heading_changed.emit()
        self.refreshed_at = time.perf_counter()

    def _legend(self, r: Round) -> str:
        if r.kind == "dot_vote":
            return tr("Dots per innovation")
        if r.kind == "criteria":
            return tr("Per innovation: the groups' scores on all criteria, from lowest to highest (orange: 2 or "
                      "more apart), and the median (dot)")
        return tr("Per risk: the groups' likelihood and impact from lowest to highest (orange: 2 or more apart), "
                  "and the median (dot)")

    def _rows(self, r: Round) -> list[dict[str, Any]]:
        rounds = self.workshop.rounds
        rows = rounds.result(r.id)
        if r.kind == "criteria":
            scores = rounds.group_scores(r.id)
            for row in rows:
                values = [s for cell in scores.get(row["id"], {}).values() for s in cell.values()]
                row["low"], row["high"] = (min(values), max(values)) if values else (None, None)
        elif r.kind == "risk":
            for row in rows:
                groups = row["groups"].values()
                ls, imps = [g[0] for g in groups], [g[1] for g in groups]
                row["low_l"], row["high_l"] = (min(ls), max(ls)) if ls else (None, None)
                row["low_i"], row["high_i"] = (min(imps), max(imps)) if imps else (None, None)
        return rows

    def _show_clock(self) -> None:
        r = self.round
        left = r.remaining() if r is not None else None
        if left is None:
            self.clock.setVisible(False)
            return
        self.clock.setVisible(True)
        self.clock.setText(f"{left // 60}:{left % 60:02d}" if left else tr("Time is up"))
        colour = theme.PROJECTOR_TIME_UP if left == 0 else (theme.PROJECTOR_HIGHLIGHT if left <= 10 else theme.PROJECTOR_TEXT)
        self.clock.setStyleSheet(f"color: {colour};")
