"""The ministry's desk: the consolidated file of many regions, read-only (issue 22).

``open_portfolio(path)`` opens a consolidated database written by ``fgd-app merge`` without changing it
(``source.py``: clear refusals for a workshop file, a newer or damaged file) and returns a ``Portfolio``:

- ``portfolio.rows()``: one ``RegionStage`` per region and stage (``rows.py``), with counts, budget,
  risks per level and the completeness column; ``filter_rows`` / ``sort_rows`` for the page and the CLI;
- ``compare.py``: innovations per dimension, budget per year and dimension, risk levels and quick-win
  themes across chosen regions;
- ``search.py``: a full-text search over every region's innovations (an FTS5 index in an attached
  memory database: the file stays read-only);
- ``region_workshop.py``: one region's workshop as a read-only ``Workshop`` for the usual pages.

Two seams are kept deliberately small:

- ``identity.region_stages(conn)`` is the ONE place that reads which region and stage a workshop is
  (today one workshop record per workshop; with stage lineage, one per stage);
- what a region still misses is the workshop's own hand-over checklist
  (``fgd_app.core.coverage.completeness``: ``check_completeness_per_workshop`` runs the same checks as the
  coverage page, for every workshop of the file at once).
"""

from fgd_app.core.portfolio.source import Portfolio, PortfolioError, open_portfolio

__all__ = ["Portfolio", "PortfolioError", "open_portfolio"]
