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
