"""Fixtures of the room tests: a running room on 127.0.0.1 over a real workshop file."""

from __future__ import annotations

import pytest
from room_phone import OwnedRoom

from fgd_app.core import Workshop
from fgd_app.room.server import Limits


@pytest.fixture
def room_file(workshop_path):
    """The Serang workshop with two OPDs and a participant who has a NIP and a phone number."""
    with Workshop.open(workshop_path) as ws:
        bappeda = ws.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
        ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
        ws.participants.add(name="Siti Rahmawati, S.Kom", nip="198703152010012003", opd_id=bappeda.id,
                            phone="0812 7777 1234", email="siti@serangkab.go.id")
    return workshop_path


@pytest.fixture
def room(room_file):
    owned = OwnedRoom(room_file, Limits(device_burst=8))
    yield owned
    owned.close()
