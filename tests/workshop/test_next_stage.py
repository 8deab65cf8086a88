"""Carrying a workshop to the next bimtek stage: new ids, lineage, source untouched, merge keeps every stage."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.core.errors import NewerVersionError, WorkshopFileError
from fgd_app.core.exchange.merge import merge_files
from fgd_app.core.store import known_schema
from fgd_app.core.workshop.next_stage import LEFT_OUT, NoNextStageError, carry_to_next_stage, copied_tables
from fgd_app.core.workshop.stage_changes import changes_since_previous

ROOT = Path(__file__).resolve().parents[2]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "serang_tahap2.fgd.db"
    write_demo(path)
    with Workshop.open(path) as ws:  # some stage I analysis too
        branding = next(d for d in ws.dimensions.list() if d.code == "BRD")
        problem = ws.analysis.problems.add(dimension_id=branding.id, description="Wisata religi belum terdata")
        ws.analysis.problems.set_innovations(problem.id, [ws.innovations.list()[0].id])
        ws.analysis.dimensions.save(branding.id, is_focus=True)
        ws.analysis.applications.add(name="SIPANDU")
    return path


def test_every_record_table_is_either_carried_or_deliberately_left_out():
    names = {t.name for t in known_schema.reference().record_tables}
    carried = {t.name for t in copied_tables()}
    assert carried | set(LEFT_OUT) == names
    assert not carried & set(LEFT_OUT)


def test_the_next_stage_has_new_ids_stage_plus_one_and_complete_lineage(demo_file, tmp_path):
    before = _sha(demo_file)
    target = tmp_path / "serang_tahap3.fgd.db"
    report = carry_to_next_stage(demo_file, target)
    assert _sha(demo_file) == before  # the source's bytes are unchanged
    assert report.source_sha256 == before
    old = sqlite3.connect(demo_file)
    new = sqlite3.connect(target)
    old_ws, old_stage = old.execute("SELECT id, bimtek_stage FROM workshop").fetchone()
    new_ws, new_stage = new.execute("SELECT id, bimtek_stage FROM workshop").fetchone()
    assert new_ws != old_ws and new_stage == old_stage + 1 == 3
    history = new.execute("SELECT workshop_id, bimtek_stage, sha256, file_name FROM stage_history").fetchall()
    assert history == [(old_ws, 2, before, demo_file.name)]
    for table in copied_tables():
        count = old.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
        extra = 1 if table.name == "stage_history" else 0
        assert new.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0] == count + extra, table.name
        if table.has_uuid_key and table.name != "stage_history":
            old_ids = {r[0] for r in old.execute(f'SELECT id FROM "{table.name}"')}
            new_ids = {r[0] for r in new.execute(f'SELECT id FROM "{table.name}"')}
            assert not old_ids & new_ids, table.name  # every copied row has a new id
            lineage = dict(new.execute("SELECT row_id, source_row_id FROM carried_row WHERE table_name = ?",
                                       (table.name,)).fetchall())
            assert set(lineage) == new_ids and set(lineage.values()) == old_ids, table.name
    for name in LEFT_OUT:
        if name != "carried_row":
            assert new.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == 0
    codes = lambda conn: sorted(r[0] for r in conn.execute("SELECT code FROM innovation"))  # noqa: E731
    assert codes(new) == codes(old)  # innovation codes kept
    links = "SELECT count(*) FROM problem_innovation"
    assert new.execute(links).fetchone()[0] == old.execute(links).fetchone()[0] > 0
    values = json.loads(new.execute("SELECT source_values FROM carried_row WHERE table_name = 'innovation' "
                                    "LIMIT 1").fetchone()[0])
    assert "name" in values and "lead_opd_id" in values
    assert new.execute("PRAGMA foreign_key_check").fetchall() == []
    with Workshop.open(target) as ws:  # opens, searchable, and nothing changed since the stage before
        assert ws.innovations.search("Dukcapil")
        assert changes_since_previous(ws.store.conn) == []
    subprocess.run([sys.executable, "-m", "fgd_app", "check", str(target)], check=True, capture_output=True,
                   cwd=ROOT)


def test_what_changed_lists_added_changed_field_by_field_and_dropped_records(demo_file, tmp_path):
    target = tmp_path / "tahap3.fgd.db"
    carry_to_next_stage(demo_file, target)
    with Workshop.open(target) as ws:
        first, second = ws.innovations.list()[:2]
        other_opd = next(o for o in ws.opds.list() if o.id != first.lead_opd_id)
        ws.innovations.update(first.id, name="Nama tahap III", lead_opd_id=other_opd.id)
        plans_of_second = [p for p in ws.plans.list() if p.innovation_id == second.id]
        ws.innovations.delete(second.id) if not plans_of_second else ws.plans.delete(plans_of_second[0].id)
        added = ws.innovations.add(dimension_id=first.dimension_id, name="Inovasi baru tahap III",
                                   lead_opd_id=other_opd.id)
        changes = changes_since_previous(ws.store.conn)
    kinds = {(c.table, c.kind, c.row_id) for c in changes}
    assert ("innovation", "added", added.id) in kinds
    changed = next(c for c in changes if c.row_id == first.id)
    assert changed.kind == "changed"
    fields = {column: (old, new) for column, old, new in changed.fields}
    assert set(fields) == {"name", "lead_opd_id"}
    assert fields["name"] == (first.name, "Nama tahap III")
    assert fields["lead_opd_id"][1] == other_opd.name  # references shown by name
    assert any(c.kind == "dropped" for c in changes)


def test_merge_keeps_stage_two_and_three_apart_and_links_the_versions(demo_file, tmp_path):
    target = tmp_path / "tahap3.fgd.db"
    carry_to_next_stage(demo_file, target)
    out = tmp_path / "nasional.db"
    report = merge_files(out, [demo_file, target])
    assert all(s.status != "skipped" for s in report.inputs)
    conn = sqlite3.connect(out)
    assert sorted(r[0] for r in conn.execute("SELECT bimtek_stage FROM workshop")) == [2, 3]
    versions = conn.execute("SELECT stage, source_stage, count(*) FROM v_record_version "
                            "WHERE table_name = 'innovation' GROUP BY 1, 2").fetchall()
    count = conn.execute("SELECT count(*) FROM innovation").fetchone()[0]
    assert versions == [(3, 2, count // 2)]
    assert conn.execute("SELECT sum(conflicts) FROM merge_source").fetchone()[0] == 0


def test_merge_refuses_a_copy_whose_stage_was_edited_instead_of_replacing_the_stage(demo_file, tmp_path):
    copy = tmp_path / "salinan.fgd.db"
    copy.write_bytes(demo_file.read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE workshop SET bimtek_stage = 3, updated_at = '2099-01-01T00:00:00.000Z'")
    conn.commit()
    conn.close()
    out = tmp_path / "nasional.db"
    report = merge_files(out, [demo_file, copy])
    assert report.inputs[1].status == "skipped" and "tahap II" in report.inputs[1].reason
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT bimtek_stage FROM workshop").fetchall() == [(2,)]


def test_bad_input_is_refused_and_leaves_the_source_untouched(demo_file, tmp_path):
    before = _sha(demo_file)
    target = tmp_path / "tahap3.fgd.db"
    carry_to_next_stage(demo_file, target)
    with pytest.raises(WorkshopFileError):  # exists, no force
        carry_to_next_stage(demo_file, target)
    carry_to_next_stage(demo_file, target, force=True)  # a workshop file may be replaced with force
    text = tmp_path / "catatan.db"
    text.write_text("bukan basis data")
    with pytest.raises(WorkshopFileError):
        carry_to_next_stage(demo_file, text, force=True)
    assert text.read_text() == "bukan basis data"
    with pytest.raises(WorkshopFileError):
        carry_to_next_stage(demo_file, demo_file, force=True)
    four = tmp_path / "tahap4.fgd.db"
    carry_to_next_stage(target, four)
    with pytest.raises(NoNextStageError):
        carry_to_next_stage(four, tmp_path / "tahap5.fgd.db")
    assert not (tmp_path / "tahap5.fgd.db").exists()
    newer = tmp_path / "baru.fgd.db"
    newer.write_bytes(demo_file.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('fgd_app', '9999_x', '')")
    conn.commit()
    conn.close()
    with pytest.raises(NewerVersionError):
        carry_to_next_stage(newer, tmp_path / "dari_baru.fgd.db")
    damaged = tmp_path / "rusak.fgd.db"
    damaged.write_bytes(demo_file.read_bytes()[:5000])
    with pytest.raises(WorkshopFileError):
        carry_to_next_stage(damaged, tmp_path / "dari_rusak.fgd.db")
    read_only = tmp_path / "terkunci.fgd.db"
    read_only.write_bytes(demo_file.read_bytes())
    os.chmod(read_only, 0o444)
    carry_to_next_stage(read_only, tmp_path / "dari_terkunci.fgd.db")  # only read: a locked stick is fine
    assert _sha(demo_file) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary leftovers


def test_the_command_line_carries_a_file_and_explains_a_refusal(demo_file, tmp_path):
    target = tmp_path / "tahap3.fgd.db"
    run = lambda *a: subprocess.run([sys.executable, "-m", "fgd_app", *a], capture_output=True, text=True,  # noqa: E731
                                    cwd=ROOT, env=os.environ | {"FGD_LANG": "id"})
    done = run("next-stage", str(demo_file), "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert "Tahap III" in done.stdout
    again = run("next-stage", str(demo_file), "--out", str(target))
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
