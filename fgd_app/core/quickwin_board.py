"""The quick-win board: every innovation with its scores, computed values, candidacy, choice and rank.

One read of the file (a handful of queries), then pure computation by ``quickwin_rules``; screens and
reports take their rows from here, so the page, the chart and the printed summary always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fgd_app.core.quickwin_rules import (
    CellScore,
    Check,
    Criterion,
    Evaluation,
    Rule,
    cell_score,
    check_rule,
    evaluate,
    is_candidate,
    quadrant,
    rank_key,
)
from fgd_app.core.store import Store


@dataclass(eq=False)
class BoardRow:
    """One innovation on the board."""

    id: str
    code: str
    name: str
    dimension_id: str
    dimension_code: str
    dimension_name: str
    dimension_index: int  # 0-based position of the dimension (for its colour)
    lead_opd: str
    cells: dict[str, CellScore]  # criterion id -> scores
    votes: int
    vote_breakdown: tuple[tuple[str, int], ...]  # (voter, votes); voter "" = plenary
    evaluation: Evaluation
    first_result_year: int | None
    risk_level: int | None  # highest residual level of its negative risks (None: none scored)
    checks: tuple[Check, ...]
    candidate: bool
    quadrant: str | None
    justification: str | None  # None: not chosen
    choice_position: int = 0
    rank: int = 0

    @property
    def chosen(self) -> bool:
        return self.justification is not None

    @property
    def weighted(self) -> float | None:
        return self.evaluation.weighted

    @property
    def impact(self) -> float | None:
        return self.evaluation.impact

    @property
    def effort(self) -> float | None:
        return self.evaluation.effort

    @property
    def complete(self) -> bool:
        return self.evaluation.complete

    def score(self, criterion_id: str) -> int | None:
        cell = self.cells.get(criterion_id)
        return cell.effective if cell else None

    @property
    def disagreements(self) -> int:
        return sum(1 for cell in self.cells.values() if cell.disagreement)

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.passed is False)


@dataclass(frozen=True)
class RiskLevelInfo:
    number: int
    name: str
    colour: str


@dataclass
class Board:
    """The rows in rank order, with what was used to compute them."""

    criteria: list[Criterion]
    rule: Rule
    rows: list[BoardRow]
    levels: dict[int, RiskLevelInfo]
    horizon_first_year: int
    max_votes: int
    groups: list[str] = field(default_factory=list)
    _by_id: dict[str, BoardRow] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {row.id: row for row in self.rows}

    def row(self, innovation_id: str) -> BoardRow | None:
        return self._by_id.get(innovation_id)

    def candidates(self) -> list[BoardRow]:
        return [row for row in self.rows if row.candidate]

    def chosen(self) -> list[BoardRow]:
        """Return the chosen quick wins in the order they were chosen."""
        return sorted((row for row in self.rows if row.chosen), key=lambda r: (r.choice_position, r.rank))

    def level_name(self, number: int | None) -> str:
        if number is None:
            return ""
        info = self.levels.get(number)
        return info.name if info else str(number)


def build_board(store: Store, criteria: list[Criterion], rule: Rule) -> Board:
    """Read scores, votes, plans, risks and choices once and compute every row."""
    q = store.conn.execute
    horizon_first = q("SELECT horizon_first_year FROM workshop").fetchone()[0]
    levels = {n: RiskLevelInfo(n, name, colour)
              for n, name, colour in q("SELECT number, name, colour FROM risk_level ORDER BY number")}
    criterion_ids = {c.id for c in criteria}
    agreed: dict[tuple[str, str], int] = {}
    groups: dict[tuple[str, str], list[tuple[str, int]]] = {}
    group_names: set[str] = set()
    for innovation_id, criterion_id, group, score in q(
            "SELECT innovation_id, criterion_id, group_name, score FROM quickwin_score"):
        if criterion_id not in criterion_ids:
            continue
        if group:
            groups.setdefault((innovation_id, criterion_id), []).append((group, score))
            group_names.add(group)
        else:
            agreed[(innovation_id, criterion_id)] = score
    votes: dict[str, list[tuple[str, int]]] = {}
    for innovation_id, voter, n in q("SELECT innovation_id, voter, votes FROM quickwin_vote ORDER BY voter"):
        votes.setdefault(innovation_id, []).append((voter, n))
        if voter:
            group_names.add(voter)
    totals = {i: sum(n for _, n in v) for i, v in votes.items()}
    max_votes = max(totals.values(), default=0)
    first_result = dict(q("SELECT innovation_id, min(last_year) FROM action_plan GROUP BY innovation_id").fetchall())
    risk_levels = dict(q("SELECT innovation_id, max(coalesce(residual_level, level)) FROM risk "
                         "WHERE risk_type = 'negative' AND level IS NOT NULL GROUP BY innovation_id").fetchall())
    choices = {i: (text, pos) for i, text, pos in q("SELECT innovation_id, justification, position FROM quickwin_choice")}
    level_names = {n: info.name for n, info in levels.items()}
    dimensions = {d: (code, name, index) for index, (d, code, name) in enumerate(
        q("SELECT id, code, name FROM dimension ORDER BY position").fetchall())}
    opds = {o: short or name for o, short, name in q("SELECT id, short_name, name FROM opd")}
    rows = []
    for innovation_id, code, name, dimension_id, lead in q(
            "SELECT id, code, name, dimension_id, lead_opd_id FROM innovation"):
        cells = {}
        for criterion in criteria:
            key = (innovation_id, criterion.id)
            if key in agreed or key in groups:
                cells[criterion.id] = cell_score(agreed.get(key), groups.get(key, ()))
        n_votes = totals.get(innovation_id, 0)
        evaluation = evaluate(criteria, {c: cell.effective for c, cell in cells.items()}, votes=n_votes,
                              max_votes=max_votes, votes_weight=rule.votes_weight)
        checks = check_rule(evaluation, rule, first_result_year=first_result.get(innovation_id),
                            horizon_first_year=horizon_first, risk_level=risk_levels.get(innovation_id),
                            level_names=level_names)
        dim_code, dim_name, dim_index = dimensions.get(dimension_id, ("", "", 0))
        text, position = choices.get(innovation_id, (None, 0))
        rows.append(BoardRow(
            innovation_id, code, name, dimension_id, dim_code, dim_name, dim_index, opds.get(lead, ""), cells,
            n_votes, tuple(votes.get(innovation_id, ())), evaluation, first_result.get(innovation_id),
            risk_levels.get(innovation_id), checks, is_candidate(checks),
            quadrant(evaluation.impact, evaluation.effort, rule), text, position))
    rows.sort(key=lambda r: rank_key(r.weighted, r.votes, r.impact, r.code))
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return Board(criteria, rule, rows, levels, horizon_first, max_votes,
                 sorted(group_names, key=lambda n: (len(n), n.casefold())))

