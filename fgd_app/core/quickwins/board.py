"""The quick-win board: every innovation with its scores, computed values, candidacy, choice and rank.

One read of the file (a handful of queries), then pure computation by ``quickwin_rules``; screens and
reports take their rows from here, so the page, the chart and the printed summary always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fgd_app.core.quickwins.rules import (
    AGREED_ONLY,
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
from fgd_app.core.store.writer import Store


@dataclass(eq=False, slots=True)
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
    focus: bool = False  # of a focus dimension of the region (analysis page)

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
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples: about twice as fast as sqlite3.Row on 30,000 scores
    q = cursor.execute
    horizon_first = q("SELECT horizon_first_year FROM workshop").fetchone()[0]
    levels = {n: RiskLevelInfo(n, name, colour)
              for n, name, colour in q("SELECT number, name, colour FROM risk_level ORDER BY number")}
    criterion_ids = {c.id for c in criteria}
    agreed: dict[str, dict[str, int]] = {}  # innovation -> criterion -> agreed score
    groups: dict[str, dict[str, list[tuple[str, int]]]] = {}  # innovation -> criterion -> (group, score)
    group_names: set[str] = set()
    for innovation_id, criterion_id, group, score in q(
            "SELECT innovation_id, criterion_id, group_name, score FROM quickwin_score"):
        if criterion_id not in criterion_ids:
            continue
        if group:
            groups.setdefault(innovation_id, {}).setdefault(criterion_id, []).append((group, score))
            group_names.add(group)
        else:
            agreed.setdefault(innovation_id, {})[criterion_id] = score
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
    focus = {r[0] for r in q("SELECT dimension_id FROM dimension_analysis WHERE is_focus = 1")}
    rows = []
    for innovation_id, code, name, dimension_id, lead in q(
            "SELECT id, code, name, dimension_id, lead_opd_id FROM innovation"):
        dim_code, dim_name, dim_index = dimensions.get(dimension_id, ("", "", 0))
        text, position = choices.get(innovation_id, (None, 0))
        row = BoardRow(innovation_id, code, name, dimension_id, dim_code, dim_name, dim_index, opds.get(lead, ""), {},
                       totals.get(innovation_id, 0), tuple(votes.get(innovation_id, ())), NOTHING,
                       first_result.get(innovation_id), risk_levels.get(innovation_id), (), False, None, text,
                       position, focus=dimension_id in focus)
        _score_row(row, agreed.get(innovation_id, {}), groups.get(innovation_id, {}), criteria, rule, max_votes,
                   horizon_first, level_names)
        rows.append(row)
    return Board(criteria, rule, _ranked(rows, rule), levels, horizon_first, max_votes, _natural(group_names))


def rescore(store: Store, board: Board, innovation_ids: set[str]) -> Board:
    """Return the board with the scores of ``innovation_ids`` read again (nothing else may have changed:
    criteria, rule, votes, plans, risks and choices are taken from ``board``). About 100 times cheaper
    than ``build_board`` on 6,000 innovations, so a typed score refreshes at once."""
    criterion_ids = {c.id for c in board.criteria}
    ids = [i for i in innovation_ids if board.row(i) is not None]
    agreed: dict[str, dict[str, int]] = {}
    groups: dict[str, dict[str, list[tuple[str, int]]]] = {}
    cursor = store.conn.cursor()
    cursor.row_factory = None
    marks = ", ".join("?" * len(ids))
    for innovation_id, criterion_id, group, score in cursor.execute(
            f"SELECT innovation_id, criterion_id, group_name, score FROM quickwin_score "
            f"WHERE innovation_id IN ({marks})", ids):
        if criterion_id not in criterion_ids:
            continue
        if group:
            groups.setdefault(innovation_id, {}).setdefault(criterion_id, []).append((group, score))
        else:
            agreed.setdefault(innovation_id, {})[criterion_id] = score
    level_names = {n: info.name for n, info in board.levels.items()}
    for innovation_id in ids:
        _score_row(board.row(innovation_id), agreed.get(innovation_id, {}), groups.get(innovation_id, {}),
                   board.criteria, board.rule, board.max_votes, board.horizon_first_year, level_names)
    names = {r[0] for r in cursor.execute("SELECT DISTINCT group_name FROM quickwin_score WHERE group_name <> '' "
                                          "UNION SELECT DISTINCT voter FROM quickwin_vote WHERE voter <> ''")}
    return Board(board.criteria, board.rule, _ranked(list(board.rows), board.rule), board.levels, board.horizon_first_year,
                 board.max_votes, _natural(names))


NOTHING = Evaluation(None, None, None)


def _score_row(row: BoardRow, own: dict[str, int], groups: dict[str, list[tuple[str, int]]],
               criteria: list[Criterion], rule: Rule, max_votes: int, horizon_first: int,
               level_names: dict[int, str]) -> None:
    """Fill the row's cells, evaluation, checks, candidacy and quadrant from its scores."""
    cells = {c: AGREED_ONLY[score] for c, score in own.items()}
    effective: dict[str, int | None] = own
    if groups:
        for criterion_id, scores in groups.items():
            cells[criterion_id] = cell_score(own.get(criterion_id), scores)
        effective = {c: cell.effective for c, cell in cells.items()}
    evaluation = evaluate(criteria, effective, votes=row.votes, max_votes=max_votes, votes_weight=rule.votes_weight)
    row.cells = cells
    row.evaluation = evaluation
    row.checks = check_rule(evaluation, rule, first_result_year=row.first_result_year,
                            horizon_first_year=horizon_first, risk_level=row.risk_level, level_names=level_names)
    row.candidate = is_candidate(row.checks)
    row.quadrant = quadrant(evaluation.impact, evaluation.effort, rule)


def _ranked(rows: list[BoardRow], rule: Rule) -> list[BoardRow]:
    rows.sort(key=lambda r: rank_key(r.weighted, r.votes, r.impact, r.code, r.focus and bool(rule.focus_first)))
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return rows


def _natural(names: set[str]) -> list[str]:
    return sorted(names, key=lambda n: (len(n), n.casefold()))

