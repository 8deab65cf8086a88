"""The facilitator's room window: the address, QR code and code, the check-in list and the phones.

The ideas inbox is on the capture page (``inbox.InboxPanel``); this window links to it. When the laptop has
several local network addresses (its hotspot and the hall's router), the facilitator picks the one the
phones are on; the choice is remembered in the settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.room.addresses import choose_address, room_addresses
from fgd_app.gui.room.inbox import REFRESH_MS, fill_table, room_table, selected_key
from fgd_app.gui.room.projector import qr_pixmap
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes
    from fgd_app.gui.room.controller import RoomController
    from fgd_app.gui.shell.settings import Settings


def machine_addresses() -> list[str]:
    """Return this computer's local network addresses (imported late: the server package loads on use)."""
    from fgd_app.room.network import lan_addresses

    return lan_addresses()


class RoomWindow(QWidget):
    """Room mode for the facilitator (a window of its own, kept beside the main window)."""

    show_inbox = Signal()  # the facilitator asks for the ideas inbox (on the capture page)

    def __init__(self, ws: Workshop, controller: RoomController, parent: QWidget | None = None, *,
                 settings: Settings | None = None, list_addresses: Callable[[], list[str]] = machine_addresses):
        super().__init__(parent, Qt.WindowType.Window)
        self.ws, self.controller, self.settings = ws, controller, settings
        self.list_addresses = list_addresses
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(REFRESH_MS)
        self._later.timeout.connect(self.refresh)
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
        self.reload_addresses()
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
        self.address_choice = QComboBox()
        self.address_choice.setAccessibleName(tr("Address the phones use"))
        self.address_choice.setToolTip(tr("The network the phones are on: this laptop's hotspot or the hall's router"))
        self.address_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.address_choice.setMinimumContentsLength(12)
        self.address_choice.activated.connect(self._address_chosen)
        self.reload_button = QPushButton("\u21bb")
        self.reload_button.setToolTip(tr("Look for the networks again (after turning the hotspot on)"))
        self.reload_button.setFixedWidth(36)
        self.reload_button.clicked.connect(self.reload_addresses)
        self.address_hint = QLabel()
        self.address_hint.setWordWrap(True)
        self.address_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.toggle_button = QPushButton()
        self.toggle_button.clicked.connect(self.toggle_room)
        self.inbox_link = QPushButton()
        self.inbox_link.setFlat(True)
        self.inbox_link.setStyleSheet("text-align: left; text-decoration: underline;")
        self.inbox_link.clicked.connect(self.show_inbox.emit)
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
        choice = QHBoxLayout()
        choice.addWidget(self.address_choice, 1)
        choice.addWidget(self.reload_button)
        side.addWidget(QLabel(tr("Network of the phones:")))
        side.addLayout(choice)
        side.addWidget(self.address_hint)
        side.addWidget(self.toggle_button)
        side.addWidget(self.new_code_button)
        side.addWidget(self.message)
        side.addStretch(1)
        side.addWidget(self.inbox_link)

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.checkins = room_table([tr("Name"), tr("OPD or organisation"), tr("Position"), tr("State"),
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

        self.phones = room_table([tr("Phone"), tr("Joined"), tr("Access")])
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
    def reload_addresses(self) -> None:
        """List the laptop's addresses again; keep the remembered (or the best) one chosen."""
        choices = room_addresses(self.list_addresses())
        current = self.address_choice.currentData() or (self.settings.room_host() if self.settings else "")
        chosen = choose_address(choices, current)
        self.address_choice.clear()
        for choice in choices:
            self.address_choice.addItem(choice.label, choice.host)
            self.address_choice.setItemData(self.address_choice.count() - 1, choice.label,
                                            Qt.ItemDataRole.ToolTipRole)
        self.address_choice.setCurrentIndex(max(self.address_choice.findData(chosen.host), 0))
        if len(choices) == 1:
            self.address_hint.setText(tr("No local network found: only this computer can open the room. Turn on "
                                         "the laptop's hotspot (or join the hall's Wi-Fi), then press \u21bb."))
        elif len(choices) > 2:
            self.address_hint.setText(tr("This laptop is on several networks: choose the one the phones are on."))
        else:
            self.address_hint.setText("")
        self.address_hint.setVisible(bool(self.address_hint.text()))

    @property
    def host(self) -> str:
        """The address chosen for the room."""
        return self.address_choice.currentData() or choose_address(room_addresses([])).host

    def _address_chosen(self, _index: int) -> None:
        if self.settings is not None:
            self.settings.set_room_host(self.host)
        if self.controller.running and self.controller.server.host != self.host:
            self.controller.stop()  # the same room (code, phones) opens again on the chosen network
            self.toggle_room()

    def refresh(self) -> None:
        self._later.stop()
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
        self.reload_button.setEnabled(server is None)
        room = self.ws.room
        count = room.inbox_count()
        self.inbox_link.setText(tr("Ideas inbox ({count}): on the capture page", count=count) if count
                                else tr("Ideas inbox: on the capture page"))
        checkins = room.checkins()
        states = {"pending": tr("To confirm"), "done": tr("Present"), "rejected": tr("Set aside")}
        fill_table(self.checkins, [(c.id, [c.name, c.opd_name or c.organisation, c.position, states.get(c.state, c.state),
                                      c.participant_name, c.day_date]) for c in checkins])
        pending = sum(c.state == "pending" for c in checkins)
        self.tabs.setTabText(0, tr("Check-ins ({count} to confirm)", count=pending))
        self.participant_choice.clear()
        self.participant_choice.addItem(tr("a new participant"), "")
        for p in self.ws.participants.list():
            self.participant_choice.addItem(p.name, p.id)
        fill_table(self.phones, [(d.id, [d.label or tr("(no check-in yet)"), d.created_at[:16].replace("T", " "),
                                    tr("ended") if d.revoked else tr("in the room")]) for d in room.devices()])

    # --- acting ----------------------------------------------------------------------------------
    def toggle_room(self) -> None:
        try:
            if self.controller.running:
                self.controller.stop()
            else:
                self.controller.start(host=self.host)
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

    def _confirm_checkin(self) -> None:
        key = selected_key(self.checkins)
        if key is None:
            return
        try:
            self.ws.room.confirm_checkin(key, self.participant_choice.currentData() or None)
        except FgdError as error:
            self.message.setText(str(error))

    def _set_aside(self) -> None:
        key = selected_key(self.checkins)
        if key is not None:
            self.ws.room.reject_checkin(key)

    def _revoke(self) -> None:
        key = selected_key(self.phones)
        if key is not None:
            self.ws.room.revoke(key)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("room", "participants", "opds") and self.isVisible() and not self._later.isActive():
            self._later.start()  # phones arrive in bursts: one refresh for the lot

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        event.accept()  # the room stays on; the window comes back from the menu
