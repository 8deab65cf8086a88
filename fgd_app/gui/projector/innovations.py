"""The projector's day-1 mode: the current dimension's innovations as they are typed, newest highlighted.

The list reads the innovations page's ``InnovationModel`` through its own filter (searching on the laptop does
not change the projector); rows are "CODE  name — lead OPD", wrapped, in the projector's body type.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

from fgd_app.gui.innovations.model import COLUMN, InnovationFilter, InnovationModel, one_line
from fgd_app.gui.projector.panel import Heading, Panel
from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop


# The projector shows the end of the list (the newest at the bottom, no scrolling), a dozen rows at most:
# only the last rows are measured exactly (1,000 innovations in a dimension measured one by one take seconds).
MEASURED_ROWS = 60


class InnovationDelegate(QStyledItemDelegate):
    """Paint "CODE  name — OPD" in large type, wrapped; the newest innovation is highlighted."""

    def __init__(self, panel: InnovationsPanel):
        super().__init__(panel)
        self.panel = panel
        self._heights: dict[tuple[str, str, str, int, float], int] = {}

    def _document(self, index: QModelIndex, width: int) -> QTextDocument:
        model = index.model()
        row = index.row()
        code = model.index(row, COLUMN["code"]).data() or ""
        name = one_line(model.index(row, COLUMN["name"]).data() or "")
        opd = model.index(row, COLUMN["lead_opd"]).data() or ""
        metrics = QFontMetrics(self.panel.code_font)
        code_width = metrics.horizontalAdvance(self.panel.code_sample) + metrics.averageCharWidth()
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.panel.body_font)
        tail = f' <span style="color:{theme.PROJECTOR_MUTED}">\u2014 {escape(opd)}</span>' if opd else ""
        document.setHtml(
            f'<table cellspacing="0" cellpadding="0" width="100%"><tr>'
            f'<td width="{code_width}" style="color:{theme.PROJECTOR_HIGHLIGHT}; font-weight:bold; white-space:nowrap">{escape(code)}</td>'
            f'<td style="color:{theme.PROJECTOR_TEXT}">{escape(name)}{tail}</td></tr></table>')
        document.setTextWidth(max(100, width - 16))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt API
        width = self.panel.list.viewport().width()
        model = index.model()
        points = self.panel.body_font.pointSizeF()
        if index.row() < model.rowCount() - MEASURED_ROWS:  # never on screen: a rough height is enough
            return QSize(width, int(points * 2.2))
        key = (model.index(index.row(), COLUMN["code"]).data() or "", index.data() or "",
               model.index(index.row(), COLUMN["lead_opd"]).data() or "", width, points)
        height = self._heights.get(key)
        if height is None:
            height = int(self._document(index, width).size().height() + points * 0.7)
            if len(self._heights) > 20_000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        rect = option.rect
        if self.panel.is_newest(index):
            painter.fillRect(rect, QColor(theme.PROJECTOR_NEW_ITEM))
        document = self._document(index, rect.width())
        painter.translate(rect.left() + 8, rect.top() + int(self.panel.body_font.pointSizeF() * 0.35))
        document.drawContents(painter)
        painter.restore()


class InnovationsPanel(Panel):
    """The dimension's name and elements (in the heading) and its innovations in large type."""

    WATCHED = ("dimensions",)

    def __init__(self, workshop: Workshop, parent=None):
        super().__init__(workshop, parent)
        self.model: InnovationModel | None = None
        self.proxy: InnovationFilter | None = None
        self.dimension_id = ""
        self.newest_id = ""
        self.code_sample = "GOV-00"  # as wide as the widest code shown
        self.body_font = QFont(self.font())
        self.code_font = QFont(self.font())
        self._title = ""
        self._elements = ""

        self.empty = QLabel(tr("Innovations appear here as they are typed."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {theme.PROJECTOR_MUTED};")
        self.list = QListView()
        self.list.setItemDelegate(InnovationDelegate(self))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setStyleSheet(f"QListView {{ background: {theme.PROJECTOR_BACKGROUND}; border: none; }}")
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(False)
        self.list.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        self._update_count()

    # --- data in -----------------------------------------------------------------------------------
    def set_model(self, model: InnovationModel | None) -> None:
        """Read innovations from ``model`` (the innovations page's; None when there is no innovations page)."""
        if model is self.model:
            return
        self.model = model
        old = self.proxy
        self.proxy = InnovationFilter(model, self) if model is not None else None
        self.list.setModel(self.proxy)
        if old is not None:
            old.deleteLater()
        if self.proxy is not None:
            self.list.setModelColumn(COLUMN["name"])
            self.proxy.rowsInserted.connect(self._rows_inserted)
            self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
            self.proxy.modelReset.connect(self._update_count)
            self.proxy.layoutChanged.connect(self._update_count)
        self.set_dimension(self.dimension_id)

    def set_dimension(self, dimension_id: str) -> None:
        """Show this dimension's name, elements and innovations."""
        self.dimension_id = dimension_id
        if self.proxy is not None:
            self.proxy.set_scope(dimension_id or None)
        self.refresh()
        self.list.scrollToBottom()

    def refresh(self) -> None:
        """Re-read the dimension's name and elements (after they were edited)."""
        dimension = next((d for d in self.workshop.dimensions.list() if d.id == self.dimension_id), None)
        self._title = dimension.name if dimension else ""
        names = [e.name for e in self.workshop.elements.of(self.dimension_id)] if dimension else []
        self._elements = "  \u00b7  ".join(n.replace(" ", "\u00a0") for n in names)  # wrap between names
        self.dirty = False
        self._update_count()

    def set_newest(self, innovation_id: str) -> None:
        self.newest_id = innovation_id
        row = self.proxy.row_of(innovation_id) if self.proxy is not None else None
        if row is not None:
            self.list.scrollTo(self.proxy.index(row, COLUMN["name"]), QAbstractItemView.ScrollHint.PositionAtBottom)
        self.list.viewport().update()

    def is_newest(self, index: QModelIndex) -> bool:
        return bool(self.newest_id) and self.proxy is not None and \
            self.proxy.innovation_id(index.row()) == self.newest_id

    def shown_names(self) -> list[str]:
        """Return the names on the projector, top to bottom (for tests and the log)."""
        proxy = self.proxy
        return [proxy.index(row, COLUMN["name"]).data() for row in range(proxy.rowCount())] if proxy else []

    def keep_end_in_view(self) -> None:
        """Scroll so the newest innovation (else the last one) is fully on screen, at the bottom."""
        row = self.proxy.row_of(self.newest_id) if self.proxy is not None and self.newest_id else None
        if row is None:
            self.list.scrollToBottom()
        else:
            self.list.scrollTo(self.proxy.index(row, COLUMN["name"]), QAbstractItemView.ScrollHint.PositionAtBottom)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self.keep_end_in_view)  # once the rows have their new heights

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self.keep_end_in_view)

    def _rows_inserted(self, *_args) -> None:
        self._update_count()
        self.list.scrollToBottom()

    def _update_count(self) -> None:
        proxy = self.proxy
        n = proxy.rowCount() if proxy is not None else 0
        codes = [proxy.index(row, COLUMN["code"]).data() or "" for row in {0, n - 1} if 0 <= row < n]
        sample = "GOV-" + "0" * max([2] + [len(c.partition("-")[2]) for c in codes])
        if sample != self.code_sample:
            self.code_sample = sample
            self.list.doItemsLayout()
        self.list.setVisible(n > 0)
        self.empty.setVisible(n == 0)
        self._count = tr("{count} innovations", count=format_int(n))
        self.heading_changed.emit()

    # --- panel contract ----------------------------------------------------------------------------
    def heading(self) -> Heading:
        return Heading(self._title, self._elements, self._count)

    def apply_sizes(self, points: float) -> None:
        self.body_font = QFont(self.font())
        self.body_font.setPointSizeF(points)
        self.code_font = QFont(self.body_font)
        self.code_font.setBold(True)
        self.empty.setFont(self.body_font)
        self.list.setFont(self.body_font)
        self.list.scheduleDelayedItemsLayout()
        self.list.doItemsLayout()
