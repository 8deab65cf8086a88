"""``fgd-app room FILE [--host H] [--port P] [--qr]``: the room without the window.

For a second laptop at the door (check-in), for scripts and for tests. It prints the address and the room
code, serves phones until Ctrl-C or SIGTERM, then closes every socket and the file (exit 0). This process's
main thread owns the workshop file and runs the phones' jobs (``StoreDesk.serve_until``); the web server
runs in its own thread.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from fgd_app.i18n import tr


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from fgd_app.room.network import DEFAULT_PORT

    parser.add_argument("file", metavar=tr("FILE"), help=tr("workshop file"))
    parser.add_argument("--host", metavar="H", help=tr(
        "address to listen on: a local network address or 127.0.0.1 (default: the hotspot's or LAN's address)"))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="P",
                        help=tr("port (default {port}; the next free one when it is taken)", port=DEFAULT_PORT))
    parser.add_argument("--qr", action="store_true", help=tr("also print the QR code of the join link"))


def run(args: argparse.Namespace) -> int:
    from fgd_app.core import Workshop
    from fgd_app.core.room.desk import StoreDesk
    from fgd_app.room.qr import qr_text
    from fgd_app.room.service import default_host, open_room

    if not 0 <= args.port <= 65535:
        print(tr("The port must be between 1 and 65535."), file=sys.stderr)
        return 2
    host = args.host
    if host is None:
        host, on_lan = default_host()
        if not on_lan:
            print(tr("No local network found: the room is open on this computer only. Turn on the hotspot "
                     "(or join the hall's Wi-Fi) and start again."), file=sys.stderr)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    ws = Workshop.open(args.file)
    server = None
    try:
        desk = StoreDesk()
        server = open_room(ws, desk, host=host, port=args.port)
        session = ws.room.ensure_session()
        print(tr("Room open at {url}", url=server.url))
        print(tr("Room code: {code}", code=session.code))
        print(tr("Join link (QR): {url}", url=server.join_url))
        if args.qr:
            print(qr_text(server.join_url))
        print(tr("Press Ctrl-C to close the room."), flush=True)
        desk.serve_until(stop)
        desk.close()
    finally:
        if server is not None:
            server.stop()
        ws.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(tr("Room closed."), flush=True)
    return 0
