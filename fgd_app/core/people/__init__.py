"""OPDs, participants and attendance; importing them from a CSV/XLSX list."""
