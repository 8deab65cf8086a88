"""Rounds of votes and scores from the phones (``ws.rounds``): the facilitator opens one, phones answer, the
facilitator closes it and applies the result.

- Kinds: ``dot_vote`` (each phone spreads N dots, at most M on one innovation, over the innovations shown),
  ``criteria`` (a table group scores the innovations 1-5 on the quick-win criteria) and ``risk`` (a table
  group scores likelihood and impact of the risks shown, on the workshop's risk matrix).
- One round is open at a time (a partial unique index in the file says so too). Opening, closing and
  reopening are logged in ``room_round_event`` and are not undo steps: the facilitator's controls reverse
  them (close, reopen). Applying a closed round's result is one undo step: a dot vote becomes the innovations'
  plenary votes on the quick-win page; criteria and risk scores become the groups' scores, so the existing
  medians and disagreement flags use them unchanged.
- Anonymous and once: an answer is keyed by SHA-256 of the phone's token and the round's salt (the file does
  not tell which phone, nor link a phone across rounds) and by the form's client id (a retried request is
  stored once). A dot vote is final; a group's scores may be corrected from the same phone while the round
  is open, never from another phone. Phones' answers are non-undoable writes, like part 1's ideas.
- Refusals raise ``RoundRefused`` with a ``reason`` key; the phone pages word it in the phone's language.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.room.records import CLIENT_ID
from fgd_app.core.store.record_table import clean_text, new_id
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, tr

KINDS = ("dot_vote", "criteria", "risk")
KIND_LABELS = {"dot_vote": N_("Dot vote for quick wins"), "criteria": N_("Quick-win criteria scores by group"),
               "risk": N_("Risk scores by group")}
DEFAULT_DOTS = 3
MAX_DOTS = 20
MAX_ITEMS = 60
DEFAULT_GROUPS = 6
GROUP_LIMIT = 100
TITLE_LIMIT = 300

# the reasons a phone's answer is refused; the phone pages word them (fgd_app/room/rounds.py)
REASONS = ("no_round", "closed", "double", "over_budget", "over_max", "empty", "group", "group_taken", "invalid")
REASON_TEXT = {
    "no_round": N_("No round is open now. Wait for the facilitator to open one."),
    "closed": N_("This round is closed: your answer was not saved."),
    "double": N_("This phone has already voted in this round. Each phone votes once."),
    "over_budget": N_("You gave more dots than you have ({dots}). Take some away and send again."),
    "over_max": N_("At most {most} dots on one innovation. Take some away and send again."),
    "empty": N_("Nothing to send yet: give at least one dot or one score."),
    "group": N_("Choose your table group."),
    "group_taken": N_("Another phone already scores for this group. Choose your own group."),
    "invalid": N_("The form is out of date; open it again."),
}


class RoundRefused(FgdError):
    """A phone's answer cannot be taken; ``reason`` is one of ``REASONS``."""

    def __init__(self, reason: str, **values: Any):
        self.reason, self.values = reason, values
        super().__init__(tr(REASON_TEXT[reason], **values))


@dataclass(frozen=True)
class Round:
    id: str
    number: int
    kind: str
    title: str
    settings: dict = field(hash=False)
    state: str
    salt: str
    opened_at: str
    closed_at: str | None
    applied_at: str | None

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def items(self) -> list[str]:
        """The innovations (dot vote, criteria) or risks (risk) shown, in order."""
        return list(self.settings.get("items", []))

    @property
    def dots(self) -> int:
        return int(self.settings.get("dots", DEFAULT_DOTS))

    @property
    def most(self) -> int:
        return int(self.settings.get("most", self.dots))

    @property
    def groups(self) -> list[str]:
        return list(self.settings.get("groups", []))

    @property
    def criteria(self) -> list[str]:
        return list(self.settings.get("criteria", []))

    @property
    def timer_seconds(self) -> int | None:
        value = self.settings.get("timer_seconds")
        return int(value) if value else None

    @property
    def close_at_end(self) -> bool:
        """Whether the round closes by itself when its timer runs out (else it stays open until closed)."""
        return bool(self.settings.get("close_at_end")) and self.timer_seconds is not None

    @property
    def live(self) -> bool:
        return bool(self.settings.get("live", True))

    def remaining(self, now: float | None = None) -> int | None:
        """Seconds left on the round's timer (None: no timer; 0: the time is up: the round stays open unless
        it was opened to close at the end, see ``Rounds.close_if_time_is_up``)."""
        if self.timer_seconds is None or not self.is_open:
            return None
        opened = _epoch(self.opened_at)
        return max(0, int(opened + self.timer_seconds - (time.time() if now is None else now) + 0.999))

    def label(self) -> str:
        return tr(KIND_LABELS[self.kind])

    @property
    def display_title(self) -> str:
        """The question typed when opening, else the kind of round (in the current language)."""
        return self.title or self.label()


def _epoch(stamp: str) -> float:
    import datetime as _dt

    return _dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=_dt.UTC).timestamp()


def voter_hash(token: str, salt: str) -> str:
    """Return the anonymous key of a phone in a round: SHA-256 of its token and the round's salt."""
    return hashlib.sha256(f"{token}\x00{salt}".encode("utf-8", "replace")).hexdigest()


def _whole(value: Any) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not text:
        return 0
    if not re.fullmatch(r"\d{1,4}", text):
        return None
    return int(text)


@dataclass(frozen=True)
class ItemInfo:
    id: str
    code: str
    name: str
    detail: str = ""  # an innovation's dimension; a risk's innovation and cause


class Rounds:
    """The rounds of a workshop's room (``ws.rounds``)."""

    def __init__(self, store: Store):
        self.store = store

    # --- reading ---------------------------------------------------------------------------------
    def _round(self, row) -> Round:
        return Round(row["id"], row["number"], row["kind"], row["title"], json.loads(row["settings"]), row["state"],
                     row["salt"], row["opened_at"], row["closed_at"], row["applied_at"])

    def get(self, round_id: str) -> Round:
        row = self.store.query_one("SELECT * FROM room_round WHERE id = ?", (round_id,))
        if row is None:
            raise KeyError(round_id)
        return self._round(row)

    def list(self) -> list[Round]:
        return [self._round(r) for r in self.store.query("SELECT * FROM room_round ORDER BY number")]

    def current(self) -> Round | None:
        """Return the open round, if any."""
        row = self.store.query_one("SELECT * FROM room_round WHERE state = 'open'")
        return None if row is None else self._round(row)

    def latest(self) -> Round | None:
        """Return the open round, else the one closed last (what the projector shows)."""
        row = self.store.query_one("SELECT * FROM room_round ORDER BY state = 'open' DESC, "
                                   "coalesce(closed_at, opened_at) DESC, number DESC LIMIT 1")
        return None if row is None else self._round(row)

    def count(self, round_id: str) -> int:
        return int(self.store.scalar("SELECT count(*) FROM room_answer WHERE round_id = ?", (round_id,)))

    def events(self, round_id: str) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.store.query(
            "SELECT event, at FROM room_round_event WHERE round_id = ? ORDER BY at, rowid", (round_id,))]

    def answers(self, round_id: str) -> list[tuple[str, dict]]:
        """Return (group, answer) of every phone's answer in a round."""
        return [(r[0], json.loads(r[1])) for r in self.store.query(
            "SELECT group_name, answer FROM room_answer WHERE round_id = ? ORDER BY created_at, rowid", (round_id,))]

    def live_state(self) -> dict[str, Any]:
        """Return what the phones' live channel carries: the round shown, its state and its answers count."""
        r = self.latest()
        if r is None:
            return {"round": None, "state": "none", "count": 0}
        return {"round": r.id, "number": r.number, "kind": r.kind, "state": r.state, "count": self.count(r.id)}

    # --- what can be shown -----------------------------------------------------------------------
    def default_groups(self) -> list[str]:
        """The workshop's FGD groups: those that already scored or voted, else "Kelompok 1" ... "Kelompok 6"."""
        names = {r[0] for r in self.store.query(
            "SELECT group_name FROM quickwin_score WHERE group_name <> '' UNION SELECT voter FROM quickwin_vote "
            "WHERE voter <> '' UNION SELECT group_name FROM risk_group_score")}
        if not names:
            return [tr("Group {number}", number=n) for n in range(1, DEFAULT_GROUPS + 1)]
        return sorted(names, key=lambda n: (len(n), n.casefold()))

    def innovation_ids(self, *, dimension_id: str | None = None, candidates: bool = False) -> list[str]:
        """The innovations a round can show: all, one dimension's, or the quick-win candidates."""
        if candidates:
            from fgd_app.core.quickwins.scoring import QuickWins

            rows = QuickWins(self.store).board().candidates()
            return [r.id for r in rows if dimension_id is None or r.dimension_id == dimension_id]
        sql = ("SELECT i.id FROM innovation i JOIN dimension d ON d.id = i.dimension_id "
               + ("WHERE i.dimension_id = ? " if dimension_id else "") + "ORDER BY d.position, i.code")
        return [r[0] for r in self.store.query(sql, (dimension_id,) if dimension_id else ())]

    def risk_ids(self, *, dimension_id: str | None = None) -> list[str]:
        sql = ("SELECT r.id FROM risk r JOIN innovation i ON i.id = r.innovation_id JOIN dimension d "
               "ON d.id = i.dimension_id " + ("WHERE i.dimension_id = ? " if dimension_id else "")
               + "ORDER BY d.position, i.code, r.code")
        return [r[0] for r in self.store.query(sql, (dimension_id,) if dimension_id else ())]

    def item_infos(self, r: Round) -> list[ItemInfo]:
        """Return the round's innovations or risks with their codes and names, in the round's order."""
        ids = r.items
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        if r.kind == "risk":
            rows = {row[0]: ItemInfo(row[0], row[1], row[2], f"{row[3]} {row[4]}") for row in self.store.query(
                f"SELECT r.id, r.code, r.event, i.code, i.name FROM risk r JOIN innovation i ON i.id = r.innovation_id "
                f"WHERE r.id IN ({marks})", ids)}
        else:
            rows = {row[0]: ItemInfo(row[0], row[1], row[2], row[3]) for row in self.store.query(
                f"SELECT i.id, i.code, i.name, d.name FROM innovation i JOIN dimension d ON d.id = i.dimension_id "
                f"WHERE i.id IN ({marks})", ids)}
        return [rows[i] for i in ids if i in rows]

    # --- the facilitator's controls ---------------------------------------------------------------
    def open_round(self, kind: str, *, title: str = "", items: list[str] | None = None,
                   dimension_id: str | None = None, candidates: bool = False, dots: Any = DEFAULT_DOTS,
                   most: Any = None, timer_seconds: Any = None, live: bool = True,
                   groups: list[str] | None = None, close_at_end: bool = False) -> Round:
        """Open a new round (refused while another is open); return it.

        ``close_at_end``: with a timer, the round closes when its time is up (``close_if_time_is_up``).
        """
        if kind not in KINDS:
            raise ValidationError("kind", tr("Choose what the round asks."))
        if self.current() is not None:
            raise FgdError(tr("Round {number} is still open: close it first.", number=self.current().number))
        if items is None:
            items = (self.risk_ids(dimension_id=dimension_id) if kind == "risk"
                     else self.innovation_ids(dimension_id=dimension_id, candidates=candidates))
        items = list(dict.fromkeys(items))[:MAX_ITEMS]
        if not items:
            raise ValidationError("items", tr("Nothing to show in this round: no risks match the choice.")
                                  if kind == "risk" else tr("Nothing to show in this round: no innovations match "
                                                            "the choice."))
        settings: dict[str, Any] = {"items": items, "live": bool(live), "dimension_id": dimension_id,
                                    "candidates": bool(candidates)}
        timer = _whole(timer_seconds)
        if timer is None or timer > 3600:
            raise ValidationError("timer_seconds", tr("The timer is a number of seconds up to 3600 (0: no timer)."))
        settings["timer_seconds"] = timer or None
        settings["close_at_end"] = bool(timer and close_at_end)
        if kind == "dot_vote":
            n = _whole(dots)
            if not n or n > MAX_DOTS:
                raise ValidationError("dots", tr("Dots per phone: a whole number from 1 to {most}.", most=MAX_DOTS))
            m = n if most in (None, "") else _whole(most)
            if not m or m > n:
                raise ValidationError("most", tr("Most dots on one innovation: a whole number from 1 to {dots}.",
                                                 dots=n))
            settings |= {"dots": n, "most": m}
        else:
            chosen = [" ".join(clean_text(g).split())[:GROUP_LIMIT] for g in (groups or self.default_groups())]
            chosen = [g for g in dict.fromkeys(chosen) if g]
            if not chosen:
                raise ValidationError("groups", tr("Give the table groups that will score."))
            settings["groups"] = chosen
            if kind == "criteria":
                settings["criteria"] = [r[0] for r in self.store.query(
                    "SELECT id FROM quickwin_criterion ORDER BY position, name")]
        title = " ".join(clean_text(title).split())[:TITLE_LIMIT]  # empty: the kind, in each reader's language
        number = int(self.store.scalar("SELECT coalesce(max(number), 0) + 1 FROM room_round"))
        round_id, stamp = new_id(), now_iso()
        with self.store.write(tr("Open round {number}", number=number), undoable=False):
            self.store.execute(
                "INSERT INTO room_round (id, number, kind, title, settings, state, salt, opened_at, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
                (round_id, number, kind, title, json.dumps(settings), secrets.token_hex(16), stamp, stamp, stamp))
            self._log(round_id, "opened", stamp)
        return self.get(round_id)

    def close(self, round_id: str) -> Round:
        r = self.get(round_id)
        if not r.is_open:
            return r
        stamp = now_iso()
        with self.store.write(tr("Close round {number}", number=r.number), undoable=False):
            self.store.execute("UPDATE room_round SET state = 'closed', closed_at = ?, updated_at = ? WHERE id = ?",
                               (stamp, stamp, round_id))
            self._log(round_id, "closed", stamp)
        return self.get(round_id)

    def close_if_time_is_up(self, now: float | None = None) -> Round | None:
        """Close the open round when it closes at the end of its timer and the time is up; return it if closed.

        A reopened round starts its timer again, so it runs its full time once more before it closes.
        """
        r = self.current()
        if r is None or not r.close_at_end or r.remaining(now) != 0:
            return None
        return self.close(r.id)

    def reopen(self, round_id: str) -> Round:
        """Open a closed round again (logged); its answers stay, phones that answered cannot answer twice."""
        r = self.get(round_id)
        if r.is_open:
            return r
        current = self.current()
        if current is not None:
            raise FgdError(tr("Round {number} is still open: close it first.", number=current.number))
        stamp = now_iso()
        with self.store.write(tr("Reopen round {number}", number=r.number), undoable=False):
            self.store.execute("UPDATE room_round SET state = 'open', closed_at = NULL, opened_at = ?, updated_at = ? "
                               "WHERE id = ?", (stamp, stamp, round_id))
            self._log(round_id, "reopened", stamp)
        return self.get(round_id)

    def _log(self, round_id: str, event: str, stamp: str) -> None:
        self.store.execute("INSERT INTO room_round_event (id, round_id, event, at, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)", (new_id(), round_id, event, stamp, stamp, stamp))

    # --- a phone's answer ------------------------------------------------------------------------
    def answer(self, token: str, client_id: str, values: dict[str, Any], round_id: str | None = None) -> bool:
        """Store a phone's answer to the open round; return False when this client id was already stored (a
        retry), True when stored now. Raise ``RoundRefused`` when it cannot be taken.

        ``values`` as a phone form sends them: ``dot_<innovation id>`` = dots; ``group``; ``s_<innovation
        id>_<criterion id>`` = 1-5; ``l_<risk id>`` and ``i_<risk id>`` = levels. ``round_id``: the round the
        form was made for (a form of a closed round is refused, not counted in the next one).
        """
        if not CLIENT_ID.match(client_id or "") or not token:
            raise RoundRefused("invalid")
        known = self.store.query_one("SELECT round_id FROM room_answer WHERE client_id = ?", (client_id,))
        r = self.current()
        if known is not None and (r is None or known[0] == r.id):
            return False  # a retried request: stored once
        if r is None:
            if round_id and self.store.scalar("SELECT 1 FROM room_round WHERE id = ?", (round_id,)):
                raise RoundRefused("closed")
            raise RoundRefused("no_round")
        if round_id and round_id != r.id:
            raise RoundRefused("closed")
        voter = voter_hash(token, r.salt)
        mine = self.store.query_one("SELECT id, group_name FROM room_answer WHERE round_id = ? AND voter_hash = ?",
                                    (r.id, voter))
        if mine is not None and r.kind == "dot_vote":
            raise RoundRefused("double")
        group, answer = self._parse(r, values)
        if group:
            holder = self.store.scalar("SELECT voter_hash FROM room_answer WHERE round_id = ? AND group_name = ?",
                                       (r.id, group))
            if holder is not None and holder != voter:
                raise RoundRefused("group_taken")
        stamp, text = now_iso(), json.dumps(answer, separators=(",", ":"))
        with self.store.write(tr("A phone answered round {number}", number=r.number), undoable=False):
            if mine is None:
                self.store.execute(
                    "INSERT INTO room_answer (id, round_id, voter_hash, client_id, group_name, answer, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (new_id(), r.id, voter, client_id, group, text, stamp, stamp))
            else:
                self.store.execute("UPDATE room_answer SET client_id = ?, group_name = ?, answer = ?, updated_at = ? "
                                   "WHERE id = ?", (client_id, group, text, stamp, mine["id"]))
        return True

    def _parse(self, r: Round, values: dict[str, Any]) -> tuple[str, dict]:
        items = r.items
        if r.kind == "dot_vote":
            dots: dict[str, int] = {}
            for item in items:
                n = _whole(values.get(f"dot_{item}"))
                if n is None:
                    raise RoundRefused("invalid")
                if n > r.most:
                    raise RoundRefused("over_max", most=r.most)
                if n:
                    dots[item] = n
            if sum(dots.values()) > r.dots:
                raise RoundRefused("over_budget", dots=r.dots)
            if not dots:
                raise RoundRefused("empty")
            return "", {"dots": dots}
        group = " ".join(str(values.get("group") or "").split())
        if group not in r.groups:
            raise RoundRefused("group")
        if r.kind == "criteria":
            scores: dict[str, dict[str, int]] = {}
            for item in items:
                for criterion in r.criteria:
                    n = _whole(values.get(f"s_{item}_{criterion}"))
                    if n is None or n > 5:
                        raise RoundRefused("invalid")
                    if n:
                        scores.setdefault(item, {})[criterion] = n
            if not scores:
                raise RoundRefused("empty")
            return group, {"scores": scores}
        likelihoods = {row[0] for row in self.store.query("SELECT number FROM risk_likelihood_level")}
        impacts = {row[0] for row in self.store.query("SELECT number FROM risk_impact_level")}
        risks: dict[str, list[int]] = {}
        for item in items:
            likelihood, impact = _whole(values.get(f"l_{item}")), _whole(values.get(f"i_{item}"))
            if likelihood is None or impact is None or (likelihood and likelihood not in likelihoods) or (
                    impact and impact not in impacts):
                raise RoundRefused("invalid")
            if likelihood and impact:
                risks[item] = [likelihood, impact]
        if not risks:
            raise RoundRefused("empty")
        return group, {"risks": risks}

    def mine(self, token: str) -> tuple[Round | None, dict | None, str]:
        """Return the open round, this phone's answer in it (None: not yet) and its group."""
        r = self.current()
        if r is None:
            return None, None, ""
        row = self.store.query_one("SELECT group_name, answer FROM room_answer WHERE round_id = ? AND voter_hash = ?",
                                   (r.id, voter_hash(token, r.salt)))
        return (r, None, "") if row is None else (r, json.loads(row[1]), row[0])

    # --- results ---------------------------------------------------------------------------------
    def dot_totals(self, round_id: str) -> dict[str, int]:
        """Return {innovation id: dots} of a dot-vote round (every innovation shown, 0 included)."""
        r = self.get(round_id)
        totals = dict.fromkeys(r.items, 0)
        for _group, answer in self.answers(round_id):
            for item, n in answer.get("dots", {}).items():
                if item in totals:
                    totals[item] += int(n)
        return totals

    def group_scores(self, round_id: str) -> dict[str, dict[str, dict[str, int]]]:
        """Criteria round: {innovation id: {criterion id: {group: score}}}."""
        out: dict[str, dict[str, dict[str, int]]] = {}
        for group, answer in self.answers(round_id):
            for item, cells in answer.get("scores", {}).items():
                for criterion, score in cells.items():
                    out.setdefault(item, {}).setdefault(criterion, {})[group] = int(score)
        return out

    def risk_scores(self, round_id: str) -> dict[str, dict[str, tuple[int, int]]]:
        """Risk round: {risk id: {group: (likelihood, impact)}}."""
        out: dict[str, dict[str, tuple[int, int]]] = {}
        for group, answer in self.answers(round_id):
            for item, (likelihood, impact) in answer.get("risks", {}).items():
                out.setdefault(item, {})[group] = (int(likelihood), int(impact))
        return out

    def result(self, round_id: str) -> list[dict[str, Any]]:
        """Return the round's result per item, for the projector and the phones: a dot vote's total; per
        innovation the criteria medians and spread; per risk the groups' likelihood and impact, medians, spread."""
        r = self.get(round_id)
        infos = self.item_infos(r)
        rows: list[dict[str, Any]] = []
        if r.kind == "dot_vote":
            totals = self.dot_totals(round_id)
            for info in infos:
                rows.append({"id": info.id, "code": info.code, "name": info.name, "total": totals.get(info.id, 0)})
            rows.sort(key=lambda row: -row["total"])
        elif r.kind == "criteria":
            scores = self.group_scores(round_id)
            for info in infos:
                cells = scores.get(info.id, {})
                values = [s for cell in cells.values() for s in cell.values()]
                spreads = [max(c.values()) - min(c.values()) for c in cells.values() if c]
                rows.append({"id": info.id, "code": info.code, "name": info.name, "scores": len(values),
                             "groups": len({g for c in cells.values() for g in c}),
                             "median": statistics.median(values) if values else None,
                             "spread": max(spreads) if spreads else 0})
        else:
            scores = self.risk_scores(round_id)
            for info in infos:
                groups = scores.get(info.id, {})
                ls, imps = [v[0] for v in groups.values()], [v[1] for v in groups.values()]
                rows.append({"id": info.id, "code": info.code, "name": info.name, "groups": groups,
                             "median_likelihood": statistics.median(ls) if ls else None,
                             "median_impact": statistics.median(imps) if imps else None,
                             "spread_likelihood": max(ls) - min(ls) if ls else 0,
                             "spread_impact": max(imps) - min(imps) if imps else 0})
        return rows

    # --- applying --------------------------------------------------------------------------------
    def apply(self, round_id: str) -> int:
        """Write a closed round's result into the quick-win votes or the groups' scores: ONE undo step.
        Return how many values were written."""
        r = self.get(round_id)
        if r.is_open:
            raise FgdError(tr("Close the round before applying its result."))
        stamp = now_iso()
        written = 0
        with self.store.write(tr("Apply the result of round {number}", number=r.number)):
            if r.kind == "dot_vote":
                for innovation_id, total in self.dot_totals(round_id).items():
                    if not self.store.scalar("SELECT 1 FROM innovation WHERE id = ?", (innovation_id,)):
                        continue
                    if total:
                        self.store.execute(
                            "INSERT INTO quickwin_vote (id, innovation_id, voter, votes, created_at, updated_at) "
                            "VALUES (?, ?, '', ?, ?, ?) ON CONFLICT (innovation_id, voter) "
                            "DO UPDATE SET votes = excluded.votes, updated_at = excluded.updated_at",
                            (new_id(), innovation_id, total, stamp, stamp))
                    else:
                        self.store.execute("DELETE FROM quickwin_vote WHERE innovation_id = ? AND voter = ''",
                                           (innovation_id,))
                    written += 1
            elif r.kind == "criteria":
                for innovation_id, cells in self.group_scores(round_id).items():
                    for criterion_id, by_group in cells.items():
                        for group, score in by_group.items():
                            written += self.store.execute(
                                "INSERT INTO quickwin_score (id, innovation_id, criterion_id, group_name, score, "
                                "created_at, updated_at) SELECT ?, i.id, c.id, ?, ?, ?, ? FROM innovation i, "
                                "quickwin_criterion c WHERE i.id = ? AND c.id = ? "
                                "ON CONFLICT (innovation_id, criterion_id, group_name) DO UPDATE SET "
                                "score = excluded.score, updated_at = excluded.updated_at",
                                (new_id(), group[:100], score, stamp, stamp, innovation_id, criterion_id)).rowcount
            else:
                for risk_id, by_group in self.risk_scores(round_id).items():
                    for group, (likelihood, impact) in by_group.items():
                        written += self.store.execute(
                            "INSERT INTO risk_group_score (id, risk_id, group_name, likelihood, impact, created_at, "
                            "updated_at) SELECT ?, r.id, ?, ?, ?, ?, ? FROM risk r WHERE r.id = ? "
                            "AND ? IN (SELECT number FROM risk_likelihood_level) "  # the matrix may have changed
                            "AND ? IN (SELECT number FROM risk_impact_level) "
                            "ON CONFLICT (risk_id, group_name) DO UPDATE SET likelihood = excluded.likelihood, "
                            "impact = excluded.impact, updated_at = excluded.updated_at",
                            (new_id(), group[:100], likelihood, impact, stamp, stamp, risk_id, likelihood,
                             impact)).rowcount
            self.store.execute("UPDATE room_round SET applied_at = ?, updated_at = ? WHERE id = ?",
                               (stamp, stamp, round_id))
            self._log(round_id, "applied", stamp)
        return written


def reason_text(reason: str) -> str:
    """The untranslated text of a refusal (for ``tr_in`` in the phone's language)."""
    return REASON_TEXT.get(reason, REASON_TEXT["invalid"])
