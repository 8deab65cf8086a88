"""``check_file``: reports sound files, lists every kind of problem, and never changes the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from bad_files import corrupt_middle_of_a_page, fill, fingerprint, make_newer, truncate

from fgd_app.core.store import migrations
from fgd_app.core.store.check import check_file


def tamper(path: Path, *statements: str) -> None:
    """Change a closed workshop file behind the app's back (rules switched off)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def test_new_workshop_is_sound_and_unchanged_by_the_check(workshop_path):
    before = fingerprint(workshop_path)
    report = check_file(workshop_path)
    assert report.exit_code == 0, report.lines()
    assert report.problems == [] and report.sound
    assert report.lines()[-1] == "Hasil: berkas dalam keadaan baik."
    assert fingerprint(workshop_path) == before
    assert sorted(p.name for p in workshop_path.parent.iterdir()) == [workshop_path.name]


def test_check_of_an_open_workshop_reads_it_without_disturbing_it(workshop, workshop_path):
    workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    report = check_file(workshop_path)
    assert report.exit_code == 0, report.lines()
    assert ("OPD", "1") in report.facts
    workshop.opds.add(name="Dinas Sosial")  # the app keeps writing after the check
    assert workshop.opds.count() == 2


def test_check_constraint_violations_are_listed_with_the_rule(workshop):
    workshop.participants.add(name="Siti Nurhaliza", nip="197903152005012003")
    path = workshop.path
    workshop.close()
    tamper(path, "UPDATE participant SET nip = '12345'", "UPDATE workshop SET bimtek_stage = 9")
    report = check_file(path)
    assert report.exit_code == 1
    assert any("participant" in p and "nip" in p for p in report.problems), report.problems
    assert any("workshop" in p and "bimtek_stage BETWEEN 1 AND 4" in p for p in report.problems)


def test_broken_foreign_key_is_listed(workshop):
    workshop.participants.add(name="Budi Santoso")
    path = workshop.path
    workshop.close()
    tamper(path, "UPDATE participant SET opd_id = 'no-such-opd'")
    report = check_file(path)
    assert report.exit_code == 1
    assert any("participant" in p and "opd" in p for p in report.problems), report.problems


def test_undo_trigger_saved_into_the_file_is_a_problem(workshop_path):
    tamper(workshop_path, "CREATE TRIGGER undo_ins_opd AFTER INSERT ON opd BEGIN SELECT 1; END")
    report = check_file(workshop_path)
    assert report.exit_code == 1
    assert any("undo_ins_opd" in p for p in report.problems)


def test_missing_metadata_and_wrong_schema_version_are_problems(workshop_path):
    tamper(workshop_path, "DELETE FROM metadata WHERE key = 'created_at'",
           "UPDATE metadata SET value = '99' WHERE key = 'schema_version'")
    problems = check_file(workshop_path).problems
    assert any("created_at" in p for p in problems), problems
    assert any("99" in p for p in problems), problems


def test_newer_file_is_reported_as_refused(workshop_path):
    make_newer(workshop_path)
    report = check_file(workshop_path)
    assert report.exit_code == 1
    assert any("9999_from_the_future" in p for p in report.problems)


def test_older_file_is_sound_and_noted_as_upgradable(tmp_path):
    if migrations.schema_version() < 2:
        pytest.skip("only one schema step so far")
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    first = migrations.migration_files()[0]
    for statement in migrations.split_statements(first[2]):
        conn.execute(statement)
    conn.executescript("""
        CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, applied_at TEXT);
    """)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('fgd_app', ?, '')",
                 (first[1],))
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", [
        ("application", "fgd_app"), ("app_version", "0.0.9"), ("schema_version", "1"),
        ("region_code", "36.04"), ("created_at", "2024-07-01T00:00:00.000Z")])
    conn.execute("INSERT INTO workshop (id, region_code, region_name, region_kind, province_code, created_at, "
                 "updated_at) VALUES ('w', '36.04', 'Kabupaten Serang', 'kabupaten', '36', '', '')")
    conn.close()
    report = check_file(path)
    assert report.exit_code == 0, report.lines()
    assert any("0002" in note for note in report.notes)


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 20])
def test_unreadable_files_give_exit_code_2(tmp_path, content):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    report = check_file(path)
    assert report.exit_code == 2 and report.unreadable


def test_missing_file_and_other_programs_database_give_exit_code_2(tmp_path):
    assert check_file(tmp_path / "nothing.db").exit_code == 2
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    report = check_file(other)
    assert report.exit_code == 2
    assert "program lain" in report.unreadable


def test_corrupt_page_is_listed_with_sqlites_findings(workshop_path):
    fill(workshop_path)
    page = corrupt_middle_of_a_page(workshop_path)
    before = fingerprint(workshop_path)
    report = check_file(workshop_path)
    assert report.exit_code == 1, report.lines()
    assert any(f"page {page}" in p for p in report.problems), report.problems
    assert fingerprint(workshop_path) == before


def test_truncated_workshop_is_never_sound(workshop_path):
    fill(workshop_path)
    truncate(workshop_path)
    report = check_file(workshop_path)
    assert report.exit_code in (1, 2) and not report.sound, report.lines()
