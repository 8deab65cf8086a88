# ruff: noqa: F811 - the fixtures imported from consolidated_files are parameters here
"""The desk window: opening a consolidated file, filtering and sorting regions, comparing, searching, opening a
region read-only in the usual pages, exporting; the file is never changed."""

from __future__ import annotations

import hashlib
import sys

import pytest
from consolidated_files import REGIONS, consolidated, consolidated_master  # noqa: F401 - fixtures
from PySide6.QtCore import QSettings, QStandardPaths, Qt

from fgd_app.core.portfolio import open_portfolio
from fgd_app.gui.portfolio.models import SORT_ROLE
from fgd_app.gui.portfolio.window import DeskWindow
from fgd_app.gui.shell.app import setup_application
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.message_box import MessageBox


class Answers:
    def __init__(self):
        self.boxes = []

    def __call__(self, box):
        self.boxes.append(box)


@pytest.fixture
def answers(monkeypatch):
    recorder = Answers()
    monkeypatch.setattr(MessageBox, "hook", recorder)
    monkeypatch.setattr(MessageBox, "shown", [])
    return recorder


@pytest.fixture
def controller(qapp, answers, monkeypatch, tmp_path):
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setenv("HOME", str(tmp_path))
    app = setup_application(qapp, Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield app
    for window in (app.window, app.desk, app.start):
        if window is not None:
            window.close()


@pytest.fixture
def desk(qtbot, consolidated_master):
    window = DeskWindow(open_portfolio(consolidated_master))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_opening_a_consolidated_file_shows_the_desk(controller, answers, consolidated):
    before = hashlib.sha256(consolidated.read_bytes()).hexdigest()
    assert controller.open_path(consolidated)
    assert controller.desk is not None and controller.window is None and answers.boxes == []
    assert controller.desk.page.model.rowCount() == len(REGIONS)
    row = controller.desk.page.model.rows.index(next(r for r in controller.desk.page.model.rows
                                                     if r.region_code == "36.73"))
    controller.desk.page.table.selectRow(controller.desk.page.proxy.mapFromSource(
        controller.desk.page.model.index(row, 0)).row())
    controller.desk.page.open_button.click()
    window = controller.window
    assert window is not None and window.workshop.read_only
    assert window.workshop.info().region_name == "Kota Serang"
    assert "Kota Serang" in window.workshop.read_only_reason
    assert controller.settings.recent_files()[0].path == str(consolidated)  # the file, never the region
    controller.close_workshop()
    assert controller.desk.isVisible()
    controller.desk.close()
    assert hashlib.sha256(consolidated.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in consolidated.parent.iterdir()) == ["nasional.db"]


def test_a_workshop_file_still_opens_as_a_workshop(controller, consolidated_master):
    assert controller.open_path(consolidated_master.parent / "36.04.fgd.db", read_only=True)
    assert controller.window is not None and controller.desk is None


def test_filters_and_sorting(desk, qtmodeltester):
    page = desk.page
    qtmodeltester.check(page.model)
    page.incomplete.setChecked(True)
    assert all(r.missing for r in page.shown_rows())
    page.incomplete.setChecked(False)
    page.province.setCurrentIndex(page.province.findData("36"))
    assert sorted(r.region_code for r in page.shown_rows()) == ["36.04", "36.73"]
    page.province.setCurrentIndex(0)
    budget = page.model.headers.index("Budget estimate")
    page.table.sortByColumn(budget, Qt.SortOrder.DescendingOrder)
    values = [page.proxy.index(i, budget).data(SORT_ROLE) for i in range(page.proxy.rowCount())]
    assert values == sorted(values, reverse=True)
    completeness = page.model.headers.index("Completeness")
    texts = [page.proxy.index(i, completeness).data() for i in range(page.proxy.rowCount())]
    assert any("quick win" in t for t in texts)


def test_compare_the_selected_regions(desk, qtmodeltester):
    desk.page.table.selectRow(0)
    desk.show_compare()
    assert len(desk.compare.rows) == 1 and desk.compare.model.rowCount() == 1
    for index in range(desk.compare.which.count()):
        desk.compare.which.setCurrentIndex(index)
        qtmodeltester.check(desk.compare.model)
        assert desk.compare.chart.labels == [f"{desk.compare.rows[0].region_name} (II)"]  # one bar per region
    desk.page.table.clearSelection()
    desk.show_compare()
    assert len(desk.compare.rows) == len(REGIONS) == len(desk.compare.chart.labels)
    header, table = desk.compare.table.horizontalHeader(), desk.compare.table
    assert header.sortIndicatorSection() == -1  # no arrow: the rows are in the portfolio's order
    shown = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert shown == [desk.compare.model.index(r, 0).data() for r in range(desk.compare.model.rowCount())]
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # a click on the first header: the arrow and rows agree
    shown = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert header.sortIndicatorSection() == 0 and shown == sorted(shown, key=str.casefold, reverse=True)


def test_search_lists_every_region(desk, qtbot):
    desk.tabs.setCurrentWidget(desk.search)
    qtbot.keyClicks(desk.search.query, "mal pelayanan")
    qtbot.waitUntil(lambda: desk.search.model.rowCount() > 0)
    assert {h.region_code for h in desk.search.model.rows} == set(REGIONS)


def test_export_writes_pdf_and_workbook(desk, tmp_path):
    paths = desk.export_to(tmp_path)
    assert [p.name for p in paths] == ["ringkasan_nasional.pdf", "portofolio.xlsx"]
    assert all(p.stat().st_size > 1000 for p in paths)


def test_the_desk_fits_small_screens(desk, tmp_path):
    for width in (1366, 1024):
        desk.resize(width, 768)
        assert desk.minimumSizeHint().width() <= width


def test_the_desk_and_the_coverage_page_say_the_same(desk, qtbot, consolidated_master):
    """The completeness cell of a region (its tooltip: one line per gap) lists what the workshop's own
    coverage page shows as not done for the same file."""
    from fgd_app.core import Workshop
    from fgd_app.gui.coverage.page import CoveragePage

    page = desk.page
    column = page.model.headers.index("Completeness")
    for number, row in enumerate(page.model.rows):
        cell = page.model.index(number, column)
        with Workshop.open(consolidated_master.parent / f"{row.region_code}.fgd.db", read_only=True) as ws:
            coverage = CoveragePage(ws)
            qtbot.addWidget(coverage)
            coverage.reload()
            lines = [coverage.checklist.topLevelItem(i).text(0) for i in range(coverage.checklist.topLevelItemCount())]
            heading = coverage.ready_heading.text()
            coverage.close()
        open_lines = [line[2:] for line in lines if line.startswith("\u2717 ")]
        assert open_lines == (cell.data(Qt.ItemDataRole.ToolTipRole) or "").splitlines(), row.region_code
        assert ("\u2713" in heading) == (cell.data() == "complete")
