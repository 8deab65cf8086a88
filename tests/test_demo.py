"""The sample workshop: realistic, reproducible, valid, and fast at benchmark scales."""

from __future__ import annotations

import re
import sqlite3
import time

import pytest

from fgd_app.core import Workshop, WorkshopFileError
from fgd_app.core.demo import write_demo
from fgd_app.core.store.check import check_file
from fgd_app.core.workshop.defaults import PENTAHELIX


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "serang.fgd.db"
    write_demo(path)
    return path


def test_demo_is_kabupaten_serang_bimtek_tahap_ii_over_two_days(demo_path):
    with Workshop.open(demo_path, read_only=True) as ws:
        info = ws.info()
        assert info.display_name == "Kabupaten Serang \u2014 Bimtek Tahap II"
        assert info.venue == "Aula Tubagus Suwandi, Setda Kabupaten Serang"
        assert (info.horizon_first_year, info.horizon_last_year) == (2025, 2034)
        assert [d.day_date for d in ws.days.list()] == ["2025-07-15", "2025-07-16"]
        assert len(ws.districts()) == 29


def test_demo_has_about_thirty_opds_and_sixty_participants_of_all_five_elements(demo_path):
    with Workshop.open(demo_path, read_only=True) as ws:
        assert 28 <= ws.opds.count() <= 35
        people = ws.participants.list()
        assert len(people) == 60
        assert {p.pentahelix for p in people} == set(PENTAHELIX)
        assert len({p.name for p in people}) == 60
        government = [p for p in people if p.pentahelix == "pemerintah"]
        assert all(p.opd_id and re.fullmatch(r"\d{18}", p.nip) for p in government)
        assert all(not p.nip and p.organisation and p.opd_id is None for p in people if p not in government)
        assert sum(bool(p.phone) for p in people) > 45 and all(p.phone.startswith("08") for p in people if p.phone)
        assert all(re.fullmatch(r"[a-z.]+@example\.[a-z.]+", p.email) for p in people if p.email)


def test_nip_is_plausible_birth_date_appointment_and_sex(demo_path):
    with Workshop.open(demo_path, read_only=True) as ws:
        for p in ws.participants.list("nip <> ''"):
            born, appointed, sex = p.nip[:8], p.nip[8:14], p.nip[14]
            assert 1960 <= int(born[:4]) <= 2000 and 1 <= int(born[4:6]) <= 12 and 1 <= int(born[6:]) <= 31
            assert int(born[:4]) + 18 <= int(appointed[:4]) <= 2025
            assert sex in "12"


def test_attendance_on_both_days_with_some_absent(demo_path):
    with Workshop.open(demo_path, read_only=True) as ws:
        days = ws.days.list()
        present = [len(ws.attendance.present(d.id)) for d in days]
        assert all(40 <= n < 60 for n in present), present


def test_same_seed_gives_the_same_people(tmp_path):
    names = []
    for name in ("a.db", "b.db"):
        write_demo(tmp_path / name)
        conn = sqlite3.connect(tmp_path / name)
        names.append(conn.execute("SELECT name, nip, phone FROM participant ORDER BY name").fetchall())
        conn.close()
    assert names[0] == names[1]


def test_demo_file_passes_the_check_and_has_no_undo_history(demo_path):
    assert check_file(demo_path).exit_code == 0
    with Workshop.open(demo_path) as ws:
        assert ws.store.undo_name() is None


def test_scale_multiplies_participants_and_stays_fast(tmp_path):
    started = time.perf_counter()
    counts = write_demo(tmp_path / "big.db", scale=10)
    assert time.perf_counter() - started < 8  # with every area's sample data, on a busy 2-core machine
    assert counts["participant"] == 600
    assert counts["attendance"] > 900


def test_existing_file_is_kept_unless_forced(tmp_path, demo_path):
    path = tmp_path / "x.db"
    write_demo(path)
    with pytest.raises(WorkshopFileError):
        write_demo(path)
    assert write_demo(path, scale=2, overwrite=True)["participant"] == 120


def test_force_never_replaces_another_kind_of_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("rapat koordinasi")
    with pytest.raises(WorkshopFileError):
        write_demo(path, overwrite=True)
    assert path.read_text() == "rapat koordinasi"


def test_another_regions_demo_speaks_of_that_region(tmp_path):
    path = tmp_path / "makassar.fgd.db"
    write_demo(path, region_code="73.71")
    with Workshop.open(path, read_only=True) as ws:
        info = ws.info()
        texts = [t for i in ws.innovations.list() for t in (i.name, i.description, i.problem, i.improvement)]
        texts += [p.organisation for p in ws.participants.list()]
        texts += [p.description for p in ws.analysis.problems.list()]
        texts += [ws.analysis.dimensions.get(d.id).focus_reason for d in ws.dimensions.list()
                  if ws.analysis.dimensions.get(d.id)]
    assert info.region_name == "Kota Makassar"
    assert f"Mal Pelayanan Publik {info.region_name}" in texts
    assert not [t for t in texts if t and ("Serang" in t or "Banten" in t)]
