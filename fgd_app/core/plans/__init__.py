"""Action plans (rencana aksi) on the planning horizon: records, typed entry, funding sources and statuses."""
