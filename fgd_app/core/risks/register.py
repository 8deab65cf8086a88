"""The risk register (SPBE form 3.0 assessment / 4.0 treatment), group scores and register queries.

Magnitude and level are never typed: ``Risks.validate`` looks them up in the matrix stored in the file,
for the inherent and the residual score from the same matrix object. The database refuses a score
that does not match a cell of the matrix in use (composite foreign key, migration 0005).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.risks.matrix import RiskMatrix
from fgd_app.core.risks.matrix_setup import RiskSetup
from fgd_app.core.risks.register_lines import (
    APPETITE_SQL,
    DEFAULT_APPETITE_JOIN,
    TREATED_SQL,
    RegisterRow,
    register_rows,
)
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, new_id, require
from fgd_app.core.store.references import register_table_label
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, tr

register_table_label("risk", N_("risk(s)"))
register_table_label("risk_group_score", N_("group score(s)"))

RISK_TYPES = {"negative": N_("Negative"), "positive": N_("Positive")}
DECISIONS = {"": N_("Not decided"), "yes": N_("Yes"), "no": N_("No")}
TREATMENT_OPTIONS = {  # SPBE: options for negative and for positive risks
    "negative": {"escalate": N_("Escalation"), "mitigate": N_("Mitigation"), "transfer": N_("Transfer"),
                 "avoid": N_("Avoidance"), "accept": N_("Acceptance")},
    "positive": {"escalate": N_("Escalation"), "exploit": N_("Exploitation"), "enhance": N_("Enhancement"),
                 "share": N_("Sharing"), "accept": N_("Acceptance")},
}
TEXT_FIELDS = ("event", "cause", "consequence", "existing_controls", "treatment_action", "output", "schedule",
               "notes")
TEXT_LIMIT = 5000
_CODE = re.compile(r"^R-[A-Za-z0-9][A-Za-z0-9.\-]{0,37}$")


def option_label(key: str) -> str:
    for options in TREATMENT_OPTIONS.values():
        if key in options:
            return tr(options[key])
    return key


@dataclass
class Risk:
    id: str
    innovation_id: str
    code: str
    event: str
    risk_type: str = "negative"
    action_plan_id: str | None = None
    cause: str = ""
    consequence: str = ""
    category_id: str | None = None
    impact_area_id: str | None = None
    existing_controls: str = ""
    likelihood: int | None = None
    impact: int | None = None
    magnitude: int | None = None
    level: int | None = None
    treatment_decision: str = ""
    treatment_option: str = ""
    treatment_action: str = ""
    output: str = ""
    schedule: str = ""
    owner_opd_id: str | None = None
    residual_likelihood: int | None = None
    residual_impact: int | None = None
    residual_magnitude: int | None = None
    residual_level: int | None = None
    notes: str = ""
    position: int = 0


def has_treatment(decision: str, option: str, action: str) -> bool:
    """Return True when a risk is treated: decision yes, an option chosen and an action written."""
    return decision == "yes" and bool(option) and bool(action.strip())


class Risks(RecordTable[Risk]):
    """The register (``ws.risks``); ``setup`` (matrix, categories, impact areas) and ``groups`` hang off it."""

    table = "risk"
    record = Risk
    order_by = "code"
    operation_names = {"add": N_("Add risk {name}"), "edit": N_("Edit risk {name}"),
                       "delete": N_("Delete risk {name}")}

    def __init__(self, store: Store):
        super().__init__(store)
        self.setup = RiskSetup(store)
        self.categories = self.setup.categories
        self.impact_areas = self.setup.impact_areas
        self.groups = GroupScores(store, self)

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("code", ""))

    def matrix(self) -> RiskMatrix:
        return self.setup.matrix()

    def of(self, innovation_id: str) -> list[Risk]:
        return self.list("innovation_id = ?", (innovation_id,))

    def next_code(self, innovation_id: str) -> str:
        """Return the next free code for a risk of this innovation ("R-GOV-03-02")."""
        code = self.store.scalar("SELECT code FROM innovation WHERE id = ?", (innovation_id,))
        if code is None:
            raise ValidationError("innovation_id", tr("Choose the innovation this risk belongs to."))
        prefix = f"R-{code}-"
        numbers = [int(c[len(prefix):]) for (c,) in self.store.query(
            "SELECT code FROM risk WHERE code LIKE ? || '%'", (prefix,)) if c[len(prefix):].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:02d}"

    # --- validation --------------------------------------------------------------------------------
    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        v = dict(values)
        if self.store.scalar("SELECT 1 FROM innovation WHERE id = ?", (v.get("innovation_id"),)) is None:
            raise ValidationError("innovation_id", tr("Choose the innovation this risk belongs to."))
        for key in TEXT_FIELDS:
            v[key] = clean_text(v.get(key), multiline=key not in ("event", "schedule"))
            max_length(key, v[key], TEXT_LIMIT if key != "event" else 1000, tr("Text"))
        v["event"] = " ".join(v["event"].split())
        require("event", v["event"], tr("Risk event"))
        v["code"] = " ".join(clean_text(v.get("code")).split()).upper() or self.next_code(v["innovation_id"])
        if not _CODE.match(v["code"]):
            raise ValidationError("code", tr("A risk code starts with R- and has only letters, digits, dots and "
                                             "dashes (for example R-GOV-03-01)."))
        twin = self.store.scalar("SELECT id FROM risk WHERE code = ?", (v["code"],))
        if twin is not None and twin != record_id:
            raise ValidationError("code", tr("The code {code} is already used by another risk.", code=v["code"]))
        v["risk_type"] = v.get("risk_type") or "negative"
        if v["risk_type"] not in RISK_TYPES:
            raise ValidationError("risk_type", tr("A risk is negative or positive."))
        self._check_reference(v, "category_id", "risk_category", tr("The chosen risk category no longer exists."))
        self._check_reference(v, "impact_area_id", "impact_area", tr("The chosen impact area no longer exists."))
        self._check_reference(v, "owner_opd_id", "opd", tr("The chosen OPD no longer exists."))
        self._check_reference(v, "action_plan_id", "action_plan", tr("The chosen action plan no longer exists."))
        if v["action_plan_id"] and self.store.scalar("SELECT innovation_id FROM action_plan WHERE id = ?",
                                                     (v["action_plan_id"],)) != v["innovation_id"]:
            raise ValidationError("action_plan_id", tr("The action plan belongs to another innovation."))
        matrix = self.matrix()  # one matrix for the inherent AND the residual score
        self._score(v, "", matrix)
        self._score(v, "residual_", matrix)
        self._treatment(v)
        v["position"] = int(v.get("position") or 0)
        return v

    def _check_reference(self, v: dict[str, Any], key: str, table: str, message: str) -> None:
        if v.get(key) in (None, ""):
            v[key] = None
        elif self.store.scalar(f"SELECT 1 FROM {table} WHERE id = ?", (v[key],)) is None:
            raise ValidationError(key, message)

    def _score(self, v: dict[str, Any], prefix: str, matrix: RiskMatrix) -> None:
        """Fill magnitude and level from likelihood and impact (both or neither), refusing levels off the matrix."""
        names = (tr("Likelihood"), tr("Impact")) if not prefix else (tr("Residual likelihood"), tr("Residual impact"))
        levels = []
        for axis, name, count in zip(("likelihood", "impact"), names, matrix.size, strict=True):
            key = prefix + axis
            raw = v.get(key)
            if raw in (None, "", 0):
                levels.append(None)
                continue
            try:
                number = int(raw)
            except (TypeError, ValueError):
                number = -1
            if isinstance(raw, bool) or not 1 <= number <= count:
                raise ValidationError(key, tr("{field} must be a level from 1 to {count} of the matrix in use.",
                                              field=name, count=count))
            levels.append(number)
        if (levels[0] is None) != (levels[1] is None):
            missing = prefix + ("impact" if levels[1] is None else "likelihood")
            raise ValidationError(missing, tr("Give both likelihood and impact, or neither."))
        if levels[0] is None:
            v.update({prefix + k: None for k in ("likelihood", "impact", "magnitude", "level")})
            return
        magnitude, level = matrix.assess(levels[0], levels[1])
        v.update({prefix + "likelihood": levels[0], prefix + "impact": levels[1], prefix + "magnitude": magnitude,
                  prefix + "level": level.number})

    def _treatment(self, v: dict[str, Any]) -> None:
        v["treatment_option"] = (v.get("treatment_option") or "").strip()
        v["treatment_decision"] = (v.get("treatment_decision") or "").strip()
        if v["treatment_decision"] not in DECISIONS:
            raise ValidationError("treatment_decision", tr("The treatment decision is yes, no or not decided."))
        if v["treatment_option"]:
            options = TREATMENT_OPTIONS[v["risk_type"]]
            if v["treatment_option"] not in options:
                raise ValidationError("treatment_option", tr(
                    "\u201c{option}\u201d is not a treatment option for a {kind} risk.",
                    option=option_label(v["treatment_option"]), kind=tr(RISK_TYPES[v["risk_type"]]).lower()))
            if v["treatment_decision"] == "no":
                raise ValidationError("treatment_option", tr("A risk that will not be treated has no treatment "
                                                             "option."))
            v["treatment_decision"] = "yes"

    def score_only(self, likelihood: Any, impact: Any) -> tuple[int, int]:
        """Return (likelihood, impact) checked against the matrix in use; both required."""
        values: dict[str, Any] = {"likelihood": likelihood, "impact": impact}
        self._score(values, "", self.matrix())
        if values["likelihood"] is None:
            raise ValidationError("likelihood", tr("Give both likelihood and impact, or neither."))
        return values["likelihood"], values["impact"]

    # --- writing -----------------------------------------------------------------------------------
    def add(self, **values: Any) -> Risk:
        values.setdefault("code", "")
        values.setdefault("event", "")
        return super().add(**values)

    def adopt_group_median(self, risk_id: str) -> Risk:
        """Take the groups' median likelihood and impact as the agreed score (one undoable operation)."""
        summary = self.groups.consensus(risk_id)
        if summary is None:
            raise ValidationError("likelihood", tr("No group has scored this risk yet."))
        return self.update(risk_id, likelihood=summary.agreed_likelihood, impact=summary.agreed_impact)

    # --- queries -----------------------------------------------------------------------------------
    def lacking_treatment(self) -> list[Risk]:
        """Return risks at or above their appetite that have no treatment yet, highest first.

        An uncategorised risk is held to the default appetite (``default_appetite``).
        """
        rows = self.store.query(
            f"SELECT r.* FROM risk r LEFT JOIN risk_category c ON c.id = r.category_id {DEFAULT_APPETITE_JOIN} "
            f"WHERE r.magnitude IS NOT NULL AND r.magnitude >= {APPETITE_SQL} AND NOT {TREATED_SQL} "
            "ORDER BY r.magnitude DESC, r.code")
        return [self._row(r) for r in rows]

    def default_appetite(self, risk_type: str) -> int | None:
        """Return the appetite an uncategorised risk of this type is held to: the lowest any category sets."""
        column = "appetite_positive" if risk_type == "positive" else "appetite_negative"
        value = self.store.scalar(f"SELECT min({column}) FROM risk_category")
        return None if value is None else int(value)

    def rows(self) -> list[RegisterRow]:
        """Return every risk as a register line with names joined in (see ``register_rows``)."""
        return register_rows(self.store)


@dataclass(frozen=True)
class GroupScore:
    id: str
    risk_id: str
    group_name: str
    likelihood: int
    impact: int


@dataclass(frozen=True)
class Consensus:
    """The groups' scores of one risk side by side, their medians and whether they really disagree."""

    scores: tuple[GroupScore, ...]
    median_likelihood: float
    median_impact: float
    spread_likelihood: int
    spread_impact: int

    @property
    def disagreement(self) -> bool:
        """Return True when groups are 2 or more levels apart on likelihood or on impact."""
        return self.spread_likelihood >= 2 or self.spread_impact >= 2

    @property
    def agreed_likelihood(self) -> int:
        return int(self.median_likelihood + 0.5)

    @property
    def agreed_impact(self) -> int:
        return int(self.median_impact + 0.5)


def consensus(scores: list[GroupScore]) -> Consensus | None:
    """Return medians and spreads of group scores (None when no group scored)."""
    if not scores:
        return None
    likelihoods = [s.likelihood for s in scores]
    impacts = [s.impact for s in scores]
    return Consensus(tuple(scores), statistics.median(likelihoods), statistics.median(impacts),
                     max(likelihoods) - min(likelihoods), max(impacts) - min(impacts))


class GroupScores:
    """Optional likelihood and impact per FGD group for a risk (``ws.risks.groups``)."""

    def __init__(self, store: Store, risks: Risks):
        self.store = store
        self.risks = risks

    def of(self, risk_id: str) -> list[GroupScore]:
        return [GroupScore(r["id"], r["risk_id"], r["group_name"], r["likelihood"], r["impact"])
                for r in self.store.query("SELECT * FROM risk_group_score WHERE risk_id = ? "
                                          "ORDER BY group_name COLLATE NOCASE", (risk_id,))]

    def all(self) -> dict[str, list[GroupScore]]:
        out: dict[str, list[GroupScore]] = {}
        for r in self.store.query("SELECT * FROM risk_group_score ORDER BY group_name COLLATE NOCASE"):
            out.setdefault(r["risk_id"], []).append(
                GroupScore(r["id"], r["risk_id"], r["group_name"], r["likelihood"], r["impact"]))
        return out

    def consensus(self, risk_id: str) -> Consensus | None:
        return consensus(self.of(risk_id))

    def set(self, risk_id: str, group_name: str, likelihood: int, impact: int) -> GroupScore:
        """Record (or replace) one group's score for a risk, as one undoable operation."""
        risk = self.risks.get(risk_id)
        group = " ".join(clean_text(group_name).split())
        require("group_name", group, tr("Group"))
        max_length("group_name", group, 100, tr("Group"))
        checked = self.risks.score_only(likelihood, impact)
        stamp = now_iso()
        existing = self.store.scalar("SELECT id FROM risk_group_score WHERE risk_id = ? AND group_name = ?",
                                     (risk_id, group))
        with self.store.write(tr("Score of {group} for risk {code}", group=group, code=risk.code)):
            if existing:
                self.store.execute("UPDATE risk_group_score SET likelihood = ?, impact = ?, updated_at = ? "
                                   "WHERE id = ?", (*checked, stamp, existing))
            else:
                existing = new_id()
                self.store.execute("INSERT INTO risk_group_score VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   (existing, risk_id, group, *checked, stamp, stamp))
        return next(s for s in self.of(risk_id) if s.id == existing)

    def remove(self, score_id: str) -> None:
        row = self.store.query_one("SELECT s.group_name, r.code FROM risk_group_score s JOIN risk r "
                                   "ON r.id = s.risk_id WHERE s.id = ?", (score_id,))
        if row is None:
            return
        with self.store.write(tr("Remove the score of {group} for risk {code}", group=row[0], code=row[1])):
            self.store.execute("DELETE FROM risk_group_score WHERE id = ?", (score_id,))
