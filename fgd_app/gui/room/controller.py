"""The room of the open workshop: on and off, and the bridge from the server thread to the GUI thread."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from fgd_app.core.room.desk import StoreDesk
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.room.server import Limits, RoomServer


class RoomController(QObject):
    """Room mode of one workshop: ``start``/``stop``; ``state_changed`` when it opens or closes."""

    state_changed = Signal(bool)
    _wake = Signal()  # emitted by the server thread; queued to the GUI thread

    def __init__(self, workshop: Workshop, parent: QObject | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.server: RoomServer | None = None
        self.desk: StoreDesk | None = None
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self.server is not None

    def start(self, host: str | None = None, port: int | None = None, limits: Limits | None = None) -> RoomServer:
        """Open the room (raises FgdError with a message when it cannot listen)."""
        from fgd_app.room.network import DEFAULT_PORT
        from fgd_app.room.service import open_room

        if self.server is not None:
            return self.server
        store = self.workshop.store
        desk = StoreDesk(wake=self._wake.emit, savepoint=store.savepoint,
                         transaction=lambda: store.write(tr("Phones' submissions"), undoable=False))
        # the objects made so far (Qt wrappers, modules, the pages) stay for good: freezing them keeps the
        # server thread's full garbage collections short; they hold the GIL, and so the GUI thread, meanwhile
        gc.freeze()
        self.server = open_room(self.workshop, desk, host=host, port=DEFAULT_PORT if port is None else port, limits=limits)
        self.desk = desk
        self.state_changed.emit(True)
        return self.server

    def stop(self) -> None:
        """Close the room: every socket closes, waiting phones are told to send again."""
        if self.server is None:
            return
        server, desk, self.server, self.desk = self.server, self.desk, None, None
        desk.close()
        server.stop()
        self.state_changed.emit(False)

    def _drain(self) -> None:
        if self.desk is not None and not self.workshop.closed:
            self.desk.drain(0.010)
