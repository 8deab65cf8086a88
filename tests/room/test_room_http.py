"""The room's phone pages against the real server on 127.0.0.1: joining, CSRF, limits, escaping, privacy."""

# ruff: noqa: F811 - the fixtures room and room_file are imported from room_phone (a second conftest.py
# would shadow tests/conftest.py for the tests that import it)

from __future__ import annotations

import re

from room_phone import OwnedRoom, Phone, first_option, room, room_file  # noqa: F401

from fgd_app.room.server import BODY_LIMIT, Limits

NIP = "198703152010012003"
NEW_NIP = "199001012015011001"
PHONE_DIGITS = ("081277771234", "0812 7777 1234", "089912345678", "0899-1234-5678")


def _joined(room) -> Phone:
    phone = Phone(room.server.port)
    assert phone.join(room.code) == 303
    return phone


def _idea_rows(room):
    return room.run(lambda: room.ws.room.ideas())


def test_a_phone_without_the_code_sees_only_the_join_page(room):
    phone = Phone(room.server.port)
    status, headers, page = phone.get("/")
    assert status == 200 and 'action="/join"' in page and "Kode ruang" in page
    for path in ("/ideas", "/checkin"):
        status, headers, _ = phone.request("GET", path)
        assert status == 303 and headers["Location"] == "/"
    assert phone.post("/join", {"code": "WRONG1"})[0] == 403
    assert "fgd_room" not in phone.cookies
    assert phone.request("GET", "/j/not-the-secret")[0] == 403
    assert "fgd_room" not in phone.cookies
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_joining_by_code_or_by_the_qr_link_gives_a_device_cookie(room):
    by_code = _joined(room)
    assert by_code.get("/ideas")[0] == 200
    by_link = Phone(room.server.port)
    secret = room.server.join_url.rsplit("/", 1)[1]
    assert by_link.request("GET", f"/j/{secret}")[0] == 303
    assert by_link.get("/checkin")[0] == 200
    assert by_link.cookies["fgd_room"] != by_code.cookies["fgd_room"]
    tokens = room.run(lambda: [r[0] for r in room.ws.store.query("SELECT token_hash FROM room_device")])
    assert len(tokens) == 2 and by_code.cookies["fgd_room"] not in tokens  # only hashes are kept


def test_a_form_without_its_csrf_token_is_refused_and_nothing_is_stored(room):
    phone = _joined(room)
    _, _, page = phone.get("/ideas")
    place = first_option(page, "e:")
    status, _, _ = phone.post("/ideas", {"csrf": "0" * 32, "place": place, "name": "Tanpa token"})
    assert status == 403
    fresh = Phone(room.server.port)
    fresh.get("/")
    assert fresh.post("/join", {"code": room.code, "csrf": "x"})[0] == 403
    assert _idea_rows(room) == []


def test_an_oversize_body_is_refused(room):
    phone = _joined(room)
    _, _, page = phone.get("/ideas")
    status, _, _ = phone.post("/ideas", {"place": first_option(page, "e:"), "name": "Besar",
                                         "description": "x" * (BODY_LIMIT + 10)})
    assert status == 413
    assert _idea_rows(room) == []


def test_each_phone_is_rate_limited(room):
    phone = _joined(room)
    _, _, page = phone.get("/ideas")
    place = first_option(page, "e:")
    statuses = [phone.send_idea(place=place, name=f"Ide {n}")[0] for n in range(12)]
    assert statuses[:8] == [303] * 8 and 429 in statuses[8:]
    other = _joined(room)
    assert other.send_idea(place=place, name="Ide lain")[0] == 303  # another phone is not slowed down
    assert len(_idea_rows(room)) == 9


def test_wrong_codes_are_rate_limited_per_address(room_file):
    owned = OwnedRoom(room_file, Limits(join_failures=3))
    try:
        phone = Phone(owned.server.port)
        statuses = []
        for _ in range(5):
            phone.get("/")
            statuses.append(phone.post("/join", {"code": "AAAAAA"})[0])
        assert statuses[:3] == [403] * 3 and statuses[3:] == [429, 429]
        phone.get("/")
        assert phone.post("/join", {"code": owned.code})[0] == 429  # even the right code waits
    finally:
        owned.close()


def test_a_retried_submission_is_stored_once(room):
    phone = _joined(room)
    _, _, page = phone.get("/ideas")
    fields = {"place": first_option(page, "e:"), "name": "Aplikasi antrean puskesmas"}
    assert phone.post("/ideas", fields)[0] == 303
    assert phone.post("/ideas", fields)[0] == 303  # the same form (same client id) sent again
    assert len(_idea_rows(room)) == 1
    _, _, page = phone.get("/ideas?sent=1")
    assert page.count("Aplikasi antrean puskesmas") == 1 and "Terkirim" in page


def test_typed_markup_is_shown_escaped_on_every_phone_page(room):
    phone = _joined(room)
    _, _, page = phone.get("/ideas")
    evil = "<script>alert(1)</script><b>tebal</b>"
    assert phone.send_idea(place=first_option(page, "e:"), name=evil, description=evil,
                           lead_opd_text=evil, proposing_group=evil)[0] == 303
    assert phone.check_in(name=evil, organisation=evil, position=evil)[0] == 303
    for path in ("/", "/ideas", "/checkin"):
        _, _, page = phone.get(path)
        assert "<script>alert" not in page and "<b>tebal" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;tebal&lt;/b&gt;" in page
    # a form refused for a bad value shows what was typed, escaped
    status, text = phone.check_in(name=evil, nip="12<b>3", organisation="x")
    assert status == 400 and "<b>3" not in text and "12&lt;b&gt;3" in text


def test_no_personal_data_reaches_a_phone(room):
    phone = _joined(room)
    assert phone.check_in(name="Budi Santoso", nip=NEW_NIP, organisation="Universitas Sultan Ageng Tirtayasa",
                          contact="0899-1234-5678")[0] == 303
    assert phone.check_in(name="Siti Rahmawati", nip=NIP, contact="siti@serangkab.go.id")[0] == 400  # no OPD
    _, _, page = phone.get("/checkin")
    opd = re.search(r'<option value="([^"]+)">Badan Perencanaan', page).group(1)
    assert phone.check_in(name="Siti Rahmawati", nip=NIP, opd_id=opd)[0] == 303
    other = _joined(room)
    pages = [p.get(path)[2] for p in (phone, other) for path in ("/", "/checkin", "/ideas")]
    for page in pages:
        for secret in (NIP, NEW_NIP, "serangkab.go.id", *PHONE_DIGITS):
            assert secret not in page
    assert "Budi Santoso" in pages[1] and "Budi Santoso" not in pages[4]  # another phone sees no one else


def test_a_known_participant_is_marked_present_and_a_new_one_waits(room):
    phone = _joined(room)
    _, _, page = phone.get("/checkin")
    opd = re.search(r'<option value="([^"]+)">Badan Perencanaan', page).group(1)
    assert phone.check_in(name="Siti Rahmawati", nip=NIP, opd_id=opd)[0] == 303
    assert phone.check_in(name="siti  RAHMAWATI, s.kom", opd_id=opd)[0] == 303  # by folded name + OPD
    assert phone.check_in(name="Orang Baru", organisation="Komunitas Serang Digital")[0] == 303
    checkins = room.run(lambda: room.ws.room.checkins())
    states = {c.name: (c.state, c.matched_by) for c in checkins}
    assert states["Siti Rahmawati"] == ("done", "nip")
    assert states["siti RAHMAWATI, s.kom"] == ("done", "name")
    assert states["Orang Baru"] == ("pending", "")
    present = room.run(lambda: room.ws.store.query("SELECT count(*) FROM attendance")[0][0])
    assert present == 1
    _, _, page = phone.get("/")
    assert "Menunggu" in page or "Diterima" in page


def test_ending_a_device_or_changing_the_code_locks_the_phone_out(room):
    phone = _joined(room)
    old_code = room.code
    device = room.run(lambda: room.ws.room.devices()[0].id)
    room.run(room.ws.room.revoke, device)
    status, headers, _ = phone.request("GET", "/ideas")
    assert status == 303 and headers["Location"] == "/"
    assert "fgd_room" not in phone.cookies
    room.run(room.ws.room.new_session)
    late = Phone(room.server.port)
    assert late.join(old_code) == 403
    assert late.join(room.code) == 303


def test_the_phone_can_switch_to_english(room):
    phone = _joined(room)
    assert phone.request("GET", "/lang/en?next=/ideas")[1]["Location"] == "/ideas"
    _, _, page = phone.get("/ideas")
    assert "Send an innovation idea" in page and '<html lang="en">' in page
    assert phone.request("GET", "/lang/en?next=//evil.example/")[1]["Location"] == "/"
    phone.get("/lang/id?next=/ideas")
    assert "Kirim ide inovasi" in phone.get("/ideas")[2]


def test_pages_stay_small(room):
    phone = _joined(room)
    sizes = {path: len(phone.get(path)[2].encode()) for path in ("/", "/checkin", "/ideas", "/static/room.css")}
    assert max(sizes.values()) <= 100_000, sizes
