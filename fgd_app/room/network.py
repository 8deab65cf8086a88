"""Which address the room listens on: a private LAN address (the hotspot) or loopback, never 0.0.0.0."""

from __future__ import annotations

import contextlib
import socket
import sys
from pathlib import Path

from fgd_app.core.errors import FgdError
from fgd_app.core.room.addresses import LOOPBACK, is_allowed_host, rank_addresses
from fgd_app.i18n import tr

DEFAULT_PORT = 8765
PORT_TRIES = 20
__all__ = ["LOOPBACK", "bind_socket", "check_host", "is_allowed_host", "lan_addresses", "url_host"]


def _fib_trie_addresses() -> list[str]:
    """Return the local IPv4 addresses of this Linux machine (from /proc, no subprocess)."""
    found: list[str] = []
    path = Path("/proc/net/fib_trie")
    with contextlib.suppress(OSError):
        last = ""
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if stripped.startswith(("|--", "+--")):
                last = stripped[3:].strip()
            elif stripped.startswith("/32 host LOCAL") and last and last not in found:
                found.append(last)
    return found


def _route_addresses() -> list[str]:
    """Return the addresses the system would send from towards private networks (no packet is sent)."""
    found = []
    for target in ("192.168.137.255", "10.255.255.255", "172.31.255.255", "192.168.255.255"):
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect((target, 9))
            address = probe.getsockname()[0]
            if address not in found:
                found.append(address)
    return found


def lan_addresses() -> list[str]:
    """Return this computer's private LAN IPv4 addresses, a likely hotspot address first (may be empty)."""
    candidates: list[str] = []
    if sys.platform.startswith("linux"):
        candidates += _fib_trie_addresses()
    with contextlib.suppress(OSError):
        candidates += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    candidates += _route_addresses()
    return rank_addresses(candidates)


def check_host(host: str) -> str:
    """Return ``host`` when the room may listen there; raise FgdError with the reason otherwise."""
    if not is_allowed_host(host):
        raise FgdError(tr("The room listens only on this computer (127.0.0.1) or a local network address "
                          "(10.x, 172.16-31.x, 192.168.x), never on \u201c{host}\u201d.", host=host))
    return host


def bind_socket(host: str, port: int = DEFAULT_PORT, *, tries: int = PORT_TRIES) -> socket.socket:
    """Return a listening TCP socket on ``host`` at ``port``, or the next free port after it (port 0: any)."""
    check_host(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last_error: OSError | None = None
    for candidate in ([0] if port == 0 else range(port, min(port + tries, 65536))):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            if sys.platform != "win32":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, candidate))
            sock.listen(128)
            sock.setblocking(False)
            return sock
        except OSError as error:
            sock.close()
            last_error = error
    raise FgdError(tr("No free port from {first} to {last} on {host} ({error}).", first=port,
                      last=port + tries - 1, host=host, error=getattr(last_error, "strerror", last_error)))


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
