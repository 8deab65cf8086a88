"""The projector view: a second window that shows the current dimension's innovations as they are typed,
in type large enough for the back of the hall, with the FGD round timer. No editing chrome.

It opens full screen on the second screen when there is one, else as a normal window (F11 toggles
full screen, Esc leaves it). Type scales with the window: 28 pt body text at 1024x768.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.gui.capture_model import COLUMN, InnovationFilter, InnovationModel, one_line
from fgd_app.gui.capture_timer import TimerController
from fgd_app.i18n import format_int, tr

BASE_POINTS = 28.0  # body text at a 1024x768 window
BACKGROUND = "#10243e"
TEXT = "#ffffff"
MUTED = "#b8c7da"
ACCENT = "#ffd54f"
NEW_ITEM = "#1f4d7a"
ALARM_BACKGROUND = "#5c1414"


def body_points(width: int, height: int) -> float:
    """Return the body text size for a window: 28 pt at 1024x768, scaled with the smaller ratio."""
    return BASE_POINTS * min(width / 1024, height / 768)


class InnovationDelegate(QStyledItemDelegate):
    """Paint "CODE  name — OPD" in large type, wrapped; the newest innovation is highlighted."""

    def __init__(self, window: ProjectorWindow):
        super().__init__(window)
        self.window = window
        self._heights: dict[tuple[str, str, str, int, float], int] = {}

    def _document(self, index: QModelIndex, width: int) -> tuple[QTextDocument, int]:
        model = index.model()
        row = index.row()
        code = model.index(row, COLUMN["code"]).data() or ""
        name = one_line(model.index(row, COLUMN["name"]).data() or "")
        opd = model.index(row, COLUMN["lead_opd"]).data() or ""
        metrics = QFontMetrics(self.window.code_font)
        code_width = metrics.horizontalAdvance(self.window.code_sample) + metrics.averageCharWidth()
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.window.body_font)
        tail = f' <span style="color:{MUTED}">\u2014 {escape(opd)}</span>' if opd else ""
        document.setHtml(
            f'<table cellspacing="0" cellpadding="0" width="100%"><tr>'
            f'<td width="{code_width}" style="color:{ACCENT}; font-weight:bold; white-space:nowrap">{escape(code)}</td>'
            f'<td style="color:{TEXT}">{escape(name)}{tail}</td></tr></table>')
        document.setTextWidth(max(100, width - 16))
        return document, code_width

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt API
        width = self.window.list.viewport().width()
        model = index.model()
        key = (model.index(index.row(), COLUMN["code"]).data() or "", index.data() or "",
               model.index(index.row(), COLUMN["lead_opd"]).data() or "", width, self.window.body_font.pointSizeF())
        height = self._heights.get(key)
        if height is None:
            document, _ = self._document(index, width)
            height = int(document.size().height() + self.window.body_font.pointSizeF() * 0.7)
            if len(self._heights) > 20_000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        rect = option.rect
        if self.window.is_newest(index):
            painter.fillRect(rect, QColor(NEW_ITEM))
        document, _ = self._document(index, rect.width())
        painter.translate(rect.left() + 8, rect.top() + int(self.window.body_font.pointSizeF() * 0.35))
        document.drawContents(painter)
        painter.restore()


class ProjectorWindow(QWidget):
    """A top-level window for the projector; follows ``set_dimension`` and the timer."""

    closed = Signal()

    def __init__(self, workshop: Workshop, model: InnovationModel, timer: TimerController, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.workshop = workshop
        self.setWindowTitle(tr("Projector \u2014 innovations"))
        self.setObjectName("projector")
        self.setStyleSheet(f"QWidget#projector {{ background: {BACKGROUND}; }} "
                           f"QLabel {{ color: {TEXT}; background: transparent; }}")
        self.setAutoFillBackground(True)
        self.proxy = InnovationFilter(model, self)
        self.dimension_id = ""
        self.newest_id = ""
        self.code_sample = "GOV-00"  # as wide as the widest code shown
        self.body_font = QFont(self.font())
        self.code_font = QFont(self.font())

        self.title = QLabel()
        self.title.setObjectName("projectorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel()
        self.count.setObjectName("projectorCount")
        self.count.setStyleSheet(f"color: {MUTED};")
        self.clock = QLabel()
        self.clock.setObjectName("projectorClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.elements = QLabel()
        self.elements.setObjectName("projectorElements")
        self.elements.setWordWrap(True)
        self.elements.setTextFormat(Qt.TextFormat.PlainText)
        self.elements.setStyleSheet(f"color: {MUTED};")
        self.empty = QLabel(tr("Innovations appear here as they are typed."))
        self.empty.setStyleSheet(f"color: {MUTED};")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setModelColumn(COLUMN["name"])
        self.list.setItemDelegate(InnovationDelegate(self))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setStyleSheet(f"QListView {{ background: {BACKGROUND}; border: none; }}")
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)

        self.title.setWordWrap(True)
        self.title.setMinimumWidth(1)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        side = QVBoxLayout()
        side.setSpacing(0)
        side.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight)
        head.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(head)
        layout.addWidget(self.elements)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)

        self.proxy.rowsInserted.connect(self._rows_inserted)
        self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        timer.changed.connect(self.show_timer)
        self.show_timer(timer.text(), timer.state, True)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.toggle_full_screen)
        self.resize(1024, 768)
        self._apply_sizes()

    # --- content ---------------------------------------------------------------------------------
    def set_dimension(self, dimension_id: str) -> None:
        """Show this dimension's name, elements and innovations."""
        self.dimension_id = dimension_id
        self.proxy.set_scope(dimension_id or None)
        dimension = next((d for d in self.workshop.dimensions.list() if d.id == dimension_id), None)
        self.title.setText(dimension.name if dimension else "")
        names = [e.name for e in self.workshop.elements.of(dimension_id)] if dimension else []
        self.elements.setText("  \u00b7  ".join(names))
        self._update_count()
        self.list.scrollToBottom()

    def refresh_names(self) -> None:
        """Re-read the dimension's name and elements (after they were edited)."""
        self.set_dimension(self.dimension_id)

    def set_newest(self, innovation_id: str) -> None:
        self.newest_id = innovation_id
        row = self.proxy.row_of(innovation_id)
        if row is not None:
            self.list.scrollTo(self.proxy.index(row, COLUMN["name"]), QAbstractItemView.ScrollHint.PositionAtBottom)
        self.list.viewport().update()

    def is_newest(self, index: QModelIndex) -> bool:
        return bool(self.newest_id) and self.proxy.innovation_id(index.row()) == self.newest_id

    def _rows_inserted(self, *_args) -> None:
        self._update_count()
        self.list.scrollToBottom()

    def _update_count(self) -> None:
        n = self.proxy.rowCount()
        codes = [self.proxy.index(row, COLUMN["code"]).data() or "" for row in {0, n - 1} if 0 <= row < n]
        sample = "GOV-" + "0" * max([2] + [len(c.partition("-")[2]) for c in codes])
        if sample != self.code_sample:
            self.code_sample = sample
            self.list.doItemsLayout()
        self.count.setText(tr("{count} innovations", count=format_int(n)))
        self.list.setVisible(n > 0)
        self.empty.setVisible(n == 0)

    def show_timer(self, text: str, state: str, flash_on: bool) -> None:
        """Show the countdown; when time is up the clock and the window's background flash red."""
        alarm = state == "expired" and flash_on
        background = ALARM_BACKGROUND if alarm else BACKGROUND
        self.setStyleSheet(f"QWidget#projector {{ background: {background}; }} "
                           f"QLabel {{ color: {TEXT}; background: transparent; }}")
        if state == "expired":
            self.clock.setText(tr("TIME IS UP") if flash_on else text)
            color = "#c62828" if flash_on else BACKGROUND
            self.clock.setStyleSheet(f"color: white; background: {color}; border-radius: 8px; padding: 2px 12px;")
        else:
            self.clock.setText(text)
            color = ACCENT if state == "running" else MUTED
            self.clock.setStyleSheet(f"color: {color}; padding: 2px 12px;")

    # --- size and placement ----------------------------------------------------------------------
    def _apply_sizes(self) -> None:
        points = body_points(self.width(), self.height())
        self.body_font.setPointSizeF(points)
        self.code_font = QFont(self.body_font)
        self.code_font.setBold(True)
        title = QFont(self.body_font)
        title.setPointSizeF(points * 1.45)
        title.setBold(True)
        self.title.setFont(title)
        clock = QFont(title)
        clock.setPointSizeF(points * 1.6)
        self.clock.setFont(clock)
        self.elements.setFont(self.body_font)
        self.count.setFont(self.body_font)
        self.empty.setFont(self.body_font)
        self.list.setFont(self.body_font)
        self.list.scheduleDelayedItemsLayout()
        self.list.doItemsLayout()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._apply_sizes()

    def place(self) -> None:
        """Show full screen on the second screen when there is one, else as a normal window."""
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            target = next((s for s in screens if s is not QGuiApplication.primaryScreen()), screens[1])
            self.setGeometry(target.geometry())
            self.show()
            if self.windowHandle() is not None:
                self.windowHandle().setScreen(target)
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().closeEvent(event)
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)
