"""The ideas inbox: phones' ideas waiting for the facilitator, beside the innovations on the capture page.

The facilitator accepts an idea (it becomes an innovation with the next code; one undo step), edits it first,
merges it into an existing innovation (the most similar ones first, marked ⚠, as the dedupe warning of typed
ones) or rejects it. ``InboxPanel`` is the one place these actions live; the capture page shows it.

Phones' ideas arrive in bursts while the room types; the panel refreshes at most once per ``REFRESH_MS``
(one query), and appends the new rows instead of rebuilding the table, so the window keeps painting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.innovations.records import status_short
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.room.records import Idea
    from fgd_app.core.store.changes import Changes

REFRESH_MS = 250  # phones' arrivals within this time make one refresh


def room_table(headers: list[str]) -> QTableWidget:
    """Return a read-only, one-row-at-a-time table (the room's lists)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _set_row(table: QTableWidget, r: int, key: str, cells: list[str]) -> None:
    for c, text in enumerate(cells):
        item = QTableWidgetItem(" ".join(str(text).split()))
        item.setToolTip(str(text))
        if c == 0:
            item.setData(Qt.ItemDataRole.UserRole, key)
        table.setItem(r, c, item)


def fill_table(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    """Fill ``table`` with (key, cells) rows; the key is kept in the first cell's user data (plain text only)."""
    kept = selected_key(table)
    table.setRowCount(len(rows))
    for r, (key, cells) in enumerate(rows):
        _set_row(table, r, key, cells)
    keys = [key for key, _ in rows]
    if kept in keys:
        table.setCurrentCell(keys.index(kept), 0)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):
        table.setColumnWidth(c, min(table.columnWidth(c), 260))


def append_rows(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    """Add rows at the end of ``table`` (the rows above stay as they are: no reset, no re-measuring)."""
    start = table.rowCount()
    table.setRowCount(start + len(rows))
    for r, (key, cells) in enumerate(rows, start=start):
        _set_row(table, r, key, cells)


def selected_key(table: QTableWidget) -> str | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)


class AcceptDialog(QDialog):
    """Edit an idea before it becomes an innovation: name, dimension, lead OPD."""

    def __init__(self, ws: Workshop, values: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Accept the idea as an innovation"))
        self.name = QLineEdit(values.get("name") or "")
        self.dimension = QComboBox()
        for d in ws.dimensions.list():
            self.dimension.addItem(d.name, d.id)
        self.dimension.setCurrentIndex(max(self.dimension.findData(values.get("dimension_id")), 0))
        self.opd = QComboBox()
        self.opd.addItem(tr("Choose\u2026"), "")
        for o in ws.opds.list():
            self.opd.addItem(o.display, o.id)
        self.opd.setCurrentIndex(max(self.opd.findData(values.get("lead_opd_id") or ""), 0))
        self.similar = QLabel()
        self.similar.setTextFormat(Qt.TextFormat.PlainText)
        self.similar.setWordWrap(True)
        similar = ws.innovations.similar_names(values.get("dimension_id") or "", values.get("name") or "")
        if similar:
            self.similar.setText(tr("Similar innovations already captured: {names}",
                                    names="; ".join(f"{code} {name}" for _, code, name, _ in similar)))
        form = QFormLayout(self)
        form.addRow(tr("Innovation name"), self.name)
        form.addRow(tr("Dimension"), self.dimension)
        form.addRow(tr("Lead OPD"), self.opd)
        form.addRow(self.similar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"name": self.name.text(), "dimension_id": self.dimension.currentData(),
                "lead_opd_id": self.opd.currentData() or None, "element_id": None}


class InboxPanel(QWidget):
    """The ideas inbox with its four actions; ``count_changed`` tells how many ideas wait."""

    count_changed = Signal(int)

    def __init__(self, ws: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("ideasInbox")
        self._ids: list[str] = []
        self.count = -1
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.table = room_table([tr("Idea"), tr("Dimension"), tr("Lead OPD")])
        self.table.setAccessibleName(tr("Ideas inbox"))
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the idea's name gets the room left
        self.table.setMinimumWidth(200)
        self.about = QLabel()  # the selected idea in full: element, status, group, description
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setWordWrap(True)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.about.setMinimumHeight(self.about.fontMetrics().lineSpacing() * 3)
        self.accept_button = QPushButton(tr("Accept"))
        self.accept_button.setToolTip(tr("Make it an innovation with the next code (Ctrl+Z undoes it)"))
        self.edit_button = QPushButton(tr("Edit and accept\u2026"))
        self.reject_button = QPushButton(tr("Reject"))
        self.merge_target = QComboBox()
        self.merge_target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.merge_target.setMinimumContentsLength(8)  # long innovation names must not widen the page
        self.merge_target.setToolTip(tr("\u26a0 marks innovations with a similar name: probably the same idea"))
        self.merge_button = QPushButton(tr("Merge into"))
        self.accept_button.clicked.connect(lambda: self.act("accept"))
        self.edit_button.clicked.connect(lambda: self.act("edit"))
        self.merge_button.clicked.connect(lambda: self.act("merge"))
        self.reject_button.clicked.connect(lambda: self.act("reject"))
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QGridLayout()
        buttons.addWidget(self.accept_button, 0, 0)
        buttons.addWidget(self.reject_button, 0, 1)
        buttons.addWidget(self.edit_button, 1, 0, 1, 2)
        buttons.addWidget(self.merge_button, 2, 0)
        buttons.addWidget(self.merge_target, 2, 1)
        buttons.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.about)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(REFRESH_MS)
        self._later.timeout.connect(self.refresh)
        self.refresh()

    # --- showing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the ideas waiting now: new ones are appended, a changed list is filled afresh."""
        self._later.stop()
        if self.ws.closed:
            return
        ideas = self.ws.room.ideas("inbox")
        ids = [i.id for i in ideas]
        rows = [(i.id, [i.name, i.dimension, i.lead_opd]) for i in ideas]
        if ids[: len(self._ids)] == self._ids and self._ids:
            append_rows(self.table, rows[len(self._ids):])
        elif ids != self._ids or not ids:
            fill_table(self.table, rows)
            metrics = self.table.horizontalHeader().fontMetrics()
            for column, widest in ((1, 90), (2, 80)):  # the idea's name gets the width; the rest shows below
                heading = metrics.horizontalAdvance(self.table.horizontalHeaderItem(column).text()) + 14
                self.table.setColumnWidth(column, max(min(self.table.columnWidth(column), widest), heading))
        self._ids = ids
        self.title.setText(tr("Ideas inbox ({count})", count=len(ids)))
        self._buttons_enabled()
        if len(ids) != self.count:
            self.count = len(ids)
            self.count_changed.emit(self.count)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.table.setColumnHidden(1, self.width() < 340)  # narrow: the dimension shows below the list only

    def _buttons_enabled(self) -> None:
        chosen = selected_key(self.table) is not None and not self.ws.read_only
        for button in (self.accept_button, self.edit_button, self.reject_button):
            button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen and self.merge_target.count() > 0)

    def _show_selected(self) -> None:
        idea = self.idea()
        self._fill_merge_targets(idea)
        self._buttons_enabled()
        if idea is None:
            self.about.setText("")
            return
        parts = [idea.dimension + (f" \u203a {idea.element}" if idea.element else ""),
                 status_short(idea.status), idea.proposing_group]
        head = " \u00b7 ".join(p for p in parts if p)
        self.about.setText(f"{idea.name}\n{head}" + (f"\n{idea.description}" if idea.description else ""))

    def _fill_merge_targets(self, idea: Idea | None) -> None:
        """List the innovations to merge into: the most similar to the selected idea first (dedupe warning)."""
        self.merge_target.clear()
        if idea is None:
            return
        similar = self.ws.innovations.similar_names(idea.dimension_id or "", idea.name) if idea.dimension_id else []
        seen = set()
        for innovation_id, code, name, _score in similar:
            self.merge_target.addItem(f"\u26a0 {code} {name}", innovation_id)
            seen.add(innovation_id)
        for row in self.ws.innovations.rows():
            if row.id not in seen:
                self.merge_target.addItem(f"{row.code} {row.name}", row.id)

    def idea(self) -> Idea | None:
        key = selected_key(self.table)
        return None if key is None else self.ws.room.idea(key)

    def select(self, row: int) -> None:
        self.table.setCurrentCell(row, 0)

    # --- acting ----------------------------------------------------------------------------------
    def act(self, action: str) -> None:
        """Accept, edit and accept, merge or reject the selected idea."""
        idea = self.idea()
        if idea is None:
            self.message.setText(tr("Select an idea first."))
            return
        room = self.ws.room
        try:
            if action == "accept":
                room.accept_idea(idea.id)
            elif action == "edit":
                dialog = AcceptDialog(self.ws, room.innovation_values(idea), self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                room.accept_idea(idea.id, **dialog.values())
            elif action == "merge":
                target = self.merge_target.currentData()
                if not target:
                    return
                room.merge_idea(idea.id, target)
            else:
                room.reject_idea(idea.id)
            self.message.setText("")
        except FgdError as error:
            self.message.setText(str(error))
        self.refresh()  # the facilitator's own step shows at once

    def on_changes(self, changes: Changes) -> None:
        """Refresh soon after the room changed (a phone's idea, an undo); merge targets when innovations did."""
        if changes.touches("room"):
            if changes.kind in ("undo", "redo"):
                self.refresh()
            elif not self._later.isActive():
                self._later.start()
        elif changes.touches("innovations") and self.merge_target.count():
            self._fill_merge_targets(self.idea())
