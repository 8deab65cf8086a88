"""Paperwork fields and notulen stored in the workshop file: defaults, validation, undo."""

from __future__ import annotations

import pytest

from fgd_app.core import ValidationError, Workshop


def test_settings_default_from_the_workshop(workshop):
    values = workshop.documents.values()
    assert values["report_place"] == "Aula Setda Kabupaten Serang"
    assert values["report_date"] == "2024-07-03"  # the last workshop day
    assert values["report_city"] == "Serang"
    assert values["expert_name"] == "Tenaga Ahli Kominfo"  # the workshop's facilitator
    assert "Kabupaten Serang" in values["activity"] and "Tahap II" in values["activity"]
    assert workshop.documents.blank_rows() == 10


def test_settings_are_saved_in_the_file_as_one_undoable_step(workshop_path):
    with Workshop.open(workshop_path) as ws:
        ws.documents.update(official_name="Drs. H. Entus", official_nip="19700101 199003 1 001",
                            report_agreements="Satu\nDua")
        assert ws.store.undo_name() == "Ubah isian dokumen"
        ws.documents.update(report_number="001")
        ws.undo()
        assert ws.documents.get("report_number") == ""
    with Workshop.open(workshop_path) as ws:
        assert ws.documents.get("official_nip") == "197001011990031001"
        assert ws.documents.get("report_agreements") == "Satu\nDua"


@pytest.mark.parametrize(("field", "value"), [
    ("official_nip", "12345"), ("report_date", "3 Juli"), ("attendance_blank_rows", "-1"),
    ("attendance_blank_rows", "500"), ("no_such_field", "x"), ("report_number", "x" * 201),
])
def test_bad_settings_are_refused_and_nothing_is_saved(workshop, field, value):
    with pytest.raises(ValidationError) as error:
        workshop.documents.update(official_name="Saved?", **{field: value})
    assert error.value.field == field
    assert workshop.documents.get("official_name") == ""


def test_notulen_per_day_with_discussion_items(workshop):
    first, second = workshop.days.list()
    workshop.minutes.update(first.id, chair="Kepala Bappeda", chair_nip="197001011990031001", opening="Dibuka")
    workshop.minutes.items.add(day_id=first.id, speaker="Tenaga Ahli", summary="Paparan")
    workshop.minutes.items.add(day_id=first.id, speaker="Bappeda", summary="")
    assert workshop.minutes.get(first.id).chair == "Kepala Bappeda"
    assert workshop.minutes.get(second.id).chair == ""
    assert [i.position for i in workshop.minutes.items.of(first.id)] == [1, 2]
    assert workshop.minutes.participants(first.id) == 0
    workshop.minutes.update(first.id, participants_count="42")
    assert workshop.minutes.participants(first.id) == 42
    with pytest.raises(ValidationError):
        workshop.minutes.items.add(day_id=first.id, speaker=" ", summary="")
    with pytest.raises(ValidationError):
        workshop.minutes.update(first.id, note_taker_nip="abc")
    workshop.undo()  # the participant count
    workshop.undo()  # the second item
    assert workshop.minutes.participants(first.id) == 0 and len(workshop.minutes.items.of(first.id)) == 1


def test_deleting_a_day_deletes_its_notulen(workshop):
    day = workshop.days.list()[0]
    workshop.minutes.update(day.id, chair="X")
    workshop.minutes.items.add(day_id=day.id, summary="Y")
    workshop.days.delete(day.id)
    assert workshop.store.scalar("SELECT count(*) FROM minutes") == 0
    assert workshop.store.scalar("SELECT count(*) FROM minutes_item") == 0
