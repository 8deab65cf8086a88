"""The workshop file: migrations, undo/redo recorded by triggers, durability settings."""

from __future__ import annotations

import sqlite3

import pytest

from fgd_app.core import ValidationError, Workshop
from fgd_app.core.store import migrations


def test_new_file_records_every_migration_and_metadata(workshop):
    assert workshop.schema_version() == migrations.schema_version()
    meta = workshop.metadata()
    assert meta["application"] == "fgd_app"
    assert meta["region_code"] == "36.04"
    assert meta["schema_version"] == str(migrations.schema_version())


def test_pragmas_are_wal_full_and_foreign_keys(workshop):
    conn = workshop.store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_new_workshop_has_six_dimensions_with_three_elements_and_29_kecamatan(workshop):
    dims = workshop.dimensions.list()
    assert [d.name for d in dims] == ["Smart Governance", "Smart Branding", "Smart Economy", "Smart Living",
                                      "Smart Society", "Smart Environment"]
    assert all(len(workshop.elements.of(d.id)) == 3 for d in dims)
    assert len(workshop.districts()) == 29
    assert workshop.info().region_name == "Kabupaten Serang"
    assert workshop.info().province_name == "Banten"


def test_undo_restores_rows_removed_by_cascade_and_set_null(workshop):
    opd = workshop.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    person = workshop.participants.add(name="Siti Nurhaliza", opd_id=opd.id)
    day = workshop.days.list()[0]
    workshop.attendance.set(person.id, day.id, True, name=person.name)

    workshop.opds.delete(opd.id)
    assert workshop.participants.get(person.id).opd_id is None
    workshop.undo()
    assert workshop.participants.get(person.id).opd_id == opd.id

    workshop.participants.delete(person.id)
    assert workshop.attendance.all() == set()
    workshop.undo()
    assert workshop.attendance.all() == {(person.id, day.id)}
    workshop.redo()
    assert workshop.participants.count() == 0


def test_undo_names_the_operation_and_new_edit_clears_redo(workshop):
    workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    assert workshop.store.undo_name() == "Tambah OPD \u201cDinas Kesehatan\u201d"
    workshop.undo()
    assert workshop.store.redo_name() == "Tambah OPD \u201cDinas Kesehatan\u201d"
    workshop.opds.add(name="Dinas Sosial")
    assert workshop.store.redo_name() is None


def test_failed_validation_saves_nothing_and_records_no_undo(workshop):
    with pytest.raises(ValidationError) as caught:
        workshop.participants.add(name="   ")
    assert caught.value.field == "name"
    assert workshop.participants.count() == 0
    assert workshop.store.undo_name() is None


def test_database_refuses_out_of_range_values_even_without_the_core(workshop_path):
    conn = sqlite3.connect(workshop_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE workshop SET bimtek_stage = 7")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE workshop SET horizon_last_year = horizon_first_year - 1")
    conn.close()


def test_reopening_finds_everything_as_typed(workshop_path):
    with Workshop.open(workshop_path) as ws:
        ws.opds.add(name="Dinas Komunikasi, Informatika, Persandian dan Statistik", short_name="Diskominfosatik")
        ws.participants.add(name="Rina \u201cR\u00e9\u201d <Marlina> & co \U0001F600", phone="0857 7777 6666")
    with Workshop.open(workshop_path) as ws:
        assert ws.opds.list()[0].short_name == "Diskominfosatik"
        person = ws.participants.list()[0]
        assert person.name == "Rina \u201cR\u00e9\u201d <Marlina> & co \U0001F600"
        assert person.phone == "085777776666"
