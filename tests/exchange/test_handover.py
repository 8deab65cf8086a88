"""The hand-over file for the ministry (Komdigi), and reviewing a received file without changing it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from fgd_app.cli.commands import main
from fgd_app.core.errors import NewerVersionError, NotSQLiteError, ReadOnlyWorkshopError
from fgd_app.core.exchange import handover
from fgd_app.core.exchange.review import open_for_review
from fgd_app.core.store import dictionary, known_schema, sql_views
from fgd_app.core.store.check import check_file


@pytest.fixture
def filled(workshop):
    opd = workshop.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    person = workshop.participants.add(name="Siti Nurhaliza", opd_id=opd.id)
    workshop.attendance.set(person.id, workshop.days.list()[0].id, True)
    dimension = workshop.dimensions.list()[0]
    workshop.innovations.add(dimension_id=dimension.id, name="Satu Data Kabupaten Serang", lead_opd_id=opd.id)
    return workshop


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_handover_name_is_region_code_region_stage_and_first_day():
    assert handover.handover_name("36.04", "Kabupaten Serang", 2, "2024-07-02") == \
        "36.04_Kabupaten-Serang_Tahap-II_2024-07-02.db"
    assert handover.handover_name("73.71", "Kota Makassar / Ujung Pandang", 4, dt.date(2025, 1, 9)) == \
        "73.71_Kota-Makassar-Ujung-Pandang_Tahap-IV_2025-01-09.db"


def test_handover_copy_is_self_describing_checked_and_has_its_sha256(filled, tmp_path):
    out = tmp_path / "kominfo"
    out.mkdir()
    result = handover.export_handover(filled, out)
    assert result.path.name == "36.04_Kabupaten-Serang_Tahap-II_2024-07-02.db"
    assert sorted(os.listdir(out)) == [result.path.name, result.path.name + ".sha256"]
    digest = hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert result.sha256 == digest
    assert result.checksum_path.read_text() == f"{digest}  {result.path.name}\n"  # sha256sum -c format
    manifest = dict(_query(result.path, "SELECT key, value FROM manifest"))
    assert manifest["application"] == "fgd_app" and manifest["schema_version"] == str(known_schema.reference().version)
    assert manifest["row_count.opd"] == "1" and manifest["row_count.innovation"] == "1"
    assert manifest["row_count.district"] == "29"
    assert len(_query(result.path, "SELECT * FROM data_dictionary")) == len(dictionary.rows())
    assert _query(result.path, "SELECT name, dimension, lead_opd FROM v_innovation") == [
        ("Satu Data Kabupaten Serang", "Smart Governance", "Dinas Komunikasi dan Informatika")]
    assert _query(result.path, "SELECT participant, day_date FROM v_attendance") == [("Siti Nurhaliza", "2024-07-02")]
    assert _query(result.path, "SELECT count(*) FROM v_risk_matrix")[0][0] == 25
    assert _query(result.path, "PRAGMA journal_mode") == [("delete",)]
    assert set(result.views) == {name for name, _ in sql_views.definitions(sql_views.HANDOVER)}
    report = check_file(result.path)
    assert report.exit_code == 0, report.lines()


def test_handover_from_a_path_never_changes_the_source(workshop_path, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    before = _fingerprint(workshop_path)
    listing = sorted(os.listdir(workshop_path.parent))
    handover.export_handover(workshop_path, out)
    assert _fingerprint(workshop_path) == before
    assert sorted(os.listdir(workshop_path.parent)) == listing


def test_a_copy_that_fails_its_check_leaves_nothing_behind(filled, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(handover, "verify", lambda path: ["Integrity: page 3 is never used"])
    with pytest.raises(handover.HandoverError, match="page 3"):
        handover.export_handover(filled, out)
    assert os.listdir(out) == []


def test_cli_export_handover_prints_the_sha256_and_the_copy_passes_check(workshop_path, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(workshop_path), "--handover", str(out)]) == 0
    printed = capsys.readouterr().out
    copy = next(out.glob("*.db"))
    assert hashlib.sha256(copy.read_bytes()).hexdigest() in printed
    assert main(["check", str(copy)]) == 0


# --- read-only review -------------------------------------------------------------------------------
def test_review_of_a_workshop_file_changes_no_byte_nor_its_time_and_leaves_no_companions(filled, tmp_path):
    path = filled.path
    filled.close()
    before, listing = _fingerprint(path), sorted(os.listdir(path.parent))
    with open_for_review(path) as ws:
        assert ws.read_only and "hanya-baca" in ws.read_only_reason
        assert ws.opds.list()[0].short_name == "Diskominfo"
        assert ws.innovations.count() == 1
        with pytest.raises(ReadOnlyWorkshopError):
            ws.opds.add(name="Dinas Sosial")
        with pytest.raises(sqlite3.OperationalError):  # even raw SQL cannot write
            ws.store.conn.execute("DELETE FROM opd")
    assert _fingerprint(path) == before
    assert sorted(os.listdir(path.parent)) == listing


def test_review_of_a_handover_copy_on_a_read_only_folder(filled, tmp_path):
    out = tmp_path / "usb"
    out.mkdir()
    copy = handover.export_handover(filled, out).path
    before = _fingerprint(copy)
    os.chmod(copy, 0o444)
    os.chmod(out, 0o555)
    try:
        with open_for_review(copy) as ws:
            assert ws.info().region_name == "Kabupaten Serang"
            assert len(ws.participants.list()) == 1
    finally:
        os.chmod(out, 0o755)
    assert _fingerprint(copy) == before
    assert sorted(os.listdir(out)) == [copy.name, copy.name + ".sha256"]


def test_review_shows_an_older_file_upgraded_in_memory_only(tmp_path):
    from fgd_app.core.store import migrations

    old = tmp_path / "lama.fgd.db"
    conn = sqlite3.connect(old)
    for statement in migrations.split_statements(migrations.migration_files()[0][2]):
        conn.execute(statement)
    conn.executescript("""
        CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT);
        INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('fgd_app', '0001_foundation', 'x');
        INSERT INTO metadata VALUES ('application', 'fgd_app'), ('app_version', '0.0.9');
        INSERT INTO workshop (id, region_code, region_name, region_kind, province_code, created_at, updated_at)
        VALUES ('w-old', '36.02', 'Kabupaten Lebak', 'kabupaten', '36', 't', 't');
    """)
    conn.commit()
    conn.close()
    before = _fingerprint(old)
    with open_for_review(old) as ws:
        assert ws.info().region_name == "Kabupaten Lebak"
        assert ws.schema_version() == migrations.schema_version()
        assert "versi lama" in ws.read_only_reason
    assert _fingerprint(old) == before


def test_review_refuses_what_is_not_a_readable_workshop_file(tmp_path, workshop_path):
    text = tmp_path / "catatan.db"
    text.write_text("bukan basis data")
    with pytest.raises(NotSQLiteError):
        open_for_review(text)
    conn = sqlite3.connect(workshop_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('fgd_app', '9999_x', 'x')")
    conn.commit()
    conn.close()
    before = _fingerprint(workshop_path)
    with pytest.raises(NewerVersionError):
        open_for_review(workshop_path)
    assert _fingerprint(workshop_path) == before


# --- screens --------------------------------------------------------------------------------------
def test_handover_dialog_writes_the_file_and_shows_its_sha256(qtbot, filled, tmp_path):
    from fgd_app.gui.exchange.handover_dialog import HandoverDialog

    dialog = HandoverDialog(filled, str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.name_label.text() == "36.04_Kabupaten-Serang_Tahap-II_2024-07-02.db"
    dialog.start_button.click()
    assert dialog.result is not None
    assert dialog.digest.text() == hashlib.sha256(dialog.result.path.read_bytes()).hexdigest()
    assert dialog.copy_button.isVisible() or not dialog.isVisible()
    assert "Tersimpan" in dialog.status.text()


def test_reviewed_file_shows_the_read_only_banner_and_offers_no_import(qtbot, filled):
    from fgd_app.gui.shell.main_window import MainWindow
    from fgd_app.gui.shell.settings import Settings

    path = filled.path
    filled.close()
    before = _fingerprint(path)
    window = MainWindow(open_for_review(path), Settings())
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible() and "Tinjauan" in window.banner.text()
    texts = {a.text(): a for a in window.exchange_actions}
    assert texts["&Serahkan ke kementerian…"].isEnabled()
    assert not texts["Impor dari E&xcel…"].isEnabled()
    window.close_workshop()
    assert _fingerprint(path) == before


def test_printing_from_a_reviewed_handover_copy_changes_nothing(filled, tmp_path):
    from fgd_app.reports.render import render

    out = tmp_path / "usb"
    out.mkdir()
    copy = handover.export_handover(filled, out).path
    before = _fingerprint(copy)
    with open_for_review(copy) as ws:
        paths = render(ws, None, tmp_path / "pdf")
    assert paths and all(p.read_bytes().startswith(b"%PDF") for p in paths)
    assert _fingerprint(copy) == before
    assert sorted(os.listdir(out)) == [copy.name, copy.name + ".sha256"]


@pytest.mark.parametrize("folder_name", ["Serah #2", "Serah %41", "tanya?ya", "a&b=c"])
def test_handover_into_a_folder_with_uri_characters_verifies_its_own_copy(workshop_path, tmp_path, folder_name):
    out = tmp_path / folder_name
    out.mkdir()
    result = handover.export_handover(workshop_path, out)
    assert sorted(os.listdir(tmp_path)) == sorted([workshop_path.name, folder_name]), "a stray file appeared"
    assert sorted(os.listdir(out)) == [result.path.name, result.path.name + ".sha256"]
    assert check_file(result.path).sound


@pytest.mark.parametrize("folder_name", ["Serah #2", "Serah %41"])
def test_a_live_source_in_a_folder_with_uri_characters_is_read_in_place(tmp_path, folder_name):
    source = tmp_path / folder_name / "serang.fgd.db"
    source.parent.mkdir()
    from fgd_app.core import Workshop

    with Workshop.create(source, region_code="36.04", days=["2024-07-02"]) as ws:
        ws.participants.add(name="Siti Nurhaliza")
        result = handover.export_handover(str(source), tmp_path)  # the source is live: its -wal exists
    assert _query(result.path, "SELECT name FROM participant") == [("Siti Nurhaliza",)]
    assert sorted(os.listdir(source.parent)) == ["serang.fgd.db"]
