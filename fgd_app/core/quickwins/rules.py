"""How quick wins are computed: pure functions over criteria, scores, votes, plans and risks (no database).

The rules, in the order the ranking applies them:

* **Goodness of a score.** Each criterion is scored 1-5. For a "more is better" criterion the goodness is the
  score; for a "less is better" one (cost, time to first result) it is ``6 - score``; so 5 is always best.
* **Which score counts.** The agreed score when one is given; otherwise the median of the FGD groups' scores
  (rounded half up, as for risks: ``fgd_app.core.risks.register.consensus``); otherwise none. Groups 2 or more
  points apart on a criterion are flagged as a disagreement.
* **Weighted score** = sum(weight x goodness) / sum(weight), over the criteria that have a score and a weight
  above 0 (weight 0 switches a criterion off). A criterion with a weight but no score is left out of both
  sums and the row is flagged *incomplete*; with no score at all the weighted score is empty.
  When the rule gives the dot votes a weight, the votes count as one more criterion whose goodness is
  ``1 + 4 x votes / most votes of any innovation`` (so the most-voted innovation gets 5, none gets 1);
  it never makes a row incomplete and is left out while nobody has voted.
* **Impact and effort** (the chart's axes): impact = weighted mean goodness of the criteria on the impact
  axis; effort = weighted mean of ``6 - goodness`` of the criteria on the effort axis (an expensive, slow or
  hard innovation has a high effort). Defaults: impact = impact on citizens; effort = feasibility, cost
  and time to first result. Readiness only counts in the weighted score.
* All three values are rounded to 2 decimals once, and every comparison (rule, quadrant, ranking) uses the
  rounded value, so what the table shows is exactly what was compared.
* **Quadrants** use the rule's thresholds: impact >= min_impact and effort <= max_effort is a quick win;
  high impact and high effort a major project; low impact and low effort a fill-in; else reconsider.
* **Candidate** when all the rule's checks pass: impact >= min_impact; effort <= max_effort; first result
  within the first N years of the horizon (first result year = the earliest *last* year among the
  innovation's action plans, i.e. the first plan output that is due; no plans = not shown to qualify); no
  negative risk above the allowed level (a risk's residual level when it has a residual score, else its
  inherent level; positive risks never block; risks not yet scored are ignored). A check set to "not
  checked" in the rule always passes.
* **Ranking**: weighted score descending (empty last), then votes descending, then impact descending
  (empty last), then code ascending (dimension prefix, then number: GOV-9 before GOV-10). Ranks 1..n are
  unique. When the rule says **focus first** (``focus_first``), the innovations of the region's focus
  dimensions (the analysis page's focus flag) come before all others, each group ranked as above; the
  scores themselves never change, and the rule summary says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from fgd_app.core.risks.register import GroupScore, consensus
from fgd_app.i18n import N_, language, tr

SCORE_MIN, SCORE_MAX = 1, 5
DISAGREEMENT_SPREAD = 2  # as for risks: groups this many points apart really disagree
DIRECTIONS = {"more": N_("More is better"), "less": N_("Less is better")}
AXES = {"impact": N_("Impact axis"), "effort": N_("Effort axis"), "none": N_("Weighted score only")}
QUADRANTS = {"quick_win": N_("Quick win"), "major": N_("Major project"), "fill_in": N_("Fill-in"),
             "reconsider": N_("Reconsider")}
CHECKS = ("impact", "effort", "first_result", "risk")


def format_score(value: float | None, digits: int = 2) -> str:
    """Return "4,25" (Bahasa Indonesia) or "4.25" (English); "" for None."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    return text if language() == "en" else text.replace(".", ",")


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion (a row of ``quickwin_criterion``)."""

    id: str
    name: str
    key: str | None = None
    name_en: str = ""
    description: str = ""
    description_en: str = ""
    weight: float = 1.0
    direction: str = "more"
    axis: str = "none"
    position: int = 0

    @property
    def display(self) -> str:
        return self.name_en if language() == "en" and self.name_en else self.name

    @property
    def display_description(self) -> str:
        return self.description_en if language() == "en" and self.description_en else self.description


@dataclass(frozen=True)
class Rule:
    """The stored quick-win rule (``quickwin_rule``); None switches a check off."""

    min_impact: float = 4.0
    max_effort: float = 2.0
    max_first_result_years: int | None = 1
    max_residual_level: int | None = 4
    votes_weight: float = 0.0
    focus_first: int = 0  # 1: innovations of a focus dimension are ranked before the others

    def replace(self, **changes) -> Rule:
        return dataclasses.replace(self, **changes)


def goodness(score: int, direction: str) -> int:
    """Return the score turned so that 5 is best: ``6 - score`` for "less is better"."""
    return 6 - score if direction == "less" else score


@dataclass(frozen=True)
class CellScore:
    """The scores of one innovation on one criterion: agreed, per group, their median and spread."""

    agreed: int | None = None
    groups: tuple[tuple[str, int], ...] = ()
    median: float | None = None
    spread: int = 0
    rounded_median: int | None = None

    @property
    def effective(self) -> int | None:
        """Return the score that counts: the agreed one, else the groups' rounded median."""
        return self.agreed if self.agreed is not None else self.rounded_median

    @property
    def from_median(self) -> bool:
        return self.agreed is None and self.rounded_median is not None

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT_SPREAD


def cell_score(agreed: int | None, groups: Iterable[tuple[str, int]] = ()) -> CellScore:
    """Summarise one cell with the risk register's median/disagreement helper (one rule for both)."""
    if not groups and agreed in AGREED_ONLY:
        return AGREED_ONLY[agreed]
    groups = tuple(sorted(groups, key=lambda g: g[0].casefold()))
    summary = consensus([GroupScore("", "", name, score, score) for name, score in groups])
    if summary is None:
        return CellScore(agreed, groups)
    return CellScore(agreed, groups, summary.median_likelihood, summary.spread_likelihood,
                     summary.agreed_likelihood)


AGREED_ONLY = {score: CellScore(score) for score in range(SCORE_MIN, SCORE_MAX + 1)}


@dataclass(frozen=True)
class Evaluation:
    """What the scores of one innovation add up to (values rounded to 2 decimals)."""

    weighted: float | None
    impact: float | None
    effort: float | None
    missing: tuple[str, ...] = ()  # ids of weighted criteria without a score

    @property
    def complete(self) -> bool:
        return not self.missing


def evaluate(criteria: Sequence[Criterion], scores: Mapping[str, int | None], *, votes: int = 0,
             max_votes: int = 0, votes_weight: float = 0.0) -> Evaluation:
    """Return the weighted score, impact, effort and missing criteria of one innovation."""
    total = weights = impact = impact_weights = effort = effort_weights = 0.0
    missing = []
    for criterion in criteria:
        weight = criterion.weight
        if weight <= 0:
            continue
        score = scores.get(criterion.id)
        if score is None:
            missing.append(criterion.id)
            continue
        good = 6 - score if criterion.direction == "less" else score
        total += weight * good
        weights += weight
        if criterion.axis == "impact":
            impact += weight * good
            impact_weights += weight
        elif criterion.axis == "effort":
            effort += weight * (6 - good)
            effort_weights += weight
    votes_good = votes_goodness(votes, max_votes)
    if votes_weight > 0 and votes_good is not None and weights:
        total += votes_weight * votes_good
        weights += votes_weight
    return Evaluation(round(total / weights, 2) if weights else None,
                      round(impact / impact_weights, 2) if impact_weights else None,
                      round(effort / effort_weights, 2) if effort_weights else None, tuple(missing))


def quadrant(impact: float | None, effort: float | None, rule: Rule) -> str | None:
    """Return "quick_win", "major", "fill_in" or "reconsider" (None when an axis has no score)."""
    if impact is None or effort is None:
        return None
    high, easy = impact >= rule.min_impact, effort <= rule.max_effort
    if high:
        return "quick_win" if easy else "major"
    return "fill_in" if easy else "reconsider"


@dataclass(frozen=True)
class Check:
    """One condition of the rule for one innovation: passed (None: not checked) and why, in words.

    ``value`` and ``limit`` are kept and ``text`` is worded when asked for, so computing thousands of rows
    costs no translation work.
    """

    key: str
    passed: bool | None
    value: float | int | str | None = None
    limit: float | int | str | None = None

    @property
    def text(self) -> str:
        key, value, limit = self.key, self.value, self.limit
        if self.passed is None:
            return tr("First result: not checked.") if key == "first_result" else tr("Residual risk: not checked.")
        if key in ("impact", "effort"):
            shown = format_score(limit, 1)
            if value is None:
                return (tr("Impact not scored yet (needs \u2265 {limit}).", limit=shown) if key == "impact"
                        else tr("Effort not scored yet (needs \u2264 {limit}).", limit=shown))
            return (tr("Impact {value} (needs \u2265 {limit}).", value=format_score(value), limit=shown)
                    if key == "impact" else
                    tr("Effort {value} (needs \u2264 {limit}).", value=format_score(value), limit=shown))
        if key == "first_result":
            if value is None:
                return tr("No action plans yet: the first result is unknown (needs {year} at the latest).",
                          year=limit)
            return tr("First result in {year} (needs {limit} at the latest).", year=value, limit=limit)
        if value is None:
            return tr("No scored negative risk (allowed up to {level}).", level=limit)
        return tr("Highest residual risk {level} (allowed up to {allowed}).", level=value, allowed=limit)


def check_rule(evaluation: Evaluation, rule: Rule, *, first_result_year: int | None, horizon_first_year: int,
               risk_level: int | None, level_names: Mapping[int, str]) -> tuple[Check, ...]:
    """Return the four checks of the rule (impact, effort, first result, residual risk)."""
    impact, effort = evaluation.impact, evaluation.effort
    checks = [Check("impact", impact is not None and impact >= rule.min_impact, impact, rule.min_impact),
              Check("effort", effort is not None and effort <= rule.max_effort, effort, rule.max_effort)]
    if rule.max_first_result_years is None:
        checks.append(Check("first_result", None))
    else:
        last_allowed = horizon_first_year + rule.max_first_result_years - 1
        checks.append(Check("first_result", first_result_year is not None and first_result_year <= last_allowed,
                            first_result_year, last_allowed))
    if rule.max_residual_level is None:
        checks.append(Check("risk", None))
    else:
        allowed = level_names.get(rule.max_residual_level, str(rule.max_residual_level))
        checks.append(Check("risk", risk_level is None or risk_level <= rule.max_residual_level,
                            None if risk_level is None else level_names.get(risk_level, str(risk_level)), allowed))
    return tuple(checks)


def is_candidate(checks: Iterable[Check]) -> bool:
    """Return True when no check failed (a check that is not done passes)."""
    return all(check.passed is not False for check in checks)


@lru_cache(maxsize=65536)
def code_key(code: str) -> tuple[str, int, str]:
    """Return the natural order of a code: ("GOV", 9) before ("GOV", 10)."""
    prefix, _, digits = code.rpartition("-")
    return (prefix, int(digits) if digits.isdigit() else 0, code)


def rank_key(weighted: float | None, votes: int, impact: float | None, code: str, focus_first: bool = False) -> tuple:
    """Return the sort key of the ranking (see the module docstring); ``focus_first``: the row is of a focus
    dimension and the rule ranks those first."""
    return (not focus_first, weighted is None, -(weighted or 0.0), -votes, impact is None, -(impact or 0.0), code_key(code))


def votes_goodness(votes: int, max_votes: int) -> float | None:
    """Return the goodness the votes count with (1..5), None when nobody voted."""
    return 1 + 4 * votes / max_votes if max_votes > 0 else None


def quadrant_label(key: str | None) -> str:
    return tr(QUADRANTS[key]) if key else ""
