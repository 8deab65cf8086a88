"""What a consolidation keeps: a workshop's rows follow its current region, deletions travel as tombstones,
the newest copy of a workshop decides (also over an undone edit), and rows that break the file's rules are
refused and reported."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SERANG

from fgd_app.core import Workshop
from fgd_app.core.exchange.merge import merge_files

TABLES_WITH_ROWS = ("opd", "participant", "innovation", "workshop", "attendance")


@pytest.fixture
def region(tmp_path) -> Path:
    path = tmp_path / "serang.fgd.db"
    with Workshop.create(path, **SERANG) as ws:
        bappeda = ws.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
        siti = ws.participants.add(name="Siti Nurhaliza", opd_id=bappeda.id)
        ws.participants.add(name="Budi Santoso", opd_id=bappeda.id)
        ws.attendance.set(siti.id, ws.days.list()[0].id, True)
        ws.innovations.add(dimension_id=ws.dimensions.list()[0].id, name="Mal Pelayanan Publik Digital",
                           lead_opd_id=bappeda.id)
    return path


def _copy(source: Path, name: str) -> Path:
    target = source.with_name(name)
    shutil.copyfile(source, target)
    return target


def _rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _regions(out: Path) -> set[str]:
    return {code for table in TABLES_WITH_ROWS for (code,) in _rows(out, f"SELECT DISTINCT _region_code FROM {table}")}


def test_after_a_region_correction_every_row_of_the_workshop_carries_the_new_region(tmp_path, region):
    corrected = _copy(region, "serang_koreksi.fgd.db")
    with Workshop.open(corrected) as ws:
        ws.update_info(region_code="36.02")  # the facilitator picked the wrong regency at first
        ws.opds.add(name="Dinas Pendidikan")
    for out, order in ((tmp_path / "a.db", [region, corrected]), (tmp_path / "b.db", [corrected, region])):
        merge_files(out, order)
        assert _regions(out) == {"36.02"}, order
        assert _rows(out, "SELECT DISTINCT region_code FROM v_innovation") == [("36.02",)]
    merge_files(tmp_path / "c.db", [region])
    merge_files(tmp_path / "c.db", [corrected])  # in two runs, too
    assert _regions(tmp_path / "c.db") == {"36.02"}


def _execute(path: Path, script: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(script)
        conn.commit()
    finally:
        conn.close()


def test_rows_that_break_the_files_rules_or_point_nowhere_are_refused_and_reported(tmp_path, region):
    planted = _copy(region, "ditanam.fgd.db")
    _execute(planted, """
        PRAGMA foreign_keys = OFF;
        PRAGMA ignore_check_constraints = ON;
        UPDATE participant SET nip = '123' WHERE name = 'Siti Nurhaliza';              -- CHECK: 18 digits
        UPDATE participant SET opd_id = 'tidak-ada' WHERE name = 'Budi Santoso';       -- dangling reference
        INSERT INTO opd (id, name, created_at, updated_at) VALUES ('opd-kosong', '   ', 't', 't');  -- CHECK
    """)
    out = tmp_path / "nasional.db"
    report = merge_files(out, [planted])
    summary = report.inputs[0]
    assert summary.status == "merged"
    assert summary.refused == {"participant": 2, "opd": 1, "attendance": 1}  # Siti's attendance follows her
    assert _rows(out, "SELECT count(*) FROM participant") == [(0,)]
    assert _rows(out, "SELECT name FROM opd") == [("Badan Perencanaan Pembangunan Daerah",)]
    assert _rows(out, "SELECT count(*) FROM innovation") == [(1,)]
    assert _rows(out, "PRAGMA foreign_key_check") == []
    text = "\n".join(report.lines())
    assert "participant" in text and "ditolak" in text, text
    merge_files(out, [region])  # the sound copy of the same workshop still brings its rows
    assert _rows(out, "SELECT count(*) FROM participant") == [(2,)]
