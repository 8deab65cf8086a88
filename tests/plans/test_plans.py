"""Action plans in the file: validation at the field, ordering, duplicate/move, dependencies, undo."""

from __future__ import annotations

import sqlite3

import pytest

from fgd_app.core import ValidationError, Workshop
from fgd_app.core.innovations.records import Innovations
from fgd_app.core.plans.lists import parse_rupiah


def innovations(ws: Workshop) -> Innovations:
    return getattr(ws, "innovations", None) or Innovations(ws.store)


@pytest.fixture
def setup(workshop):
    """Two OPDs and three innovations (two in Smart Governance, one in Smart Branding)."""
    ws = workshop
    kominfo = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    dispar = ws.opds.add(name="Dinas Pariwisata", short_name="Dispar")
    gov, brd = ws.dimensions.by_code("GOV"), ws.dimensions.by_code("BRD")
    inn = innovations(ws)
    a = inn.add(dimension_id=gov.id, name="Layanan adminduk daring", lead_opd_id=kominfo.id)
    b = inn.add(dimension_id=gov.id, name="Satu data Kabupaten Serang", lead_opd_id=kominfo.id)
    c = inn.add(dimension_id=brd.id, name="Wisata religi Banten Lama", lead_opd_id=dispar.id)
    ws.store.clear_undo()
    return ws, kominfo, dispar, a, b, c


def add(ws, innovation, activity, first=2025, last=None, opd=None, **values):
    return ws.plans.add(innovation_id=innovation.id, activity=activity, first_year=first,
                        last_year=first if last is None else last, opd_id=opd or innovation.lead_opd_id, **values)


def snapshot(ws):
    return [tuple(r) for r in ws.store.query(
        "SELECT id, innovation_id, position, activity, first_year, last_year, budget FROM action_plan ORDER BY id")]


def test_add_fills_defaults_and_appends_in_order(setup):
    ws, kominfo, _, a, *_ = setup
    p1 = add(ws, a, "Kajian kebutuhan layanan", budget="150.000.000")
    p2 = add(ws, a, "Pengembangan aplikasi", 2026, 2027, budget="Rp 1,25 M",
             funding_source_id=ws.plans.funding_sources.find("APBD").id)
    assert [p.id for p in ws.plans.of(a.id)] == [p1.id, p2.id]
    assert (p1.position, p2.position) == (1, 2)
    assert p1.budget == 150_000_000 and p2.budget == 1_250_000_000
    assert ws.plans.statuses.get(p1.status_id).name == "Direncanakan"
    assert p1.funding_source_id is None and p1.opd_id == kominfo.id
    assert ws.store.undo_name() == "Tambah rencana aksi \u201cPengembangan aplikasi\u201d"


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"first_year": 2024}, "first_year", "2024 di luar jangka perencanaan 2025\u20132034."),
    ({"last_year": 2035}, "last_year", "2035 di luar jangka perencanaan 2025\u20132034."),
    ({"first_year": 2030, "last_year": 2027}, "last_year", "Tahun akhir tidak boleh sebelum tahun awal."),
    ({"first_year": "dua ribu"}, "first_year", "Tahun awal harus berupa tahun, misalnya 2025."),
    ({"budget": "-5.000.000"}, "budget", "Anggaran tidak boleh negatif."),
    ({"budget": "lima juta"}, "budget", None),
    ({"budget": "1,5"}, "budget", "Anggaran dalam rupiah utuh (tanpa sen)."),
    ({"activity": "   "}, "activity", "Kegiatan tidak boleh kosong."),
    ({"opd_id": ""}, "opd_id", "Pilih OPD penanggung jawab."),
])
def test_bad_input_is_refused_at_the_field_and_nothing_is_saved(setup, values, field, message):
    ws, _, _, a, *_ = setup
    add(ws, a, "Kajian")
    before = snapshot(ws)
    base = {"innovation_id": a.id, "activity": "Sosialisasi", "first_year": 2026, "last_year": 2026,
            "opd_id": a.lead_opd_id}
    with pytest.raises(ValidationError) as error:
        ws.plans.add(**(base | values))
    assert error.value.field == field
    if message:
        assert str(error.value) == message
    assert snapshot(ws) == before
    plan = ws.plans.of(a.id)[0]
    with pytest.raises(ValidationError):
        ws.plans.update(plan.id, **{k: v for k, v in values.items()})
    assert snapshot(ws) == before


def test_database_refuses_what_the_core_would_refuse(setup):
    ws, _, _, a, *_ = setup
    plan = add(ws, a, "Kajian")
    for sql in ("UPDATE action_plan SET first_year = 2030, last_year = 2029", "UPDATE action_plan SET budget = -1",
                "UPDATE action_plan SET budget = 'seratus'", "UPDATE action_plan SET opd_id = 'missing'"):
        with pytest.raises(sqlite3.IntegrityError), ws.store.write("x"):
            ws.store.execute(sql + " WHERE id = ?", (plan.id,))


@pytest.mark.parametrize(("text", "amount"), [
    ("1.250.000.000", 1_250_000_000), ("1250000000", 1_250_000_000), ("Rp 1.250.000.000", 1_250_000_000),
    ("Rp 1,25 M", 1_250_000_000), ("350 jt", 350_000_000), ("Rp. 500.000,-", 500_000), ("", 0),
    ("1.250.000,00", 1_250_000), ("2 miliar", 2_000_000_000), (75_000, 75_000)])
def test_budget_input_forms(text, amount):
    assert parse_rupiah(text) == amount


@pytest.mark.parametrize("text", ["-1", "Rp -500", "abc", "1,5", "12 kg", "1.2.3", -4, "Rp 1,2345678 jt"])
def test_budget_input_refused(text):
    with pytest.raises(ValidationError):
        parse_rupiah(text)


def test_stage_is_derived_from_the_current_stage_boundaries(setup):
    ws, _, _, a, *_ = setup
    plan = add(ws, a, "Pengembangan", 2027, 2028)
    assert [(s.first_year, s.last_year) for s in ws.stages.list()] == [(2025, 2027), (2028, 2030), (2031, 2032),
                                                                      (2033, 2034)]
    assert ws.plans.stage_label(plan) == "Tahap 1\u20132"
    first = ws.stages.list()[0]
    ws.stages.update(first.id, last_year=2028, name="Fondasi")
    ws.stages.update(ws.stages.list()[1].id, first_year=2029)
    assert ws.plans.stage_label(ws.plans.get(plan.id)) == "Fondasi"


def test_reorder_duplicate_and_move_each_undo_in_one_step(setup):
    ws, _, _, a, b, _ = setup
    p1, p2, p3 = (add(ws, a, name) for name in ("Kajian", "Regulasi", "Pengadaan"))
    order = lambda inn: [p.activity for p in ws.plans.of(inn.id)]  # noqa: E731
    ws.plans.move_down(p1.id)
    assert order(a) == ["Regulasi", "Kajian", "Pengadaan"]
    ws.plans.move_up(p3.id)
    assert order(a) == ["Regulasi", "Pengadaan", "Kajian"]
    ws.plans.set_position(p2.id, 99)
    assert order(a) == ["Pengadaan", "Kajian", "Regulasi"]
    assert [p.position for p in ws.plans.of(a.id)] == [1, 2, 3]
    ws.undo()
    assert order(a) == ["Regulasi", "Pengadaan", "Kajian"]
    ws.undo()
    ws.undo()
    assert order(a) == ["Kajian", "Regulasi", "Pengadaan"]

    ws.plans.set_dependencies(p2.id, [p1.id])
    copy = ws.plans.duplicate(p2.id)
    assert order(a) == ["Kajian", "Regulasi", "Regulasi", "Pengadaan"]
    assert ws.plans.dependencies(copy.id) == [p1.id] and copy.position == 3
    ws.undo()
    assert order(a) == ["Kajian", "Regulasi", "Pengadaan"]

    moved = ws.plans.move_to(p2.id, b.id)
    assert moved.innovation_id == b.id and moved.position == 1
    assert order(a) == ["Kajian", "Pengadaan"] and [p.position for p in ws.plans.of(a.id)] == [1, 2]
    assert ws.plans.dependencies(p2.id) == [p1.id]
    assert ws.store.undo_name() == "Pindahkan rencana aksi \u201cRegulasi\u201d ke GOV-02"
    ws.undo()
    assert order(a) == ["Kajian", "Regulasi", "Pengadaan"] and order(b) == []
    ws.redo()
    assert order(b) == ["Regulasi"]


def test_delete_closes_the_gap_and_drops_dependency_links(setup):
    ws, _, _, a, *_ = setup
    p1, p2, p3 = (add(ws, a, name) for name in ("Kajian", "Regulasi", "Pengadaan"))
    ws.plans.set_dependencies(p3.id, [p2.id, p1.id])
    ws.plans.delete(p2.id)
    assert [(p.activity, p.position) for p in ws.plans.of(a.id)] == [("Kajian", 1), ("Pengadaan", 2)]
    assert ws.plans.dependencies(p3.id) == [p1.id]
    ws.undo()
    assert ws.plans.dependencies(p3.id) == [p1.id, p2.id]
    assert [p.activity for p in ws.plans.of(a.id)] == ["Kajian", "Regulasi", "Pengadaan"]


def test_dependency_cycle_is_refused_naming_the_cycle_and_nothing_changes(setup):
    ws, _, _, a, b, _ = setup
    p1, p2 = add(ws, a, "Kajian kebutuhan"), add(ws, a, "Penyusunan regulasi")
    p3 = add(ws, b, "Pengembangan aplikasi")
    ws.plans.set_dependencies(p2.id, [p1.id])
    ws.plans.set_dependencies(p3.id, [p2.id])
    before = (snapshot(ws), ws.plans.dependency_map(), ws.store.undo_name())
    with pytest.raises(ValidationError) as error:
        ws.plans.update(p1.id, activity="Kajian baru", depends_on=[p3.id])
    assert error.value.field == "depends_on"
    assert str(error.value) == ("Ketergantungan ini akan membentuk siklus: GOV-01 #1 Kajian kebutuhan \u2192 "
                                "GOV-02 #1 Pengembangan aplikasi \u2192 GOV-01 #2 Penyusunan regulasi \u2192 "
                                "GOV-01 #1 Kajian kebutuhan.")
    assert (snapshot(ws), ws.plans.dependency_map(), ws.store.undo_name()) == before
    with pytest.raises(ValidationError, match="sendiri"):
        ws.plans.set_dependencies(p1.id, [p1.id])


def test_update_saves_fields_and_dependencies_as_one_operation(setup):
    ws, _, dispar, a, *_ = setup
    p1, p2 = add(ws, a, "Kajian"), add(ws, a, "Pengadaan")
    ws.plans.update(p2.id, opd_id=dispar.id, budget="2.500.000", last_year=2027, depends_on=[p1.id])
    saved = ws.plans.get(p2.id)
    assert (saved.opd_id, saved.budget, saved.last_year) == (dispar.id, 2_500_000, 2027)
    ws.undo()
    assert ws.plans.dependencies(p2.id) == [] and ws.plans.get(p2.id).budget == 0


def test_deleting_an_innovation_takes_its_plans_and_undo_brings_them_back(setup):
    ws, _, _, a, *_ = setup
    add(ws, a, "Kajian")
    innovations(ws).delete(a.id)
    assert ws.plans.count() == 0
    ws.undo()
    assert [p.activity for p in ws.plans.of(a.id)] == ["Kajian"]


def test_editable_lists_refuse_duplicates_and_deleting_what_is_used(setup):
    ws, _, _, a, *_ = setup
    sources = ws.plans.funding_sources
    assert [f.name for f in sources.list()] == ["APBD", "APBN", "DAK", "CSR", "KPBU", "Hibah", "Swasta", "Lainnya"]
    assert [s.name for s in ws.plans.statuses.list()] == ["Direncanakan", "Berjalan", "Selesai", "Tertunda"]
    with pytest.raises(ValidationError):
        sources.add(name="apbd")
    bumd = sources.add(name="BUMD")
    assert bumd.position == 9
    add(ws, a, "Kajian", funding_source_id=bumd.id)
    with pytest.raises(ValidationError, match="digunakan oleh 1 rencana aksi"):
        sources.delete(bumd.id)
    hibah = sources.find("Grant")
    assert sources.update(hibah.id, name="Hibah daerah").name_en == ""


def test_roadmap_data_reads_what_was_saved(setup):
    ws, kominfo, dispar, a, b, c = setup
    add(ws, a, "Kajian", 2025, 2025, budget="100.000.000")
    add(ws, c, "Festival", 2026, 2028, opd=dispar.id, budget="300.000.000")
    data = ws.plans.roadmap_data()
    assert (data.first_year, data.last_year) == (2025, 2034)
    assert [i.code for i in data.innovations] == ["GOV-01", "GOV-02", "BRD-01"]
    assert [(p.activity, p.budget) for p in data.plans if p.innovation_id == c.id] == [("Festival", 300_000_000)]
    assert data.opd_names[kominfo.id] == "Diskominfo"
    assert data.funding_names[ws.plans.funding_sources.find("CSR").id] == "CSR"


def test_plans_follow_a_merge_and_keep_a_usable_order(setup):
    ws, _, _, a, b, _ = setup
    a1, a2 = add(ws, a, "Kajian A"), add(ws, a, "Aplikasi A")
    b1 = add(ws, b, "Kajian B")
    ws.innovations.merge(a.id, b.id)
    plans = ws.plans.of(a.id)
    assert len(plans) == 3 and {p.id for p in plans} == {a1.id, a2.id, b1.id}
    ws.plans.move_down(plans[0].id)  # works on the list as shown, and numbers it 1..n again
    after = ws.plans.of(a.id)
    assert [p.id for p in after] == [plans[1].id, plans[0].id, plans[2].id]
    assert [p.position for p in after] == [1, 2, 3]
