"""The "Coverage and hand-over" page: who has contributed what, and is the file ready to hand over?

Above: the OPD x dimension board (innovations led · action plans owned · risks owned), the OPDs present
today (attendance list) with nothing yet tinted and named first, so the facilitator can call on them.
Below: the *Siap diserahkan?* checklist (``fgd_app.core.coverage.completeness``, the same list as
``fgd-app check FILE --completeness``); clicking a line opens the page where it is fixed, clicking a
record under it opens that record there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.coverage.board import build_board
from fgd_app.core.coverage.completeness import Completeness, check_completeness
from fgd_app.gui.coverage.model import BoardModel, cell_text
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import RefreshWhenShown
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

WATCHED = ("opds", "participants", "attendance", "days", "dimensions", "horizon", "innovations", "plans", "risks",
           "risk_lists", "risk_matrix", "quickwins", "paperwork", "workshop")
SHOWN_PER_GAP = 200  # records listed under one line; the page they open on shows them all
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1  # (page key, record id)


class CoveragePage(RefreshWhenShown, QWidget):
    """The board and the checklist; ``navigate(page_key, record_id)`` opens the place to fix a gap."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None, *,
                 navigate: Callable[[str, str], None] | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.navigate = navigate
        self.timings: dict[str, float] = {}
        self.completeness: Completeness | None = None
        self._build_board()
        self._build_checklist()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.board_box)
        self.splitter.addWidget(self.checklist_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        self.reload()

    def _build_board(self) -> None:
        self.board_heading = QLabel(tr("Coverage per OPD and dimension: innovations \u00b7 action plans \u00b7 risks"))
        self.board_heading.setStyleSheet("font-weight: bold;")
        self.call_on = QLabel()
        self.call_on.setWordWrap(True)
        self.call_on.setAccessibleName(tr("OPDs present with nothing yet"))
        self.model = BoardModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Coverage board"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.board_box = QWidget()
        box = QVBoxLayout(self.board_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.board_heading)
        box.addWidget(self.call_on)
        box.addWidget(self.table, 1)

    def _build_checklist(self) -> None:
        self.ready_heading = QLabel()
        self.ready_heading.setAccessibleName(tr("Ready to hand over?"))
        self.ready_hint = QLabel(tr("Click a line to go where it is fixed."))
        self.ready_hint.setStyleSheet(theme.text_style(theme.MUTED_TEXT))
        self.checklist = QTreeWidget()
        self.checklist.setAccessibleName(tr("Hand-over checklist"))
        self.checklist.setHeaderHidden(True)
        self.checklist.setColumnCount(1)
        self.checklist.setUniformRowHeights(True)
        self.checklist.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist.itemActivated.connect(self._open)
        self.checklist.itemClicked.connect(self._open)
        head = QHBoxLayout()
        head.addWidget(self.ready_heading)
        head.addStretch(1)
        head.addWidget(self.ready_hint)
        self.checklist_box = QWidget()
        box = QVBoxLayout(self.checklist_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(head)
        box.addWidget(self.checklist, 1)

    # --- data ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Count again and check again (one query per figure)."""
        start = time.perf_counter()
        board = build_board(self.ws.store)
        self.model.set_board(board)
        self._size_columns()
        self._show_call_on(board)
        self.timings["board"] = time.perf_counter() - start
        self.completeness = check_completeness(self.ws.store)
        self._fill_checklist(self.completeness)
        self._stale = False
        self.timings["reload"] = time.perf_counter() - start

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        columns = self.model.columnCount()
        if not columns:
            return
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        board = self.model.board
        texts = [cell_text(line.total) for line in board.opds] if board is not None else []
        width = max([metrics.horizontalAdvance(t) for t in texts] + [metrics.horizontalAdvance("0 \u00b7 0 \u00b7 0")])
        width += 14  # the widest cell (the totals are the widest), bold, with a margin
        for column in range(1, columns):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width if column > 1 else self.fontMetrics().horizontalAdvance(tr("Present")) + 16)

    def _show_call_on(self, board) -> None:
        silent = board.silent
        if board.day_id is None:
            self.call_on.setText(tr("Nobody is ticked on the attendance list yet: tick who is present (page "
                                    "Participants and OPDs) to see which OPDs have not contributed."))
            self.call_on.setStyleSheet(theme.text_style(theme.NEUTRAL_TEXT))
        elif silent:
            names = ", ".join(line.label for line in silent[:12]) + (" \u2026" if len(silent) > 12 else "")
            self.call_on.setText(tr("Present on {date} with nothing yet ({count}): {names}. Call on them.",
                                    date=board.day_date, count=format_int(len(silent)), names=names))
            self.call_on.setStyleSheet(theme.text_style(theme.WARNING_TEXT, "font-weight: bold;"))
        else:
            present = sum(1 for line in board.opds if line.present)
            self.call_on.setText(tr("Every OPD present on {date} ({count}) has contributed.",
                                    date=board.day_date, count=format_int(present)))
            self.call_on.setStyleSheet(theme.text_style(theme.SUCCESS))

    def _fill_checklist(self, result: Completeness) -> None:
        self.checklist.clear()
        if result.complete:
            self.ready_heading.setText(tr("Ready to hand over? \u2713 Yes: nothing is missing."))
            self.ready_heading.setStyleSheet(theme.text_style(theme.SUCCESS, "font-weight: bold;"))
        else:
            self.ready_heading.setText(tr("Ready to hand over? \u2717 Not yet: {count} things to finish.",
                                          count=len(result.open)))
            self.ready_heading.setStyleSheet(theme.text_style(theme.ERROR, "font-weight: bold;"))
        for gap in result.gaps:
            done = not gap.count
            line = QTreeWidgetItem([("\u2713 " if done else "\u2717 ") + (
                tr(gap.title, count="0") if done and "{count}" in gap.title else
                tr("Quick win chosen") if done else gap.text())])
            line.setData(0, TARGET_ROLE, (gap.page, ""))
            line.setForeground(0, Qt.GlobalColor.darkGreen if done else Qt.GlobalColor.darkRed)
            line.setToolTip(0, tr("Click to open the page where this is fixed."))
            self.checklist.addTopLevelItem(line)
            shown = [item for item in gap.items if item.label][:SHOWN_PER_GAP]
            line.addChildren([self._child(gap.page, item.id, item.label) for item in shown])
            if gap.count > len(shown) and shown:
                line.addChild(self._child(gap.page, "", tr("\u2026 and {count} more", count=format_int(
                    gap.count - len(shown)))))
            line.setExpanded(0 < gap.count <= 12)

    @staticmethod
    def _child(page: str, record_id: str, label: str) -> QTreeWidgetItem:
        child = QTreeWidgetItem([label])
        child.setData(0, TARGET_ROLE, (page, record_id))
        return child

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TARGET_ROLE)
        if target and self.navigate is not None:
            self.navigate(*target)

    # --- page contract -------------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.reload_when_shown()

    def focus_first(self) -> None:
        self.checklist.setFocus()
        if self.checklist.topLevelItemCount() and self.checklist.currentItem() is None:
            self.checklist.setCurrentItem(self.checklist.topLevelItem(0))
