"""The projector's action-plan modes: a dimension's innovations with their plan counts and years (the plans
page), and the roadmap by stage with bars (the roadmap page).

Both read the file's roadmap snapshot (``ws.plans.roadmap_data()``) and follow the page they mirror: its
dimension (and on the plans page the innovation being planned, highlighted), or its filters (roadmap).
Rows are single lines in projector type; what does not fit is counted ("+ 3 more").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget
from shiboken6 import isValid

from fgd_app.core.roadmap.data import RoadmapFilter, build_rows, format_rupiah_short, stages_of, visible_plans
from fgd_app.gui.projector.panel import Heading, Panel
from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.roadmap.data import RoadmapData

WATCHED = ("plans", "innovations", "dimensions", "horizon", "plan_lists")


class Line(NamedTuple):
    code: str
    text: str
    detail: str  # right-aligned, muted
    highlighted: bool = False


class LineList(QWidget):
    """One line per row ("CODE  name ........ detail"), the highlighted one always in view; the rest counted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lines: list[Line] = []
        self.body_font = QFont(self.font())
        self.hidden_count = 0
        self.first_shown = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_lines(self, lines: list[Line]) -> None:
        self.lines = lines
        self.update()

    def set_points(self, points: float) -> None:
        self.body_font = QFont(self.font())
        self.body_font.setPointSizeF(points)
        self.update()

    def row_height(self) -> float:
        return QFontMetricsF(self.body_font).lineSpacing() * 1.25

    def shown_range(self) -> tuple[int, int]:
        """Return (first, end) of the rows that fit, keeping the highlighted row in view."""
        fit = max(1, int(self.height() // self.row_height()))
        if len(self.lines) <= fit:
            return 0, len(self.lines)
        fit = max(1, fit - 1)  # a line for "+ N more"
        chosen = next((n for n, line in enumerate(self.lines) if line.highlighted), 0)
        first = min(max(0, chosen - fit // 2), len(self.lines) - fit)
        return first, first + fit

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        metrics = QFontMetricsF(self.body_font)
        code_font = QFont(self.body_font)
        code_font.setBold(True)
        code_width = max((QFontMetricsF(code_font).horizontalAdvance(line.code) for line in self.lines), default=0)
        code_width += metrics.averageCharWidth() * 1.5 if code_width else 0
        detail_font = QFont(self.body_font)
        detail_font.setPointSizeF(self.body_font.pointSizeF() * 0.8)
        detail_metrics = QFontMetricsF(detail_font)
        height = self.row_height()
        first, end = self.shown_range()
        self.first_shown = first
        self.hidden_count = len(self.lines) - (end - first)
        y = 0.0
        for line in self.lines[first:end]:
            row = QRectF(0, y, self.width(), height)
            if line.highlighted:
                painter.fillRect(row, QColor(theme.PROJECTOR_NEW_ITEM))
            detail_width = detail_metrics.horizontalAdvance(line.detail) + metrics.averageCharWidth() * 2
            painter.setFont(code_font)
            painter.setPen(QColor(theme.PROJECTOR_HIGHLIGHT))
            painter.drawText(row.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, line.code)
            painter.setFont(self.body_font)
            painter.setPen(QColor(theme.PROJECTOR_TEXT))
            name_rect = row.adjusted(8 + code_width, 0, -detail_width, 0)
            painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(line.text, Qt.TextElideMode.ElideRight, name_rect.width()))
            painter.setFont(detail_font)
            painter.setPen(QColor(theme.PROJECTOR_MUTED))
            painter.drawText(row.adjusted(0, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             line.detail)
            y += height
        if self.hidden_count:
            painter.setPen(QColor(theme.PROJECTOR_MUTED))
            painter.drawText(QRectF(8, y, self.width(), height), Qt.AlignmentFlag.AlignVCenter,
                             tr("+ {count} more", count=format_int(self.hidden_count)))
        painter.end()


def year_span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}\u2013{last}"


class PlansPanel(Panel):
    """The innovations of the plans page's dimension, with how many plans each has and their years."""

    WATCHED = WATCHED

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(workshop, parent)
        self.source: QWidget | None = None
        self.data: RoadmapData | None = None
        self.dimension_id = ""
        self.innovation_id = ""
        self.lines = LineList()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lines)
        self._heading = Heading(tr("Action plans"))

    def follow(self, source: QWidget | None) -> None:
        self.source = source if source is not None and hasattr(source, "current_innovation_id") else None
        self.sync()

    def _page_choice(self) -> tuple[str, str]:
        source = self.source
        if source is None or not isValid(source):
            return self.dimension_id, self.innovation_id
        return source.dimension.currentData() or "", source.current_innovation_id() or ""

    def sync(self) -> None:
        dimension_id, innovation_id = self._page_choice()
        if (dimension_id, innovation_id) != (self.dimension_id, self.innovation_id) and self.data is not None:
            self.dimension_id, self.innovation_id = dimension_id, innovation_id
            self._show()

    def refresh(self) -> None:
        self.dirty = False
        self.data = self.workshop.plans.roadmap_data()
        self.dimension_id, self.innovation_id = self._page_choice()
        self._show()

    def _show(self) -> None:
        data = self.data
        assert data is not None
        innovation = next((i for i in data.innovations if i.id == self.innovation_id), None)
        dimension_id = self.dimension_id or (innovation.dimension_id if innovation else "")
        if not dimension_id and data.dimensions:
            dimension_id = data.dimensions[0].id
        dimension = next((d for d in data.dimensions if d.id == dimension_id), None)
        plans_of, spans = data.plans_of, data.innovation_spans
        lines, planned, plan_count = [], 0, 0
        for item in data.innovations:
            if item.dimension_id != dimension_id:
                continue
            count = len(plans_of.get(item.id, ()))
            if count:
                first, last, _budget = spans[item.id]
                detail = tr("{plans} \u00b7 {years}", plans=tr("{count} plans", count=count), years=year_span(first, last))
                planned += 1
                plan_count += count
            else:
                detail = tr("no plan yet")
            lines.append(Line(item.code, item.name, detail, item.id == self.innovation_id))
        self.lines.set_lines(lines)
        subtitle = tr("{planned} of {count} innovations have a plan", planned=format_int(planned),
                      count=format_int(len(lines))) if lines else tr("No innovation in this dimension yet")
        self._heading = Heading(tr("Action plans: {dimension}", dimension=dimension.name) if dimension
                                else tr("Action plans"), subtitle,
                                tr("{count} plans", count=format_int(plan_count)))
        self.heading_changed.emit()

    def heading(self) -> Heading:
        return self._heading

    def apply_sizes(self, points: float) -> None:
        self.lines.set_points(points * 0.85)


class StageGrid(QWidget):
    """Rows (dimensions, or one dimension's innovations) x stages: a bar per cell as long as its plan count."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stages: list[tuple[str, str]] = []  # (name, years)
        self.rows: list[tuple[str, list[int], str]] = []  # (label, plans per stage, total budget)
        self.hidden_count = 0
        self.body_font = QFont(self.font())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_grid(self, stages: list[tuple[str, str]], rows: list[tuple[str, list[int], str]]) -> None:
        self.stages, self.rows = stages, rows
        self.update()

    def set_points(self, points: float) -> None:
        self.body_font = QFont(self.font())
        self.body_font.setPointSizeF(points)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = self.body_font
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.72)
        metrics, small_metrics = QFontMetricsF(font), QFontMetricsF(small)
        label_width = min(self.width() * 0.36, max((metrics.horizontalAdvance(r[0]) for r in self.rows), default=0) + 16)
        total_width = max((small_metrics.horizontalAdvance(r[2]) for r in self.rows), default=0) + 16
        columns = max(1, len(self.stages))
        cell_width = (self.width() - label_width - total_width) / columns
        head_height = metrics.lineSpacing() + small_metrics.lineSpacing() + 8
        spare = (self.height() - head_height) / max(1, len(self.rows))  # few rows: spread them over the height
        row_height = max(metrics.lineSpacing() * 1.5, min(metrics.lineSpacing() * 2.2, spare))
        fit = max(0, int((self.height() - head_height) // row_height))
        shown = self.rows if len(self.rows) <= fit else self.rows[:max(0, fit - 1)]
        self.hidden_count = len(self.rows) - len(shown)
        most = max((n for r in self.rows for n in r[1]), default=0) or 1
        for column, (name, years) in enumerate(self.stages):
            x = label_width + column * cell_width
            painter.setFont(font)
            painter.setPen(QColor(theme.PROJECTOR_TEXT))
            painter.drawText(QRectF(x, 0, cell_width, metrics.lineSpacing()), Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, cell_width - 8))
            painter.setFont(small)
            painter.setPen(QColor(theme.PROJECTOR_MUTED))
            painter.drawText(QRectF(x, metrics.lineSpacing(), cell_width, small_metrics.lineSpacing()),
                             Qt.AlignmentFlag.AlignCenter, years)
            if column:
                painter.setPen(QColor(theme.PROJECTOR_MUTED))
                painter.drawLine(int(x), int(head_height), int(x), int(head_height + row_height * len(shown)))
        painter.setFont(small)
        painter.setPen(QColor(theme.PROJECTOR_MUTED))
        painter.drawText(QRectF(self.width() - total_width, metrics.lineSpacing(), total_width - 4,
                                small_metrics.lineSpacing()), Qt.AlignmentFlag.AlignRight, tr("Budget"))
        for row, (label, counts, total) in enumerate(shown):
            y = head_height + row * row_height
            painter.setFont(font)
            painter.setPen(QColor(theme.PROJECTOR_TEXT))
            painter.drawText(QRectF(0, y, label_width - 8, row_height), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8))
            for column, count in enumerate(counts):
                if not count:
                    continue
                x = label_width + column * cell_width + 6
                length = max(4.0, (cell_width - 12) * count / most)
                bar = QRectF(x, y + row_height * 0.2, length, row_height * 0.6)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(theme.PROJECTOR_HIGHLIGHT))
                painter.drawRoundedRect(bar, 4, 4)
                painter.setFont(small)
                text = format_int(count)
                inside = small_metrics.horizontalAdvance(text) + 8 <= length
                painter.setPen(QColor(theme.PROJECTOR_BACKGROUND if inside else theme.PROJECTOR_TEXT))
                target = bar.adjusted(4, 0, 0, 0) if inside else QRectF(bar.right() + 4, bar.top(), 80, bar.height())
                painter.drawText(target, Qt.AlignmentFlag.AlignVCenter, text)
            painter.setFont(small)
            painter.setPen(QColor(theme.PROJECTOR_MUTED))
            painter.drawText(QRectF(self.width() - total_width, y, total_width - 4, row_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, total)
        if self.hidden_count:
            painter.setFont(font)
            painter.setPen(QColor(theme.PROJECTOR_MUTED))
            painter.drawText(QRectF(0, head_height + len(shown) * row_height, self.width(), row_height),
                             Qt.AlignmentFlag.AlignVCenter, tr("+ {count} more", count=format_int(self.hidden_count)))
        painter.end()


class RoadmapPanel(Panel):
    """The roadmap by stage: per dimension (or, filtered to one, per innovation) the plans in each stage."""

    WATCHED = WATCHED

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(workshop, parent)
        self.source: QWidget | None = None
        self.data: RoadmapData | None = None
        self.filter = RoadmapFilter()
        self.grid = StageGrid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        self._heading = Heading(tr("Roadmap"))

    def follow(self, source: QWidget | None) -> None:
        self.source = source if source is not None and hasattr(source, "current_filter") else None
        self.sync()

    def _page_filter(self) -> RoadmapFilter:
        source = self.source
        return source.current_filter() if source is not None and isValid(source) else self.filter

    def sync(self) -> None:
        flt = self._page_filter()
        if flt != self.filter and self.data is not None:
            self.filter = flt
            self._show()

    def refresh(self) -> None:
        self.dirty = False
        self.data = self.workshop.plans.roadmap_data()
        self.filter = self._page_filter()
        self._show()

    def _show(self) -> None:
        data = self.data
        assert data is not None
        plans = visible_plans(build_rows(data, self.filter))
        stages = data.stages
        index = {s.number: n for n, s in enumerate(stages)}
        by_innovation = self.filter.dimension_id is not None
        keys = ([i.id for i in data.innovations if i.dimension_id == self.filter.dimension_id] if by_innovation
                else [d.id for d in data.dimensions])
        counts = {key: [0] * len(stages) for key in keys}
        budgets = dict.fromkeys(keys, 0)
        dimension_of = {i.id: i.dimension_id for i in data.innovations}
        for plan in plans:
            key = plan.innovation_id if by_innovation else dimension_of.get(plan.innovation_id, "")
            if key not in counts:
                continue
            budgets[key] += plan.budget
            for stage in stages_of(plan.first_year, plan.last_year, stages):
                counts[key][index[stage.number]] += 1
        if by_innovation:
            names = {i.id: f"{i.code} {i.name}" for i in data.innovations}
            keys = [k for k in keys if any(counts[k])]  # one dimension: the innovations with plans
        else:
            names = {d.id: d.name for d in data.dimensions}
        rows = [(names[k], counts[k], format_rupiah_short(budgets[k]) if budgets[k] else "") for k in keys]
        self.grid.set_grid([(s.name, year_span(s.first_year, s.last_year)) for s in stages], rows)
        parts = []
        if self.filter.dimension_id is not None:
            parts += [d.name for d in data.dimensions if d.id == self.filter.dimension_id]
        if self.filter.opd_id is not None:
            parts.append(data.opd_names.get(self.filter.opd_id, ""))
        if self.filter.funding_source_id is not None:
            parts.append(data.funding_names.get(self.filter.funding_source_id, "") or tr("no funding source"))
        total = sum(p.budget for p in plans)
        subtitle = "  \u00b7  ".join(x for x in (", ".join(p for p in parts if p),
                                                  tr("{first}\u2013{last}", first=data.first_year, last=data.last_year),
                                                  format_rupiah_short(total) if total else "") if x)
        self._heading = Heading(tr("Roadmap by stage"), subtitle,
                                tr("{count} plans", count=format_int(len(plans))))
        self.heading_changed.emit()

    def heading(self) -> Heading:
        return self._heading

    def apply_sizes(self, points: float) -> None:
        self.grid.set_points(points * 0.8)
