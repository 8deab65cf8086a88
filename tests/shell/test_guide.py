"""The facilitator's guide: shipped in both languages, opened with F1 from the main window and the start screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fgd_app import i18n
from fgd_app.gui.shell.guide import GUIDE_FILES, GuideWindow, guide_path
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.start_screen import StartScreen

# Headings a facilitator looks for, per language (the sections of the guide).
HEADINGS = {
    "id": ["Panduan Fasilitator", "Sebelum lokakarya", "Hari pertama", "Hari kedua", "Proyektor dan timer ronde",
           "Mencetak", "Serah terima kepada kementerian (Komdigi, sebelumnya Kominfo)",
           "Jika berkas tidak dapat dibuka", "Tombol pintas"],
    "en": ["Facilitator's guide", "Before the workshop", "Day 1", "Day 2", "The projector and the round timer",
           "Printing", "Hand-over to the ministry (Komdigi, formerly Kominfo)", "When a file will not open", "Keys"],
}


def guide_of(owner) -> GuideWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, GuideWindow) and w.parent() is owner
                 and w.isVisible()), None)


def press_f1(qtbot, window) -> GuideWindow:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: guide_of(window) is not None)
    return guide_of(window)


@pytest.mark.parametrize("lang", sorted(GUIDE_FILES))
def test_guide_files_exist_with_their_sections(lang):
    text = guide_path(lang).read_text(encoding="utf-8")
    headings = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    for heading in HEADINGS[lang]:
        assert any(heading in h for h in headings), f"{heading!r} missing from {guide_path(lang).name}"
    assert "/work" not in text and "/tmp" not in text  # no paths of a build machine


def test_f1_in_the_main_window_opens_the_guide_in_indonesian(qtbot, workshop, settings):
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    guide = press_f1(qtbot, window)
    assert guide.lang == "id"
    assert guide.windowTitle() == "Panduan fasilitator"
    shown = guide.browser.toPlainText()
    for heading in HEADINGS["id"]:
        assert heading in shown
    assert guide.language_button.text() == "Tampilkan dalam bahasa Inggris"
    # the Help menu names it, with its key
    help_actions = [a for a in window.menuBar().actions() if a.text() == "Ba&ntuan"][0].menu().actions()
    assert any(a.text() == "&Tombol pintas dan panduan fasilitator" and a.shortcut().toString() == "F1"
               for a in help_actions)
    # F1 opens it at the keys sheet: its heading is on screen, with F5, F9, Alt+1 and Ctrl+1 in the table
    block = guide.keys_block()
    assert block.text() == "10. Tombol pintas"
    top = guide.browser.document().documentLayout().blockBoundingRect(block).top()
    assert guide.browser.verticalScrollBar().value() == pytest.approx(top, abs=2)
    keys_text = shown[shown.index("10. Tombol pintas"):]
    for key in ("F5", "F9", "Alt+1", "Ctrl+1", "Esc", "Ctrl+Shift+L"):
        assert key in keys_text, key
    # the other language, and back
    qtbot.mouseClick(guide.language_button, Qt.MouseButton.LeftButton)
    assert guide.lang == "en" and "Before the workshop" in guide.browser.toPlainText()
    qtbot.mouseClick(guide.language_button, Qt.MouseButton.LeftButton)
    assert guide.lang == "id"
    # F1 again brings back the same window
    guide.close()
    assert press_f1(qtbot, window) is guide
    guide.close()
    window.close()


def test_f1_opens_the_guide_in_english_when_the_interface_is_english(qtbot, workshop, settings):
    i18n.set_language("en")
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    guide = press_f1(qtbot, window)
    assert guide.lang == "en" and guide.windowTitle() == "Facilitator's guide"
    shown = guide.browser.toPlainText()
    for heading in HEADINGS["en"]:
        assert heading in shown
    assert guide.language_button.text() == "Show in Bahasa Indonesia"
    guide.close()
    window.close()


def test_f1_on_the_start_screen_opens_the_guide(qtbot, settings):
    start = StartScreen(settings)
    qtbot.addWidget(start)
    guide = press_f1(qtbot, start)
    assert guide.lang == "id" and "Sebelum lokakarya" in guide.browser.toPlainText()
    guide.close()
    assert start.guide_button.text() == "Pan&duan fasilitator (F1)"
    qtbot.mouseClick(start.guide_button, Qt.MouseButton.LeftButton)
    assert guide_of(start) is guide
    guide.close()
    start.close()


def test_find_box_moves_to_the_next_place(qtbot):
    guide = GuideWindow("id")
    qtbot.addWidget(guide)
    guide.find_edit.setText("Komdigi")
    assert guide.find_next()
    first = guide.browser.textCursor().position()
    assert guide.find_next() and guide.browser.textCursor().position() != first
    guide.find_edit.setText("tidak ada di panduan xyz")
    assert not guide.find_next()
