"""The facilitator's room window: QR code and code, the ideas inbox, the check-in list and the phones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.innovations.records import status_short
from fgd_app.gui.room.projector import qr_pixmap
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes
    from fgd_app.gui.room.controller import RoomController


def _table(headers: list[str]) -> QTableWidget:
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


def _fill(table: QTableWidget, rows: list[tuple[str, list[str]]]) -> None:
    """Fill ``table`` with (key, cells) rows; the key is kept in the first cell's user data (plain text only)."""
    kept = _selected_key(table)
    table.setRowCount(len(rows))
    for r, (key, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(" ".join(str(text).split()))
            item.setToolTip(str(text))
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
    keys = [key for key, _ in rows]
    if kept in keys:
        table.setCurrentCell(keys.index(kept), 0)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):
        table.setColumnWidth(c, min(table.columnWidth(c), 260))


def _selected_key(table: QTableWidget) -> str | None:
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


class RoomWindow(QWidget):
    """Room mode for the facilitator (a window of its own, kept beside the main window)."""

    def __init__(self, ws: Workshop, controller: RoomController, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ws, self.controller = ws, controller
        self.setWindowTitle(tr("Room mode"))
        self.setObjectName("roomWindow")
        self._build_join_side()
        self._build_tabs()
        layout = QHBoxLayout(self)
        layout.addWidget(self.join_side, 0)
        layout.addWidget(self.tabs, 1)
        ws.store.add_listener(self._on_changes)
        controller.state_changed.connect(lambda _on: self.refresh())
        self.resize(1180, 700)
        self.refresh()

    # --- building --------------------------------------------------------------------------------
    def _build_join_side(self) -> None:
        self.join_side = QWidget()
        self.join_side.setFixedWidth(300)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumHeight(260)
        self.address = QLabel()
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QLabel()
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet("font-size: 26pt; font-weight: bold; letter-spacing: 6px;")
        self.toggle_button = QPushButton()
        self.toggle_button.clicked.connect(self.toggle_room)
        self.new_code_button = QPushButton(tr("New room code"))
        self.new_code_button.setToolTip(tr("The old code and QR code stop working; phones already in stay in"))
        self.new_code_button.clicked.connect(self.new_code)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        side = QVBoxLayout(self.join_side)
        side.addWidget(self.qr)
        side.addWidget(self.code)
        side.addWidget(self.address)
        side.addWidget(self.toggle_button)
        side.addWidget(self.new_code_button)
        side.addWidget(self.message)
        side.addStretch(1)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.inbox = _table([tr("Idea"), tr("Dimension"), tr("Element"), tr("Lead OPD"), tr("Status"),
                             tr("Proposing group"), tr("Description")])
        self.accept_button = QPushButton(tr("Accept"))
        self.accept_button.setToolTip(tr("Make it an innovation with the next code (Ctrl+Z undoes it)"))
        self.edit_button = QPushButton(tr("Edit and accept\u2026"))
        self.merge_target = QComboBox()
        self.merge_target.setMinimumWidth(220)
        self.merge_button = QPushButton(tr("Merge into"))
        self.reject_button = QPushButton(tr("Reject"))
        self.accept_button.clicked.connect(lambda: self._idea_action("accept"))
        self.edit_button.clicked.connect(lambda: self._idea_action("edit"))
        self.merge_button.clicked.connect(lambda: self._idea_action("merge"))
        self.reject_button.clicked.connect(lambda: self._idea_action("reject"))
        self.inbox.currentCellChanged.connect(lambda *_: self._fill_merge_targets())
        inbox_page = QWidget()
        buttons = QHBoxLayout()
        for widget in (self.accept_button, self.edit_button, self.merge_target, self.merge_button,
                       self.reject_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        box = QVBoxLayout(inbox_page)
        box.addWidget(self.inbox, 1)
        box.addLayout(buttons)
        self.tabs.addTab(inbox_page, "")

        self.checkins = _table([tr("Name"), tr("OPD or organisation"), tr("Position"), tr("State"),
                                tr("Participant"), tr("Day")])
        self.confirm_button = QPushButton(tr("Confirm"))
        self.confirm_button.setToolTip(tr("A new participant from what was typed, or the chosen one; marks the day"))
        self.participant_choice = QComboBox()
        self.participant_choice.setMinimumWidth(220)
        self.set_aside_button = QPushButton(tr("Set aside"))
        self.confirm_button.clicked.connect(self._confirm_checkin)
        self.set_aside_button.clicked.connect(self._set_aside)
        checkin_page = QWidget()
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("As:")))
        row.addWidget(self.participant_choice)
        row.addWidget(self.confirm_button)
        row.addWidget(self.set_aside_button)
        row.addStretch(1)
        box = QVBoxLayout(checkin_page)
        box.addWidget(self.checkins, 1)
        box.addLayout(row)
        self.tabs.addTab(checkin_page, "")

        self.phones = _table([tr("Phone"), tr("Joined"), tr("Access")])
        self.revoke_button = QPushButton(tr("End access"))
        self.revoke_button.clicked.connect(self._revoke)
        phones_page = QWidget()
        box = QVBoxLayout(phones_page)
        box.addWidget(self.phones, 1)
        box.addWidget(self.revoke_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(phones_page, tr("Phones"))
        from fgd_app.gui.room.rounds_panel import RoundsPanel  # votes and scores (part 2)

        self.rounds_panel = RoundsPanel(self.ws, getattr(self.parent(), "projector", None))
        self.tabs.addTab(self.rounds_panel, tr("Rounds (votes, scores)"))

    # --- showing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ws.closed:
            return
        server = self.controller.server
        session = self.ws.room.session()
        if server is not None and session is not None:
            self.qr.setPixmap(qr_pixmap(server.join_url, 260))
            self.code.setText(session.code)
            self.address.setText(tr("Phones on the room's Wi-Fi: scan the code, or open {url} and type the room code.",
                                    url=server.url))
            self.toggle_button.setText(tr("Turn room mode off"))
        else:
            self.qr.clear()
            self.code.setText("")
            self.address.setText(tr("Room mode is off: no phone can reach this laptop."))
            self.toggle_button.setText(tr("Turn room mode on"))
        self.new_code_button.setEnabled(server is not None)
        room = self.ws.room
        ideas = room.ideas("inbox")
        _fill(self.inbox, [(i.id, [i.name, i.dimension, i.element, i.lead_opd, status_short(i.status), i.proposing_group,
                                   i.description]) for i in ideas])
        self.tabs.setTabText(0, tr("Ideas inbox ({count})", count=len(ideas)))
        checkins = room.checkins()
        states = {"pending": tr("To confirm"), "done": tr("Present"), "rejected": tr("Set aside")}
        _fill(self.checkins, [(c.id, [c.name, c.opd_name or c.organisation, c.position, states.get(c.state, c.state),
                                      c.participant_name, c.day_date]) for c in checkins])
        pending = sum(c.state == "pending" for c in checkins)
        self.tabs.setTabText(1, tr("Check-ins ({count} to confirm)", count=pending))
        self.participant_choice.clear()
        self.participant_choice.addItem(tr("a new participant"), "")
        for p in self.ws.participants.list():
            self.participant_choice.addItem(p.name, p.id)
        _fill(self.phones, [(d.id, [d.label or tr("(no check-in yet)"), d.created_at[:16].replace("T", " "),
                                    tr("ended") if d.revoked else tr("in the room")]) for d in room.devices()])
        self._fill_merge_targets()

    def _fill_merge_targets(self) -> None:
        """List the innovations to merge into: the most similar to the selected idea first (dedupe warning)."""
        self.merge_target.clear()
        idea = self._idea()
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

    def _idea(self):
        key = _selected_key(self.inbox)
        return None if key is None else self.ws.room.idea(key)

    # --- acting ----------------------------------------------------------------------------------
    def toggle_room(self) -> None:
        try:
            if self.controller.running:
                self.controller.stop()
            else:
                self.controller.start()
                self.message.setText("")
        except FgdError as error:
            self.message.setText(str(error))
        self.refresh()

    def new_code(self) -> None:
        self.ws.room.new_session()
        server = self.controller.server
        if server is not None:
            session = self.ws.room.session()
            server.code, server.secret = session.code, session.secret
        self.refresh()

    def _idea_action(self, action: str) -> None:
        idea = self._idea()
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

    def _confirm_checkin(self) -> None:
        key = _selected_key(self.checkins)
        if key is None:
            return
        try:
            self.ws.room.confirm_checkin(key, self.participant_choice.currentData() or None)
        except FgdError as error:
            self.message.setText(str(error))

    def _set_aside(self) -> None:
        key = _selected_key(self.checkins)
        if key is not None:
            self.ws.room.reject_checkin(key)

    def _revoke(self) -> None:
        key = _selected_key(self.phones)
        if key is not None:
            self.ws.room.revoke(key)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("room", "innovations", "participants", "opds") and self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        event.accept()  # the room stays on; the window comes back from the menu
