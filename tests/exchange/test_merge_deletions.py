"""Deletions and undone edits travel with the file into a consolidation (issue 14, items 8.1 and 8.3).

A deletion leaves a tombstone (``deleted_record``) written in the same transaction; merge removes a record
that a newer copy deleted, and an older copy cannot bring it back. An edit undone after an earlier copy was
merged wins over that copy: undo and redo move the restored rows' ``updated_at`` on.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import SERANG

from fgd_app.core import Workshop
from fgd_app.core.exchange.merge import merge_files
from fgd_app.core.store.check import check_file


def snapshot(ws: Workshop, target: Path) -> Path:
    """Write a consistent copy of the open workshop (as a facilitator's copy on a stick at that moment)."""
    out = sqlite3.connect(target)
    ws.store.conn.backup(out)
    out.close()
    return target


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def tombstones(ws: Workshop) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in ws.store.query("SELECT table_name, record_id FROM deleted_record")}


def test_a_delete_leaves_a_tombstone_that_undo_removes_and_redo_puts_back(workshop):
    ws = workshop
    opd = ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    person = ws.participants.add(name="Siti", opd_id=opd.id)
    assert tombstones(ws) == set()
    ws.participants.delete(person.id)
    assert tombstones(ws) == {("participant", person.id)}
    stamp = ws.store.scalar("SELECT deleted_at FROM deleted_record")
    assert stamp.endswith("Z") and stamp[:4].isdigit()
    ws.undo()
    assert tombstones(ws) == set()
    ws.redo()
    assert tombstones(ws) == {("participant", person.id)}
    ws.undo()
    ws.undo()  # undoing the addition deletes the participant: a tombstone too
    assert tombstones(ws) == {("participant", person.id)}
    ws.close()
    assert check_file(ws.path).sound


def test_a_failed_delete_leaves_no_tombstone(workshop):
    ws = workshop
    opd = ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    try:
        with ws.store.write("gagal"):
            ws.store.execute("DELETE FROM opd WHERE id = ?", (opd.id,))
            raise RuntimeError("stop")
    except RuntimeError:
        pass
    assert tombstones(ws) == set()


def test_a_record_deleted_in_a_newer_copy_leaves_the_consolidation(tmp_path):
    path = tmp_path / "serang.fgd.db"
    out = tmp_path / "gabungan.db"
    with Workshop.create(path, **SERANG) as ws:
        opd = ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
        gone = ws.participants.add(name="Budi Santoso", opd_id=opd.id)
        kept = ws.participants.add(name="Siti Nurhaliza", opd_id=opd.id)
        first = snapshot(ws, tmp_path / "salinan_1.fgd.db")
        ws.participants.delete(gone.id)
        second = snapshot(ws, tmp_path / "salinan_2.fgd.db")
    merge_files(out, [first])
    assert {r[0] for r in rows(out, "SELECT id FROM participant")} == {gone.id, kept.id}
    report = merge_files(out, [second])
    assert {r[0] for r in rows(out, "SELECT id FROM participant")} == {kept.id}
    assert any("participant 1" in line for line in report.lines()), report.lines()
    # the other order: the older copy merged after the newer one cannot bring the record back
    other = tmp_path / "gabungan_2.db"
    merge_files(other, [second, first])
    assert {r[0] for r in rows(other, "SELECT id FROM participant")} == {kept.id}


def test_an_undo_after_a_merge_wins_over_the_merged_copy(tmp_path):
    """Edit, a copy is merged, the edit is undone, the next copy is merged: the undone value is the result."""
    path = tmp_path / "serang.fgd.db"
    out = tmp_path / "gabungan.db"
    with Workshop.create(path, **SERANG) as ws:
        opd = ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
        ws.opds.update(opd.id, short_name="Dinkes Kab")
        merge_files(out, [snapshot(ws, tmp_path / "salinan_1.fgd.db")])
        assert rows(out, "SELECT short_name FROM opd") == [("Dinkes Kab",)]
        ws.undo()
        merge_files(out, [snapshot(ws, tmp_path / "salinan_2.fgd.db")])
        assert rows(out, "SELECT short_name FROM opd") == [("Dinkes",)]
        ws.redo()
        merge_files(out, [snapshot(ws, tmp_path / "salinan_3.fgd.db")])
        assert rows(out, "SELECT short_name FROM opd") == [("Dinkes Kab",)]


def test_a_delete_undone_after_a_merge_brings_the_record_back(tmp_path):
    path = tmp_path / "serang.fgd.db"
    out = tmp_path / "gabungan.db"
    with Workshop.create(path, **SERANG) as ws:
        opd = ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
        person = ws.participants.add(name="Budi Santoso", opd_id=opd.id)
        ws.participants.delete(person.id)
        merge_files(out, [snapshot(ws, tmp_path / "salinan_1.fgd.db")])
        assert rows(out, "SELECT id FROM participant") == []
        ws.undo()
        merge_files(out, [snapshot(ws, tmp_path / "salinan_2.fgd.db")])
        assert rows(out, "SELECT id FROM participant") == [(person.id,)]
