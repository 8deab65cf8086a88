"""Open the room of a workshop: the one entry point of the window and of ``fgd-app room``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fgd_app.room import network
from fgd_app.room.server import Limits, RoomServer

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.room.desk import StoreDesk


def default_host() -> tuple[str, bool]:
    """Return (the address to listen on, whether it is a LAN address); loopback when there is no network."""
    addresses = network.lan_addresses()
    return (addresses[0], True) if addresses else (network.LOOPBACK, False)


def open_room(ws: Workshop, desk: StoreDesk, *, host: str | None = None, port: int = network.DEFAULT_PORT,
              limits: Limits | None = None) -> RoomServer:
    """Start serving the workshop's room (call on the store owner's thread); return the running server.

    The room keeps its code and secret in the file, so it opens again with the same code after a crash.
    """
    session = ws.room.ensure_session()
    info = ws.info()
    title = info.region_name.strip()
    server = RoomServer(ws.room, desk, host=host or default_host()[0], port=port, title=title,
                        code=session.code, secret=session.secret, limits=limits)
    server.start()
    return server
