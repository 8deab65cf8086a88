"""A real headless Chromium (Debian's /usr/bin/chromium through Playwright) on a 360x740 phone screen:
join by the QR link, check in, send an idea, see it accepted. Screenshots go to $FGD_SHOTS."""

# ruff: noqa: F811 - the fixtures room and room_file are imported from room_phone (a second conftest.py
# would shadow tests/conftest.py for the tests that import it)

from __future__ import annotations

from room_phone import SHOTS, OwnedRoom, needs_chromium, phone_page, room_file  # noqa: F401

pytestmark = needs_chromium


def test_a_phone_browser_joins_checks_in_and_sees_its_idea_accepted(room_file):
    room = OwnedRoom(room_file)
    with phone_page(room) as page:
        page.goto(room.server.url)
        page.screenshot(path=str(SHOTS / "phone-join.png"), full_page=True)
        page.goto(room.server.join_url)  # what scanning the QR code opens
        assert page.locator("a.big").count() == 3  # check in, ideas, the open round
        page.screenshot(path=str(SHOTS / "phone-home.png"), full_page=True)

        page.click("a[href='/checkin']")
        page.fill("#name", "Budi <b>Santoso</b>")
        page.fill("#nip", "199001012015011001")
        page.select_option("#opd_id", label="Dinas Komunikasi dan Informatika (Diskominfo)")
        page.fill("#contact", "0899 1234 5678")
        page.click("button[type=submit]")
        assert "Terkirim" in page.inner_text(".notice")
        assert "Budi <b>Santoso</b>" in page.inner_text("ul.mine")  # shown as typed, not as markup
        assert "199001012015011001" not in page.content()
        page.screenshot(path=str(SHOTS / "phone-checkin.png"), full_page=True)

        page.click("a[href='/ideas']")
        page.select_option("#place", label="Smart Governance \u00b7 Pelayanan Publik")
        page.fill("#name", "Antrean online puskesmas")
        page.fill("#description", "Warga mengambil nomor antrean dari rumah.")
        page.select_option("#lead_opd_id", label="Dinas Komunikasi dan Informatika (Diskominfo)")
        page.click("button[type=submit]")
        assert "Terkirim" in page.inner_text(".notice")
        assert "menunggu fasilitator" in page.inner_text("ul.mine")

        idea = room.run(lambda: room.ws.room.ideas("inbox")[0])
        innovation_id = room.run(room.ws.room.accept_idea, idea.id)
        code = room.run(lambda: room.ws.innovations.get(innovation_id).code)
        page.reload()
        assert f"Diterima sebagai {code}" in page.inner_text("ul.mine")
        page.screenshot(path=str(SHOTS / "phone-ideas.png"), full_page=True)
        page.click("header .lang a")
        assert "Accepted as" in page.inner_text("ul.mine")
        page.screenshot(path=str(SHOTS / "phone-ideas-en.png"))
