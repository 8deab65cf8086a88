"""Rounds in a real headless Chromium on a 360x740 phone screen: the page follows the facilitator live (a round
opens, closes) without a reload by hand, the dot counter, scores and risks sent. Screenshots go to $FGD_SHOTS."""

# ruff: noqa: F811 - the fixtures are imported from room_phone / test_rounds_http

from __future__ import annotations

from room_phone import SHOTS, OwnedRoom, needs_chromium, phone_page, room_file  # noqa: F401
from test_rounds_http import round_file  # noqa: F401

pytestmark = needs_chromium


def test_a_phone_follows_the_rounds_live_and_answers_them(round_file):
    room = OwnedRoom(round_file)
    with phone_page(room) as page:
        page.goto(room.server.join_url)
        page.click("a[href='/round']")
        assert "Tidak ada putaran yang terbuka" in page.inner_text("h1")
        page.screenshot(path=str(SHOTS / "phone-round-none.png"), full_page=True)

        r = room.run(lambda: room.ws.rounds.open_round("dot_vote", dots=3, most=2, timer_seconds=120,
                                                       title="Mana yang dikerjakan tahun pertama?"))
        page.wait_for_selector("#round-form", timeout=5000)  # the live channel reloaded the page
        assert page.inner_text("#left") == "3"
        plus = page.locator(".dot-row").nth(0).locator("[data-step='1']")
        plus.click()
        plus.click()
        assert plus.is_disabled()  # at most 2 on one innovation
        page.locator(".dot-row").nth(2).locator("[data-step='1']").click()
        assert page.inner_text("#left") == "0"
        assert page.locator(".dot-row").nth(1).locator("[data-step='1']").is_disabled()  # no dots left
        page.screenshot(path=str(SHOTS / "phone-round-dots.png"), full_page=False)
        page.click("button[type=submit]")
        assert "Terkirim" in page.inner_text(".notice")
        assert "Suara Anda sudah masuk" in page.content()
        page.screenshot(path=str(SHOTS / "phone-round-voted.png"), full_page=True)
        assert room.run(lambda: room.ws.rounds.dot_totals(r.id))[r.items[0]] == 2

        room.run(lambda: room.ws.rounds.close(r.id))
        page.wait_for_selector("ul.result", timeout=5000)
        assert "Putaran 1 ditutup" in page.inner_text("h1")
        page.screenshot(path=str(SHOTS / "phone-round-closed.png"), full_page=True)

        room.run(lambda: room.ws.rounds.open_round("criteria", groups=["Kelompok 1", "Kelompok 2"]))
        page.wait_for_selector("#group", timeout=5000)
        page.select_option("#group", label="Kelompok 2")
        selects = page.locator("div.item select")
        for n in range(5):
            selects.nth(n).select_option(str(n % 5 + 1))
        page.screenshot(path=str(SHOTS / "phone-round-criteria.png"), full_page=False)
        page.click("button[type=submit]")
        assert "Terkirim" in page.inner_text(".notice")
        current = room.run(lambda: room.ws.rounds.current())
        room.run(lambda: room.ws.rounds.close(current.id))
        page.wait_for_selector("ul.result", timeout=5000)

        risk_round = room.run(lambda: room.ws.rounds.open_round("risk", groups=["Kelompok 1", "Kelompok 2"]))
        page.wait_for_selector("#group", timeout=5000)
        page.click("details.help summary")
        page.screenshot(path=str(SHOTS / "phone-round-risk-levels.png"), full_page=False)
        page.click("details.help summary")
        page.select_option("#group", label="Kelompok 1")
        first = risk_round.items[0]
        page.select_option(f"select[name='l_{first}']", "4")
        page.select_option(f"select[name='i_{first}']", "2")
        page.screenshot(path=str(SHOTS / "phone-round-risk.png"), full_page=False)
        page.click("button[type=submit]")
        assert "Terkirim" in page.inner_text(".notice")
        assert room.run(lambda: room.ws.rounds.risk_scores(risk_round.id)) == {first: {"Kelompok 1": (4, 2)}}
        page.click("header .lang a")
        page.screenshot(path=str(SHOTS / "phone-round-risk-en.png"), full_page=False)
