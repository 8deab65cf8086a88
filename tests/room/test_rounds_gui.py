"""Rounds in the window: the facilitator opens a dot vote from the room window, phones vote, the projector shows
the answers and the bars live, the facilitator closes and applies (Ctrl+Z undoes it); a risk round's spread."""

from __future__ import annotations

from room_phone import SHOTS, Phone, in_thread

from fgd_app.gui.shell.main_window import MainWindow


def _fill(workshop):
    opd = workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    gov = workshop.dimensions.list()[0]
    names = ["Antrean daring puskesmas", "Satu data kabupaten", "Aduan warga terpadu", "Tanda tangan elektronik",
             "Perizinan daring satu pintu"]
    items = [workshop.innovations.add(dimension_id=gov.id, name=n, lead_opd_id=opd.id) for n in names]
    for item, event in zip(items[:3], ("Server pusat data mati", "OPD tidak berbagi data", "Aduan tidak dijawab"),
                           strict=True):
        workshop.risks.add(innovation_id=item.id, event=event, likelihood=3, impact=3)
    return items


def _rounds_tab(qtbot, workshop, settings):
    """Return the main window (shown, room window open) and its rounds panel."""
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    window.show()
    window.show_room()
    return window, window.room_window.rounds_panel


def test_a_dot_vote_round_from_the_room_window_live_on_the_projector(qtbot, workshop, settings):
    items = _fill(workshop)
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_room()
    room_window = window.room_window
    server = window.room_controller().start(host="127.0.0.1", port=0)
    code = workshop.room.session().code
    panel = room_window.rounds_panel
    room_window.tabs.setCurrentWidget(panel)
    panel.kind.setCurrentIndex(panel.kind.findData("dot_vote"))
    panel.question.setText("Mana yang dikerjakan tahun pertama?")
    panel.timer.setValue(3)
    panel.open_button.click()
    r = workshop.rounds.current()
    assert r is not None and r.kind == "dot_vote" and len(r.items) == 5 and r.timer_seconds == 180
    assert not panel.open_button.isEnabled()
    panel.project.setChecked(True)
    projector = window.projector.window
    assert projector is not None and projector.mode == "round"
    projector.showNormal()  # presenting on the only screen is full screen: a window of the size under test
    projector.resize(1024, 768)
    qtbot.wait(50)

    ballots = [{0: 2, 1: 1}, {0: 1, 2: 2}, {1: 2, 3: 1}, {0: 2, 4: 1}, {2: 1}]

    def phones():
        statuses = []
        for ballot in ballots:
            phone = Phone(server.port)
            assert phone.join(code) == 303
            phone.get("/round")
            fields = {f"dot_{i.id}": str(ballot.get(n, 0)) for n, i in enumerate(items)}
            statuses.append(phone.post("/round", fields)[0])
        return statuses

    box = in_thread(phones)
    qtbot.waitUntil(lambda: "value" in box or "error" in box, timeout=30000)
    assert "error" not in box, box.get("error")
    assert box["value"] == [303] * 5
    panel_round = projector.panel("round")
    qtbot.waitUntil(lambda: panel_round.count == 5, timeout=3000)
    assert [row["total"] for row in panel_round.result.rows][:2] == [5, 3]
    assert "5" in projector.count.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    projector.grab().save(str(SHOTS / "projector-round-dots-1024.png"))
    assert not projector.clock.isVisibleTo(projector)  # the idle FGD timer gives way to the round's countdown
    projector.show_timer("9:59", "running", True)
    assert projector.clock.isVisibleTo(projector)  # a running FGD timer stays on screen
    projector.show_timer("10:00", "ready", True)
    qtbot.waitUntil(lambda: "5" in panel.status.text(), timeout=3000)
    room_window.resize(1024, 768)
    qtbot.wait(30)
    room_window.grab().save(str(SHOTS / "laptop-rounds-open-1024.png"))

    panel.close_button.click()
    assert workshop.rounds.current() is None
    panel.apply_button.click()
    assert workshop.quickwins.votes(items[0].id) == {"": 5}
    assert "1" in workshop.store.undo_name()
    workshop.store.undo()
    assert workshop.quickwins.votes(items[0].id) == {}
    room_window.grab().save(str(SHOTS / "laptop-rounds-closed-1024.png"))
    window.close_room()


def test_a_risk_round_shows_the_groups_spread(qtbot, workshop, settings):
    _fill(workshop)
    window, panel = _rounds_tab(qtbot, workshop, settings)
    panel.kind.setCurrentIndex(panel.kind.findData("risk"))
    panel.groups.setText("Kelompok 1, Kelompok 2, Kelompok 3")
    panel.live.setChecked(False)
    panel.open_button.click()
    r = workshop.rounds.current()
    assert r.groups == ["Kelompok 1", "Kelompok 2", "Kelompok 3"] and not r.live
    for n, (likelihood, impact) in enumerate(((2, 4), (4, 4), (3, 5))):
        values = {"group": f"Kelompok {n + 1}"}
        for item in r.items:
            values |= {f"l_{item}": str(likelihood), f"i_{item}": str(impact)}
        workshop.rounds.answer(f"phone-token-{n}", f"client-000{n}", values)
    panel.project.setChecked(True)
    projector = window.projector.window
    projector.showNormal()  # presenting on the only screen is full screen: a window of the size under test
    projector.resize(1024, 768)
    qtbot.wait(50)
    round_panel = projector.panel("round")
    round_panel.refresh()
    assert round_panel.result.rows == [] and "3" in round_panel.big.text()  # not live: only the count
    SHOTS.mkdir(parents=True, exist_ok=True)
    projector.grab().save(str(SHOTS / "projector-round-waiting-1024.png"))
    panel.close_button.click()
    round_panel.refresh()
    row = round_panel.result.rows[0]
    assert (row["low_l"], row["high_l"], row["median_likelihood"]) == (2, 4, 3)
    qtbot.wait(50)
    projector.grab().save(str(SHOTS / "projector-round-risks-1024.png"))
    panel.apply_button.click()
    consensus = workshop.risks.groups.consensus(r.items[0])
    assert consensus.disagreement and consensus.median_impact == 4
    window.close_room()


def test_a_timed_round_closes_itself_at_the_end_when_so_opened(qtbot, workshop, settings):
    _fill(workshop)
    window, panel = _rounds_tab(qtbot, workshop, settings)
    assert not panel.close_at_end.isEnabled()  # no timer chosen: nothing to close at
    panel.timer.setValue(2)
    assert panel.close_at_end.isEnabled() and panel.close_at_end.isChecked()
    r = workshop.rounds.open_round("dot_vote", timer_seconds=1, close_at_end=True)  # a second, not minutes
    panel.refresh()
    assert not panel.open_button.isEnabled()
    qtbot.waitUntil(lambda: workshop.rounds.current() is None, timeout=4000)
    qtbot.waitUntil(panel.open_button.isEnabled, timeout=2000)
    assert [e for e, _ in workshop.rounds.events(r.id)] == ["opened", "closed"]
