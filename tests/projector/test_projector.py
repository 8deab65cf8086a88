"""The projector's innovations mode and the FGD round timer: follows the innovations page, large type, a clear
end-of-round signal. (Modes that follow the other pages: test_projector_modes.py.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QTextEdit

from fgd_app.gui.innovations.model import COLUMN
from fgd_app.gui.innovations.page import InnovationsPage
from fgd_app.gui.projector import round_timer
from fgd_app.gui.projector.panel import body_points
from fgd_app.gui.projector.round_timer import RoundTimer, TimerController, format_clock
from fgd_app.gui.projector.window import ProjectorWindow


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def page(qtbot, workshop):
    for name, short in (("Dinas Kesehatan", "Dinkes"), ("Dinas Lingkungan Hidup", "DLH")):
        workshop.opds.add(name=name, short_name=short)
    capture = InnovationsPage(workshop)
    qtbot.addWidget(capture)
    workshop.store.add_listener(capture.on_changes)  # what the main window does
    capture.resize(1136, 680)
    capture.show()
    yield capture
    capture.show_projector(False)


def shown_names(projector: ProjectorWindow) -> list[str]:
    proxy = projector.panels["innovations"].proxy
    return [proxy.index(row, COLUMN["name"]).data() for row in range(proxy.rowCount())]


def test_projector_follows_dimension_switches_and_shows_new_innovations(qtbot, page):
    page.projector_button.click()
    projector = page.projector
    assert isinstance(projector, ProjectorWindow) and projector.isVisible()
    assert projector.mode == "innovations"
    assert projector.title.text() == "Smart Governance"
    assert "Pelayanan\u00a0Publik" in projector.subtitle.text()  # element names never break across lines
    page.sidebar.select_number(4)
    assert projector.title.text() == "Smart Living"
    assert projector.subtitle.text().replace("\u00a0", " ").split("  \u00b7  ") == [
        "Harmonisasi Tata Ruang", "Sarana Transportasi", "Sarana Kesehatan"]
    panel = projector.panels["innovations"]
    assert panel.empty.isVisible() and not panel.list.isVisible()
    page.quick.name.setText("Telemedicine puskesmas")
    page.quick.opd.setText("dinkes")
    page.quick.submit()
    assert shown_names(projector) == ["Telemedicine puskesmas"]
    assert panel.list.isVisible() and projector.count.text() == "1 inovasi"
    assert panel.newest_id == page.workshop.innovations.list()[0].id
    page.search.setText("zzz")  # searching on the laptop does not change the projector
    assert shown_names(projector) == ["Telemedicine puskesmas"]
    page.sidebar.select_number(6)
    assert projector.title.text() == "Smart Environment" and shown_names(projector) == []
    page.workshop.undo()
    page.sidebar.select_number(4)
    assert shown_names(projector) == []
    page.projector_button.click()
    assert page.projector is None


def test_projector_follows_renamed_dimension_and_elements(qtbot, page):
    page.show_projector(True)
    projector = page.projector
    dimension = page.workshop.dimensions.list()[0]
    page.workshop.dimensions.update(dimension.id, name="Tata Kelola Cerdas")
    qtbot.waitUntil(lambda: projector.title.text() == "Tata Kelola Cerdas")
    page.workshop.undo()
    qtbot.waitUntil(lambda: projector.title.text() == "Smart Governance")


def test_projector_type_is_large_and_scales_and_it_has_no_editing_chrome(qtbot, page):
    page.show_projector(True)
    projector = page.projector
    projector.showNormal()  # presenting on the only screen is full screen: a window of the size under test
    projector.resize(1024, 768)
    assert projector.body_font.pointSizeF() >= 28
    assert projector.panels["innovations"].body_font.pointSizeF() >= 28
    assert projector.subtitle.font().pointSizeF() >= 28 and projector.count.font().pointSizeF() >= 28
    assert projector.title.font().pointSizeF() > projector.body_font.pointSizeF()
    projector.resize(1920, 1080)
    assert projector.body_font.pointSizeF() > 36
    assert projector.panels["innovations"].body_font.pointSizeF() > 36
    assert body_points(1024, 768) == 28 and body_points(1366, 768) == 28
    editing = (QLineEdit, QTextEdit, QComboBox, QAbstractButton, QAbstractSpinBox)
    assert not [w for kind in editing for w in projector.findChildren(kind)]
    panel_list = projector.panels["innovations"].list
    assert panel_list.editTriggers() == panel_list.EditTrigger.NoEditTriggers


def test_projector_goes_full_screen_on_a_second_screen_and_f11_toggles(qtbot, page, monkeypatch):
    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(QGuiApplication, "screens", staticmethod(lambda: [screen, screen]))
    page.show_projector(True)
    assert page.projector.isFullScreen() and not page.projector.presenting
    assert not page.hub.presenting and page.projector.typing.isHidden()
    page.projector.toggle_full_screen()
    assert not page.projector.isFullScreen()
    page.projector.toggle_full_screen()
    assert page.projector.isFullScreen()


def test_one_screen_presents_full_screen_and_shows_the_line_being_typed(qtbot, page):
    """Mirror mode: the projector fills the only screen, the keyboard stays on the page, the room sees the typing."""
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.quick.name.setFocus()
    page.show_projector(True)
    projector = page.projector
    assert projector.isFullScreen() and projector.presenting and page.hub.presenting
    assert projector.hint.isVisible() and "Win+P" in projector.hint.text()
    assert QApplication.activeWindow() is page and QApplication.focusWidget() is page.quick.name
    qtbot.keyClicks(page.quick.name, "Telemedicine")
    assert projector.typing.isVisible() and "Telemedicine" in projector.typing.text()
    assert "Nama inovasi baru" in projector.typing.text()  # the field's name says what is typed
    qtbot.keyClick(page.quick.name, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.quick.opd and "Telemedicine" not in projector.typing.text()
    projector.activateWindow()  # a click on the projector: the keyboard goes back to the laptop view's window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    qtbot.keyClick(projector, Qt.Key.Key_Escape)  # one key back to the laptop view
    assert page.projector is None and not page.hub.presenting


def test_round_timer_counts_down_pauses_and_resets_on_a_fake_clock():
    clock = FakeClock()
    timer = RoundTimer(minutes=10, clock=clock)
    assert (timer.state, format_clock(timer.remaining())) == ("ready", "10:00")
    timer.start()
    clock.now += 61.5
    assert format_clock(timer.remaining()) == "08:59" and timer.state == "running"
    timer.pause()
    clock.now += 300
    assert format_clock(timer.remaining()) == "08:59" and timer.state == "paused"
    timer.start()
    clock.now += 538.4
    assert format_clock(timer.remaining()) == "00:01"
    clock.now += 1
    assert timer.remaining() == 0 and timer.state == "expired" and not timer.running
    assert timer.overtime() == pytest.approx(0.9)
    timer.reset()
    assert timer.state == "ready" and format_clock(timer.remaining()) == "10:00"
    assert format_clock(3725) == "1:02:05"


def test_time_up_beeps_once_flashes_and_shows_on_laptop_and_projector(qtbot, page, monkeypatch):
    beeps = []
    monkeypatch.setattr(round_timer.QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    clock = FakeClock()
    controller = page.timer
    controller.timer.clock = clock
    page.timer_controls.minutes.setValue(2)
    page.show_projector(True)
    projector = page.projector
    expired = []
    controller.expired.connect(lambda: expired.append(1))
    controller.toggle()  # start (F9)
    assert page.timer_controls.start_button.text() == "Jeda"
    clock.now += 119
    controller.tick()
    assert projector.clock.text() == "00:01" and page.timer_controls.clock.text() == "00:01"
    clock.now += 1
    controller.tick()
    assert expired == [1] and beeps == [1]
    assert projector.clock.text() == "WAKTU HABIS" and "#c62828" in projector.clock.styleSheet()
    assert projector.alarm_shown() and projector.grab().toImage().pixelColor(4, 4).name() == "#5c1414"
    assert page.timer_controls.clock.text() == "Waktu habis!"
    width = projector.clock.width()
    clock.now += 0.5  # flashing: the alarm blinks off and on, the header does not jump
    controller.tick()
    QApplication.processEvents()
    assert projector.clock.text() == "00:00" and projector.clock.width() == width
    assert projector.alarm_shown()  # the background stays red; only the clock flashes
    clock.now += 0.5
    controller.tick()
    assert projector.clock.text() == "WAKTU HABIS"
    assert expired == [1] and beeps == [1]  # announced once
    controller.reset()
    assert projector.clock.text() == "02:00" and controller.state == "ready"


def test_timer_keys_on_the_projector_window(qtbot, page, monkeypatch):
    """With the projector focused (clicked on the second screen): F9 starts and pauses, Ctrl+F9 resets, F5 closes."""
    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(QGuiApplication, "screens", staticmethod(lambda: [screen, screen]))
    clock = FakeClock()
    page.timer.timer.clock = clock
    page.show_projector(True)
    projector = page.projector
    projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is projector)
    qtbot.keyClick(projector, Qt.Key.Key_F9)
    assert page.timer.state == "running"
    clock.now += 30
    qtbot.keyClick(projector, Qt.Key.Key_F9)
    assert page.timer.state == "paused" and projector.clock.text() == "09:30"
    qtbot.keyClick(projector, Qt.Key.Key_F9, Qt.KeyboardModifier.ControlModifier)
    assert page.timer.state == "ready" and page.timer_controls.clock.text() == "10:00"
    qtbot.keyClick(projector, Qt.Key.Key_F5)
    assert page.projector is None and not page.projector_button.isChecked()


def test_controller_with_zero_minutes_never_runs():
    controller = TimerController(minutes=0, clock=FakeClock())
    controller.start()
    assert controller.state == "ready"
