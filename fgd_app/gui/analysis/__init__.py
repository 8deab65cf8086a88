"""The "Region conditions" page (Kondisi daerah, stage I) and its editable table models."""
