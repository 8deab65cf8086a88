"""Rounds of votes and scores (core, no Qt): one open round, anonymous once-only answers, budgets, applying
as one undo step into the quick-win votes and the groups' scores (medians and disagreement unchanged)."""

from __future__ import annotations

import pytest

from fgd_app.core.errors import FgdError
from fgd_app.core.room.rounds import RoundRefused, voter_hash


@pytest.fixture
def ws(workshop):
    opd = workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    gov, living = workshop.dimensions.list()[:2]
    workshop.inn = [workshop.innovations.add(dimension_id=gov.id, name=f"Layanan {n}", lead_opd_id=opd.id)
                    for n in range(1, 5)]
    workshop.other = workshop.innovations.add(dimension_id=living.id, name="Bus sekolah", lead_opd_id=opd.id)
    workshop.gov = gov
    workshop.risk = workshop.risks.add(innovation_id=workshop.inn[0].id, event="Server mati", likelihood=3, impact=4)
    return workshop


def _dots(r, **given):
    return {f"dot_{item}": str(given.get(item, 0)) for item in r.items}


def test_a_dot_vote_round_counts_each_phone_once_and_applies_as_one_undo_step(ws):
    r = ws.rounds.open_round("dot_vote", dimension_id=ws.gov.id, dots=3, most=2)
    assert r.items == [i.id for i in ws.inn] and r.dots == 3 and r.most == 2
    with pytest.raises(FgdError):
        ws.rounds.open_round("dot_vote")  # one open round at a time
    a, b = ws.inn[0].id, ws.inn[1].id
    assert ws.rounds.answer("token-phone-1", "client-0001", _dots(r, **{a: 2, b: 1})) is True
    assert ws.rounds.answer("token-phone-1", "client-0001", _dots(r, **{a: 2, b: 1})) is False  # a retry
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("token-phone-1", "client-0002", _dots(r, **{b: 1}))
    assert refused.value.reason == "double"
    for reason, values in (("over_budget", {a: 2, b: 2}), ("over_max", {a: 3}), ("empty", {})):
        with pytest.raises(RoundRefused) as refused:
            ws.rounds.answer("token-phone-2", "client-0003", _dots(r, **values))
        assert refused.value.reason == reason
    ws.rounds.answer("token-phone-2", "client-0004", _dots(r, **{a: 1, b: 2}))
    assert ws.rounds.count(r.id) == 2
    hashes = [row[0] for row in ws.store.query("SELECT voter_hash FROM room_answer")]
    assert voter_hash("token-phone-1", r.salt) in hashes and "token-phone-1" not in str(hashes)
    with pytest.raises(FgdError):
        ws.rounds.apply(r.id)  # close first
    ws.quickwins.set_votes(ws.inn[3].id, 7)  # plenary votes typed by hand before: cleared by the round
    ws.rounds.close(r.id)
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("token-phone-3", "client-0005", _dots(r, **{a: 1}), round_id=r.id)
    assert refused.value.reason == "closed"
    assert ws.rounds.apply(r.id) == 4
    assert "1" in ws.store.undo_name()
    assert ws.quickwins.votes(a) == {"": 3} and ws.quickwins.votes(b) == {"": 3}
    assert ws.quickwins.votes(ws.inn[3].id) == {}
    assert {row.id: row.votes for row in ws.quickwins.board().rows}[a] == 3
    ws.store.undo()
    assert ws.quickwins.votes(a) == {} and ws.quickwins.votes(ws.inn[3].id) == {"": 7}
    assert ws.rounds.get(r.id).applied_at is None
    assert [e for e, _ in ws.rounds.events(r.id)] == ["opened", "closed"]


def test_reopening_is_logged_and_a_phone_that_voted_still_cannot_vote_twice(ws):
    r = ws.rounds.open_round("dot_vote", candidates=False)
    ws.rounds.answer("tok-1", "client-0001", _dots(r, **{r.items[0]: 1}))
    ws.rounds.close(r.id)
    second = ws.rounds.open_round("dot_vote", dots=1)
    with pytest.raises(FgdError):
        ws.rounds.reopen(r.id)
    ws.rounds.close(second.id)
    ws.rounds.reopen(r.id)
    assert [e for e, _ in ws.rounds.events(r.id)] == ["opened", "closed", "reopened"]
    with pytest.raises(RoundRefused):
        ws.rounds.answer("tok-1", "client-0009", _dots(r, **{r.items[1]: 1}))
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("tok-2", "client-0010", _dots(r, **{r.items[1]: 1}), round_id=second.id)
    assert refused.value.reason == "closed"


def test_a_round_opened_to_close_at_the_end_closes_when_its_time_is_up_and_not_before(ws):
    from fgd_app.core.room.rounds import _epoch

    kept = ws.rounds.open_round("dot_vote", timer_seconds=60)  # the default: stays open at 0:00
    start = _epoch(kept.opened_at)
    assert not kept.close_at_end and ws.rounds.close_if_time_is_up(now=start + 120) is None
    ws.rounds.close(kept.id)
    untimed = ws.rounds.open_round("dot_vote", close_at_end=True)  # no timer: nothing to close at
    assert not untimed.close_at_end and ws.rounds.close_if_time_is_up(now=start + 10_000) is None
    ws.rounds.close(untimed.id)

    r = ws.rounds.open_round("dot_vote", timer_seconds=60, close_at_end=True)
    start = _epoch(r.opened_at)
    assert r.close_at_end and ws.rounds.close_if_time_is_up(now=start + 30) is None
    assert ws.rounds.current().id == r.id
    ws.rounds.answer("tok-1", "client-0001", _dots(r, **{r.items[0]: 1}))
    closed = ws.rounds.close_if_time_is_up(now=start + 61)
    assert closed is not None and not closed.is_open and ws.rounds.current() is None
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("tok-2", "client-0002", _dots(r, **{r.items[1]: 1}), round_id=r.id)
    assert refused.value.reason == "closed"
    again = ws.rounds.reopen(r.id)  # a reopened round runs its full time again
    assert ws.rounds.close_if_time_is_up(now=_epoch(again.opened_at) + 30) is None
    assert [e for e, _ in ws.rounds.events(r.id)] == ["opened", "closed", "reopened"]


def test_criteria_scores_by_group_reach_the_board_medians_and_disagreement(ws):
    r = ws.rounds.open_round("criteria", items=[ws.inn[0].id], groups=["Kelompok 1", "Kelompok 2", "Kelompok 3"])
    impact = r.criteria[0]
    key = f"s_{ws.inn[0].id}_{impact}"
    ws.rounds.answer("tok-a", "client-000a", {"group": "Kelompok 1", key: "5"})
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("tok-b", "client-000b", {"group": "Kelompok 1", key: "1"})
    assert refused.value.reason == "group_taken"  # only the phone that scored for the group may change it
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("tok-b", "client-000c", {"group": "Kelompok 9", key: "1"})
    assert refused.value.reason == "group"
    ws.rounds.answer("tok-b", "client-000d", {"group": "Kelompok 2", key: "2"})
    ws.rounds.answer("tok-a", "client-000e", {"group": "Kelompok 1", key: "4"})  # a correction, same phone
    ws.rounds.answer("tok-c", "client-000f", {"group": "Kelompok 3", key: "4"})
    assert ws.rounds.count(r.id) == 3
    ws.rounds.close(r.id)
    ws.rounds.apply(r.id)
    cell = ws.quickwins.board().row(ws.inn[0].id).cells[impact]
    assert sorted(cell.groups) == [("Kelompok 1", 4), ("Kelompok 2", 2), ("Kelompok 3", 4)]
    assert cell.effective == 4 and cell.disagreement
    assert ws.rounds.result(r.id)[0]["median"] == 4


def test_risk_scores_by_group_reach_the_consensus(ws):
    r = ws.rounds.open_round("risk", groups=["Meja A", "Meja B"])
    assert r.items == [ws.risk.id]
    ws.rounds.answer("tok-a", "client-000a", {"group": "Meja A", f"l_{ws.risk.id}": "2", f"i_{ws.risk.id}": "5"})
    ws.rounds.answer("tok-b", "client-000b", {"group": "Meja B", f"l_{ws.risk.id}": "4", f"i_{ws.risk.id}": "5"})
    with pytest.raises(RoundRefused):
        ws.rounds.answer("tok-c", "client-000c", {"group": "Meja B", f"l_{ws.risk.id}": "9", f"i_{ws.risk.id}": "1"})
    row = ws.rounds.result(r.id)[0]
    assert row["spread_likelihood"] == 2 and row["median_impact"] == 5
    ws.rounds.close(r.id)
    ws.rounds.apply(r.id)
    consensus = ws.risks.groups.consensus(ws.risk.id)
    assert consensus.median_likelihood == 3 and consensus.disagreement
    ws.store.undo()
    assert ws.risks.groups.consensus(ws.risk.id) is None


def test_no_round_and_bad_forms_are_refused_with_a_reason(ws):
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("tok", "client-0001", {})
    assert refused.value.reason == "no_round"
    r = ws.rounds.open_round("dot_vote")
    for client_id in ("short", "x" * 80, ""):
        with pytest.raises(RoundRefused):
            ws.rounds.answer("tok", client_id, _dots(r, **{r.items[0]: 1}))
    with pytest.raises(RoundRefused) as refused:
        ws.rounds.answer("tok", "client-0002", {f"dot_{r.items[0]}": "satu"})
    assert refused.value.reason == "invalid"
    with pytest.raises(FgdError):
        ws.rounds.open_round("poll")
