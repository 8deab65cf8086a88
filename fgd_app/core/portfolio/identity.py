"""Which region and stage each workshop of a consolidated file is: the ONE place that reads it.

Everything else of the portfolio groups by ``workshop_id`` (the consolidated tables' ``_workshop_id``) and
asks this module for the identity to show. The merge keeps the stages of one region apart: a file carried
to the next stage (``fgd-app next-stage``) is a new workshop whose ``stage_history`` names the workshops of
its earlier stages. ``region_key`` ties the stages of one region together: workshops linked by that lineage,
or carrying the same Kemendagri region code, are one region (so a renamed region stays itself, and two
regions that share a name but not a code stay apart). The key is the region's code as its newest stage
has it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace


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
    region_key: str = ""  # the same for every stage of one region (see the module's docstring)


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
    found = [StageIdentity(str(r[0]), r[1] or "", r[2] or "", r[3] or "", r[4] or "", int(r[5] or 0), r[6] or "",
                           r[7] or "", r[8], r[9], r[10], r[11], r[12]) for r in conn.execute(_SQL)]
    keys = _region_keys(conn, found)
    return [replace(identity, region_key=keys[identity.workshop_id]) for identity in found]


def _region_keys(conn: sqlite3.Connection, found: list[StageIdentity]) -> dict[str, str]:
    """Return the region key of every workshop: one per group linked by lineage or region code."""
    parent = {identity.workshop_id: identity.workshop_id for identity in found}

    def root(wid: str) -> str:
        while parent[wid] != wid:
            parent[wid] = parent[parent[wid]]
            wid = parent[wid]
        return wid

    def join(a: str, b: str) -> None:
        if a in parent and b in parent:
            parent[root(a)] = root(b)

    by_code: dict[str, str] = {}
    for identity in found:
        if identity.region_code:
            join(identity.workshop_id, by_code.setdefault(identity.region_code, identity.workshop_id))
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stage_history'").fetchone():
        for later, earlier in conn.execute("SELECT _workshop_id, workshop_id FROM stage_history"):  # lineage
            join(str(later), str(earlier))
    newest: dict[str, StageIdentity] = {}
    for identity in found:  # the group's newest stage (then the newest merge) names the key
        group = root(identity.workshop_id)
        best = newest.get(group)
        if best is None or (identity.stage, identity.merged_at) > (best.stage, best.merged_at):
            newest[group] = identity
    return {wid: newest[root(wid)].region_code or newest[root(wid)].workshop_id for wid in parent}
