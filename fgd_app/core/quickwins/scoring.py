"""Quick wins (program unggulan): scores, dot votes, the stored rule and the facilitator's final choice.

``ws.quickwins`` is the repository; ``ws.quickwins.criteria`` the editable criteria; ``board()`` returns every
innovation with its weighted score, impact, effort, votes, highest residual risk, candidacy and rank, all
computed by ``quickwin_rules`` (see there for every rule, including missing scores and ties). Every change
is one undoable ``store.write``; nothing computed is stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.quickwins.board import Board, build_board, rescore
from fgd_app.core.quickwins.criteria import Criteria, parse_weight
from fgd_app.core.quickwins.rules import SCORE_MAX, SCORE_MIN, Rule, cell_score
from fgd_app.core.store.record_table import clean_text, max_length, new_id, require
from fgd_app.core.store.references import register_table_label
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, tr

register_table_label("quickwin_score", N_("quick-win score(s)"))
register_table_label("quickwin_vote", N_("vote entr(ies)"))
register_table_label("quickwin_choice", N_("quick-win choice(s)"))

MAX_VOTES = 10_000
JUSTIFICATION_LIMIT = 2000
RULE_FIELDS = tuple(f.name for f in dataclasses.fields(Rule))


def parse_score(value: Any, field: str = "score") -> int | None:
    """Return a score 1-5, or None for an empty value (clears the score)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        number = -1
    if isinstance(value, float) and value != int(value):
        number = -1
    if not SCORE_MIN <= number <= SCORE_MAX:
        raise ValidationError(field, tr("A score is a whole number from 1 to 5."))
    return number


def parse_votes(value: Any, field: str = "votes") -> int:
    """Return a number of votes 0..10,000 (empty = 0)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        number = int(str(value).strip().replace(".", "")) if not isinstance(value, bool) else -1
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_VOTES:
        raise ValidationError(field, tr("Votes are a whole number from 0 to {limit}.", limit=f"{MAX_VOTES:,}"
                                        .replace(",", ".")))
    return number


def clean_group(name: Any, field: str = "group_name") -> str:
    group = " ".join(clean_text(name).split())
    max_length(field, group, 100, tr("Group"))
    return group


class QuickWins:
    """The quick-win part of a workshop (``ws.quickwins``)."""

    def __init__(self, store: Store):
        self.store = store
        self.criteria = Criteria(store)

    # --- helpers -----------------------------------------------------------------------------------
    def _code(self, innovation_id: str) -> str:
        code = self.store.scalar("SELECT code FROM innovation WHERE id = ?", (innovation_id,))
        if code is None:
            raise ValidationError("innovation_id", tr("The innovation no longer exists."))
        return code

    def _criterion_name(self, criterion_id: str) -> str:
        try:
            return self.criteria.get(criterion_id).display
        except KeyError:
            raise ValidationError("criterion_id", tr("The criterion no longer exists.")) from None

    # --- scores ------------------------------------------------------------------------------------
    def score(self, innovation_id: str, criterion_id: str, group: str = "") -> int | None:
        return self.store.scalar("SELECT score FROM quickwin_score WHERE innovation_id = ? AND criterion_id = ? "
                                 "AND group_name = ?", (innovation_id, criterion_id, group))

    def set_score(self, innovation_id: str, criterion_id: str, score: Any, group: str = "") -> None:
        """Set (or with None/"" clear) one score; ``group`` "" is the agreed score. One undoable operation."""
        value = parse_score(score)
        group = clean_group(group)
        code, criterion = self._code(innovation_id), self._criterion_name(criterion_id)
        if value == self.score(innovation_id, criterion_id, group):
            return
        shown = str(value) if value is not None else "\u2013"
        name = (tr("Score {code}, {criterion}: {score}", code=code, criterion=criterion, score=shown) if not group
                else tr("Score of {group} for {code}, {criterion}: {score}", group=group, code=code,
                        criterion=criterion, score=shown))
        with self.store.write(name):
            self._write_score(innovation_id, criterion_id, group, value)

    def _write_score(self, innovation_id: str, criterion_id: str, group: str, value: int | None) -> None:
        stamp = now_iso()
        if value is None:
            self.store.execute("DELETE FROM quickwin_score WHERE innovation_id = ? AND criterion_id = ? "
                               "AND group_name = ?", (innovation_id, criterion_id, group))
            return
        self.store.execute(
            "INSERT INTO quickwin_score (id, innovation_id, criterion_id, group_name, score, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (innovation_id, criterion_id, group_name) "
            "DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at",
            (new_id(), innovation_id, criterion_id, group, value, stamp, stamp))

    def groups(self) -> list[str]:
        """Return the FGD groups that gave scores or votes, in natural order."""
        names = {r[0] for r in self.store.query("SELECT DISTINCT group_name FROM quickwin_score WHERE group_name <> '' "
                                                "UNION SELECT DISTINCT voter FROM quickwin_vote WHERE voter <> ''")}
        return sorted(names, key=lambda n: (len(n), n.casefold()))

    def adopt_medians(self, innovation_ids: Iterable[str] | None = None) -> int:
        """Make the groups' rounded medians the agreed scores (one operation); return cells changed."""
        wanted = None if innovation_ids is None else set(innovation_ids)
        cells: dict[tuple[str, str], list[tuple[str, int]]] = {}
        agreed: dict[tuple[str, str], int] = {}
        for innovation_id, criterion_id, group, value in self.store.query(
                "SELECT innovation_id, criterion_id, group_name, score FROM quickwin_score"):
            if wanted is not None and innovation_id not in wanted:
                continue
            if group:
                cells.setdefault((innovation_id, criterion_id), []).append((group, value))
            else:
                agreed[(innovation_id, criterion_id)] = value
        changes = {key: cell_score(None, groups).rounded_median for key, groups in cells.items()}
        changes = {key: value for key, value in changes.items() if agreed.get(key) != value}
        if not changes:
            return 0
        with self.store.write(tr("Agree on the groups' medians ({count} scores)", count=len(changes))):
            for (innovation_id, criterion_id), value in changes.items():
                self._write_score(innovation_id, criterion_id, "", value)
        return len(changes)

    def remove_group(self, group: str) -> int:
        """Delete every score and vote of one FGD group (one operation); return rows removed."""
        group = clean_group(group)
        require("group_name", group, tr("Group"))
        with self.store.write(tr("Remove the scores and votes of {group}", group=group)):
            n = self.store.execute("DELETE FROM quickwin_score WHERE group_name = ?", (group,)).rowcount
            n += self.store.execute("DELETE FROM quickwin_vote WHERE voter = ?", (group,)).rowcount
        return n

    # --- votes -------------------------------------------------------------------------------------
    def votes(self, innovation_id: str) -> dict[str, int]:
        """Return {voter: votes} of one innovation ("" = counted in the plenary)."""
        return {r[0]: r[1] for r in self.store.query(
            "SELECT voter, votes FROM quickwin_vote WHERE innovation_id = ? ORDER BY voter", (innovation_id,))}

    def set_votes(self, innovation_id: str, votes: Any, voter: str = "") -> None:
        """Set the votes ``voter`` (group or participant; "" = plenary) gave an innovation; 0 removes them."""
        value = parse_votes(votes)
        voter = clean_group(voter, "voter")
        code = self._code(innovation_id)
        if value == self.votes(innovation_id).get(voter, 0):
            return
        name = (tr("Votes for {code}: {votes}", code=code, votes=value) if not voter
                else tr("Votes of {voter} for {code}: {votes}", voter=voter, code=code, votes=value))
        stamp = now_iso()
        with self.store.write(name):
            if value == 0:
                self.store.execute("DELETE FROM quickwin_vote WHERE innovation_id = ? AND voter = ?",
                                   (innovation_id, voter))
            else:
                self.store.execute(
                    "INSERT INTO quickwin_vote (id, innovation_id, voter, votes, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (innovation_id, voter) "
                    "DO UPDATE SET votes = excluded.votes, updated_at = excluded.updated_at",
                    (new_id(), innovation_id, voter, value, stamp, stamp))

    # --- the rule ----------------------------------------------------------------------------------
    def rule(self) -> Rule:
        row = self.store.query_one(f"SELECT {', '.join(RULE_FIELDS)} FROM quickwin_rule")
        return Rule(**{k: row[k] for k in RULE_FIELDS}) if row is not None else Rule()

    def validate_rule(self, values: dict[str, Any]) -> dict[str, Any]:
        v = dict(values)
        for key, label in (("min_impact", tr("Minimum impact")), ("max_effort", tr("Maximum effort"))):
            try:
                number = float(str(v[key]).replace(",", ".")) if not isinstance(v[key], bool) else 0.0
            except ValueError:
                number = 0.0
            if not 1 <= number <= 5:
                raise ValidationError(key, tr("{field} must be a number from 1 to 5.", field=label))
            v[key] = round(number, 2)
        years = v.get("max_first_result_years")
        if years not in (None, ""):
            horizon = self.store.query_one("SELECT horizon_first_year, horizon_last_year FROM workshop")
            length = horizon[1] - horizon[0] + 1 if horizon else 30
            if isinstance(years, bool) or not str(years).strip().isdigit() or not 1 <= int(years) <= length:
                raise ValidationError("max_first_result_years", tr(
                    "The first result must fall within 1 to {count} years of the horizon.", count=length))
            v["max_first_result_years"] = int(years)
        else:
            v["max_first_result_years"] = None
        level = v.get("max_residual_level")
        if level not in (None, ""):
            known = {r[0] for r in self.store.query("SELECT number FROM risk_level")}
            if isinstance(level, bool) or not str(level).strip().isdigit() or int(level) not in known:
                raise ValidationError("max_residual_level", tr("Choose a risk level of the matrix in use."))
            v["max_residual_level"] = int(level)
        else:
            v["max_residual_level"] = None
        v["votes_weight"] = parse_weight(v.get("votes_weight"), "votes_weight")
        v["focus_first"] = 1 if v.get("focus_first") in (1, True, "1") else 0
        return v

    def update_rule(self, **changes: Any) -> Rule:
        """Validate and save changes to the quick-win rule (one undoable operation)."""
        unknown = set(changes) - set(RULE_FIELDS)
        if unknown:
            raise TypeError(f"unknown rule fields: {sorted(unknown)}")
        current = dataclasses.asdict(self.rule())
        values = self.validate_rule(current | changes)
        changed = {k: v for k, v in values.items() if v != current[k]}
        if not changed:
            return self.rule()
        sets = ", ".join(f"{k} = ?" for k in changed)
        with self.store.write(tr("Edit the quick-win rule")):
            self.store.execute(f"UPDATE quickwin_rule SET {sets}, updated_at = ?", (*changed.values(), now_iso()))
        return self.rule()

    # --- the final choice --------------------------------------------------------------------------
    def choice(self, innovation_id: str) -> str | None:
        """Return the justification when the innovation is chosen, else None."""
        return self.store.scalar("SELECT justification FROM quickwin_choice WHERE innovation_id = ?",
                                 (innovation_id,))

    def choose(self, innovation_id: str, justification: str) -> None:
        """Choose an innovation as a quick win with a short justification (or edit the justification)."""
        code = self._code(innovation_id)
        text = clean_text(justification, multiline=True)
        require("justification", text, tr("Justification"))
        max_length("justification", text, JUSTIFICATION_LIMIT, tr("Justification"))
        current = self.choice(innovation_id)
        if current == text:
            return
        stamp = now_iso()
        if current is not None:
            with self.store.write(tr("Edit the justification of quick win {code}", code=code)):
                self.store.execute("UPDATE quickwin_choice SET justification = ?, updated_at = ? "
                                   "WHERE innovation_id = ?", (text, stamp, innovation_id))
            return
        position = int(self.store.scalar("SELECT coalesce(max(position), 0) + 1 FROM quickwin_choice"))
        with self.store.write(tr("Choose {code} as a quick win", code=code)):
            self.store.execute("INSERT INTO quickwin_choice (id, innovation_id, justification, position, created_at, "
                               "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                               (new_id(), innovation_id, text, position, stamp, stamp))

    def unchoose(self, innovation_id: str) -> None:
        """Take an innovation off the chosen quick wins (one operation; its justification goes with it)."""
        if self.choice(innovation_id) is None:
            return
        with self.store.write(tr("Unchoose quick win {code}", code=self._code(innovation_id))):
            self.store.execute("DELETE FROM quickwin_choice WHERE innovation_id = ?", (innovation_id,))

    # --- everything computed -----------------------------------------------------------------------
    def board(self) -> Board:
        """Return every innovation with its scores, computed values, candidacy and rank (see ``Board``)."""
        return build_board(self.store, self.criteria.list(), self.rule())

    def rescore(self, board: Board, innovation_ids: Iterable[str]) -> Board:
        """Return ``board`` with the scores of some innovations read again; only valid when nothing but
        ``quickwin_score`` rows of those innovations changed since ``board`` was built."""
        return rescore(self.store, board, set(innovation_ids))
