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
