"""Action plans (rencana aksi) on the planning horizon: records, typed entry, funding sources and statuses.

- The stage of a plan is derived from its years and the workshop's stages when shown, never stored.
- A budget is spread evenly over the plan's years in whole rupiah, the remainder to the first year, so the
  yearly figures add up to the estimate (``fgd_app.core.roadmap``).
- Funding sources and statuses are lists in the file; one still in use cannot be deleted.
"""
