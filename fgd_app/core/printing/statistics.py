"""The counts of the printed statistics page, read with GROUP BY queries.

The page shows a few dozen numbers over every innovation, action plan and risk; reading every row to count
them in Python took most of its time at ``--scale 100`` (6,000 innovations, 20,000 plans, 18,000 risks).
The joins are those of the rows the page read before (``Innovations.rows``, ``register_rows``), so the
counts are the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from fgd_app.core.store.writer import Store


@dataclass(frozen=True)
class Counts:
    """What the statistics page counts (dictionaries leave out what counts zero)."""

    innovations: dict[str, tuple[int, int, int, int]]  # dimension id -> (innovations, running, new, ICT)
    plans_of_dimension: dict[str, int]  # action plans of the dimension's innovations
    risks_of_dimension: dict[str, int]
    plans: int  # every action plan
    risks: int  # every risk of an innovation
    led: dict[str, int]  # OPD id -> innovations it leads
    plans_of_opd: dict[str, tuple[int, int]]  # OPD id -> (action plans it is responsible for, their budget)
    plans_of_status: dict[str, int]
    levels: dict[int, int]  # risk level number -> risks
    residual_levels: dict[int, int]


_INNOVATIONS = ("FROM innovation i JOIN dimension d ON d.id = i.dimension_id "
                "JOIN opd o ON o.id = i.lead_opd_id")
_RISKS = "FROM risk r JOIN innovation i ON i.id = r.innovation_id JOIN dimension d ON d.id = i.dimension_id"


def read_counts(store: Store) -> Counts:
    """Return the statistics page's counts."""
    q = store.conn.execute
    innovations: dict[str, list[int]] = {}
    led: dict[str, int] = {}
    for dimension_id, lead, status, is_ict, n in q(
            f"SELECT i.dimension_id, i.lead_opd_id, i.status, i.is_ict, count(*) {_INNOVATIONS} "
            "GROUP BY i.dimension_id, i.lead_opd_id, i.status, i.is_ict"):
        row = innovations.setdefault(dimension_id, [0, 0, 0, 0])
        row[0] += n
        row[1] += n if status == "running" else 0
        row[2] += n if status == "new" else 0
        row[3] += n if is_ict else 0
        led[lead] = led.get(lead, 0) + n
    plans_of_dimension = dict(q(f"SELECT i.dimension_id, count(*) FROM action_plan p JOIN innovation i "
                                f"ON i.id = p.innovation_id WHERE i.id IN (SELECT i.id {_INNOVATIONS}) "
                                "GROUP BY i.dimension_id").fetchall())
    risks_of_dimension = dict(q(f"SELECT i.dimension_id, count(*) {_RISKS} GROUP BY i.dimension_id").fetchall())
    plans_of_opd = {opd: (n, budget) for opd, n, budget in q(
        "SELECT opd_id, count(*), coalesce(sum(budget), 0) FROM action_plan GROUP BY opd_id")}
    levels = dict(q(f"SELECT r.level, count(*) {_RISKS} WHERE r.level IS NOT NULL GROUP BY r.level").fetchall())
    residual = dict(q(f"SELECT r.residual_level, count(*) {_RISKS} WHERE r.residual_level IS NOT NULL "
                      "GROUP BY r.residual_level").fetchall())
    return Counts(
        innovations={k: (v[0], v[1], v[2], v[3]) for k, v in innovations.items()},
        plans_of_dimension=plans_of_dimension,
        risks_of_dimension=risks_of_dimension,
        plans=sum(n for n, _budget in plans_of_opd.values()),
        risks=sum(risks_of_dimension.values()),
        led=led,
        plans_of_opd=plans_of_opd,
        plans_of_status=dict(q("SELECT status_id, count(*) FROM action_plan GROUP BY status_id").fetchall()),
        levels=levels,
        residual_levels=residual,
    )
