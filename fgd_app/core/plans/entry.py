"""Typed entry of action plans: turn what the facilitator typed (an OPD, a funding source, a status, a budget,
years) into plan values, so the planning screen's new-plan line and its table cells share one set of rules.

OPDs are recognised by short name, name or the completion text "Dinkes — Dinas Kesehatan"; a unique partial
match is enough. Funding sources and statuses by name (either language). Anything else is a ValidationError
at that field, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fgd_app.core import typed_entry
from fgd_app.core.errors import ValidationError
from fgd_app.core.people.records import Opd
from fgd_app.core.plans.lists import FundingSource, PlanStatus
from fgd_app.core.plans.records import ActionPlan
from fgd_app.core.typed_entry import match_key as _key
from fgd_app.core.workshop_file import Workshop
from fgd_app.i18n import tr


def resolve_opd(opds: Sequence[Opd], text: str) -> str:
    """Return the id of the OPD meant by ``text``; raise ValidationError("opd_id") when none or several fit."""
    return typed_entry.resolve_opd(opds, text, field="opd_id",
                                   empty_message=tr("Choose the responsible OPD.")).id


def _resolve_named(entries: Sequence[FundingSource | PlanStatus], text: str, field: str) -> str | None:
    key = _key(text)
    if not key:
        return None
    for matches in ([e for e in entries if key in (_key(e.name), _key(e.name_en))],
                    [e for e in entries if _key(e.name).startswith(key) or _key(e.name_en).startswith(key)]):
        if len(matches) == 1:
            return matches[0].id
    names = ", ".join(e.display for e in entries)
    raise ValidationError(field, tr("Choose one of: {names}.", names=names))


def resolve_funding(sources: Sequence[FundingSource], text: str) -> str | None:
    """Return the id of the funding source named ``text`` (None for blank text)."""
    return _resolve_named(sources, text, "funding_source_id")


def resolve_status(statuses: Sequence[PlanStatus], text: str) -> str | None:
    """Return the id of the status named ``text`` (None for blank text: the default status)."""
    return _resolve_named(statuses, text, "status_id")


def typed_values(ws: Workshop, typed: dict[str, Any]) -> dict[str, Any]:
    """Turn typed text for ``opd``, ``funding`` and ``status`` into ids; other keys pass unchanged."""
    values = {k: v for k, v in typed.items() if k not in ("opd", "funding", "status")}
    if "opd" in typed:
        values["opd_id"] = resolve_opd(ws.opds.list(), str(typed["opd"]))
    if "funding" in typed:
        values["funding_source_id"] = resolve_funding(ws.plans.funding_sources.list(), str(typed["funding"]))
    if "status" in typed:
        values["status_id"] = resolve_status(ws.plans.statuses.list(), str(typed["status"])) or ""
    return values


def quick_add(ws: Workshop, innovation_id: str, activity: str, *, output: str = "", first_year: Any = None,
              last_year: Any = None, opd: str = "", funding: str = "", budget: Any = "") -> ActionPlan:
    """Add a plan from the new-plan line; fields are checked in screen order (activity first)."""
    if not str(activity).strip():
        raise ValidationError("activity", tr("{field} must not be empty.", field=tr("Activity")))
    ws.plans.check_years(first_year, last_year)
    values = typed_values(ws, {"opd": opd, "funding": funding})
    return ws.plans.add(innovation_id=innovation_id, activity=activity, output=output, first_year=first_year,
                        last_year=last_year, budget=budget, **values)


def edit_field(ws: Workshop, plan_id: str, field: str, value: Any) -> ActionPlan:
    """Save one typed field of a plan ("opd", "funding" and "status" take text; others their value)."""
    return ws.plans.update(plan_id, **typed_values(ws, {field: value}))
