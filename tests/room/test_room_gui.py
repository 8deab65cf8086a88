"""Room mode in the window: off by default (no listening socket), on from the menu, ideas accepted from the inbox."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from room_phone import SHOTS, Phone, first_option, in_thread

from fgd_app.core.room.addresses import LOOPBACK
from fgd_app.gui.shell.main_window import MainWindow


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
    page = window.show_page("innovations")
    assert page.inbox_button.isVisible() and page.inbox.isVisibleTo(page)  # room on: the inbox is offered, empty
    page.inbox_button.click()  # the facilitator folds it away
    assert not page.inbox.isVisibleTo(page) and page.inbox_button.isVisible()
    page.toggle_inbox()  # Ctrl+I brings it back
    assert page.inbox.isVisibleTo(page)
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

    box = in_thread(phone_work)
    qtbot.waitUntil(lambda: "value" in box or "error" in box, timeout=20000)
    assert "error" not in box, box.get("error")
    phone, sent = box["value"]
    assert sent == [303] * 4
    inbox = page.inbox
    qtbot.waitUntil(lambda: inbox.table.rowCount() == 3, timeout=5000)  # the inbox is on the capture page
    assert inbox.isVisibleTo(page) and page.inbox_button.isChecked()
    assert page.inbox_button.text().endswith("(3)")
    assert inbox.table.item(1, 0).text() == "<script>alert(1)</script>"  # plain text, not markup
    inbox.select(1)
    assert "<b>tebal</b>" in inbox.about.text() and inbox.about.textFormat() == Qt.TextFormat.PlainText
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 1024):
        window.resize(width, 768)
        qtbot.wait(30)
        window.grab().save(str(SHOTS / f"laptop-inbox-{width}.png"))
    room_window.resize(1024, 768)
    qtbot.wait(20)
    assert room_window.width() == 1024  # every tab (check-ins, phones, rounds) fits a 1024 px screen
    room_window.grab().save(str(SHOTS / "laptop-room-1024.png"))

    inbox.select(0)
    inbox.accept_button.click()
    innovations = workshop.innovations.list()
    assert [i.name for i in innovations] == ["Antrean puskesmas daring"]
    assert workshop.store.undo_name().startswith("Terima ide")
    assert inbox.table.rowCount() == 2
    inbox.select(1)  # "Bank sampah digital" (row 0 left the inbox)
    inbox.reject_button.click()
    assert inbox.table.rowCount() == 1
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: inbox.table.rowCount() == 2, timeout=2000)  # an undo brings the idea back at once
    workshop.store.redo()

    room_window.tabs.setCurrentIndex(0)
    room_window.checkins.setCurrentCell(0, 0)
    room_window.confirm_button.click()
    assert [p.name for p in workshop.participants.list()] == ["Peserta Baru"]
    room_window.grab().save(str(SHOTS / "laptop-checkins-1024.png"))

    fate = in_thread(lambda: phone.get("/ideas")[2])
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


def test_merge_into_an_existing_innovation_offers_similar_names_first(qtbot, workshop):
    from fgd_app.gui.room.inbox import InboxPanel

    opd = workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    dimension = workshop.dimensions.list()[0]
    kept = workshop.innovations.add(dimension_id=dimension.id, name="Antrean puskesmas daring", lead_opd_id=opd.id)
    workshop.innovations.add(dimension_id=dimension.id, name="Bank sampah digital", lead_opd_id=opd.id)
    device, _token = workshop.room.join(code=workshop.room.ensure_session().code)
    workshop.room.submit_idea(device, "idea-00000001", {"place": f"d:{dimension.id}", "name": "Antrean puskesmas online",
                                                         "lead_opd_id": opd.id, "description": "Daftar dari rumah"})
    panel = InboxPanel(workshop)
    qtbot.addWidget(panel)
    panel.select(0)
    assert panel.merge_target.itemText(0).startswith("\u26a0") and panel.merge_target.currentData() == kept.id
    panel.merge_button.click()
    assert panel.table.rowCount() == 0 and panel.count == 0
    assert "Daftar dari rumah" in workshop.innovations.get(kept.id).description
    assert workshop.room.ideas()[0].state == "merged"


def test_the_facilitator_chooses_among_several_networks_and_it_is_remembered(qtbot, workshop, settings):
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    window.show_room()
    room_window = window.room_window
    room_window.list_addresses = lambda: ["192.168.1.33", "127.0.0.1", "192.168.137.1"]
    room_window.reload_addresses()
    choice = room_window.address_choice
    assert [choice.itemData(i) for i in range(choice.count())] == ["192.168.137.1", "192.168.1.33", LOOPBACK]
    assert choice.currentData() == "192.168.137.1" and room_window.address_hint.isVisibleTo(room_window)
    choice.setCurrentIndex(2)
    choice.activated.emit(2)
    assert settings.room_host() == LOOPBACK
    server = window.room_controller().start(host=room_window.host, port=0)
    assert server.host == LOOPBACK
    room_window.resize(1024, 768)
    room_window.show()
    qtbot.wait(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    room_window.grab().save(str(SHOTS / "laptop-room-address-1024.png"))
    window.close_room()

    window.show_room()  # a new window (another day): the remembered choice comes back
    again = window.room_window
    again.list_addresses = lambda: ["192.168.1.33", "192.168.137.1"]
    again.reload_addresses()
    assert again.host == LOOPBACK
    again.list_addresses = list
    again.reload_addresses()  # no network at all: loopback alone, and why
    assert again.address_choice.count() == 1 and again.host == LOOPBACK
    assert "hotspot" in again.address_hint.text().lower()
    window.close_room()
