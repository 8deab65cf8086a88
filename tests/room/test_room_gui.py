"""Room mode in the window: off by default (no listening socket), on from the menu, ideas accepted from the inbox."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from room_phone import Phone, first_option

from fgd_app.gui.shell.main_window import MainWindow

SHOTS = Path(os.environ.get("FGD_SHOTS", "/tmp/fgd-room-shots"))


def listening_ports() -> set[int]:
    """Return the TCP ports this process listens on (from /proc: its socket inodes in LISTEN state)."""
    inodes = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "0A" and parts[9] in inodes:  # 0A: LISTEN
                ports.add(int(parts[1].rsplit(":", 1)[1], 16))
    return ports


def _in_thread(fn):
    """Run a phone's blocking requests off the GUI thread (the GUI thread answers them); return a result box."""
    box: dict = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            box["error"] = error

    threading.Thread(target=run, daemon=True).start()
    return box


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc")
def test_room_mode_is_off_by_default_and_closes_every_socket(qtbot, workshop, settings):
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    window.show()
    window.show_room()
    qtbot.wait(50)
    assert listening_ports() == set()
    room = window.room_controller()
    server = room.start(host="127.0.0.1", port=0)
    assert listening_ports() == {server.port}
    window.close_room()
    assert listening_ports() == set()


def test_phones_send_ideas_and_the_facilitator_accepts_them(qtbot, workshop, settings):
    opd = workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_room()
    room_window = window.room_window
    server = window.room_controller().start(host="127.0.0.1", port=0)
    code = workshop.room.session().code

    def phone_work():
        phone = Phone(server.port)
        assert phone.join(code) == 303
        _, _, page = phone.get("/ideas")
        place = first_option(page, "e:")
        sent = [phone.send_idea(place=place, name=name, lead_opd_id=opd.id, description="<b>tebal</b>")[0]
                for name in ("Antrean puskesmas daring", "<script>alert(1)</script>", "Bank sampah digital")]
        phone.get("/checkin")
        sent.append(phone.check_in(name="Peserta Baru", organisation="Komunitas Literasi")[0])
        return phone, sent

    box = _in_thread(phone_work)
    qtbot.waitUntil(lambda: "value" in box or "error" in box, timeout=20000)
    assert "error" not in box, box.get("error")
    phone, sent = box["value"]
    assert sent == [303] * 4
    room_window.refresh()
    assert room_window.inbox.rowCount() == 3
    assert room_window.inbox.item(1, 0).text() == "<script>alert(1)</script>"  # plain text, not markup
    room_window.resize(1366, 768)
    SHOTS.mkdir(parents=True, exist_ok=True)
    room_window.grab().save(str(SHOTS / "laptop-inbox-1366.png"))
    room_window.resize(1024, 768)
    qtbot.wait(20)
    room_window.grab().save(str(SHOTS / "laptop-inbox-1024.png"))

    room_window.inbox.setCurrentCell(0, 0)
    room_window.accept_button.click()
    innovations = workshop.innovations.list()
    assert [i.name for i in innovations] == ["Antrean puskesmas daring"]
    assert workshop.store.undo_name().startswith("Terima ide")
    room_window.inbox.setCurrentCell(1, 0)  # "Bank sampah digital" (row 0 left the inbox)
    room_window.reject_button.click()
    assert room_window.inbox.rowCount() == 1

    room_window.tabs.setCurrentIndex(1)
    room_window.checkins.setCurrentCell(0, 0)
    room_window.confirm_button.click()
    assert [p.name for p in workshop.participants.list()] == ["Peserta Baru"]
    room_window.grab().save(str(SHOTS / "laptop-checkins-1024.png"))

    fate = _in_thread(lambda: phone.get("/ideas")[2])
    qtbot.waitUntil(lambda: "value" in fate, timeout=20000)
    assert f"Diterima sebagai {innovations[0].code}" in fate["value"] and "Tidak diambil" in fate["value"]

    window.room_screen_action.setChecked(True)
    window.toggle_room_screen()
    projector = window.projector.window
    assert projector is not None and projector.mode == "room"
    projector.resize(1024, 768)
    qtbot.wait(50)
    projector.grab().save(str(SHOTS / "projector-room-1024.png"))
    window.close_room()
    assert window.projector.room_screen is None
