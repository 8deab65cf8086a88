"""Day-1 innovations: records, quick entry, search and near-duplicates, merging two into one.

- Codes (``GOV-03``) count up per dimension from a counter in the file and are never handed out again;
  the core keeps the counter (a permanent trigger writing an ordinary table would run again on redo,
  because undo/redo replay every row the store logged).
- Merge and delete find what points at an innovation through ``PRAGMA foreign_key_list``
  (``fgd_app.core.store.references``): a later table that refers to ``innovation(id)`` is moved by a merge
  and counted before a delete with no change here. Name it for messages with
  ``references.register_table_label("action_plan", N_("action plan(s)"))``.
- The FTS5 index (``innovation_fts``) is kept by triggers on the base table, so undo keeps it right.
"""
