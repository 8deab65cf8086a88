"""Every page fits a 1024x768 projector once it has been opened (a page's minimum width widens the window)."""

from __future__ import annotations

import pytest

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.navigation import PAGES


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("fit") / "demo.fgd.db"
    write_demo(path)
    return path


def test_window_with_every_page_opened_still_fits_1024x768(qtbot, demo_path, settings):
    ws = Workshop.open(demo_path)
    window = MainWindow(ws, settings)  # the test's own settings file (conftest), not the user's
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    for spec in PAGES:
        window.show_page(spec.key)
    window.resize(1024, 768)
    qtbot.wait(10)
    too_wide = {spec.key: window.page(spec.key).minimumSizeHint().width() for spec in PAGES}
    assert window.width() <= 1024, f"window {window.width()} px wide; page minimum widths: {too_wide}"
    window.close()
    ws.close()


def _cut_headers(page) -> list[str]:
    """Return the header texts of ``page``'s visible tables that are wider than their column (Qt elides them)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView, QStyle

    cut = []
    for header in page.findChildren(QHeaderView):
        model = header.model()
        if header.orientation() != Qt.Orientation.Horizontal or model is None or not header.isVisibleTo(page):
            continue
        metrics = header.fontMetrics()
        margins = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 2
        for section in range(header.count()):
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            if not text or header.isSectionHidden(section):
                continue
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + margins
            if header.sectionSize(section) < needed:
                cut.append(f"{type(header.parent()).__name__}: {text!r} {header.sectionSize(section)} < {needed} px")
    return cut


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("compact", [True, False], ids=["numbers-only", "titles"])
def test_every_page_at_1024x768_fits_and_shows_whole_column_headers(qtbot, demo_path, settings, lang, compact):
    """At 1024x768, with the page titles shown or not, no page widens the window and no table header is cut
    ("Sumber dana" read "umber dan" in the plans table)."""
    from fgd_app.gui.shell.app import set_language

    set_language(lang)
    ws = Workshop.open(demo_path)
    try:
        window = MainWindow(ws, settings)
        qtbot.addWidget(window)
        window.set_compact_navigation(compact)
        window.resize(1024, 768)
        window.show()
        problems = {}
        for spec in PAGES:
            window.show_page(spec.key)
            qtbot.wait(5)
            page = window.page(spec.key)
            cut = _cut_headers(page)
            if cut:
                problems[spec.key] = cut
            if page.minimumSizeHint().width() + window.nav.width() > 1024:
                problems.setdefault(spec.key, []).append(f"minimum width {page.minimumSizeHint().width()} px")
        assert window.minimumSizeHint().width() <= 1024
        assert window.width() <= 1024
        assert problems == {}
        window.close()
    finally:
        set_language("id")
        ws.close()
