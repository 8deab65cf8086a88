"""The coverage page: the board shows who has contributed, the checklist leads to the place to fix each gap."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from fgd_app.gui.coverage.page import TARGET_ROLE, CoveragePage
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.navigation import PAGES
from fgd_app.gui.shell.settings import Settings


@pytest.fixture
def filled(workshop):
    ws = workshop
    dinkes = ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    dishub = ws.opds.add(name="Dinas Perhubungan", short_name="Dishub")
    liv = ws.dimensions.by_code("LIV")
    item = ws.innovations.add(dimension_id=liv.id, name="Telemedicine puskesmas", lead_opd_id=dinkes.id)
    ws.innovations.add(dimension_id=liv.id, name="Ambulans desa", lead_opd_id=dinkes.id)
    first = ws.info().horizon_first_year
    ws.plans.add(innovation_id=item.id, activity="Uji coba", first_year=first, last_year=first, opd_id=dinkes.id)
    ws.risks.add(innovation_id=item.id, event="Dokter enggan", likelihood=5, impact=4)
    day = ws.days.list()[0]
    for name, opd in (("Budi", dinkes), ("Sari", dishub)):
        ws.attendance.set(ws.participants.add(name=name, opd_id=opd.id).id, day.id, True)
    return ws


def test_page_is_registered_last_with_the_navigate_need():
    spec = next(p for p in PAGES if p.key == "coverage")
    assert spec.load() is CoveragePage and spec.needs == ("navigate",)


def test_board_tints_the_silent_opd_and_names_it(qtbot, filled):
    page = CoveragePage(filled)
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    model = page.model
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels[0] == "Dishub"  # present, nothing yet: first
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    liv_column = 2 + [d.code for d in model.board.dimensions].index("LIV")
    dinkes = labels.index("Dinkes")
    assert model.index(dinkes, liv_column).data() == "2 \u00b7 1 \u00b7 1"
    assert model.index(dinkes, model.columnCount() - 1).data() == "2 \u00b7 1 \u00b7 1"
    assert model.index(dinkes, 2).data() == "\u2013"
    assert "Dishub" in page.call_on.text()
    assert model.board.day_date == filled.days.list()[0].day_date  # the latest day with ticks
    # every column visible at 1024 wide: nothing scrolls sideways
    qtbot.waitUntil(lambda: page.table.viewport().width() > 0)
    assert not page.table.horizontalScrollBar().isVisible()


def test_checklist_lines_lead_to_the_page_and_record(qtbot, filled):
    went = []
    page = CoveragePage(filled, navigate=lambda key, record: went.append((key, record)))
    qtbot.addWidget(page)
    page.show()
    top = {page.checklist.topLevelItem(i).text(0): page.checklist.topLevelItem(i)
           for i in range(page.checklist.topLevelItemCount())}
    assert "\u2717" in page.ready_heading.text()
    plans_line = next(item for text, item in top.items() if "rencana aksi" in text and "belum punya rencana" in text)
    assert plans_line.text(0).startswith("\u2717 1 inovasi")
    child = plans_line.child(0)
    assert child.text(0).startswith("LIV-02")
    rect = page.checklist.visualItemRect(child)
    qtbot.mouseClick(page.checklist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    ambulans = filled.innovations.list()[-1]
    assert went[-1] == ("plans", ambulans.id)
    risk_line = next(item for text, item in top.items() if "risiko" in text)
    page._open(risk_line.child(0))
    assert went[-1] == ("risks", filled.risks.list()[0].id)


def test_the_checklist_follows_edits(qtbot, filled):
    page = CoveragePage(filled)
    qtbot.addWidget(page)
    filled.store.add_listener(page.on_changes)
    page.show()
    before = len(page.completeness.open)
    filled.quickwins.choose(filled.innovations.list()[0].id, "Cepat")
    assert len(page.completeness.open) == before - 1
    assert any(page.checklist.topLevelItem(i).text(0).startswith("\u2713")
               for i in range(page.checklist.topLevelItemCount()))


def test_main_window_goes_from_a_checklist_line_to_the_record(qtbot, filled, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(filled, settings)
    qtbot.addWidget(main)
    main.resize(1024, 768)
    main.show()
    qtbot.waitExposed(main)
    page = main.show_page("coverage")
    assert isinstance(page, CoveragePage)
    risk = filled.risks.list()[0]
    line = next(page.checklist.topLevelItem(i) for i in range(page.checklist.topLevelItemCount())
                if page.checklist.topLevelItem(i).data(0, TARGET_ROLE)[0] == "risks")
    page._open(line.child(0))
    assert main.current_page_key() == "risks"
    risks = main.page("risks")
    assert risks.form.risk is not None and risks.form.risk.id == risk.id
    main.go_to("plans", filled.plans.list()[0].id)
    plans = main.page("plans")
    assert main.current_page_key() == "plans" and plans.current_plan_id() == filled.plans.list()[0].id
    main.go_to("print", "official_name")
    assert QApplication.focusWidget() is main.page("print").details_button or not main.isActiveWindow()
    main.close_workshop()


def test_board_day_is_today_when_today_is_a_workshop_day(filled):
    from fgd_app.core.coverage.board import build_board

    day = filled.days.list()[1]
    board = build_board(filled.store, today=dt.date.fromisoformat(day.day_date))
    assert board.day_id == day.id and board.silent == []  # nobody ticked on day 2
