"""The ministry's desk (issue 22): a window over a consolidated file, read-only.

``window.DeskWindow`` holds three tabs over one ``fgd_app.core.portfolio.Portfolio``: the portfolio table
(``page.PortfolioPage``: one row per region and stage, sortable, filterable), the comparison of the chosen
regions (``compare_view.CompareView``: tables and bar charts) and the search across every region's
innovations (``search_view.SearchView``). Choosing a region asks the app to open that region's workshop
read-only in the usual main window (``open_region_requested``). Nothing here writes.
"""
