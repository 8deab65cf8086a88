"""``fgd-app print`` only reads its file: a hand-over copy keeps its bytes (and its .sha256), an older file
is printed upgraded in memory, never upgraded in place."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from fgd_app.cli.commands import main
from fgd_app.core.exchange import handover
from fgd_app.core.store import migrations


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _older_file(path: Path) -> Path:
    """Write a workshop file made by an older version (the first schema step only)."""
    conn = sqlite3.connect(path)
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
    return path


def test_printing_a_handover_file_changes_not_one_byte(workshop_path, tmp_path):
    out = tmp_path / "kominfo"
    out.mkdir()
    copy = handover.export_handover(workshop_path, out).path
    before = _fingerprint(copy)
    assert main(["print", str(copy), "--out", str(tmp_path / "pdf"), "--only", "daftar-hadir"]) == 0
    assert _fingerprint(copy) == before, "the hand-over file changed: its .sha256 no longer matches"
    assert sorted(os.listdir(out)) == [copy.name, copy.name + ".sha256"]


def test_printing_an_older_file_does_not_upgrade_it(tmp_path):
    old = _older_file(tmp_path / "lama.fgd.db")
    before = _fingerprint(old)
    assert main(["print", str(old), "--out", str(tmp_path / "pdf"), "--only", "daftar-hadir"]) == 0
    assert _fingerprint(old) == before, "the older file was upgraded in place"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lama.fgd.db", "pdf"]


def test_printing_a_workshop_file_leaves_it_and_its_folder_as_they_were(workshop_path, tmp_path):
    before = _fingerprint(workshop_path)
    neighbours = sorted(os.listdir(workshop_path.parent))
    assert main(["print", str(workshop_path), "--out", str(tmp_path / "pdf" / "out"), "--only", "notulen"]) == 0
    neighbours.append("pdf")
    assert _fingerprint(workshop_path) == before
    assert sorted(os.listdir(workshop_path.parent)) == sorted(neighbours)
