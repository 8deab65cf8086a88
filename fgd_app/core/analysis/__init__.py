"""The region's analysis (stage I, *Kondisi daerah*): readiness, running applications, problems, goals, focus.

- ``records.py``: the repositories (``ws.analysis.aspects``, ``.items``, ``.applications``, ``.problems``,
  ``.goals``, ``.dimensions``), each write one undoable operation through the store.
- The readiness aspects are data in the file with shipped defaults (migration ``*_region_analysis.sql``).
- The focus flag of a dimension is used by the quick-win rule when ``quickwin_rule.focus_first`` is set
  (``fgd_app.core.quickwins.rules``), and printed in the reports; it never changes a score.
- ``carry.py``: carrying a workshop file to the next bimtek stage (new ids, lineage) and ``changes.py``:
  what changed since the stage it was carried from.
"""
