"""Rounds from the phones against the real server on 127.0.0.1: a 5-phone dot vote applied and undone, group
scores reaching the median views, double submission, closed round, another phone's group, over budget, and
the live channel."""

# ruff: noqa: F811 - the fixtures room and room_file are imported from room_phone

from __future__ import annotations

import http.client
import json
import re
import threading
import time

import pytest
from room_phone import Phone, room, room_file  # noqa: F401

from fgd_app.core import Workshop


@pytest.fixture
def round_file(room_file):
    """The room file with four innovations of Smart Governance, one of Smart Living, and two risks."""
    with Workshop.open(room_file) as ws:
        opd = ws.opds.list()[0]
        gov, living = ws.dimensions.list()[:2]
        names = ["Antrean daring puskesmas", "Satu data kabupaten", "Aduan warga <b>cepat</b>", "Tanda tangan elektronik"]
        items = [ws.innovations.add(dimension_id=gov.id, name=n, lead_opd_id=opd.id) for n in names]
        ws.innovations.add(dimension_id=living.id, name="Bus sekolah", lead_opd_id=opd.id)
        ws.risks.add(innovation_id=items[0].id, event="Server pusat data mati", cause="Listrik padam",
                     likelihood=3, impact=4)
        ws.risks.add(innovation_id=items[1].id, event="OPD tidak berbagi data", likelihood=4, impact=3)
    return room_file


@pytest.fixture
def rroom(round_file):
    from room_phone import OwnedRoom

    from fgd_app.room.server import Limits

    owned = OwnedRoom(round_file, Limits(device_burst=20))
    yield owned
    owned.close()


def _phones(room, n):
    phones = []
    for _ in range(n):
        phone = Phone(room.server.port)
        assert phone.join(room.code) == 303
        phones.append(phone)
    return phones


def _open(room, kind, **options):
    return room.run(lambda: room.ws.rounds.open_round(kind, **options))


def _vote(phone, r, given):
    status, _, page = phone.get("/round")
    assert status == 200, page
    fields = {f"dot_{item}": str(given.get(item, 0)) for item in r.items}
    status, headers, text = phone.post("/round", fields)
    return status, (headers["Location"] if status == 303 else text)


def test_a_dot_vote_of_five_phones_is_applied_and_undone(rroom):
    room = rroom
    gov = room.run(lambda: room.ws.dimensions.list()[0].id)
    r = _open(room, "dot_vote", dimension_id=gov, dots=3, most=2)
    phones = _phones(room, 5)
    a, b, c, d = r.items
    ballots = [{a: 2, b: 1}, {a: 1, c: 2}, {b: 2, d: 1}, {a: 2, d: 1}, {c: 1}]
    for phone, ballot in zip(phones, ballots, strict=True):
        assert _vote(phone, r, ballot) == (303, "/round?sent=1")
    _, _, page = phones[0].get("/round")
    assert "Suara Anda sudah masuk" in page and "5</b>" in page and 'action="/round"' not in page
    assert "&lt;b&gt;cepat&lt;/b&gt;" in phones[1].get("/round")[2]  # typed text is escaped
    room.run(lambda: room.ws.rounds.close(r.id))
    assert room.run(lambda: room.ws.rounds.apply(r.id)) == 4
    votes = room.run(lambda: {i: room.ws.quickwins.votes(i).get("", 0) for i in r.items})
    assert votes == {a: 5, b: 3, c: 3, d: 2}
    board = room.run(lambda: {row.id: row.votes for row in room.ws.quickwins.board().rows})
    assert board[a] == 5
    room.run(lambda: room.ws.store.undo())
    assert room.run(lambda: sum(sum(room.ws.quickwins.votes(i).values()) for i in r.items)) == 0
    _, _, page = phones[2].get("/round")
    assert "Putaran 1 ditutup" in page and "5 titik" in page


def test_double_submission_closed_round_over_budget_and_a_retry(rroom):
    room = rroom
    r = _open(room, "dot_vote", dots=3, most=2)
    phone, other = _phones(room, 2)
    first = r.items[0]
    status, page = _vote(phone, r, {first: 3})
    assert status == 400 and "Paling banyak 2 titik" in page
    status, page = _vote(phone, r, {first: 2, r.items[1]: 2})
    assert status == 400 and "lebih banyak titik" in page
    phone.get("/round")
    fields = {f"dot_{item}": "0" for item in r.items} | {f"dot_{first}": "1"}
    assert phone.post("/round", fields)[0] == 303
    assert phone.post("/round", fields)[0] == 303  # the same form again (a retry): stored once
    assert room.run(lambda: room.ws.rounds.count(r.id)) == 1
    status, _, page = phone.post("/round", fields | {"client_id": "second-tab-0001"})  # a second tab's form
    assert status == 409 and "sudah memberi suara" in page
    assert 'action="/round"' not in phone.get("/round")[2]  # a phone that voted gets no form again
    other.get("/round")
    room.run(lambda: room.ws.rounds.close(r.id))
    status, _, page = other.post("/round", fields | {"client_id": "late-client-0001"})
    assert status == 409 and "Putaran ini sudah ditutup" in page
    assert room.run(lambda: room.ws.rounds.count(r.id)) == 1
    # a form without its device (another browser) or with another phone's CSRF token changes nothing
    stranger = Phone(room.server.port)
    assert stranger.post("/round", fields, keep_hidden=False)[0] == 303
    room.run(lambda: room.ws.rounds.reopen(r.id))
    other.get("/round")
    forged = dict(other.last_form) | {"csrf": phone.last_form.get("csrf", "0" * 32)}
    assert other.post("/round", forged | fields, keep_hidden=False)[0] == 403


def test_group_scores_from_phones_reach_the_median_views(rroom):
    room = rroom
    innovation = room.run(lambda: room.ws.innovations.rows()[0].id)
    r = _open(room, "criteria", items=[innovation], groups=["Kelompok 1", "Kelompok 2", "Kelompok 3"])
    criterion = r.criteria[0]
    one, two, three = _phones(room, 3)
    key = f"s_{innovation}_{criterion}"
    for phone, group, score in ((one, "Kelompok 1", "5"), (two, "Kelompok 2", "2"), (three, "Kelompok 3", "4")):
        status, _, page = phone.get("/round")
        assert "Dampak bagi warga" in page
        assert phone.post("/round", {"group": group, key: score})[0] == 303
    three.get("/round")
    status, _, page = three.post("/round", {"group": "Kelompok 1", key: "1"})
    assert status == 409 and "ponsel lain" in page  # another phone's group
    _, _, page = one.get("/round")
    assert 'selected>5</option>' in page  # a phone that comes back sees its own answer
    room.run(lambda: room.ws.rounds.close(r.id))
    room.run(lambda: room.ws.rounds.apply(r.id))
    cell = room.run(lambda: room.ws.quickwins.board().row(innovation).cells[criterion])
    assert cell.effective == 4 and cell.disagreement

    risks = room.run(lambda: [x.id for x in room.ws.risks.list()])
    r2 = _open(room, "risk", groups=["Kelompok 1", "Kelompok 2"])
    _, _, page = one.get("/round")
    assert "Hampir Pasti Terjadi" in page and "Listrik padam" in page  # the matrix's criteria text
    assert one.post("/round", {"group": "Kelompok 1", f"l_{risks[0]}": "2", f"i_{risks[0]}": "5"})[0] == 303
    two.get("/round")
    assert two.post("/round", {"group": "Kelompok 2", f"l_{risks[0]}": "5", f"i_{risks[0]}": "4"})[0] == 303
    room.run(lambda: room.ws.rounds.close(r2.id))
    room.run(lambda: room.ws.rounds.apply(r2.id))
    consensus = room.run(lambda: room.ws.risks.groups.consensus(risks[0]))
    assert consensus.median_likelihood == 3.5 and consensus.disagreement


def _events(port, cookies, got, stop):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/events", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    response = conn.getresponse()
    got.append(("status", response.status, response.headers["Content-Type"]))
    buffer = b""
    while not stop.is_set():
        chunk = response.fp.readline()
        if not chunk:
            break
        buffer += chunk
        if buffer.endswith(b"\n\n"):
            for line in buffer.decode().splitlines():
                if line.startswith("data: "):
                    got.append(json.loads(line[6:]))
            buffer = b""
    conn.close()


def test_the_live_channel_tells_phones_of_a_new_round_and_of_answers(rroom):
    room = rroom
    phone, voter = _phones(room, 2)
    assert Phone(room.server.port).request("GET", "/events")[0] == 403
    got, stop = [], threading.Event()
    listener = threading.Thread(target=_events, args=(room.server.port, phone.cookies, got, stop), daemon=True)
    listener.start()
    deadline = time.monotonic() + 5
    while len(got) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert got[0][1] == 200 and got[0][2].startswith("text/event-stream") and got[1]["state"] == "none"
    r = _open(room, "dot_vote")
    assert _vote(voter, r, {r.items[0]: 1})[0] == 303
    deadline = time.monotonic() + 5
    while not any(isinstance(g, dict) and g.get("count") == 1 for g in got) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert any(isinstance(g, dict) and g["round"] == r.id and g["count"] == 1 for g in got)
    stop.set()
    _, _, page = phone.get("/round")
    assert re.search(r'data-key="[0-9a-f-]+:open"', page)
