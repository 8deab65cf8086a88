"""The room's core: the ideas inbox (accept, merge, reject, one undo step each) and check-in confirmation."""

from __future__ import annotations

import pytest

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.store.migrations import schema_version


@pytest.fixture
def ws(workshop):
    workshop.opd = workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    workshop.gov = workshop.dimensions.list()[0]
    return workshop


def _idea(ws, client_id="idea-0001", **values):
    return ws.room.submit_idea(None, client_id, {"dimension_id": ws.gov.id, "name": "Antrean daring puskesmas",
                                                 "lead_opd_id": ws.opd.id, "description": "Daftar dari rumah"}
                               | values)


def test_the_file_format_has_the_room_tables(ws):
    assert ws.schema_version() == schema_version()
    tables = {r[0] for r in ws.store.query("SELECT name FROM sqlite_master WHERE name LIKE 'room%'")}
    assert {"room_session", "room_device", "room_checkin", "room_idea"} <= tables


def test_the_room_code_is_kept_in_the_file(workshop_path):
    with Workshop.open(workshop_path) as ws:
        first = ws.room.ensure_session()
    with Workshop.open(workshop_path) as ws:
        assert ws.room.ensure_session() == first
        changed = ws.room.new_session()
        assert ws.room.session() == changed and changed.secret != first.secret


def test_a_submission_is_stored_once_per_client_id_and_is_not_undoable(ws):
    before = ws.store.undo_name()
    one = _idea(ws)
    again = _idea(ws, name="changed on retry")
    assert one == again and len(ws.room.ideas()) == 1
    assert ws.store.undo_name() == before  # Ctrl+Z never undoes a phone's arrival
    with pytest.raises(ValidationError):
        _idea(ws, client_id="x")  # not a client id


def test_accepting_makes_an_innovation_with_the_next_code_in_one_undo_step(ws):
    ws.innovations.add(dimension_id=ws.gov.id, name="Typed first", lead_opd_id=ws.opd.id)
    idea = _idea(ws)
    innovation_id = ws.room.accept_idea(idea.id)
    innovation = ws.innovations.get(innovation_id)
    assert innovation.code == f"{ws.gov.code}-02" and innovation.name == "Antrean daring puskesmas"
    assert ws.room.idea(idea.id).state == "accepted" and ws.room.idea(idea.id).innovation_code == innovation.code
    assert ws.store.undo_name().startswith("Terima ide")
    ws.undo()
    assert ws.room.idea(idea.id).state == "inbox" and ws.innovations.count() == 1
    assert ws.innovations.next_code(ws.gov.id) == f"{ws.gov.code}-02"
    ws.room.accept_idea(idea.id)
    with pytest.raises(FgdError):
        ws.room.accept_idea(idea.id)  # an idea is handled once


def test_accepting_with_edits_and_a_typed_opd(ws):
    idea = _idea(ws, client_id="idea-0002", lead_opd_id="", lead_opd_text="dinkes")
    innovation_id = ws.room.accept_idea(idea.id)  # the typed short name is found in the OPD list
    assert ws.innovations.get(innovation_id).lead_opd_id == ws.opd.id
    unknown = _idea(ws, client_id="idea-0003", lead_opd_id="", lead_opd_text="Dinas Yang Belum Ada")
    with pytest.raises(ValidationError):
        ws.room.accept_idea(unknown.id)
    accepted = ws.room.accept_idea(unknown.id, lead_opd_id=ws.opd.id, name="Nama yang dirapikan")
    assert ws.innovations.get(accepted).name == "Nama yang dirapikan"


def test_merging_and_rejecting(ws):
    target = ws.innovations.add(dimension_id=ws.gov.id, name="Antrean online", lead_opd_id=ws.opd.id,
                                description="Sudah ada")
    idea = _idea(ws)
    ws.room.merge_idea(idea.id, target.id)
    merged = ws.innovations.get(target.id)
    assert "Daftar dari rumah" in merged.description and "Antrean daring puskesmas" in merged.notes
    assert ws.room.idea(idea.id).state == "merged" and ws.innovations.count() == 1
    ws.undo()
    assert ws.innovations.get(target.id).description == "Sudah ada"
    ws.room.reject_idea(idea.id)
    assert ws.room.idea(idea.id).state == "rejected"
    assert ws.room.phone_view("none") == {"checkins": [], "ideas": []}


def test_confirming_a_new_check_in_makes_a_participant_and_marks_the_day(ws):
    c = ws.room.check_in(None, "checkin-0001", {"name": "Andi Wijaya", "organisation": "Untirta",
                                               "contact": "+62 812 3456 7890", "nip": ""})
    assert c.state == "pending" and c.participant_id is None
    participant_id = ws.room.confirm_checkin(c.id)
    p = ws.participants.get(participant_id)
    assert (p.name, p.organisation, p.phone, p.pentahelix) == ("Andi Wijaya", "Untirta", "081234567890", "komunitas")
    day = ws.room.checkin(c.id).day_id
    assert ws.attendance.present(day) == {participant_id}
    ws.undo()
    assert ws.participants.count() == 0 if hasattr(ws.participants, "count") else not ws.participants.list()
    # merged into an existing participant instead
    known = ws.participants.add(name="Andi W.")
    ws.room.confirm_checkin(c.id, known.id)
    assert ws.attendance.present(day) == {known.id}


def test_the_desk_commits_a_batch_of_phones_once_and_a_failed_job_leaves_nothing(ws):
    from fgd_app.core.room.desk import StoreDesk

    notices = []
    ws.store.add_listener(notices.append)
    desk = StoreDesk(savepoint=ws.store.savepoint,
                     transaction=lambda: ws.store.write("Kiriman dari ponsel", undoable=False))

    def half_written():
        with ws.store.write("half"):
            ws.store.execute("UPDATE room_idea SET name = 'rusak'")
        raise ValidationError("name", "ditolak")

    first = desk.call(_idea, ws, "idea-0001")
    broken = desk.call(half_written)
    second = desk.call(_idea, ws, "idea-0002", name="Bank sampah digital")
    assert not first.done()
    assert desk.drain(1.0) == 3
    assert first.result().name == "Antrean daring puskesmas" and second.result().name == "Bank sampah digital"
    with pytest.raises(ValidationError):
        broken.result()
    assert [i.name for i in ws.room.ideas()] == ["Antrean daring puskesmas", "Bank sampah digital"]
    assert len(notices) == 1 and notices[0].touches("room")  # one commit, one change notice for the batch
    assert ws.store.undo_name().startswith("Tambah OPD")  # phones' arrivals are no undo steps of their own
