"""Which region and stage each workshop of a consolidated file is: the ONE place that reads it.

Everything else of the portfolio groups by ``workshop_id`` (the consolidated tables' ``_workshop_id``) and
asks this module for the identity to show. When merge keeps the stages of one region apart with explicit
lineage, only this function needs to follow.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class StageIdentity:
    """One region at one bimtek stage, as the consolidated file knows it."""

    workshop_id: str
    region_code: str
    region_name: str
    province_code: str
    province_name: str
    stage: int
    title: str
    facilitator: str
    first_day: str  # ISO date of the first workshop day ('' when none)
    last_day: str
    sha256: str  # the newest merged file of this workshop
    file_name: str
    merged_at: str


_SQL = """
SELECT w.id, w.region_code, w.region_name, w.province_code, w.province_name, w.bimtek_stage, w.title,
       w.facilitator, coalesce(d.first_day, ''), coalesce(d.last_day, ''),
       coalesce(s.sha256, ''), coalesce(s.file_name, ''), coalesce(s.merged_at, '')
FROM workshop w
LEFT JOIN (SELECT _workshop_id AS wid, min(day_date) AS first_day, max(day_date) AS last_day
           FROM workshop_day GROUP BY _workshop_id) d ON d.wid = w.id
LEFT JOIN merge_source s ON s.id = (SELECT max(id) FROM merge_source m WHERE m.workshop_id = w.id)
ORDER BY w.region_code, w.bimtek_stage, w.id
"""


def region_stages(conn: sqlite3.Connection) -> list[StageIdentity]:
    """Return the region and stage of every workshop in the consolidated file, by region code and stage."""
    return [StageIdentity(str(r[0]), r[1] or "", r[2] or "", r[3] or "", r[4] or "", int(r[5] or 0), r[6] or "",
                          r[7] or "", r[8], r[9], r[10], r[11], r[12]) for r in conn.execute(_SQL)]
