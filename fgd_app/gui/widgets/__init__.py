"""Pieces every page shares: saved fields, message boxes, table-model base, theme, Qt constants."""
