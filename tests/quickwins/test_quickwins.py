"""Quick wins in the core: criteria as data, scores and medians, votes, weighted score, rule, ties, choice, undo."""

from __future__ import annotations

import sqlite3

import pytest

from fgd_app import i18n
from fgd_app.core.errors import ValidationError
from fgd_app.core.quickwins.rules import (
    Criterion,
    Rule,
    cell_score,
    code_key,
    evaluate,
    goodness,
    quadrant,
)

IMPACT = Criterion("i", "Impact", weight=3, direction="more", axis="impact")
COST = Criterion("c", "Cost", weight=1, direction="less", axis="effort")
EASE = Criterion("e", "Ease", weight=1, direction="more", axis="effort")
READY = Criterion("r", "Ready", weight=2, direction="more", axis="none")
OFF = Criterion("o", "Off", weight=0, direction="more", axis="impact")
CRITERIA = [IMPACT, COST, EASE, READY, OFF]


@pytest.fixture
def serang(workshop):
    """The workshop with two OPDs and five Smart Governance innovations GOV-01..GOV-05."""
    opd = workshop.opds.add(name="Dinas Komunikasi, Informatika, Statistik dan Persandian",
                            short_name="Diskominfosatik")
    gov = workshop.dimensions.by_code("GOV")
    workshop.ids = [workshop.innovations.add(dimension_id=gov.id, name=f"Layanan {n}", lead_opd_id=opd.id).id
                    for n in range(1, 6)]
    workshop.opd_id = opd.id
    return workshop


def criteria_by_key(ws) -> dict[str, Criterion]:
    return {c.key: c for c in ws.quickwins.criteria.list()}


def score_all(ws, innovation_id: str, **scores: int) -> None:
    keyed = criteria_by_key(ws)
    for key, value in scores.items():
        ws.quickwins.set_score(innovation_id, keyed[key].id, value)


# --- pure rules ----------------------------------------------------------------------------------------
def test_less_is_better_is_counted_as_six_minus_the_score():
    assert [goodness(s, "more") for s in range(1, 6)] == [1, 2, 3, 4, 5]
    assert [goodness(s, "less") for s in range(1, 6)] == [5, 4, 3, 2, 1]


def test_weighted_score_impact_and_effort_by_hand():
    ev = evaluate(CRITERIA, {"i": 5, "c": 2, "e": 4, "r": 3, "o": 1})
    # weighted: (3*5 + 1*(6-2) + 1*4 + 2*3) / (3+1+1+2) = 29/7 = 4.142857 -> 4.14; weight 0 is off
    assert ev.weighted == 4.14
    assert ev.impact == 5.0  # only "i" (the weight-0 criterion on the impact axis does not count)
    # effort: cost 2 (less: effort = score) and ease 4 (more: effort = 6-4 = 2) -> (1*2 + 1*2)/2
    assert ev.effort == 2.0
    assert ev.complete


def test_missing_scores_count_over_the_scored_criteria_only_and_flag_incomplete():
    ev = evaluate(CRITERIA, {"i": 4, "c": 5})
    assert ev.weighted == pytest.approx(round((3 * 4 + 1 * 1) / 4, 2)) == 3.25
    assert ev.missing == ("e", "r") and not ev.complete  # "o" has weight 0: not missing
    assert ev.effort == 5.0
    nothing = evaluate(CRITERIA, {})
    assert (nothing.weighted, nothing.impact, nothing.effort) == (None, None, None)


def test_votes_count_as_a_criterion_only_when_the_rule_gives_them_a_weight():
    scores = {"i": 3, "c": 3, "e": 3, "r": 3}
    assert evaluate(CRITERIA, scores, votes=4, max_votes=8).weighted == 3.0
    # votes goodness 1 + 4 * 4/8 = 3 ... and for the most-voted 5: (7*3 + 7*5) / 14 = 4
    assert evaluate(CRITERIA, scores, votes=8, max_votes=8, votes_weight=7).weighted == 4.0
    assert evaluate(CRITERIA, scores, votes=0, max_votes=8, votes_weight=7).weighted == 2.0  # (21 + 7*1)/14
    assert evaluate(CRITERIA, scores, votes=0, max_votes=0, votes_weight=7).weighted == 3.0  # nobody voted


def test_group_median_counts_until_an_agreed_score_is_given_and_spread_two_is_a_disagreement():
    cell = cell_score(None, [("Kelompok 1", 2), ("Kelompok 2", 4)])
    assert (cell.median, cell.spread, cell.effective, cell.from_median, cell.disagreement) == (3, 2, 3, True, True)
    assert cell_score(None, [("A", 2), ("B", 3)]).effective == 3  # median 2.5 rounds half up, as for risks
    assert cell_score(None, [("A", 2), ("B", 3), ("C", 3)]).disagreement is False
    agreed = cell_score(5, [("A", 1), ("B", 2)])
    assert (agreed.effective, agreed.from_median) == (5, False)


def test_quadrants_use_the_rule_thresholds_inclusively():
    rule = Rule(min_impact=4, max_effort=2)
    assert quadrant(4.0, 2.0, rule) == "quick_win"
    assert quadrant(4.0, 2.01, rule) == "major"
    assert quadrant(3.99, 2.0, rule) == "fill_in"
    assert quadrant(1, 5, rule) == "reconsider"
    assert quadrant(None, 1, rule) is None


def test_codes_sort_naturally():
    assert sorted(["GOV-10", "GOV-9", "BRD-02"], key=code_key) == ["BRD-02", "GOV-9", "GOV-10"]


# --- the file --------------------------------------------------------------------------------------------
def test_a_new_workshop_has_the_default_criteria_and_rule(workshop):
    criteria = workshop.quickwins.criteria.list()
    assert [(c.key, c.weight, c.direction, c.axis) for c in criteria] == [
        ("impact", 30, "more", "impact"), ("feasibility", 20, "more", "effort"), ("cost", 15, "less", "effort"),
        ("readiness", 20, "more", "none"), ("time", 15, "less", "effort")]
    assert criteria[0].display == "Dampak bagi warga"
    i18n.set_language("en")
    assert criteria[0].display == "Impact on citizens"
    assert workshop.quickwins.rule() == Rule(4, 2, 1, 4, 0)


def test_board_by_hand_with_defaults(serang):
    ws, (a, *_rest) = serang, serang.ids
    score_all(ws, a, impact=5, feasibility=4, cost=2, readiness=3, time=1)
    row = ws.quickwins.board().row(a)
    # (30*5 + 20*4 + 15*(6-2) + 20*3 + 15*(6-1)) / 100 = (150+80+60+60+75)/100
    assert row.weighted == 4.25
    assert row.impact == 5.0
    # effort: feasibility 6-4 = 2, cost 2, time 1 -> (20*2 + 15*2 + 15*1) / 50 = 1.7
    assert row.effort == 1.7
    assert row.quadrant == "quick_win"
    assert [c.passed for c in row.checks] == [True, True, False, True]  # no action plans yet
    assert not row.candidate
    ws.plans.add(innovation_id=a, activity="Kajian", first_year=2025, last_year=2026, opd_id=serang.opd_id)
    ws.plans.add(innovation_id=a, activity="Perbup", first_year=2025, last_year=2025, opd_id=serang.opd_id)
    row = ws.quickwins.board().row(a)
    assert row.first_result_year == 2025 and row.candidate


def test_missing_scores_are_flagged_and_rank_after_scored_rows(serang):
    ws, (a, b, c, *_rest) = serang, serang.ids
    score_all(ws, a, impact=4, cost=5)  # weighted (30*4 + 15*1) / 45 = 3.0
    score_all(ws, b, impact=2, feasibility=2, cost=2, readiness=2, time=2)
    board = ws.quickwins.board()
    row_a, row_b, row_c = board.row(a), board.row(b), board.row(c)
    assert row_a.weighted == 3.0 and not row_a.complete and len(row_a.evaluation.missing) == 3
    # b: (30*2 + 20*2 + 15*4 + 20*2 + 15*4) / 100 = 2.6
    assert row_b.weighted == 2.6 and row_b.complete
    assert row_c.weighted is None
    assert [r.id for r in board.rows][:3] == [a, b, board.rows[2].id] and board.rows[-1].weighted is None
    assert row_c.rank > row_b.rank > row_a.rank


def test_ties_are_broken_by_votes_then_impact_then_code(serang):
    ws, (a, b, c, d, e) = serang, serang.ids
    # a, b, c, d: every score 3 -> 3.0
    for innovation_id in (a, b, c, d):
        score_all(ws, innovation_id, impact=3, feasibility=3, cost=3, readiness=3, time=3)
    # e: (30*4 + 20*3 + 15*(6-3) + 20*3 + 15*(6-5)) / 100 = (120+60+45+60+15)/100 = 3.0, impact 4
    score_all(ws, e, impact=4, feasibility=3, cost=3, readiness=3, time=5)
    ws.quickwins.set_votes(c, 3)
    ws.quickwins.set_votes(d, 3)
    ws.quickwins.set_votes(e, 3)
    board = ws.quickwins.board()
    assert {r.weighted for r in board.rows} == {3.0}
    # votes 3: e (impact 4), then c and d (impact 3) by code; then a and b (0 votes) by code
    assert [r.id for r in board.rows] == [e, c, d, a, b]
    assert [r.rank for r in board.rows] == [1, 2, 3, 4, 5]


def test_group_scores_count_by_median_until_agreed_and_medians_can_be_adopted(serang):
    ws, (a, *_rest) = serang, serang.ids
    impact = criteria_by_key(ws)["impact"]
    ws.quickwins.set_score(a, impact.id, 2, group="Kelompok 1")
    ws.quickwins.set_score(a, impact.id, 5, group="Kelompok 2")
    ws.quickwins.set_score(a, impact.id, 4, group="Kelompok 3")
    row = ws.quickwins.board().row(a)
    assert row.score(impact.id) == 4 and row.cells[impact.id].disagreement and row.impact == 4.0
    assert ws.quickwins.groups() == ["Kelompok 1", "Kelompok 2", "Kelompok 3"]
    ws.quickwins.set_score(a, impact.id, 3)
    assert ws.quickwins.board().row(a).impact == 3.0
    assert ws.quickwins.adopt_medians() == 1
    assert ws.quickwins.score(a, impact.id) == 4
    assert ws.store.undo_name().startswith("Sepakati median")
    ws.undo()
    assert ws.quickwins.score(a, impact.id) == 3
    assert ws.quickwins.remove_group("Kelompok 2") == 1
    assert ws.quickwins.board().row(a).cells[impact.id].spread == 2


def test_residual_risk_rule_uses_residual_else_inherent_level_of_negative_risks_only(serang):
    ws, (a, b, c, *_rest) = serang, serang.ids
    for innovation_id in (a, b, c):
        score_all(ws, innovation_id, impact=5, feasibility=5, cost=1, readiness=5, time=1)
        ws.plans.add(innovation_id=innovation_id, activity="Perbup", first_year=2025, last_year=2025,
                     opd_id=serang.opd_id)
    # a: inherent 5x5 = 25 (Sangat Tinggi) but treated down to 2x2 = 7 (Rendah)
    ws.risks.add(innovation_id=a, event="Data bocor", likelihood=5, impact=5, treatment_decision="yes",
                 residual_likelihood=2, residual_impact=2)
    # b: untreated 5x4 = 23 (Sangat Tinggi): blocks
    ws.risks.add(innovation_id=b, event="Anggaran dipotong", likelihood=5, impact=4)
    # c: a positive risk at 25 never blocks
    ws.risks.add(innovation_id=c, event="Minat CSR", risk_type="positive", likelihood=5, impact=5)
    board = ws.quickwins.board()
    assert [board.row(i).risk_level for i in (a, b, c)] == [2, 5, None]
    assert [board.row(i).candidate for i in (a, b, c)] == [True, False, True]
    assert "Sangat Tinggi" in board.row(b).failed_checks[0].text
    ws.quickwins.update_rule(max_residual_level=None)
    assert ws.quickwins.board().row(b).candidate


def test_first_result_is_the_earliest_last_year_of_the_plans(serang):
    ws, (a, *_rest) = serang, serang.ids
    score_all(ws, a, impact=5, feasibility=5, cost=1, readiness=5, time=1)
    ws.plans.add(innovation_id=a, activity="Aplikasi", first_year=2025, last_year=2026, opd_id=serang.opd_id)
    row = ws.quickwins.board().row(a)
    assert row.first_result_year == 2026 and not row.candidate
    ws.quickwins.update_rule(max_first_result_years=2)
    assert ws.quickwins.board().row(a).candidate
    ws.quickwins.update_rule(max_first_result_years=None)
    assert ws.quickwins.board().row(a).checks[2].passed is None


def test_votes_tally_per_voter(serang):
    ws, (a, b, *_rest) = serang, serang.ids
    ws.quickwins.set_votes(a, 3, voter="Kelompok 1")
    ws.quickwins.set_votes(a, "2", voter="Kelompok 2")
    ws.quickwins.set_votes(b, 1)
    board = ws.quickwins.board()
    assert (board.row(a).votes, board.row(b).votes, board.max_votes) == (5, 1, 5)
    assert board.row(a).vote_breakdown == (("Kelompok 1", 3), ("Kelompok 2", 2))
    ws.quickwins.set_votes(a, 0, voter="Kelompok 1")
    assert ws.quickwins.votes(a) == {"Kelompok 2": 2}


def test_choosing_keeps_the_justification_and_is_undoable(serang):
    ws, (a, b, *_rest) = serang, serang.ids
    with pytest.raises(ValidationError) as error:
        ws.quickwins.choose(a, "   ")
    assert error.value.field == "justification"
    ws.quickwins.choose(a, "Dampak langsung bagi warga; biaya kecil.")
    ws.quickwins.choose(b, "Suara terbanyak.")
    assert [r.id for r in ws.quickwins.board().chosen()] == [a, b]
    assert ws.store.undo_name() == "Pilih GOV-02 sebagai quick win"
    ws.quickwins.choose(a, "Alasan baru")
    assert ws.quickwins.choice(a) == "Alasan baru"
    ws.undo()
    assert ws.quickwins.choice(a) == "Dampak langsung bagi warga; biaya kecil."
    ws.quickwins.unchoose(a)
    assert ws.quickwins.choice(a) is None
    ws.undo()
    assert ws.quickwins.choice(a) is not None


@pytest.mark.parametrize("bad", [0, 6, "x", 2.5, True, "-1"])
def test_scores_outside_one_to_five_are_refused(serang, bad):
    criterion = criteria_by_key(serang)["impact"]
    with pytest.raises(ValidationError):
        serang.quickwins.set_score(serang.ids[0], criterion.id, bad)
    assert serang.store.undo_name() != "x" and serang.quickwins.score(serang.ids[0], criterion.id) is None


def test_the_database_refuses_a_score_of_six_too(serang):
    criterion = criteria_by_key(serang)["impact"]
    with pytest.raises(sqlite3.IntegrityError), serang.store.write("bad"):
        serang.store.execute("INSERT INTO quickwin_score (id, innovation_id, criterion_id, group_name, score, "
                             "created_at, updated_at) VALUES ('x', ?, ?, '', 6, '', '')",
                             (serang.ids[0], criterion.id))


def test_clearing_a_score_and_undo_redo(serang):
    criterion = criteria_by_key(serang)["cost"]
    a = serang.ids[0]
    serang.quickwins.set_score(a, criterion.id, 2)
    serang.quickwins.set_score(a, criterion.id, "")
    assert serang.quickwins.score(a, criterion.id) is None
    serang.undo()
    assert serang.quickwins.score(a, criterion.id) == 2
    serang.redo()
    assert serang.quickwins.score(a, criterion.id) is None


def test_bad_votes_rule_and_criteria_are_refused(serang):
    qw = serang.quickwins
    for bad in (-1, "banyak", 10_001):
        with pytest.raises(ValidationError):
            qw.set_votes(serang.ids[0], bad)
    for field, bad in (("min_impact", 6), ("max_effort", 0), ("max_first_result_years", 11),
                       ("max_residual_level", 9), ("votes_weight", 101)):
        with pytest.raises(ValidationError) as error:
            qw.update_rule(**{field: bad})
        assert error.value.field == field
    assert qw.rule() == Rule()
    first = qw.criteria.list()[0]
    with pytest.raises(ValidationError):
        qw.criteria.update(first.id, weight="banyak")
    with pytest.raises(ValidationError):
        qw.criteria.add(name="biaya", weight=10, direction="less", axis="effort")  # same name as "Biaya"
    with pytest.raises(ValidationError):
        qw.criteria.add(name="Dukungan pimpinan", weight=10, direction="up", axis="none")


def test_criteria_are_editable_data(serang):
    qw = serang.quickwins
    added = qw.criteria.add(name="Dukungan pimpinan", description="1 = belum, 5 = penuh", weight="12,5",
                            direction="more", axis="impact")
    assert (added.weight, added.position, added.key) == (12.5, 6, None)
    cost = criteria_by_key(serang)["cost"]
    qw.criteria.update(cost.id, name="Biaya investasi")
    assert qw.criteria.get(cost.id).name_en == ""  # the English label described the old name
    qw.criteria.move(added.id, -1)
    assert [c.name for c in qw.criteria.list()][-2:] == ["Dukungan pimpinan", "Waktu sampai hasil pertama"]
    qw.set_score(serang.ids[0], added.id, 5)
    assert qw.criteria.scored(added.id) == 1
    qw.criteria.delete(added.id)
    assert qw.board().row(serang.ids[0]).weighted is None
    serang.undo()
    assert qw.board().row(serang.ids[0]).score(added.id) == 5


def test_merging_innovations_carries_their_scores_votes_and_choice(serang):
    ws, (a, b, *_rest) = serang, serang.ids
    score_all(ws, a, impact=5)
    score_all(ws, b, impact=1, cost=2)
    ws.quickwins.set_votes(b, 4)
    ws.quickwins.choose(b, "Pilihan pleno")
    ws.innovations.merge(a, b)
    row = ws.quickwins.board().row(a)
    assert row.score(criteria_by_key(ws)["impact"].id) == 5  # the kept innovation's own score wins
    assert row.score(criteria_by_key(ws)["cost"].id) == 2
    assert (row.votes, row.justification) == (4, "Pilihan pleno")


def test_read_only_workshop_refuses_quick_win_edits(workshop_path):
    from fgd_app.core import Workshop
    from fgd_app.core.errors import ReadOnlyWorkshopError

    with Workshop.open(workshop_path, read_only=True) as ws:
        assert ws.quickwins.board().rows == []
        with pytest.raises(ReadOnlyWorkshopError):
            ws.quickwins.update_rule(min_impact=3)


def test_rescoring_some_innovations_gives_the_same_board_as_building_it_again(serang):
    ws, ids = serang, serang.ids
    for n, innovation_id in enumerate(ids):
        score_all(ws, innovation_id, impact=1 + n % 5, feasibility=3, cost=2, readiness=4, time=1 + (n + 2) % 5)
    ws.quickwins.set_votes(ids[1], 2)
    board = ws.quickwins.board()
    impact = criteria_by_key(ws)["impact"].id
    ws.quickwins.set_score(ids[4], impact, 1)
    ws.quickwins.set_score(ids[0], impact, 5, group="Kelompok 9")
    ws.quickwins.set_score(ids[0], impact, 1, group="Kelompok 1")
    quick = ws.quickwins.rescore(board, {ids[4], ids[0]})
    full = ws.quickwins.board()

    def summary(b):
        return [(r.id, r.rank, r.weighted, r.impact, r.effort, r.candidate, r.quadrant, r.disagreements)
                for r in b.rows]

    assert summary(quick) == summary(full)
    assert quick.groups == full.groups == ["Kelompok 1", "Kelompok 9"]
