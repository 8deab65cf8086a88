"""The sample quick-win scoring: most innovations scored, group scores with disagreements, votes, two choices."""

from __future__ import annotations

import pytest

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "serang.fgd.db"
    write_demo(path)
    with Workshop.open(path, read_only=True) as ws:
        yield ws.quickwins.board()


def test_demo_scores_nearly_every_innovation_some_incomplete_and_some_by_the_groups_only(board):
    scored = [r for r in board.rows if r.weighted is not None]
    assert len(scored) == len(board.rows) >= 50
    assert 1 <= sum(1 for r in board.rows if not r.complete) <= 10
    cells = [c for r in board.rows for c in r.cells.values()]
    assert any(c.from_median for c in cells) and any(c.disagreement for c in cells)
    assert board.groups == ["Kelompok 1", "Kelompok 2", "Kelompok 3", "Kelompok 4"]


def test_demo_has_votes_candidates_in_every_quadrant_and_two_justified_choices(board):
    assert board.max_votes >= 3 and sum(r.votes for r in board.rows) >= 40
    assert {r.quadrant for r in board.rows} == {"quick_win", "major", "fill_in", "reconsider"}
    assert 3 <= len(board.candidates()) <= 20
    chosen = board.chosen()
    assert len(chosen) == 2 and all(r.candidate and len(r.justification) > 40 for r in chosen)
    assert [r.rank for r in board.rows] == list(range(1, len(board.rows) + 1))
