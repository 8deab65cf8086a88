"""1024x768 first (issue 16): a numbers-only page list and a text zoom, both remembered; the day-2 pages keep
their key columns in view; the roadmap's budget summary folds."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QApplication

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.gui.plans.model import KEYS as PLAN_KEYS
from fgd_app.gui.risks.model import KEYS as RISK_KEYS
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.settings import Settings


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hall") / "demo.fgd.db"
    write_demo(path)
    return path


@pytest.fixture
def workshop(demo_file, tmp_path):
    path = tmp_path / "demo.fgd.db"
    shutil.copy(demo_file, path)
    ws = Workshop.open(path)
    yield ws
    ws.close()


def open_window(qtbot, workshop, settings, size=(1024, 768)) -> MainWindow:
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    return window


def fully_in_view(table, column: int) -> bool:
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    return not header.isSectionHidden(column) and left >= 0 and left + header.sectionSize(column) <= table.viewport().width()


def test_page_list_shows_numbers_only_and_it_is_remembered(qtbot, workshop):
    settings = Settings()
    settings.set_compact_navigation(False)
    window = open_window(qtbot, workshop, settings)
    wide = window.nav.width()
    assert window.nav.item(0).text() == "1. Data lokakarya"
    window.compact_action.trigger()  # Ctrl+Shift+L
    assert window.nav.item(0).text() == "1" and window.nav.width() < wide / 2
    assert "Data lokakarya" in window.nav.item(0).toolTip()  # the title stays in the tooltip
    window.detach_workshop()  # as a language switch does: a new window on the same workshop
    again = open_window(qtbot, workshop, Settings())
    assert again.compact_navigation and again.nav.item(3).text() == "4"
    again.nav_toggle.click()
    assert not Settings().compact_navigation()


def test_text_zoom_grows_shrinks_and_is_remembered(qtbot, workshop):
    settings = Settings()
    window = open_window(qtbot, workshop, settings)
    base = window.centralWidget().font().pointSizeF()
    window.set_zoom(window.zoom + 0.2)
    assert window.centralWidget().font().pointSizeF() == pytest.approx(base * 1.2, rel=0.01)
    assert Settings().zoom() == pytest.approx(1.2)
    for _ in range(20):
        window.set_zoom(window.zoom + 0.1)
    assert Settings().zoom() <= 1.8  # bounded
    window.set_zoom(1.0)
    assert window.centralWidget().font().pointSizeF() == pytest.approx(base)


def test_day_two_pages_keep_their_key_columns_in_view_at_1024(qtbot, workshop):
    settings = Settings()
    settings.set_compact_navigation(True)
    window = open_window(qtbot, workshop, settings)
    plans = window.show_page("plans")
    qtbot.wait(20)
    for key in ("position", "activity", "first_year", "last_year", "budget"):
        assert fully_in_view(plans.table, PLAN_KEYS.index(key)), key
    risks = window.show_page("risks")
    qtbot.waitUntil(lambda: all(fully_in_view(risks.table, RISK_KEYS.index(k))
                                for k in ("code", "event", "level", "treatment", "residual")))


def test_enter_moves_through_the_plan_columns_as_they_are_shown(qtbot, workshop):
    settings = Settings()
    window = open_window(qtbot, workshop, settings)
    table = window.show_page("plans").table
    header = table.horizontalHeader()
    table.move_next(table.model().index(0, PLAN_KEYS.index("activity")))
    assert PLAN_KEYS[table.currentIndex().column()] == "first_year"
    assert header.visualIndex(PLAN_KEYS.index("first_year")) == header.visualIndex(PLAN_KEYS.index("activity")) + 1


def test_roadmap_budget_summary_folds_to_its_heading(qtbot, workshop):
    window = open_window(qtbot, workshop, Settings())
    page = window.show_page("roadmap")
    QApplication.processEvents()
    view_height = page.view.height()
    page.budget.fold.click()
    QApplication.processEvents()
    assert page.budget.is_folded() and page.budget.tabs.isHidden() and page.budget.count.isVisible()
    assert page.view.height() > view_height + 150
    page.budget.fold.click()
    assert page.budget.tabs.isVisible()
