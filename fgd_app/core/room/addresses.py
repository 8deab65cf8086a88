"""Which of the laptop's addresses the room may listen on, best first (pure: the address list is given).

The web-server package (``fgd_app.room.network``) gathers the machine's addresses; this module only judges
and ranks them, so the window's address choice and the tests work on an injected list.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from fgd_app.i18n import tr

LOOPBACK = "127.0.0.1"
# Addresses a laptop's own hotspot usually gives itself: Windows "Mobile hotspot", NetworkManager, Android tethering
HOTSPOT_ADDRESSES = ("192.168.137.1", "10.42.0.1", "192.168.43.1")


@dataclass(frozen=True)
class RoomAddress:
    host: str
    kind: str  # "hotspot", "lan" or "loopback"

    @property
    def label(self) -> str:
        """The address as the facilitator chooses it: "192.168.137.1 — this laptop's hotspot"."""
        kinds = {"hotspot": tr("this laptop's hotspot"), "lan": tr("local network (router)"),
                 "loopback": tr("this computer only")}
        return f"{self.host} \u2014 {kinds[self.kind]}"


def is_allowed_host(host: str) -> bool:
    """Return True for loopback and private (RFC 1918) IPv4/IPv6 addresses; False for 0.0.0.0 and public ones."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if address.is_unspecified or address.is_multicast or address.is_link_local:
        return False
    return address.is_loopback or address.is_private


def rank_addresses(candidates: list[str]) -> list[str]:
    """Return the private LAN addresses among ``candidates``, once each, a likely hotspot address first."""
    found: list[str] = []
    for address in candidates:
        if address not in found and is_allowed_host(address) and not ipaddress.ip_address(address).is_loopback:
            found.append(address)
    return sorted(found, key=lambda a: (a not in HOTSPOT_ADDRESSES, not a.startswith("192.168."), a))


def room_addresses(candidates: list[str]) -> list[RoomAddress]:
    """Return the choices offered to the facilitator: the ranked LAN addresses, then loopback (always there)."""
    ranked = [RoomAddress(a, "hotspot" if a in HOTSPOT_ADDRESSES else "lan") for a in rank_addresses(candidates)]
    return [*ranked, RoomAddress(LOOPBACK, "loopback")]


def choose_address(choices: list[RoomAddress], remembered: str = "") -> RoomAddress:
    """Return the remembered address when it is still there, else the best one (loopback when there is none)."""
    for choice in choices:
        if remembered and choice.host == remembered:
            return choice
    return choices[0] if choices else RoomAddress(LOOPBACK, "loopback")
