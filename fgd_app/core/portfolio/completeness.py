"""What a region still misses before its hand-over is complete: the portfolio's "completeness" column.

``completeness_of(row)`` is the one place that decides it. Today it runs a few simple checks on the
counts the portfolio has already read; the shared hand-over checklist (hall-screens issue) replaces it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core.portfolio.rows import RegionStage


def completeness_of(row: RegionStage) -> list[str]:
    """Return what ``row``'s workshop still misses, one short sentence each (empty when complete)."""
    missing = []
    if row.innovations == 0:
        missing.append(tr("no innovations"))
    elif row.innovations_without_plans:
        missing.append(tr("{count} innovations without an action plan", count=row.innovations_without_plans))
    if row.quick_wins == 0:
        missing.append(tr("no quick win chosen"))
    if row.untreated_risks:
        missing.append(tr("{count} risks at or above the appetite without treatment", count=row.untreated_risks))
    return missing
