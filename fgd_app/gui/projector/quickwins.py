"""The projector's quick-wins mode: the impact/effort chart beside the names of the chosen and the candidates.

The chart is the quick-wins page's ``ImpactEffortChart`` with projector-sized labels and points. It mirrors
the page's chart (its filters and the innovation selected on the laptop); without a quick-wins page it
shows every scored innovation. The chart prints codes; the list beside it gives the names in body type.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget
from shiboken6 import isValid

from fgd_app.core.quickwins.rules import Rule, format_score
from fgd_app.gui.projector.panel import Heading, Panel
from fgd_app.gui.quickwins.chart import ChartPoint, ImpactEffortChart
from fgd_app.gui.roadmap.view import dimension_colour
from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop

WATCHED = ("quickwins", "quickwin_scores", "innovations", "plans", "risks", "risk_matrix", "dimensions",
           "workshop")  # change areas


CROWDED = 100  # more points than this are drawn at the laptop chart's size


class ProjectorChart(ImpactEffortChart):
    """The impact/effort chart with labels in projector type; shown, not operated (no focus, no mouse)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label_points = 18.0
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumSize(240, 200)

    def label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.label_points)
        return font

    def radius(self) -> float:
        if len(self.points) > CROWDED:  # hundreds of points: the laptop's size, or they cover the chart
            return super().radius()
        return max(8.0, min(16.0, self.height() / 42))


class NameList(QWidget):
    """Sections of "● CODE name" lines in large type, wrapped; what does not fit is counted ("+ 3 more")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, str]] = []  # (kind "head"/"item", code, text, colour)
        self.body_font = QFont(self.font())
        self.hidden_count = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.rows = rows
        self.update()

    def set_points(self, points: float) -> None:
        self.body_font = QFont(self.font())
        self.body_font.setPointSizeF(points)
        self.update()

    def _document(self, kind: str, code: str, text: str, colour: str) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.body_font)
        if kind == "head":
            document.setHtml(f'<span style="color:{theme.PROJECTOR_MUTED}; font-weight:bold">{escape(text)}</span>')
        else:
            mark = QFontMetricsF(self.body_font).horizontalAdvance("\u25cf ")
            document.setHtml(
                f'<table cellspacing="0" cellpadding="0" width="100%"><tr>'
                f'<td width="{int(mark) + 2}" style="color:{colour}">\u25cf</td>'
                f'<td style="color:{theme.PROJECTOR_TEXT}"><b style="color:{theme.PROJECTOR_HIGHLIGHT}">{escape(code)}</b> {escape(text)}</td>'
                f'</tr></table>')
        document.setTextWidth(max(50, self.width()))
        return document

    def fitting(self) -> tuple[list[tuple[float, QTextDocument]], int]:
        """Return the rows that fit (their top and document) and how many items are left out."""
        gap = self.body_font.pointSizeF() * 0.3
        more_height = QFontMetricsF(self.body_font).lineSpacing() * 1.2
        items = sum(1 for row in self.rows if row[0] == "item")
        placed: list[tuple[float, QTextDocument]] = []
        kinds: list[str] = []
        y = 0.0
        for index, (kind, code, text, colour) in enumerate(self.rows):
            document = self._document(kind, code, text, colour)
            last = index == len(self.rows) - 1
            if y + document.size().height() > self.height() - (0 if last else more_height):
                break
            placed.append((y, document))
            kinds.append(kind)
            following = self.rows[index + 1][0] if not last else ""
            y += document.size().height() + (gap * 2.5 if following == "head" else gap)
        while kinds and kinds[-1] == "head" and len(kinds) < len(self.rows):  # a heading without its items
            kinds.pop()
            placed.pop()
        return placed, items - kinds.count("item")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        placed, self.hidden_count = self.fitting()
        for top, document in placed:
            painter.save()
            painter.translate(0, top)
            document.drawContents(painter)
            painter.restore()
        if self.hidden_count:
            y = placed[-1][0] + placed[-1][1].size().height() + self.body_font.pointSizeF() * 0.3 if placed else 0
            painter.setFont(self.body_font)
            painter.setPen(QColor(theme.PROJECTOR_MUTED))
            painter.drawText(QRectF(0, y, self.width(), QFontMetricsF(self.body_font).lineSpacing() * 1.2),
                             Qt.AlignmentFlag.AlignLeft, tr("+ {count} more", count=format_int(self.hidden_count)))
        painter.end()


class QuickWinsPanel(Panel):
    """The chart (left) and the chosen quick wins and candidates by name (right)."""

    WATCHED = WATCHED

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(workshop, parent)
        self.source: QWidget | None = None
        self._seen: tuple | None = None
        self.points: list[ChartPoint] = []
        self.rule = Rule()
        self.chart = ProjectorChart()
        self.names = NameList()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addWidget(self.chart, 5)
        layout.addWidget(self.names, 4)

    # --- data in -----------------------------------------------------------------------------------
    def follow(self, source: QWidget | None) -> None:
        self.source = source if source is not None and isinstance(getattr(source, "chart", None),
                                                                  ImpactEffortChart) else None
        self._seen = None
        if self.source is not None:
            self.sync()
        else:
            self.refresh()

    def _source_chart(self) -> ImpactEffortChart | None:
        source = self.source
        return source.chart if source is not None and isValid(source) and isValid(source.chart) else None

    def sync(self) -> None:
        chart = self._source_chart()
        if chart is None:
            return
        seen = (id(chart.points), len(chart.points), id(chart.rule), chart.selected_id)
        if seen != self._seen:
            self._seen = seen
            self._show(list(chart.points), chart.rule, chart.selected_id)

    def refresh(self) -> None:
        self.dirty = False
        if self._source_chart() is not None:
            self.sync()
            return
        board = self.workshop.quickwins.board()
        points = [ChartPoint(r.id, r.code, r.name, r.impact, r.effort, r.dimension_index, r.candidate, r.chosen)
                  for r in board.rows if r.impact is not None and r.effort is not None]
        self._show(points, board.rule, None)

    def _show(self, points: list[ChartPoint], rule: Rule, selected_id: str | None) -> None:
        self.points, self.rule = points, rule
        self.chart.set_points(points, rule)
        self.chart.select(selected_id)
        chosen = [p for p in points if p.chosen]
        candidates = [p for p in points if p.candidate and not p.chosen]
        rows: list[tuple[str, str, str, str]] = []
        for title, members in ((tr("Chosen quick wins"), chosen), (tr("Candidates"), candidates)):
            if members:
                rows.append(("head", "", title, ""))
                rows += [("item", p.code, p.name, dimension_colour(p.dimension_index).name()) for p in members]
        if not rows:
            rows = [("head", "", tr("No candidates yet: score impact and effort on the laptop."), "")]
        self.names.set_rows(rows)
        self.heading_changed.emit()

    # --- panel contract ----------------------------------------------------------------------------
    def heading(self) -> Heading:
        rule = self.rule
        subtitle = tr("Quick win: impact \u2265 {impact} and effort \u2264 {effort}",
                      impact=format_score(rule.min_impact, 1), effort=format_score(rule.max_effort, 1))
        for sign in ("\u2265", "\u2264"):  # keep "effort ≤ 2,0" on one line
            subtitle = subtitle.replace(f" {sign} ", f"\u00a0{sign}\u00a0")
        return Heading(tr("Impact and effort"), subtitle)

    def apply_sizes(self, points: float) -> None:
        self.chart.label_points = points * 0.62
        self.chart.update()
        self.names.set_points(points)
