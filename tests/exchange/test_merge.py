"""Consolidating workshop files: keyed by UUID, newer wins, conflicts reported, bad and hostile inputs skipped."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SERANG

from fgd_app.core import Workshop
from fgd_app.core.exchange import merge
from fgd_app.core.exchange.merge import MergeCancelled, MergeError, merge_files
from fgd_app.core.store import sql_views


def _fill(ws: Workshop) -> None:
    bappeda = ws.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    kominfo = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    siti = ws.participants.add(name="Siti Nurhaliza", opd_id=bappeda.id)
    ws.participants.add(name="Budi Santoso", opd_id=kominfo.id, phone="0812-3456-7890")
    ws.attendance.set(siti.id, ws.days.list()[0].id, True)
    dimension = ws.dimensions.list()[0]
    ws.innovations.add(dimension_id=dimension.id, name="Mal Pelayanan Publik Digital", lead_opd_id=kominfo.id,
                       supporting_opd_ids=[bappeda.id])


@pytest.fixture
def region_a(tmp_path) -> Path:
    path = tmp_path / "serang.fgd.db"
    with Workshop.create(path, **SERANG) as ws:
        _fill(ws)
    return path


@pytest.fixture
def region_b(tmp_path) -> Path:
    path = tmp_path / "kota_serang.fgd.db"
    with Workshop.create(path, region_code="36.73", bimtek_stage=3, days=["2024-08-05"]) as ws:
        _fill(ws)
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


def _execute(path: Path, script: str, params=()) -> None:
    """Change a file behind the app's back (as a tool or an attacker would), then close it."""
    conn = sqlite3.connect(path)
    try:
        if params:
            conn.execute(script, params)
        else:
            conn.executescript(script)
        conn.commit()
    finally:
        conn.close()


def _table_counts(path: Path) -> dict[str, int]:
    names = [r[0] for r in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                       "'merge%' AND name <> 'metadata'")]
    return {n: _rows(path, f'SELECT count(*) FROM "{n}"')[0][0] for n in names}


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_two_regions_are_combined_and_every_row_keeps_its_source(tmp_path, region_a, region_b):
    out = tmp_path / "nasional.db"
    report = merge_files(out, [region_a, region_b])
    assert [s.status for s in report.inputs] == ["merged", "merged"]
    assert report.inputs[0].added["opd"] == 2 and report.inputs[0].added["innovation"] == 1
    assert _rows(out, "SELECT _region_code, count(*) FROM opd GROUP BY 1 ORDER BY 1") == [("36.04", 2), ("36.73", 2)]
    assert _rows(out, "SELECT region_code, file_name FROM merge_source ORDER BY id") == [
        ("36.04", "serang.fgd.db"), ("36.73", "kota_serang.fgd.db")]
    assert _rows(out, "SELECT count(*) FROM innovation i JOIN merge_source s ON s.id = i._source_id")[0][0] == 2
    assert _rows(out, "SELECT count(*) FROM v_innovation WHERE supporting_opds LIKE '%Perencanaan%'")[0][0] == 2
    assert _rows(out, "PRAGMA foreign_key_check") == []
    assert _rows(out, "PRAGMA integrity_check") == [("ok",)]
    assert set(report.views) == {name for name, _ in sql_views.definitions(sql_views.CONSOLIDATED)}
    assert _rows(out, "SELECT DISTINCT region_code FROM v_risk_matrix ORDER BY 1") == [("36.04",), ("36.73",)]
    assert _rows(out, "SELECT count(*) FROM v_risk_matrix")[0][0] == 50  # each workshop's own matrix


def test_merging_the_same_records_twice_adds_nothing_twice(tmp_path, region_a):
    out = tmp_path / "nasional.db"
    merge_files(out, [region_a])
    before = _table_counts(out)
    again = merge_files(out, [region_a])
    assert again.inputs[0].status == "identical"
    copy = _copy(region_a, "serang_salinan.fgd.db")  # other bytes, same records
    _execute(copy, "PRAGMA user_version = 7")
    third = merge_files(out, [copy])
    summary = third.inputs[0]
    assert summary.status == "merged"
    assert summary.added_total == 0 and summary.updated_total == 0 and not summary.conflicts
    assert summary.unchanged > 0
    assert _table_counts(out) == before


def test_a_newer_edit_of_the_same_record_replaces_the_older_in_either_order(tmp_path, region_a):
    later = _copy(region_a, "serang_hari2.fgd.db")
    with Workshop.open(later) as ws:
        opd = ws.opds.find_by_name("Bappeda")
        ws.opds.update(opd.id, name="Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah")
        opd_id = opd.id
    out1, out2 = tmp_path / "a_then_b.db", tmp_path / "b_then_a.db"
    report = merge_files(out1, [region_a, later])
    assert report.inputs[1].updated == {"opd": 1}
    merge_files(out2, [later])
    older = merge_files(out2, [region_a]).inputs[0]
    assert older.older >= 1 and older.updated_total == 0
    for out in (out1, out2):
        assert _rows(out, "SELECT name FROM opd WHERE id = ?", (opd_id,)) == [
            ("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",)]
        assert _rows(out, "SELECT s.file_name FROM opd o JOIN merge_source s ON s.id = o._source_id WHERE o.id = ?",
                     (opd_id,)) == [("serang_hari2.fgd.db",)]


def test_links_follow_the_newest_copy_of_their_workshop(tmp_path, region_a):
    later = _copy(region_a, "serang_final.fgd.db")
    with Workshop.open(later) as ws:
        innovation = ws.innovations.list()[0]
        ws.innovations.update(innovation.id, supporting_opd_ids=[])
    out = tmp_path / "nasional.db"
    merge_files(out, [region_a, later])
    assert _rows(out, "SELECT count(*) FROM innovation_supporting_opd")[0][0] == 0
    merge_files(out, [_copy(region_a, "serang_lama.fgd.db")])  # the older copy again: its links are ignored
    assert _rows(out, "SELECT count(*) FROM innovation_supporting_opd")[0][0] == 0


def test_same_change_time_with_different_content_is_reported_not_resolved(tmp_path, region_a):
    one, two = _copy(region_a, "meja1.fgd.db"), _copy(region_a, "meja2.fgd.db")
    for path, name in ((one, "Dinas Kominfo"), (two, "Diskominfo Kab. Serang")):
        _execute(path, "UPDATE opd SET name = ?, updated_at = '2030-01-01T00:00:00.000Z' "
                       "WHERE short_name = 'Diskominfo'", (name,))
    out = tmp_path / "nasional.db"
    report = merge_files(out, [one, two])
    conflicts = report.inputs[1].conflicts
    assert [(c.table, c.columns) for c in conflicts] == [("opd", ["name"])]
    assert _rows(out, "SELECT name FROM opd WHERE short_name = 'Diskominfo'") == [("Dinas Kominfo",)]
    assert _rows(out, "SELECT table_name, row_key, columns FROM merge_conflict") == [("opd", conflicts[0].key, "name")]
    assert any("Konflik" in line or "Conflict" in line for line in report.lines())


def _newer_schema(path: Path) -> Path:
    _execute(path, "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                   "VALUES ('fgd_app', '9999_from_the_future', '2031-01-01')")
    return path


def _corrupt(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[4096 * 3:4096 * 3 + 2000] = os.urandom(2000)
    path.write_bytes(bytes(data))
    return path


def _altered(path: Path) -> Path:
    _execute(path, "DROP TABLE attendance; CREATE TABLE attendance (who TEXT, day TEXT, secret BLOB);")
    return path


def test_bad_inputs_are_skipped_with_a_reason_and_the_rest_go_on(tmp_path, region_a, region_b):
    not_sqlite = tmp_path / "catatan.db"
    not_sqlite.write_text("bukan basis data")
    truncated = tmp_path / "terpotong.db"
    truncated.write_bytes(region_b.read_bytes()[:300])
    other = tmp_path / "lain.db"
    _execute(other, "CREATE TABLE metadata (key TEXT, value TEXT); INSERT INTO metadata VALUES ('application', 'x');"
                    "CREATE TABLE _sqlite_migrations (id, migration_set, name, applied_at);")
    newer = _newer_schema(_copy(region_b, "baru.fgd.db"))
    corrupt = _corrupt(_copy(region_b, "rusak.fgd.db"))
    altered = _altered(_copy(region_b, "diubah.fgd.db"))
    missing = tmp_path / "hilang.fgd.db"
    inputs = [not_sqlite, truncated, other, newer, region_a, corrupt, altered, missing]
    report = merge_files(tmp_path / "nasional.db", inputs)
    status = {s.path.name: (s.status, s.reason) for s in report.inputs}
    assert status["serang.fgd.db"] == ("merged", "")
    assert {name for name, (kind, _) in status.items() if kind == "skipped"} == {
        "catatan.db", "terpotong.db", "lain.db", "baru.fgd.db", "rusak.fgd.db", "diubah.fgd.db", "hilang.fgd.db"}
    assert "SQLite" in status["catatan.db"][1]
    assert "lebih baru" in status["baru.fgd.db"][1]
    assert "attendance" in status["diubah.fgd.db"][1]
    assert all(reason for kind, reason in status.values() if kind == "skipped")
    assert _rows(tmp_path / "nasional.db", "SELECT DISTINCT _region_code FROM opd") == [("36.04",)]


def test_a_hostile_input_runs_nothing_and_leaves_no_trace(tmp_path, region_a):
    hostile = _copy(region_a, "jebakan.fgd.db")
    _execute(hostile, """
            CREATE TABLE stolen (x);
            CREATE TRIGGER wipe_people AFTER INSERT ON opd BEGIN DELETE FROM participant; END;
            CREATE TRIGGER wipe_on_update AFTER UPDATE ON participant BEGIN DELETE FROM opd; END;
            CREATE TRIGGER steal BEFORE DELETE ON participant BEGIN INSERT INTO stolen VALUES (old.name); END;
            CREATE VIEW v_innovation AS SELECT 'hacked' AS name;
            CREATE VIEW evil AS SELECT * FROM participant;
    """)
    before = _fingerprint(hostile)
    listing = sorted(os.listdir(tmp_path))
    out = tmp_path / "nasional.db"
    report = merge_files(out, [hostile])
    summary = report.inputs[0]
    assert summary.status == "merged"
    assert summary.added["participant"] == 2 and summary.added["opd"] == 2
    assert any("stolen" in note and "wipe_people" in note for note in summary.notes)
    assert _rows(out, "SELECT count(*) FROM participant")[0][0] == 2
    assert _rows(out, "SELECT name FROM sqlite_master WHERE type = 'trigger'") == []
    assert _rows(out, "SELECT name FROM sqlite_master WHERE name IN ('stolen', 'evil')") == []
    assert _rows(out, "SELECT count(*) FROM v_innovation WHERE name = 'hacked'")[0][0] == 0
    assert _fingerprint(hostile) == before
    assert sorted(os.listdir(tmp_path)) == sorted([*listing, "nasional.db", "nasional.metadata.json"])


def test_a_known_table_replaced_by_a_view_is_not_read(tmp_path, region_a):
    hostile = _copy(region_a, "palsu.fgd.db")
    _execute(hostile, "DROP TABLE participant; CREATE VIEW participant AS SELECT * FROM opd;")
    report = merge_files(tmp_path / "nasional.db", [hostile])
    assert report.inputs[0].status == "skipped"
    assert "participant" in report.inputs[0].reason


def test_a_file_copied_from_another_workshop_is_skipped(tmp_path, region_a):
    copied = _copy(region_a, "disalin.fgd.db")
    # another workshop id and region, but the same record ids
    _execute(copied, "UPDATE workshop SET id = 'another-workshop', region_code = '36.73', region_name = 'Kota Serang';"
                     "UPDATE opd SET name = name || ' Kota', updated_at = '2031-01-01T00:00:00.000Z';")
    out = tmp_path / "nasional.db"
    report = merge_files(out, [region_a, copied])
    assert report.inputs[1].status == "skipped"
    assert "ID" in report.inputs[1].reason
    assert _rows(out, "SELECT count(*) FROM opd WHERE name LIKE '% Kota'")[0][0] == 0


def test_the_output_is_never_half_written(tmp_path, region_a, region_b):
    out = tmp_path / "nasional.db"
    merge_files(out, [region_a])
    before = _fingerprint(out)
    with pytest.raises(MergeCancelled):
        merge_files(out, [region_b, region_a], progress=lambda done, total, name: done < 1)
    assert _fingerprint(out) == before
    assert sorted(os.listdir(tmp_path)) == ["kota_serang.fgd.db", "nasional.db", "nasional.metadata.json",
                                            "serang.fgd.db"]  # the metadata of the first merge, for Datasette
    with pytest.raises(MergeError):
        merge_files(region_b, [region_a])  # a workshop file is not a consolidated database
    with Workshop.open(region_b) as ws:
        assert ws.opds.count() == 2


def test_an_input_from_an_older_schema_is_merged_with_the_tables_it_has(tmp_path, region_a, monkeypatch):
    from fgd_app.core.store import known_schema, migrations

    old = tmp_path / "lama.fgd.db"
    conn = sqlite3.connect(old)
    first = migrations.migration_files()[0]
    for statement in migrations.split_statements(first[2]):
        conn.execute(statement)
    conn.executescript("""
        CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT);
        INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('fgd_app', '0001_foundation', 'x');
        INSERT INTO metadata VALUES ('application', 'fgd_app'), ('app_version', '0.0.9');
        INSERT INTO workshop (id, region_code, region_name, region_kind, province_code, created_at, updated_at)
        VALUES ('w-old', '36.02', 'Kabupaten Lebak', 'kabupaten', '36', 't', 't');
        INSERT INTO opd (id, name, created_at, updated_at) VALUES ('opd-old', 'Dinas Pendidikan', 't', 't');
    """)
    conn.commit()
    conn.close()
    assert known_schema.reference(1).tables.keys() < known_schema.reference().tables.keys()
    report = merge_files(tmp_path / "nasional.db", [old, region_a])
    assert [s.status for s in report.inputs] == ["merged", "merged"]
    assert _rows(tmp_path / "nasional.db", "SELECT schema_version FROM merge_source ORDER BY id")[0] == (1,)
    assert _rows(tmp_path / "nasional.db", "SELECT name FROM opd WHERE id = 'opd-old'") == [("Dinas Pendidikan",)]


def test_progress_is_reported_per_input_and_at_the_end(tmp_path, region_a, region_b):
    seen = []
    merge.merge_files(tmp_path / "nasional.db", [region_a, region_b],
                      progress=lambda done, total, name: seen.append((done, total, name)))
    assert seen == [(0, 2, "serang.fgd.db"), (1, 2, "kota_serang.fgd.db"), (2, 2, "")]


def test_merge_dialog_runs_in_the_background_and_lists_each_file(qtbot, tmp_path, region_a, region_b):
    from fgd_app.gui.exchange.merge_dialog import MergeDialog

    junk = tmp_path / "catatan.db"
    junk.write_text("bukan basis data")
    dialog = MergeDialog(str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.add_paths([region_a, region_b, junk, region_a])
    assert dialog.input_paths() == [str(region_a), str(region_b), str(junk)]
    dialog.output.setText(str(tmp_path / "nasional.db"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    model = dialog.model
    assert model.rowCount() == 3
    assert model.data(model.index(0, 3)) == dialog.report.inputs[0].added_total > 0
    assert model.data(model.index(2, 2)).startswith("Dilewati")
    assert dialog.progress.value() == 3
    assert "2 dari 3 berkas digabung" in dialog.status.text()
