"""The risk register in the workshop file: scores from the stored matrix, refusals, treatment, appetite."""

from __future__ import annotations

import sqlite3

import pytest

from fgd_app.core import ValidationError, Workshop
from fgd_app.core.risks import matrix as riskmatrix
from fgd_app.core.risks.register_lines import RegisterFilter, cell_counts


@pytest.fixture
def innovation(workshop):
    opd = workshop.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    gov = workshop.dimensions.by_code("GOV")
    return workshop.innovations.add(dimension_id=gov.id, name="Mal Pelayanan Publik Digital", lead_opd_id=opd.id)


def _category(ws, name="Aplikasi SPBE"):
    return next(c for c in ws.risks.categories.list() if c.name == name)


def test_new_workshop_carries_the_spbe_matrix_and_the_spbe_lists(workshop):
    assert workshop.risks.matrix() == riskmatrix.spbe("A")
    assert len(workshop.risks.categories.list()) == 16
    assert [a.name for a in workshop.risks.impact_areas.list()] == [
        "Finansial", "Reputasi", "Kinerja", "Layanan Organisasi", "Operasional dan Aset TIK", "Hukum dan Regulasi",
        "Sumber Daya Manusia"]
    assert {c.appetite_negative for c in workshop.risks.categories.list()} == {11}


def test_a_file_from_before_the_risk_step_gets_the_matrix_on_open(workshop_path):
    conn = sqlite3.connect(workshop_path)
    for table in ("risk_group_score", "risk", "risk_matrix_cell", "risk_level", "risk_likelihood_level",
                  "risk_impact_level", "risk_matrix", "risk_category", "impact_area"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_risk'")
    conn.commit()
    conn.close()
    with Workshop.open(workshop_path) as ws:
        assert ws.risks.matrix() == riskmatrix.spbe("A")
        assert ws.risks.categories.count() == 16


def test_magnitude_and_level_come_from_the_matrix_never_from_input(workshop, innovation):
    risk = workshop.risks.add(innovation_id=innovation.id, event="Rendahnya adopsi layanan oleh warga",
                              likelihood=2, impact=2, magnitude=25, level=5)
    assert (risk.magnitude, risk.level) == (7, 2)  # SPBE: a rank from the grid, not 2 x 2
    assert risk.code == "R-GOV-01-01"
    assert workshop.risks.add(innovation_id=innovation.id, event="Anggaran dipotong").code == "R-GOV-01-02"
    assert workshop.store.undo_name() == "Tambah risiko R-GOV-01-02"


@pytest.mark.parametrize(("values", "field"), [
    ({"likelihood": 6, "impact": 1}, "likelihood"),
    ({"likelihood": 0.5, "impact": 1}, "likelihood"),
    ({"likelihood": 3}, "impact"),
    ({"residual_likelihood": 2, "residual_impact": 9}, "residual_impact"),
    ({"risk_type": "neutral"}, "risk_type"),
    ({"treatment_option": "exploit"}, "treatment_option"),  # a positive-risk option on a negative risk
    ({"treatment_decision": "no", "treatment_option": "mitigate"}, "treatment_option"),
    ({"code": "GOV-01"}, "code"),
    ({"event": "  "}, "event"),
])
def test_bad_input_is_refused_by_the_core_and_nothing_is_saved(workshop, innovation, values, field):
    with pytest.raises(ValidationError) as caught:
        workshop.risks.add(**({"innovation_id": innovation.id, "event": "Data tidak terintegrasi"} | values))
    assert caught.value.field == field
    assert workshop.risks.count() == 0


def test_levels_outside_the_matrix_are_refused_by_the_database(workshop, innovation):
    risk = workshop.risks.add(innovation_id=innovation.id, event="Vendor lock-in", likelihood=2, impact=2)
    attempts = [
        "UPDATE risk SET magnitude = 25",  # not the cell's magnitude
        "UPDATE risk SET level = 5",  # not the band of 7
        "UPDATE risk SET likelihood = 7, impact = 1, magnitude = 9, level = 2",  # no such cell
        "UPDATE risk SET residual_likelihood = 2, residual_impact = 2, residual_magnitude = 4, residual_level = 1",
        "UPDATE risk SET magnitude = NULL",  # a score must be complete
    ]
    for sql in attempts:
        with pytest.raises(sqlite3.IntegrityError), workshop.store.write("raw"):
            workshop.store.execute(sql)
        assert workshop.risks.get(risk.id) == risk
    with pytest.raises(sqlite3.IntegrityError), workshop.store.write("raw"):
        workshop.store.execute("INSERT INTO risk_level VALUES ('x', 6, 'Ekstrem', '#000000', 25, 30, '', '')")
    with pytest.raises(sqlite3.IntegrityError), workshop.store.write("raw"):
        workshop.store.execute("UPDATE risk_matrix_cell SET level = 1 WHERE magnitude = 20")


def test_matrix_change_previews_then_recomputes_inherent_and_residual_in_one_undo_step(workshop, innovation):
    edge = workshop.risks.add(innovation_id=innovation.id, event="Sinyal internet lemah di kecamatan",
                              likelihood=1, impact=5, residual_likelihood=1, residual_impact=5)
    other = workshop.risks.add(innovation_id=innovation.id, event="Anggaran dipotong", likelihood=3, impact=3)
    change = workshop.risks.setup.preview_change(riskmatrix.spbe("B"))
    assert change.scored == 2
    assert [(c.code, c.old, c.new, c.old_residual, c.new_residual) for c in change.risks] == [
        ("R-GOV-01-01", (1, 5, 20, 4), (1, 5, 20, 5), (1, 5, 20, 4), (1, 5, 20, 5))]
    assert workshop.risks.get(edge.id).level == 4  # the preview wrote nothing
    assert workshop.risks.setup.apply_change(riskmatrix.spbe("B")) == 1
    assert (workshop.risks.get(edge.id).level, workshop.risks.get(edge.id).residual_level) == (5, 5)
    assert workshop.risks.get(other.id).level == 3
    assert workshop.store.undo_name().startswith("Ubah matriks risiko")
    workshop.undo()
    assert workshop.risks.matrix() == riskmatrix.spbe("A")
    assert workshop.risks.get(edge.id).level == 4
    workshop.redo()
    assert workshop.risks.matrix() == riskmatrix.spbe("B")
    assert workshop.risks.get(edge.id).residual_level == 5


def test_inherent_and_residual_always_match_the_one_matrix_in_use(workshop, innovation):
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            workshop.risks.add(innovation_id=innovation.id, event=f"Risiko {likelihood}{impact}",
                               likelihood=likelihood, impact=impact, residual_likelihood=6 - likelihood,
                               residual_impact=impact)
    for target in (riskmatrix.plain_5x5(), riskmatrix.plain_3x3(), riskmatrix.spbe("B")):
        workshop.risks.setup.apply_change(target)
        matrix = workshop.risks.matrix()
        assert matrix == target
        for risk in workshop.risks.list():
            magnitude, level = matrix.assess(risk.likelihood, risk.impact)
            assert (risk.magnitude, risk.level) == (magnitude, level.number)
            magnitude, level = matrix.assess(risk.residual_likelihood, risk.residual_impact)
            assert (risk.residual_magnitude, risk.residual_level) == (magnitude, level.number)


def test_smaller_matrix_rescales_scores_group_scores_and_appetite(workshop, innovation):
    risk = workshop.risks.add(innovation_id=innovation.id, event="Rendahnya adopsi", likelihood=4, impact=5,
                              category_id=_category(workshop).id)
    workshop.risks.groups.set(risk.id, "Kelompok 1", 2, 4)
    change = workshop.risks.setup.preview_change(riskmatrix.plain_3x3())
    assert change.rescaled and "skala" in change.summary()
    assert ("Aplikasi SPBE", "negative", 11, 3) in [(a[1], a[2], a[3], a[4]) for a in change.appetite]
    workshop.risks.setup.apply_change(riskmatrix.plain_3x3())
    assert (workshop.risks.get(risk.id).likelihood, workshop.risks.get(risk.id).impact) == (3, 3)
    score = workshop.risks.groups.of(risk.id)[0]
    assert (score.likelihood, score.impact) == (2, 3)
    assert _category(workshop).appetite_negative == 3  # Sedang (level 3 of 5) -> Medium (level 2 of 3)


def test_an_unsound_matrix_is_refused_and_nothing_changes(workshop, innovation):
    workshop.risks.add(innovation_id=innovation.id, event="Rendahnya adopsi", likelihood=1, impact=5)
    cells = dict(riskmatrix.spbe().cells)
    del cells[(1, 1)]
    with pytest.raises(riskmatrix.MatrixError):
        workshop.risks.setup.apply_change(riskmatrix.spbe().with_cells(cells))
    assert workshop.risks.matrix() == riskmatrix.spbe("A")
    assert workshop.store.undo_name() == "Tambah risiko R-GOV-01-01"


def test_treatment_options_follow_the_risk_type(workshop, innovation):
    positive = workshop.risks.add(innovation_id=innovation.id, event="Minat investor tinggi", risk_type="positive",
                                  treatment_option="exploit")
    assert positive.treatment_decision == "yes"
    with pytest.raises(ValidationError):
        workshop.risks.update(positive.id, treatment_option="mitigate")


def test_risks_at_or_above_appetite_must_be_treated(workshop, innovation):
    category = _category(workshop)
    high = workshop.risks.add(innovation_id=innovation.id, event="Data tidak terintegrasi antar OPD",
                              category_id=category.id, likelihood=3, impact=3)  # 14 >= 11
    workshop.risks.add(innovation_id=innovation.id, event="Server mati sebentar", category_id=category.id,
                       likelihood=2, impact=2)  # 7 < 11
    assert [r.id for r in workshop.risks.lacking_treatment()] == [high.id]
    workshop.risks.update(high.id, treatment_option="mitigate")
    assert [r.id for r in workshop.risks.lacking_treatment()] == [high.id]  # an option without an action is not enough
    workshop.risks.update(high.id, treatment_action="Integrasi data melalui Satu Data")
    assert workshop.risks.lacking_treatment() == []
    workshop.risks.categories.update(category.id, appetite_negative=6)
    assert [r.event for r in workshop.risks.lacking_treatment()] == ["Server mati sebentar"]
    with pytest.raises(ValidationError):
        workshop.risks.categories.update(category.id, appetite_negative=26)


def test_group_scores_median_disagreement_and_adoption(workshop, innovation):
    risk = workshop.risks.add(innovation_id=innovation.id, event="Vendor lock-in")
    workshop.risks.groups.set(risk.id, "Kelompok 1", 2, 3)
    workshop.risks.groups.set(risk.id, "Kelompok 2", 3, 3)
    summary = workshop.risks.groups.consensus(risk.id)
    assert (summary.median_likelihood, summary.disagreement) == (2.5, False)
    workshop.risks.groups.set(risk.id, "Kelompok 3", 4, 4)
    workshop.risks.groups.set(risk.id, "Kelompok 1", 2, 3)  # replaces, does not add
    summary = workshop.risks.groups.consensus(risk.id)
    assert len(summary.scores) == 3 and summary.spread_likelihood == 2 and summary.disagreement
    adopted = workshop.risks.adopt_group_median(risk.id)
    assert (adopted.likelihood, adopted.impact, adopted.magnitude) == (3, 3, 14)
    with pytest.raises(ValidationError):
        workshop.risks.groups.set(risk.id, "Kelompok 4", 6, 1)
    assert workshop.risks.rows()[0].disagreement


def test_lists_refuse_deleting_entries_in_use(workshop, innovation):
    category = _category(workshop)
    workshop.risks.add(innovation_id=innovation.id, event="Aplikasi tidak dipakai", category_id=category.id)
    with pytest.raises(ValidationError, match="1"):
        workshop.risks.categories.delete(category.id)
    area = workshop.risks.impact_areas.add(name="Lingkungan")
    workshop.risks.impact_areas.delete(area.id)
    with pytest.raises(ValidationError):
        workshop.risks.impact_areas.add(name="reputasi")


def test_action_plan_link_must_be_a_plan_of_the_same_innovation(workshop, innovation):
    plan = workshop.plans.add(innovation_id=innovation.id, activity="Sosialisasi", first_year=2025, last_year=2025,
                              opd_id=innovation.lead_opd_id)
    risk = workshop.risks.add(innovation_id=innovation.id, event="Warga tidak tahu", action_plan_id=plan.id)
    assert risk.action_plan_id == plan.id
    other = workshop.innovations.add(dimension_id=innovation.dimension_id, name="Satu Data Serang",
                                     lead_opd_id=innovation.lead_opd_id)
    with pytest.raises(ValidationError):
        workshop.risks.add(innovation_id=other.id, event="Data kosong", action_plan_id=plan.id)
    workshop.plans.delete(plan.id)
    assert workshop.risks.get(risk.id).action_plan_id is None


def test_register_rows_filters_and_heat_map_counts(workshop, innovation):
    a = workshop.risks.add(innovation_id=innovation.id, event="A", likelihood=3, impact=3, residual_likelihood=2,
                           residual_impact=2, category_id=_category(workshop).id)
    workshop.risks.add(innovation_id=innovation.id, event="Vendor lock-in", likelihood=3, impact=3)
    workshop.risks.add(innovation_id=innovation.id, event="C")
    rows = workshop.risks.rows()
    assert cell_counts(rows) == {(3, 3): 2}
    assert cell_counts(rows, residual=True) == {(2, 2): 1}
    assert [r.id for r in rows if RegisterFilter(cell=(2, 2), residual_cell=True).matches(r)] == [a.id]
    # the uncategorised 3x3 (14) is held to the default appetite (11): it needs a treatment too
    assert [r.event for r in rows if RegisterFilter(treated=False).matches(r)] == ["A", "Vendor lock-in"]
    assert [r.event for r in rows if RegisterFilter(level=3, text="VENDOR").matches(r)] == ["Vendor lock-in"]
    assert all(RegisterFilter(opd_id=innovation.lead_opd_id).matches(r) for r in rows)
    workshop.innovations.delete(innovation.id)
    assert workshop.risks.count() == 0


def test_an_uncategorised_risk_is_held_to_the_default_appetite(workshop, innovation):
    """Issue 16: a 24 (Sangat Tinggi) risk from the quick-add line, with no category, counts as untreated."""
    assert workshop.risks.default_appetite("negative") == 11  # the lowest appetite of the SPBE categories
    high = workshop.risks.add(innovation_id=innovation.id, event="Server pusat data terbakar", likelihood=5, impact=4)
    low = workshop.risks.add(innovation_id=innovation.id, event="Jaringan lambat", likelihood=2, impact=2)
    rows = {r.id: r for r in workshop.risks.rows()}
    assert rows[high.id].appetite == 11 and rows[high.id].lacks_treatment
    assert not rows[low.id].lacks_treatment
    assert [r.id for r in workshop.risks.lacking_treatment()] == [high.id]
    strict = workshop.risks.categories.list()[0]
    workshop.risks.categories.update(strict.id, appetite_negative=6)  # one stricter category: the default follows
    assert workshop.risks.default_appetite("negative") == 6
    assert {r.id for r in workshop.risks.lacking_treatment()} == {high.id, low.id}
    lenient = workshop.risks.categories.list()[1]
    workshop.risks.update(high.id, category_id=lenient.id)
    workshop.risks.categories.update(lenient.id, appetite_negative=None)  # a category without appetite sets none
    assert [r.id for r in workshop.risks.lacking_treatment()] == [low.id]
