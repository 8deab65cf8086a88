"""The one rule for the years a workshop stores: the planning horizon, its stages and the plans' years.

A year is a whole number, typed or stored ("2025", " 2025 ", 2025). Where a planning horizon applies
(an action plan's years) the year must lie within it; elsewhere (the horizon itself, the stages) it must
lie between 2000 and 2100. The horizon is itself checked against 2000-2100, so a plan's year always lies
there too. A span's last year is never before its first.

The stages are checked against 2000-2100 only, not against the horizon, as the app always did: the
stricter rule would refuse stages the app accepts today (and files may already hold), such as a stage
that reaches past the horizon.
"""

from __future__ import annotations

from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.i18n import tr

EARLIEST, LATEST = 2000, 2100


def parse_year(field: str, value: Any, label: str, horizon: tuple[int, int] | None = None) -> int:
    """Return ``value`` as a year, or raise ValidationError on ``field`` (``label`` names it to the user).

    Without ``horizon`` the year lies in 2000-2100; with ``horizon`` (first, last) it lies within it.
    """
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(field, tr("{field} must be a year such as 2025.", field=label)) from None
    if horizon is None:
        if not EARLIEST <= year <= LATEST:
            raise ValidationError(field, tr("{field} must be between 2000 and 2100.", field=label))
    elif not horizon[0] <= year <= horizon[1]:
        raise ValidationError(field, tr("{year} is outside the planning horizon {first}\u2013{last}.",
                                        year=year, first=horizon[0], last=horizon[1]))
    return year


def year_span(first: Any, last: Any, *, fields: tuple[str, str] = ("first_year", "last_year"),
              horizon: tuple[int, int] | None = None) -> tuple[int, int]:
    """Return (first, last) as years by ``parse_year``; refuse a last year before the first."""
    first_year = parse_year(fields[0], first, tr("First year"), horizon)
    last_year = parse_year(fields[1], last, tr("Last year"), horizon)
    if last_year < first_year:
        raise ValidationError(fields[1], tr("The last year must not be before the first year."))
    return first_year, last_year
