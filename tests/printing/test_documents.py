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


def test_notulen_place_and_time_follow_the_workshop_until_written(workshop):
    day = workshop.days.list()[0]
    shown = workshop.minutes.effective(day.id)
    assert (shown.place, shown.start_time, shown.end_time) == ("Aula Setda Kabupaten Serang", "08:00", "16:00")
    workshop.minutes.update(day.id, place="Ruang Rapat Bappeda", start_time="09:00")
    assert workshop.minutes.get(day.id).end_time == ""  # still the day's
    workshop.days.update(day.id, end_time="15:00")
    shown = workshop.minutes.effective(day.id)
    assert (shown.place, shown.start_time, shown.end_time) == ("Ruang Rapat Bappeda", "09:00", "15:00")
    workshop.minutes.update(day.id, place="Aula Setda Kabupaten Serang")  # the venue again: follows it
    assert workshop.minutes.get(day.id).place == ""
    for changes, field in (({"start_time": "9 pagi"}, "start_time"), ({"end_time": "08:30"}, "end_time"),
                           ({"place": "x" * 301}, "place")):
        with pytest.raises(ValidationError) as error:
            workshop.minutes.update(day.id, **changes)
        assert error.value.field == field


def test_moving_a_discussion_item_renumbers_the_day_in_one_undoable_step(workshop):
    day = workshop.days.list()[0]
    first, second, third = (workshop.minutes.items.add(day_id=day.id, speaker=s, summary="-") for s in "ABC")
    workshop.minutes.items.delete(second.id)
    fourth = workshop.minutes.items.add(day_id=day.id, speaker="D", summary="-")
    moved = workshop.minutes.items.move(fourth.id, -2)
    assert [(i.speaker, i.position) for i in moved] == [("D", 1), ("A", 2), ("C", 3)]
    assert workshop.store.undo_name() == "Pindahkan butir pembahasan"
    assert [i.speaker for i in workshop.minutes.items.move(first.id, 5)] == ["D", "C", "A"]
    workshop.undo()
    assert [i.speaker for i in workshop.minutes.items.of(day.id)] == ["D", "A", "C"]
    assert [i.speaker for i in workshop.minutes.items.move(fourth.id, -1)] == ["D", "A", "C"]  # already first
    assert workshop.store.undo_name() == "Pindahkan butir pembahasan"
    assert third.position == 3


def test_the_ministry_is_data_komdigi_by_default_written_out_on_the_berita_acara(workshop, tmp_path):
    """The ministry's name is a paperwork field (issue 16): Komdigi by default, changeable, one undo step."""
    values = workshop.documents.values()
    assert (values["ministry_name"], values["ministry_short"]) == ("Kementerian Komunikasi dan Digital", "Komdigi")
    assert values["expert_position"] == "Tenaga Ahli Komdigi"
    workshop.documents.update(ministry_short="Kemkomdigi")
    assert workshop.documents.get("expert_position") == "Tenaga Ahli Kemkomdigi"
    workshop.undo()
    assert workshop.documents.get("ministry_short") == "Komdigi"
