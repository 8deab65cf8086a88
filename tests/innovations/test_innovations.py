"""Innovation records: codes, validation, exact text, parts, delete with dependents, merge, undo."""

from __future__ import annotations

import sqlite3
import warnings

import pytest

from fgd_app.core import ValidationError, Workshop
from fgd_app.core.innovations.merge import merged_values
from fgd_app.core.innovations.records import Partner
from fgd_app.core.store.changes import UnmappedTableWarning


@pytest.fixture
def ws(workshop):
    """The Serang workshop with a few OPDs."""
    for name, short in (("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
                        ("Dinas Komunikasi, Informatika, Persandian dan Statistik", "Diskominfosatik"),
                        ("Dinas Lingkungan Hidup", "DLH"), ("Dinas Kesehatan", "Dinkes")):
        workshop.opds.add(name=name, short_name=short)
    return workshop


def opd(ws, short):
    return ws.opds.find_by_name(short).id


def dim(ws, code):
    return ws.dimensions.by_code(code).id


def test_codes_count_up_per_dimension_and_are_never_reused_after_delete(ws):
    gov, env = dim(ws, "GOV"), dim(ws, "ENV")
    a = ws.innovations.add(dimension_id=gov, name="Si Dukcapil", lead_opd_id=opd(ws, "Disdukcapil"))
    b = ws.innovations.add(dimension_id=gov, name="Satu Data", lead_opd_id=opd(ws, "Diskominfosatik"))
    c = ws.innovations.add(dimension_id=env, name="Bank sampah", lead_opd_id=opd(ws, "DLH"))
    assert (a.code, b.code, c.code) == ("GOV-01", "GOV-02", "ENV-01")
    ws.innovations.delete(b.id)
    d = ws.innovations.add(dimension_id=gov, name="E-office", lead_opd_id=opd(ws, "Diskominfosatik"))
    assert d.code == "GOV-03"
    ws.innovations.delete(d.id)
    ws.innovations.delete(a.id)
    assert ws.innovations.add(dimension_id=gov, name="SPBE", lead_opd_id=opd(ws, "Disdukcapil")).code == "GOV-04"


def test_moving_to_another_dimension_gives_a_code_there(ws):
    item = ws.innovations.add(dimension_id=dim(ws, "GOV"), name="Pasar digital", lead_opd_id=opd(ws, "DLH"))
    moved = ws.innovations.update(item.id, dimension_id=dim(ws, "ECO"))
    assert moved.code == "ECO-01"
    assert ws.innovations.next_code(dim(ws, "GOV")) == "GOV-02"


def test_undo_of_an_add_gives_its_code_back_and_redo_takes_it_again(ws):
    gov = dim(ws, "GOV")
    ws.innovations.add(dimension_id=gov, name="A", lead_opd_id=opd(ws, "DLH"))
    ws.innovations.add(dimension_id=gov, name="B", lead_opd_id=opd(ws, "DLH"))
    ws.undo()
    assert ws.innovations.next_code(gov) == "GOV-02"
    ws.redo()
    assert [i.code for i in ws.innovations.list(gov)] == ["GOV-01", "GOV-02"]
    assert ws.innovations.next_code(gov) == "GOV-03"


@pytest.mark.parametrize("field, values", [
    ("name", {"name": "   "}),
    ("lead_opd_id", {"lead_opd_id": ""}),
    ("lead_opd_id", {"lead_opd_id": "no-such-opd"}),
    ("status", {"status": "maybe"}),
    ("location_scope", {"location_scope": "planet"}),
    ("partners", {"partners": [("alien", "")]}),
    ("supporting_opd_ids", {"supporting_opd_ids": ["gone"]}),
])
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(ws, field, values):
    args = {"dimension_id": dim(ws, "GOV"), "name": "Si Dukcapil", "lead_opd_id": opd(ws, "Disdukcapil")} | values
    with pytest.raises(ValidationError) as caught:
        ws.innovations.add(**args)
    assert caught.value.field == field
    assert caught.value.message
    assert ws.innovations.count() == 0
    assert ws.store.scalar("SELECT count(*) FROM innovation_code_counter") == 0
    assert ws.store.undo_name() is None or "inovasi" not in ws.store.undo_name().lower()


def test_element_of_another_dimension_is_refused(ws):
    other = ws.elements.of(dim(ws, "ENV"))[0]
    with pytest.raises(ValidationError) as caught:
        ws.innovations.add(dimension_id=dim(ws, "GOV"), name="X", lead_opd_id=opd(ws, "DLH"), element_id=other.id)
    assert caught.value.field == "element_id"


def test_update_with_bad_input_leaves_the_record_as_it_was(ws):
    item = ws.innovations.add(dimension_id=dim(ws, "GOV"), name="Si Dukcapil", lead_opd_id=opd(ws, "Disdukcapil"))
    with pytest.raises(ValidationError):
        ws.innovations.update(item.id, name="", description="new text")
    assert ws.innovations.get(item.id) == item


TRICKY = [
    "مسجد الأعظم بانتن — Banten Lama 🕌",
    "a < b && c > d; \"quoted\" and 'single' <script>alert(1)</script> R&D",
    "line one\nline two\n\n  indented line\tand tab",
    "x" * 10_000,
    "Ünïcödé çàfé ñandú — ẞ ﬁ 𝔘 \u200b zero width",
]


@pytest.mark.parametrize("text", TRICKY)
def test_any_text_is_stored_and_read_back_exactly(ws, workshop_path, text):
    item = ws.innovations.add(dimension_id=dim(ws, "GOV"), name=text.replace("\n", " ")[:10_000],
                              lead_opd_id=opd(ws, "Disdukcapil"), description=text, problem=text, notes=text,
                              improvement=text, beneficiaries=text)
    ws.close()
    with Workshop.open(workshop_path) as again:
        back = again.innovations.get(item.id)
        assert back.description == back.problem == back.notes == back.improvement == back.beneficiaries == text
        assert back.name == text.replace("\n", " ")[:10_000].strip()


def test_parts_are_saved_and_the_lead_is_not_also_a_supporter(ws):
    districts = ws.districts()
    item = ws.innovations.add(
        dimension_id=dim(ws, "LIV"), name="Telemedicine puskesmas", lead_opd_id=opd(ws, "Dinkes"),
        supporting_opd_ids=[opd(ws, "Dinkes"), opd(ws, "Diskominfosatik"), opd(ws, "Diskominfosatik")],
        partners=[("akademisi", "Untirta"), Partner("bisnis", ""), ("akademisi", "Untirta")],
        location_scope="districts", district_ids=[districts[0][0], districts[3][0]], status="running",
        improvement="Tambah dokter spesialis", is_ict=True)
    assert item.supporting_opd_ids == [opd(ws, "Diskominfosatik")]
    assert item.partners == [Partner("akademisi", "Untirta"), Partner("bisnis", "")]
    assert item.district_ids == [districts[0][0], districts[3][0]]
    whole = ws.innovations.update(item.id, location_scope="region")
    assert whole.district_ids == []
    ws.undo()
    assert ws.innovations.get(item.id).district_ids == [districts[0][0], districts[3][0]]


def test_counts_per_dimension_and_element(ws):
    gov = dim(ws, "GOV")
    element = ws.elements.of(gov)[0]
    for name in ("A", "B"):
        ws.innovations.add(dimension_id=gov, name=name, lead_opd_id=opd(ws, "DLH"), element_id=element.id)
    ws.innovations.add(dimension_id=gov, name="C", lead_opd_id=opd(ws, "DLH"))
    by_dimension, by_element = ws.innovations.counts()
    assert by_dimension == {gov: 3}
    assert by_element == {element.id: 2}


@pytest.fixture
def dependent_table(ws):
    """A later issue's table pointing at innovations (like action plans), added to this file only."""
    ws.store.conn.executescript("""
        CREATE TABLE test_plan (id TEXT PRIMARY KEY NOT NULL,
            innovation_id TEXT NOT NULL REFERENCES innovation (id) ON DELETE CASCADE, title TEXT NOT NULL);
        CREATE TABLE test_quick_win (innovation_id TEXT PRIMARY KEY REFERENCES innovation (id) ON DELETE CASCADE,
            year INTEGER NOT NULL);
    """)
    ws.store.install_undo_triggers()
    # these stand-in tables have no change area on purpose (only this test's file has them): let the store
    # report them as "everything" instead of failing (pyproject.toml makes UnmappedTableWarning an error)
    warnings.filterwarnings("ignore", category=UnmappedTableWarning)
    return ws


def test_dependents_are_found_through_foreign_keys(dependent_table):
    ws = dependent_table
    item = ws.innovations.add(dimension_id=dim(ws, "GOV"), name="Si Dukcapil", lead_opd_id=opd(ws, "Disdukcapil"),
                              supporting_opd_ids=[opd(ws, "DLH")])
    assert ws.innovations.dependents(item.id) == {}
    with ws.store.write("plans"):
        for n in range(3):
            ws.store.execute("INSERT INTO test_plan VALUES (?, ?, ?)", (f"p{n}", item.id, f"Plan {n}"))
    assert ws.innovations.dependents(item.id) == {"test_plan": 3}
    ws.innovations.delete(item.id)
    assert ws.store.scalar("SELECT count(*) FROM test_plan") == 0
    ws.undo()
    assert ws.store.scalar("SELECT count(*) FROM test_plan") == 3
    assert ws.innovations.get(item.id).supporting_opd_ids == [opd(ws, "DLH")]


def test_merge_moves_dependents_unites_parts_and_undoes_in_one_step(dependent_table):
    ws = dependent_table
    gov = dim(ws, "GOV")
    keep = ws.innovations.add(dimension_id=gov, name="Aplikasi bank sampah", lead_opd_id=opd(ws, "DLH"),
                              description="Setoran sampah dicatat.", partners=[("komunitas", "Bank Sampah Induk")],
                              proposing_group="Meja 1")
    absorb = ws.innovations.add(dimension_id=gov, name="aplikasi Bank Sampah digital",
                                lead_opd_id=opd(ws, "Diskominfosatik"), description="Tabungan emas dari sampah.",
                                problem="Sampah menumpuk", status="running", partners=[("bisnis", "Pegadaian")],
                                proposing_group="Meja 3", supporting_opd_ids=[opd(ws, "DLH")])
    with ws.store.write("dependents"):
        ws.store.execute("INSERT INTO test_plan VALUES ('p1', ?, 'Sosialisasi')", (absorb.id,))
        ws.store.execute("INSERT INTO test_quick_win VALUES (?, 2025)", (keep.id,))
        ws.store.execute("INSERT INTO test_plan VALUES ('p2', ?, 'Pelatihan')", (keep.id,))
    before = ws.store.query("SELECT * FROM innovation ORDER BY code")
    result = ws.innovations.merge(keep.id, absorb.id)
    kept = result.kept
    assert result.moved == {"test_plan": 1}
    assert kept.code == "GOV-01" and kept.name == "Aplikasi bank sampah"
    assert kept.description == "Setoran sampah dicatat.\n\nTabungan emas dari sampah."
    assert kept.problem == "Sampah menumpuk" and kept.status == "running"
    assert kept.proposing_group == "Meja 1, Meja 3"
    assert kept.supporting_opd_ids == [opd(ws, "Diskominfosatik")]
    assert set(kept.partners) == {Partner("komunitas", "Bank Sampah Induk"), Partner("bisnis", "Pegadaian")}
    assert "GOV-02" in kept.notes
    assert ws.store.scalar("SELECT count(*) FROM test_plan WHERE innovation_id = ?", (keep.id,)) == 2
    with pytest.raises(KeyError):
        ws.innovations.get(absorb.id)
    assert ws.store.undo_name() == "Gabungkan GOV-02 ke GOV-01"
    ws.undo()
    def content(rows):  # undo moves updated_at on (issue 14, item 8.3); every other value comes back
        return [tuple(v for k, v in zip(r.keys(), r, strict=True) if k != "updated_at") for r in rows]

    assert content(ws.store.query("SELECT * FROM innovation ORDER BY code")) == content(before)
    assert ws.store.scalar("SELECT innovation_id FROM test_plan WHERE id = 'p1'") == absorb.id
    assert ws.innovations.get(absorb.id).supporting_opd_ids == [opd(ws, "DLH")]
    assert ws.innovations.next_code(gov) == "GOV-03"


def test_merge_keeps_the_whole_region_when_either_covers_it(ws):
    d = [r[0] for r in ws.districts()[:3]]
    a = ws.innovations.add(dimension_id=dim(ws, "SOC"), name="CCTV", lead_opd_id=opd(ws, "DLH"),
                           location_scope="districts", district_ids=d[:2])
    b = ws.innovations.add(dimension_id=dim(ws, "SOC"), name="CCTV kecamatan", lead_opd_id=opd(ws, "DLH"),
                           location_scope="districts", district_ids=d[1:])
    assert merged_values(a, b)["district_ids"] == d
    c = ws.innovations.add(dimension_id=dim(ws, "SOC"), name="CCTV desa", lead_opd_id=opd(ws, "DLH"))
    assert merged_values(a, c)["location_scope"] == "region"


def test_merging_an_innovation_with_itself_is_refused(ws):
    a = ws.innovations.add(dimension_id=dim(ws, "SOC"), name="CCTV", lead_opd_id=opd(ws, "DLH"))
    with pytest.raises(Exception, match="dua"):
        ws.innovations.merge(a.id, a.id)


def test_an_opd_that_leads_an_innovation_cannot_be_deleted(ws):
    ws.innovations.add(dimension_id=dim(ws, "SOC"), name="CCTV", lead_opd_id=opd(ws, "DLH"))
    assert ws.opds.usage(opd(ws, "DLH")) >= 1
    with pytest.raises(ValidationError, match="1 inovasi"):
        ws.opds.delete(opd(ws, "DLH"))
    with pytest.raises(ValidationError):
        ws.opds.delete_many([opd(ws, "Dinkes"), opd(ws, "DLH")], "Hapus")
    assert ws.opds.find_by_name("DLH") is not None and ws.opds.find_by_name("Dinkes") is not None
    with pytest.raises(sqlite3.IntegrityError), ws.store.write("raw delete"):  # the file refuses it too
        ws.store.execute("DELETE FROM opd WHERE id = ?", (opd(ws, "DLH"),))


def test_deleting_several_is_one_undo_step(ws):
    gov = dim(ws, "GOV")
    ids = [ws.innovations.add(dimension_id=gov, name=n, lead_opd_id=opd(ws, "DLH")).id for n in "ABC"]
    assert ws.innovations.delete_many(ids[:2]) == 2
    assert ws.store.undo_name() == "Hapus 2 inovasi (GOV-01, GOV-02)"
    assert [i.name for i in ws.innovations.list()] == ["C"]
    ws.undo()
    assert [i.name for i in ws.innovations.list()] == ["A", "B", "C"]


def test_codes_continue_after_rows_written_without_the_counter(ws):
    gov = dim(ws, "GOV")
    ws.innovations.add(dimension_id=gov, name="A", lead_opd_id=opd(ws, "DLH"))
    with ws.store.write("import"):  # e.g. rows copied from another file by an older tool
        ws.store.execute("INSERT INTO innovation (id, code, dimension_id, name, lead_opd_id, created_at, updated_at) "
                         "VALUES ('x', 'GOV-02', ?, 'B', ?, '', '')", (gov, opd(ws, "DLH")))
        ws.store.execute("INSERT INTO innovation (id, code, dimension_id, name, lead_opd_id, created_at, updated_at) "
                         "VALUES ('y', 'GOV-07', ?, 'C', ?, '', '')", (gov, opd(ws, "DLH")))
    assert ws.innovations.add(dimension_id=gov, name="D", lead_opd_id=opd(ws, "DLH")).code == "GOV-08"
