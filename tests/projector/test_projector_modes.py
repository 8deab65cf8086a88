"""One projector for the whole app: its mode follows the facilitator's page, the timer never leaves the screen,
the risk map counts what the register holds, the quick-wins chart mirrors the page, and nothing is editable."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.gui.projector.quickwins import NameList
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.settings import Settings

EDITING = (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QAbstractSlider)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("projector") / "demo.fgd.db"
    write_demo(path)
    return path


@pytest.fixture
def window(qtbot, demo_file, tmp_path):
    path = tmp_path / "demo.fgd.db"
    shutil.copy(demo_file, path)
    ws = Workshop.open(path)
    main = MainWindow(ws, Settings())
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    yield main
    main.close()
    ws.close()


def projector_of(main: MainWindow):
    return main.projector.window


def operable(projector) -> list[str]:
    """Return every child of the projector someone could type into, click or focus."""
    found = []
    for child in projector.findChildren(QWidget):
        if isinstance(child, EDITING) and child.isEnabled() and child.isVisibleTo(projector):
            found.append(f"{type(child).__name__} {child.objectName()}")
        if isinstance(child, QAbstractItemView) and child.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers:
            found.append(f"editable view {type(child).__name__}")
        if child.focusPolicy() != Qt.FocusPolicy.NoFocus and child.isVisibleTo(projector):
            found.append(f"focusable {type(child).__name__}")
    return found


def test_f5_opens_one_projector_that_follows_the_pages(qtbot, window):
    window.page("innovations")  # built earlier: its Projector button follows the window without taking it over
    window.projector_action.trigger()  # F5 in the View menu
    projector = projector_of(window)
    assert projector is not None and projector.isVisible() and window.projector_action.isChecked()
    assert projector.mode == "title"  # opened on the workshop page: the calm title screen
    assert "Kabupaten Serang" in projector.panels["title"].name.text()
    window.show_page("innovations")
    assert projector.mode == "innovations" and projector.title.text() == "Smart Governance"
    assert window.page("innovations").projector_button.isChecked()  # the page's button shows the same window
    window.show_page("risks")
    assert projector.mode == "risks" and projector.title.text() == "Peta risiko"
    window.show_page("quickwins")
    assert projector.mode == "quickwins" and projector.title.text() == "Dampak dan upaya"
    window.show_page("people")  # no projector mode of its own: the last one stays
    assert projector.mode == "quickwins"
    window.title_action.trigger()  # Shift+F5: title screen whatever the page (a break)
    assert projector.mode == "title"
    window.show_page("risks")
    assert projector.mode == "title"
    window.title_action.trigger()
    assert projector.mode == "risks" and projector_of(window) is projector  # still the one window
    window.page("innovations").projector_button.click()  # the innovations page's button closes it too
    assert projector_of(window) is None and not window.projector_action.isChecked()


def test_last_innovation_is_fully_on_screen_when_the_mode_comes_up_and_after_a_resize(qtbot, window):
    window.projector.show()
    projector = projector_of(window)
    projector.showNormal()  # presenting on the only screen is full screen: a window of the size under test
    projector.resize(1366, 768)
    qtbot.wait(10)
    window.show_page("innovations")  # the innovations mode is built now, in a window already wide
    panel = projector.panels["innovations"]
    for size in ((1366, 768), (1024, 768)):
        projector.resize(*size)
        qtbot.wait(20)
        last = panel.proxy.rowCount() - 1
        rect = panel.list.visualRect(panel.proxy.index(last, panel.list.modelColumn()))
        assert rect.top() >= 0 and rect.bottom() <= panel.list.viewport().height(), size


def test_keys_on_every_page(qtbot, window):
    """F5 opens and closes the projector, F9 starts and pauses the timer, Ctrl+F9 resets it, on any page.

    The main window is activated once, before F5, never again: the keyboard must stay with it.
    """
    window.show_page("risks", focus=True)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_F5)
    assert projector_of(window) is not None and projector_of(window).mode == "risks"
    assert QApplication.activeWindow() is window and QApplication.focusWidget() is target
    assert window.timer_label.isHidden()  # at rest: the status bar stays quiet
    qtbot.keyClick(target, Qt.Key.Key_F9)
    assert window.projector.timer.state == "running"
    assert window.timer_label.isVisible() and window.timer_label.text().startswith("Waktu ronde: ")
    qtbot.keyClick(target, Qt.Key.Key_F9)
    assert window.projector.timer.state == "paused" and window.timer_label.isVisible()
    qtbot.keyClick(target, Qt.Key.Key_F9, Qt.KeyboardModifier.ControlModifier)
    assert window.projector.timer.state == "ready" and window.timer_label.isHidden()
    qtbot.keyClick(target, Qt.Key.Key_F5)
    assert projector_of(window) is None


def test_focus_never_leaves_the_main_window_when_the_projector_opens_or_changes_mode(qtbot, window):
    """Typing in the quick-add line, F5, a page switch and Shift+F5: every key still lands in the main window."""
    window.show_page("innovations", focus=True)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    line = window.page("innovations").quick.name
    line.setFocus()
    qtbot.keyClicks(line, "Tele")
    qtbot.keyClick(line, Qt.Key.Key_F5)
    assert projector_of(window).isVisible()
    assert QApplication.activeWindow() is window and QApplication.focusWidget() is line
    qtbot.keyClicks(line, "medicine")
    assert line.text() == "Telemedicine"
    projector_of(window).set_mode("risks")
    qtbot.keyClick(line, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)  # title screen
    assert projector_of(window).mode == "title"
    window.show_page("plans", focus=True)
    assert QApplication.activeWindow() is window
    assert QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window


def test_one_screen_f5_presents_and_esc_comes_back(qtbot, window):
    window.show_page("innovations", focus=True)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    line = QApplication.focusWidget()
    qtbot.keyClick(line, Qt.Key.Key_F5)
    assert window.projector.presenting and projector_of(window).isFullScreen()
    assert window.back_action.isEnabled() and "Win+P" in window.statusBar().currentMessage()
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert projector_of(window) is None and not window.back_action.isEnabled()
    assert window.statusBar().currentMessage() == ""
    assert QApplication.activeWindow() is window


def test_heat_map_counts_match_the_register_and_follow_filters_and_changes(qtbot, window):
    ws = window.workshop
    page = window.show_page("risks")
    window.projector.show()
    panel = projector_of(window).panels["risks"]
    risks = ws.risks.list()
    inherent = Counter((r.likelihood, r.impact) for r in risks if r.likelihood is not None)
    residual = Counter((r.residual_likelihood, r.residual_impact) for r in risks if r.residual_likelihood is not None)
    assert panel.pair.inherent.counts == dict(inherent) and panel.pair.residual.counts == dict(residual)
    assert projector_of(window).count.text() == f"{len(risks)} risiko"
    assert "Sangat&nbsp;Tinggi" in panel.pair.legend.text()  # a level's name never breaks across lines
    # the laptop filters the register to one dimension: the projector counts the same rows
    page.dimension.setCurrentIndex(1)
    panel.sync()  # what the window's follow timer does a few times a second
    shown = page.model.rows
    assert 0 < len(shown) < len(risks)
    assert sum(panel.pair.inherent.counts.values()) == sum(1 for r in shown if r.likelihood is not None)
    assert "Smart Governance" in projector_of(window).subtitle.text()
    page.clear_filters()
    panel.sync()
    assert sum(panel.pair.inherent.counts.values()) == sum(inherent.values())
    # a risk deleted (and the deletion undone) shows on the projector once the change has settled
    victim = next(r for r in risks if r.likelihood is not None)
    cell = (victim.likelihood, victim.impact)
    ws.risks.delete(victim.id)
    qtbot.waitUntil(lambda: panel.pair.inherent.counts.get(cell, 0) == inherent[cell] - 1)
    ws.undo()
    qtbot.waitUntil(lambda: panel.pair.inherent.counts.get(cell, 0) == inherent[cell])


def test_quick_wins_mode_mirrors_the_page_chart_and_names_the_chosen(qtbot, window):
    page = window.show_page("quickwins")
    window.projector.show()
    projector_of(window).showNormal()
    projector_of(window).resize(1024, 768)
    panel = projector_of(window).panels["quickwins"]
    assert [p.id for p in panel.chart.points] == [p.id for p in page.chart.points]
    chosen = [p for p in page.chart.points if p.chosen]
    assert chosen, "the demo has chosen quick wins"
    listed = [(code, text) for kind, code, text, _colour in panel.names.rows if kind == "item"]
    assert listed[: len(chosen)] == [(p.code, p.name) for p in chosen]
    page.dimension.setCurrentIndex(1)  # the laptop narrows the chart to one dimension
    panel.sync()
    assert [p.id for p in panel.chart.points] == [p.id for p in page.chart.points] and len(panel.chart.points) <= 10
    page.chart.select(page.chart.points[0].id)
    panel.sync()
    assert panel.chart.selected_id == page.chart.points[0].id
    assert panel.chart.label_font().pointSizeF() > 16  # larger than the laptop chart's labels


def test_name_list_counts_what_does_not_fit_and_never_ends_on_a_heading(qtbot):
    names = NameList()
    qtbot.addWidget(names)
    names.set_points(28)
    names.resize(400, 330)
    rows = [("head", "", "Quick win terpilih", ""), ("item", "SOC-05", "Sekolah ramah digital", "#00838f"),
            ("item", "SOC-08", "Forum anak dan kota layak anak", "#00838f"), ("head", "", "Calon", "")]
    rows += [("item", f"BRD-0{n}", "Katalog elektronik produk lokal", "#8e44ad") for n in range(1, 6)]
    names.set_rows(rows)
    placed, hidden = names.fitting()
    assert 0 < len(placed) < len(rows)
    shown_items = len(placed) - sum(1 for row in rows[: len(placed)] if row[0] == "head")
    assert hidden == 7 - shown_items and rows[len(placed) - 1][0] == "item"


def test_quick_wins_mode_without_the_page_reads_the_file(qtbot, window):
    hub = window.projector
    hub.show()
    projector = projector_of(window)
    projector.set_mode("quickwins")  # no page to mirror: every scored innovation
    panel = projector.panels["quickwins"]
    board = window.workshop.quickwins.board()
    assert {p.id for p in panel.chart.points} == {r.id for r in board.rows if r.impact is not None
                                                  and r.effort is not None}


def test_timer_stays_visible_in_every_mode_and_nothing_is_editable(qtbot, window):
    hub = window.projector
    hub.timer.set_minutes(2)
    hub.show()
    projector = projector_of(window)
    projector.showNormal()  # presenting on the only screen is full screen: a window of the size under test
    for key, mode in (("workshop", "title"), ("innovations", "innovations"), ("risks", "risks"),
                      ("quickwins", "quickwins"), ("plans", "plans"), ("roadmap", "roadmap"),
                      ("people", "roadmap")):
        window.show_page(key)
        for size in ((1024, 768), (1366, 768)):
            projector.resize(*size)
            QApplication.processEvents()
            assert projector.mode == mode
            assert projector.clock.isVisible() and projector.clock.text() == "02:00", (mode, size)
            assert projector.clock.geometry().right() <= projector.width()
            assert projector.clock.font().pointSizeF() >= 28 and projector.body_font.pointSizeF() >= 28
            assert operable(projector) == [], mode
    hub.timer.start()
    assert projector.clock.text() in ("02:00", "01:59")


def test_closing_the_workshop_closes_the_projector(qtbot, window):
    hub = window.projector
    window.show_page("innovations")
    assert window.page("innovations").hub is hub  # one hub per workshop, shared with the innovations page
    hub.show()
    window.close_workshop()
    assert hub.window is None


def _look(projector) -> dict:
    """Return the font size and size of every visible part of the projector, per mode."""
    seen = {}
    for mode in ("title", "innovations", "risks", "quickwins", "plans", "roadmap"):
        projector.set_mode(mode) if mode != "innovations" else None
        QApplication.processEvents()
        for child in projector.findChildren(QWidget):
            if child.isVisibleTo(projector):
                seen[(mode, type(child).__name__, child.objectName())] = (child.font().pointSizeF(),
                                                                          child.size().toTuple())
    return seen


def test_every_mode_looks_the_same_after_the_timer_alarm_and_reset(qtbot, window, monkeypatch):
    """The alarm turns the background red without restyling the panels: fonts and sizes are as before."""
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: None))
    hub = window.projector
    now = [1000.0]
    hub.timer.timer.clock = lambda: now[0]
    hub.timer.set_minutes(1)
    hub.show()
    projector = projector_of(window)
    projector.showNormal()
    projector.resize(1024, 768)
    window.show_page("innovations")
    before = _look(projector)
    assert ("risks", "HeatMap", "") in before and before[("risks", "HeatMap", "")][0] >= 14
    hub.timer.start()
    now[0] += 61  # the minute is over
    hub.timer.tick()
    assert hub.timer.state == "expired" and projector.alarm_shown()
    assert projector.grab().toImage().pixelColor(4, 4).name() == "#5c1414"
    hub.timer.reset()
    assert not projector.alarm_shown()
    assert projector.grab().toImage().pixelColor(4, 4).name() == "#10243e"
    after = _look(projector)
    assert {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)} == {}


def test_plans_and_roadmap_modes_follow_their_pages(qtbot, window):
    """Pages 4 and 5 have their own modes: the dimension's innovations with plan counts and years; the stages."""
    ws = window.workshop
    window.projector.show()
    projector = projector_of(window)
    projector.showNormal()
    projector.resize(1024, 768)
    page = window.show_page("plans")
    assert projector.mode == "plans"
    panel = projector.panels["plans"]
    data = ws.plans.roadmap_data()
    first_dimension = data.dimensions[0]
    own = [i for i in data.innovations if i.dimension_id == first_dimension.id]
    assert projector.title.text() == f"Rencana aksi: {first_dimension.name}"
    assert [line.code for line in panel.lines.lines] == [i.code for i in own]
    spans = data.innovation_spans
    for item, line in zip(own, panel.lines.lines, strict=True):
        if item.id in spans:
            count = len(data.plans_of[item.id])
            assert line.detail.startswith(f"{count} rencana \u00b7 {spans[item.id][0]}"), line
        else:
            assert line.detail == "belum ada rencana"
    assert any(item.id in spans for item in own)
    page.dimension.setCurrentIndex(page.dimension.findData(data.dimensions[3].id))
    panel.sync()
    assert projector.title.text() == f"Rencana aksi: {data.dimensions[3].name}"
    page.innovations.setCurrentIndex(page.innovations_model.index(1, 1))  # the innovation being planned
    panel.sync()
    chosen = page.current_innovation_id()
    assert chosen and [line.code for line in panel.lines.lines if line.highlighted] == [
        next(i.code for i in data.innovations if i.id == chosen)]
    roadmap = window.show_page("roadmap")
    assert projector.mode == "roadmap" and projector.title.text() == "Peta jalan per tahap"
    grid = projector.panels["roadmap"].grid
    assert [row[0] for row in grid.rows] == [d.name for d in data.dimensions]
    assert len(grid.stages) == len(data.stages) and any(any(row[1]) for row in grid.rows)
    roadmap.dimension.setCurrentIndex(roadmap.dimension.findData(data.dimensions[0].id))
    projector.panels["roadmap"].sync()
    assert all(row[0].split()[0].startswith("GOV") for row in grid.rows) and grid.rows
    assert first_dimension.name in projector.subtitle.text()
    QApplication.processEvents()
    assert grid.hidden_count == 0 or grid.height() > 0
