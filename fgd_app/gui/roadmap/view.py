"""The roadmap drawn by hand: years as columns with the stages above them, one row per dimension,
innovation and plan, each plan a bar over its years. Only the rows in sight are painted, so 20,000
plans scroll as smoothly as 20; no widget per bar."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from fgd_app.core.roadmap.data import (
    DIMENSION,
    INNOVATION,
    PLAN,
    PlanInfo,
    RoadmapData,
    RoadmapRow,
    format_rupiah_short,
    stage_label,
)
from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_rupiah, tr

QUICK_WIN_FILL = QColor(theme.QUICK_WIN_FILL)
QUICK_WIN_TEXT = QColor(theme.QUICK_WIN_TEXT)
STAGE_FILLS = tuple(QColor(fill) for fill in theme.STAGE_FILLS)
GRID = QColor(theme.GRID)
STAGE_LINE = QColor(theme.STAGE_LINE)
SELECTED = QColor(theme.SELECTION)


def dimension_colour(index: int) -> QColor:
    """Return the colour of the dimension at ``index`` (the palette repeats after eight)."""
    return QColor(theme.DIMENSION_COLOURS[index % len(theme.DIMENSION_COLOURS)])


class RoadmapView(QAbstractScrollArea):
    """Paint the rows of a roadmap; emit ``plan_activated(plan_id)`` when a bar is clicked or Enter pressed."""

    plan_activated = Signal(str)
    row_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: RoadmapData | None = None
        self.rows: list[RoadmapRow | PlanInfo] = []
        self.current = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Roadmap"))
        self.viewport().setMouseTracking(False)
        self.viewport().setAutoFillBackground(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._apply_font()

    # --- geometry ----------------------------------------------------------------------------------
    def _apply_font(self) -> None:
        base = QFont(self.font())
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.small = QFont(base)
        self.small.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
        fm = QFontMetrics(base)
        self.row_height = fm.height() + 10
        self.header_height = 2 * (fm.height() + 8)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(720, 480)

    def years(self) -> list[int]:
        return self.data.years if self.data else []

    def label_width(self) -> int:
        width = self.viewport().width()
        return int(max(150, min(480, width * 0.40)))

    def year_rect(self, year: int) -> QRect:
        """Return the column of ``year`` (full height of the viewport)."""
        years = self.years()
        left = self.label_width()
        span = max(1, self.viewport().width() - left - 4)
        index = year - years[0]
        x0 = left + span * index // len(years)
        x1 = left + span * (index + 1) // len(years)
        return QRect(x0, 0, x1 - x0, self.viewport().height())

    def bar_rect(self, row_index: int) -> QRect | None:
        """Return where the bar of row ``row_index`` is drawn (viewport coordinates), or None."""
        row = self.rows[row_index]
        years = self.years()
        if row.first_year is None or not years:
            return None
        first = max(row.first_year, years[0])
        last = min(row.last_year or row.first_year, years[-1])
        if first > last:
            return None
        y = self.header_height + row_index * self.row_height - self.verticalScrollBar().value()
        left, right = self.year_rect(first), self.year_rect(last)
        if row.kind == PLAN:
            return QRect(left.left() + 3, y + 4, right.right() - left.left() - 5, self.row_height - 8)
        thickness = 6 if row.kind == INNOVATION else 4
        return QRect(left.left() + 3, y + (self.row_height - thickness) // 2, right.right() - left.left() - 5,
                     thickness)

    def row_at(self, pos: QPoint) -> int:
        if pos.y() < self.header_height:
            return -1
        index = (pos.y() - self.header_height + self.verticalScrollBar().value()) // self.row_height
        return index if 0 <= index < len(self.rows) else -1

    def _update_scrollbar(self) -> None:
        page = max(1, self.viewport().height() - self.header_height)
        bar = self.verticalScrollBar()
        bar.setPageStep(page)
        bar.setSingleStep(self.row_height)
        bar.setRange(0, max(0, len(self.rows) * self.row_height - page))

    # --- data --------------------------------------------------------------------------------------
    def set_rows(self, data: RoadmapData, rows: list[RoadmapRow | PlanInfo], *, keep_plan: str | None = None) -> None:
        """Show ``rows`` of ``data``; keep the selection on plan ``keep_plan`` when it is still shown."""
        self.data = data
        self.rows = rows
        self.current = -1
        if keep_plan:
            self.current = next((i for i, r in enumerate(rows) if r.kind == PLAN and r.id == keep_plan), -1)
        self._update_scrollbar()
        if self.current < 0:
            self.verticalScrollBar().setValue(0)
        else:
            self.ensure_visible(self.current)
        self.viewport().update()

    def current_row(self) -> RoadmapRow | PlanInfo | None:
        return self.rows[self.current] if 0 <= self.current < len(self.rows) else None

    def select_row(self, index: int) -> None:
        if not self.rows:
            return
        self.current = max(0, min(index, len(self.rows) - 1))
        self.ensure_visible(self.current)
        self.viewport().update()
        self.row_selected.emit(self.current)

    def ensure_visible(self, index: int) -> None:
        bar = self.verticalScrollBar()
        top = index * self.row_height
        page = self.viewport().height() - self.header_height
        if top < bar.value():
            bar.setValue(top)
        elif top + self.row_height > bar.value() + page:
            bar.setValue(top + self.row_height - page)

    # --- painting ----------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_scrollbar()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self.viewport())
        try:
            self.paint(painter)
        finally:
            painter.end()

    def paint(self, painter: QPainter) -> None:
        """Paint the visible rows, then the year/stage header over them."""
        vp = self.viewport().rect()
        palette = self.palette()
        painter.fillRect(vp, palette.base())
        if not self.data or not self.years():
            painter.setPen(palette.placeholderText().color())
            painter.drawText(vp, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             tr("No action plans to show. Add plans on the “Action plans (Day 2)” page, or "
                                "change the filter."))
            return
        years = self.years()
        columns = {y: self.year_rect(y) for y in years}
        quick = columns[years[0]]
        painter.fillRect(QRect(quick.left(), self.header_height, quick.width(), vp.height()), QUICK_WIN_FILL)
        scroll = self.verticalScrollBar().value()
        first = max(0, scroll // self.row_height)
        last = min(len(self.rows), (scroll + vp.height() - self.header_height) // self.row_height + 1)
        label_w = self.label_width()
        fm = QFontMetrics(self.font())
        small_fm = QFontMetrics(self.small)
        text_colour = palette.text().color()
        for index in range(first, last):  # backgrounds first, so grid lines and bars stay on top
            row = self.rows[index]
            y = self.header_height + index * self.row_height - scroll
            line = QRect(0, y, vp.width(), self.row_height)
            if index == self.current:
                painter.fillRect(line, SELECTED)
            elif row.kind == DIMENSION:
                tint = dimension_colour(row.dimension_index)  # type: ignore[union-attr]
                tint.setAlpha(40)
                painter.fillRect(line, tint)
            painter.setPen(GRID)
            painter.drawLine(0, y + self.row_height - 1, vp.width(), y + self.row_height - 1)
        self._paint_grid(painter, columns, vp)
        bold_fm = QFontMetrics(self.bold)
        dimension_of = self.data.dimension_index
        for index in range(first, last):
            row = self.rows[index]
            y = self.header_height + index * self.row_height - scroll
            colour = dimension_colour(dimension_of.get(row.innovation_id, 0) if row.kind == PLAN
                                      else row.dimension_index)
            indent = (8, 20, 36)[row.kind]
            label_rect = QRect(indent, y, label_w - indent - 6, self.row_height)
            if row.kind == PLAN:
                painter.setFont(self.font())
                painter.setPen(text_colour)
                text = fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_rect.width())
            else:
                painter.setFont(self.bold)
                painter.setPen(colour if row.kind == DIMENSION else text_colour)
                suffix = f"  ({row.count})"
                text = bold_fm.elidedText(row.label, Qt.TextElideMode.ElideRight,
                                          label_rect.width() - bold_fm.horizontalAdvance(suffix)) + suffix
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
            bar = self.bar_rect(index)
            if bar is None:
                continue
            if row.kind == PLAN:
                self._paint_plan_bar(painter, row, bar, colour, small_fm)
            else:
                painter.fillRect(bar, colour if row.kind == INNOVATION else colour.lighter(150))
        self._paint_header(painter, columns, vp, label_w)

    def _paint_plan_bar(self, painter: QPainter, row: PlanInfo, bar: QRect, colour: QColor,
                        small_fm: QFontMetrics) -> None:
        plan = row
        assert self.data is not None
        status = self.data.status_codes.get(plan.status_id, "")
        painter.setPen(Qt.PenStyle.NoPen)
        fill = QColor(colour)
        if status == "planned":
            fill = fill.lighter(135)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(bar), 4, 4)
        if status == "postponed":
            painter.setBrush(QBrush(QColor(255, 255, 255, 150), Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(QRectF(bar), 4, 4)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        tick = 14 if status == "done" else 0
        if bar.width() - tick > 40:
            label = self.data.opd_names.get(plan.opd_id, "")
            if plan.budget and bar.width() > 120:
                label = f"{label} \u00b7 {format_rupiah_short(plan.budget)}"
            painter.setFont(self.small)
            painter.setPen(QColor("white"))
            text = small_fm.elidedText(label, Qt.TextElideMode.ElideRight, bar.width() - 10 - tick)
            painter.drawText(bar.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             text)
        if status == "done":
            painter.setPen(QPen(QColor("white"), 2))
            painter.drawText(bar.adjusted(0, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             "\u2713")

    def _paint_grid(self, painter: QPainter, columns: dict[int, QRect], vp: QRect) -> None:
        assert self.data is not None
        starts = {s.first_year for s in self.data.stages}
        for year, rect in columns.items():
            stage_start = year in starts and year != self.data.first_year
            painter.setPen(QPen(STAGE_LINE, 2) if stage_start else GRID)
            painter.drawLine(rect.left(), self.header_height, rect.left(), vp.height())
        painter.setPen(GRID)
        painter.drawLine(self.label_width() - 1, 0, self.label_width() - 1, vp.height())

    def _paint_header(self, painter: QPainter, columns: dict[int, QRect], vp: QRect, label_w: int) -> None:
        assert self.data is not None
        half = self.header_height // 2
        painter.fillRect(QRect(0, 0, vp.width(), self.header_height), self.palette().window())
        years = list(columns)
        painter.setFont(self.bold)
        for number, stage in enumerate(self.data.stages):
            inside = [y for y in years if stage.first_year <= y <= stage.last_year]
            if not inside:
                continue
            rect = QRect(columns[inside[0]].left(), 0, columns[inside[-1]].right() - columns[inside[0]].left() + 1,
                         half)
            painter.fillRect(rect.adjusted(1, 2, -1, -1), STAGE_FILLS[number % 2])
            painter.setPen(self.palette().text().color())
            text = QFontMetrics(self.bold).elidedText(stage.name, Qt.TextElideMode.ElideRight, rect.width() - 6)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        width = min(r.width() for r in columns.values())
        year_font = self.font()  # full years in the normal font, else the small one, else "'25"
        if width < QFontMetrics(year_font).horizontalAdvance("2025") + 4:
            year_font = self.small
        short = width < QFontMetrics(year_font).horizontalAdvance("2025") + 4
        for year in years:
            rect = QRect(columns[year].left(), half, columns[year].width(), half)
            font = QFont(year_font)
            if year == years[0]:
                painter.fillRect(rect, QUICK_WIN_FILL)
                painter.setPen(QUICK_WIN_TEXT)
                font.setBold(True)
            else:
                painter.setPen(self.palette().text().color())
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"'{year % 100:02d}" if short else str(year))
        painter.setFont(self.bold)
        painter.setPen(QUICK_WIN_TEXT)
        quick = QRect(8, half, label_w - 16, half)
        painter.drawText(quick, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         tr("Quick-win year \u25b8"))
        painter.setPen(self.palette().text().color())
        painter.drawText(QRect(8, 0, label_w - 16, half), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         tr("Stage"))
        painter.setPen(QPen(STAGE_LINE, 1))
        painter.drawLine(0, self.header_height - 1, vp.width(), self.header_height - 1)

    # --- input -------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        index = self.row_at(event.position().toPoint())
        if index < 0:
            return super().mousePressEvent(event)
        self.select_row(index)
        row = self.rows[index]
        bar = self.bar_rect(index)
        if (event.button() == Qt.MouseButton.LeftButton and row.kind == PLAN and bar is not None
                and bar.adjusted(-2, -2, 2, 2).contains(event.position().toPoint())):
            self.plan_activated.emit(row.id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        index = self.row_at(event.position().toPoint())
        if index >= 0 and self.rows[index].kind == PLAN:
            self.plan_activated.emit(self.rows[index].id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        page_rows = max(1, (self.viewport().height() - self.header_height) // self.row_height - 1)
        moves = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page_rows,
                 Qt.Key.Key_PageUp: -page_rows}
        if key in moves:
            self.select_row(max(0, self.current) + moves[key] if self.current >= 0 else 0)
        elif key == Qt.Key.Key_Home:
            self.select_row(0)
        elif key == Qt.Key.Key_End:
            self.select_row(len(self.rows) - 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            row = self.current_row()
            if row is not None and row.kind == PLAN:
                self.plan_activated.emit(row.id)
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QHelpEvent):
            index = self.row_at(event.pos())
            text = self.tooltip_for(index) if index >= 0 else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_for(self, index: int) -> str:
        """Return the plain-text details of row ``index`` (shown when the pointer rests on it)."""
        row = self.rows[index]
        data = self.data
        assert data is not None
        if row.kind != PLAN or row.plan is None:
            return tr("{label}\n{count} plan(s), {budget}", label=row.label, count=row.count,
                      budget=format_rupiah(row.budget))
        plan = row.plan
        years = (str(plan.first_year) if plan.first_year == plan.last_year
                 else f"{plan.first_year}\u2013{plan.last_year}")
        lines = [plan.activity,
                 tr("Years: {years} ({stage})", years=years,
                    stage=stage_label(plan.first_year, plan.last_year, data.stages)),
                 tr("Responsible OPD: {opd}", opd=data.opd_names.get(plan.opd_id, "")),
                 tr("Funding: {source}", source=data.funding_names.get(plan.funding_source_id or "", tr("Not set"))),
                 tr("Budget estimate: {amount}", amount=format_rupiah(plan.budget)),
                 tr("Status: {status}", status=data.status_names.get(plan.status_id, ""))]
        return "\n".join(lines)
