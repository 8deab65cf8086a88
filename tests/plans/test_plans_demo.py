"""The sample workshop's action plans: most innovations get 2-5 realistic plans that the core accepts."""

from __future__ import annotations

import dataclasses
from collections import Counter

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo


def test_demo_gives_most_innovations_two_to_five_plans(tmp_path):
    path = tmp_path / "demo.fgd.db"
    counts = write_demo(path)
    ws = Workshop.open(path)
    try:
        per_innovation = ws.plans.counts()
        innovations = ws.innovations.count()
        assert counts["action_plan"] == sum(per_innovation.values()) >= 150
        assert len(per_innovation) >= 0.8 * innovations
        assert set(per_innovation.values()) <= {2, 3, 4, 5}
        first, last = ws.plans.horizon()
        plans = ws.plans.list()
        assert all(first <= p.first_year <= p.last_year <= last for p in plans)
        assert any(p.first_year == first for p in plans)  # quick-win year used
        assert max(p.last_year for p in plans) >= first + 6  # the plans reach across the horizon
        assert len({p.opd_id for p in plans}) >= 10
        sources = Counter(p.funding_source_id for p in plans)
        assert len(sources) >= 6 and sources[None] < len(plans) // 5
        assert all(p.budget > 0 and p.budget % 1_000_000 == 0 for p in plans)
        statuses = {ws.plans.statuses.get(p.status_id).code for p in plans}
        assert {"planned", "running"} <= statuses
        for plan in plans[:40]:  # the sample is what the core itself accepts
            ws.plans.validate(dataclasses.asdict(plan), plan.id)
        edges = ws.plans.dependency_map()
        assert edges and all(ws.plans.get(d).innovation_id == ws.plans.get(p).innovation_id
                             for p, deps in list(edges.items())[:20] for d in deps)
    finally:
        ws.close()
