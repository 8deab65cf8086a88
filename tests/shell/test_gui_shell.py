"""The app shell: start screen, new workshop by keyboard, opening anything, main window, undo keys."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from bad_files import corrupt_middle_of_a_page, fill, fingerprint, make_newer, other_programs_database, truncate
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from fgd_app.core import Workshop
from fgd_app.gui.shell.app import setup_application
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.message_box import MessageBox
from fgd_app.gui.workshop.new_dialog import NewWorkshopDialog, suggested_file_name


class Answers:
    """Stand-in user for message boxes: records each box and answers with the next queued key."""

    def __init__(self):
        self.boxes: list[MessageBox] = []
        self.queue: list[str | None] = []

    def __call__(self, box: MessageBox) -> str | None:
        self.boxes.append(box)
        return self.queue.pop(0) if self.queue else None

    def texts(self) -> list[str]:
        return [box.text() for box in self.boxes]


@pytest.fixture
def answers(monkeypatch):
    recorder = Answers()
    monkeypatch.setattr(MessageBox, "hook", recorder)
    monkeypatch.setattr(MessageBox, "shown", [])
    return recorder


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def controller(qapp, settings, answers, monkeypatch, tmp_path):
    """The app as ``run()`` sets it up, with settings in tmp and an intercepted message box."""
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setenv("HOME", str(tmp_path))
    app_controller = setup_application(qapp, settings)
    yield app_controller
    if app_controller.window is not None:
        app_controller.window.close()
    if app_controller.start is not None:
        app_controller.start.close()


def activate(qtbot, window) -> None:
    """Make ``window`` the active window so focus and Tab behave as for a user."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_suggested_file_name_reads_like_the_workshop():
    assert suggested_file_name("36.04", "Kabupaten Serang", 2) == "36.04_Kabupaten-Serang_Tahap-II.fgd.db"


def test_new_workshop_dialog_by_keyboard_creates_the_file(qtbot, settings, answers, tmp_path):
    """Province, regency, stage, venue, facilitator, path: typed, then Enter creates and opens the file."""
    settings.set_last_folder(str(tmp_path))
    dialog = NewWorkshopDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.region.province)

    def target():  # where the keyboard goes: an open completer pop-up, else the focus
        return QApplication.activePopupWidget() or QApplication.focusWidget()

    def type_in(text: str) -> None:
        for char in text:
            qtbot.keyClicks(target(), char)

    def key(k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(target(), k, modifier)

    type_in("Banten")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Tab)
    type_in("Kabupaten Serang")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.stage
    key(Qt.Key.Key_Down)  # Tahap II
    key(Qt.Key.Key_Tab)
    type_in("Aula Setda Kabupaten Serang")
    key(Qt.Key.Key_Tab)
    type_in("Tenaga Ahli Kominfo")
    assert dialog.path_edit.text() == str(tmp_path / "36.04_Kabupaten-Serang_Tahap-II.fgd.db")
    key(Qt.Key.Key_Return)
    assert dialog.result() == NewWorkshopDialog.DialogCode.Accepted
    ws = dialog.workshop
    try:
        info = ws.info()
        assert (info.region_name, info.bimtek_stage, info.venue, info.facilitator) == (
            "Kabupaten Serang", 2, "Aula Setda Kabupaten Serang", "Tenaga Ahli Kominfo")
        assert len(ws.days.list()) == 2 and len(ws.districts()) == 29
        assert (info.horizon_first_year, info.horizon_last_year) == (2025, 2034)
    finally:
        ws.close()
    assert answers.boxes == []


def test_new_workshop_dialog_shows_problems_beside_the_fields(qtbot, settings, answers, tmp_path):
    dialog = NewWorkshopDialog(settings)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.region_error.isVisibleTo(dialog) and dialog.region_error.text() == \
        "Pilih provinsi, lalu kabupaten atau kota."
    dialog.region.set_region("36.04")
    dialog.first_year.setValue(2030)
    dialog.last_year.setValue(2025)
    dialog.path_edit.setText(str(tmp_path / "x"))
    dialog.accept()
    assert dialog.workshop is None
    assert "tahun akhir" in dialog.horizon_error.text().lower()
    assert not (tmp_path / "x.fgd.db").exists()


def test_edit_undo_redo_and_reopen(qtbot, controller, workshop_path):
    """A field commits when left; the Undo action is named after it; the file holds it after reopening."""
    assert controller.open_path(workshop_path)
    window = controller.window
    activate(qtbot, window)
    page = window.page("workshop")
    venue = page.identity.venue
    venue.setFocus()
    venue.selectAll()
    qtbot.keyClicks(venue, "Pendopo Kabupaten Serang")
    qtbot.keyClick(venue, Qt.Key.Key_Tab)
    assert window.workshop.info().venue == "Pendopo Kabupaten Serang"
    assert window.undo_action.text() == "&Batalkan: Ubah data lokakarya"
    assert window.saved_label.text().startswith("Tersimpan ")
    window.undo_action.trigger()
    assert window.workshop.info().venue == "Aula Setda Kabupaten Serang"
    assert venue.text() == "Aula Setda Kabupaten Serang"
    assert "Dibatalkan: Ubah data lokakarya" in window.saved_label.text()
    window.redo_action.trigger()
    assert venue.text() == "Pendopo Kabupaten Serang"
    page.identity.facilitator.setFocus()
    page.identity.facilitator.setText("Budi Santoso, S.Kom.")
    qtbot.keyClick(page.identity.facilitator, Qt.Key.Key_Return)
    controller.close_workshop()
    assert controller.window is None and controller.start.isVisible()
    with Workshop.open(workshop_path) as ws:
        assert (ws.info().venue, ws.info().facilitator) == ("Pendopo Kabupaten Serang", "Budi Santoso, S.Kom.")


def test_ctrl_z_undoes_typing_first_then_the_core(qtbot, controller, workshop_path):
    controller.open_path(workshop_path)
    window = controller.window
    activate(qtbot, window)
    venue = window.page("workshop").identity.venue
    ws = window.workshop
    ws.update_info(title="Bimtek Masterplan")
    venue.setFocus()
    qtbot.keyClicks(venue, " baru")
    qtbot.keyClick(venue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert venue.text() == "Aula Setda Kabupaten Serang"  # the typing was undone, not the title
    assert ws.info().title == "Bimtek Masterplan"
    qtbot.keyClick(venue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ws.info().title == ""  # nothing typed any more: the core's undo ran
    qtbot.keyClick(venue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ws.info().title == "Bimtek Masterplan"
    qtbot.keyClick(venue, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(venue, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert ws.info().title == "Bimtek Masterplan"


def test_validation_error_shows_beside_the_field_and_esc_restores(qtbot, controller, workshop_path):
    controller.open_path(workshop_path)
    window = controller.window
    activate(qtbot, window)
    days = window.page("workshop").days
    second = list(days.rows.values())[1]
    second.date_edit.setFocus()
    second.date_edit.setDate(second.date_edit.date().addDays(-1))  # the same date as day 1
    qtbot.keyClick(second.date_edit, Qt.Key.Key_Return)
    assert second.error.text() == "Hari ini sudah menjadi hari kegiatan."
    assert [d.day_date for d in window.workshop.days.list()] == ["2024-07-02", "2024-07-03"]
    qtbot.keyClick(second.date_edit, Qt.Key.Key_Escape)
    assert second.date_edit.value() == "2024-07-03" and second.error.isHidden()


BAD_FILES = {
    "not_sqlite": lambda p: p.write_text("Daftar hadir, bukan database\n", encoding="utf-8"),
    "truncated": truncate,
    "last_bytes_cut": lambda p: p.write_bytes(p.read_bytes()[:-5]),  # opened with its end read as zeros
    "corrupt": lambda p: (fill(p), corrupt_middle_of_a_page(p)),
    "other_program": lambda p: (p.unlink(), other_programs_database(p)),
    "newer": make_newer,
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_files_get_a_message_box_and_stay_unchanged(controller, answers, workshop_path, kind):
    BAD_FILES[kind](workshop_path)
    before = fingerprint(workshop_path)
    controller.show_start()
    assert controller.open_path(workshop_path) is False
    assert controller.window is None
    assert len(answers.boxes) == 1
    box = answers.boxes[0]
    assert box.windowTitle() == "Lokakarya tidak dapat dibuka"
    assert workshop_path.name in box.text() and "Traceback" not in box.text()
    assert box.keys() == ["close"]
    assert fingerprint(workshop_path) == before


def test_missing_file_is_explained_and_dropped_from_recent(controller, answers, settings, tmp_path):
    gone = tmp_path / "hilang.fgd.db"
    settings.add_recent(gone, "Kota Serang")
    assert controller.open_path(gone) is False
    assert "tidak ada" in answers.boxes[0].text()
    assert settings.recent_files() == []


def test_file_in_use_opens_read_only_and_is_marked(qtbot, controller, answers, workshop_path):
    holder = Workshop.open(workshop_path)  # another instance has it open
    try:
        before = fingerprint(workshop_path)
        answers.queue.append("read_only")
        assert controller.open_path(workshop_path)
        assert answers.boxes[0].keys() == ["read_only", "cancel"]
        assert "sedang dibuka di jendela lain" in answers.boxes[0].text()
        window = controller.window
        assert window.workshop.read_only
        assert window.windowTitle().endswith("[Hanya-baca]")
        assert window.banner.isVisibleTo(window) and window.banner.text().startswith("Hanya-baca")
        page = window.page("workshop")
        assert page.identity.venue.isReadOnly() and not page.identity.stage.isEnabled()
        assert not page.days.add_button.isVisibleTo(page) and not window.undo_action.isEnabled()
        window.close()
        assert fingerprint(workshop_path) == before
    finally:
        holder.close()


def test_file_in_use_can_be_declined(controller, answers, workshop_path):
    with Workshop.open(workshop_path):
        answers.queue.append("cancel")
        assert controller.open_path(workshop_path) is False
        assert controller.window is None


def test_write_protected_file_offers_read_only(controller, answers, workshop_path, monkeypatch):
    workshop_path.chmod(0o444)
    workshop_path.parent.chmod(0o555)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # root ignores mode bits; tests/test_open_files.py drops root's capabilities to test the core for
        # real; here the window's answer to a write-protected file is what is tested
        real_access = os.access
        protected = {str(workshop_path), str(workshop_path.parent)}
        monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: (
            False if mode & os.W_OK and str(path) in protected else real_access(path, mode, *a, **k)))
    try:
        answers.queue.append("read_only")
        assert controller.open_path(workshop_path)
        assert controller.window.workshop.read_only
    finally:
        workshop_path.parent.chmod(0o755)


def test_unexpected_error_shows_a_dialog_logs_and_keeps_running(qtbot, controller, answers, workshop_path):
    controller.open_path(workshop_path)
    window = controller.window

    def broken():
        raise RuntimeError("disk penuh")

    controller.excepthook(RuntimeError, RuntimeError("disk penuh"), None)
    box = answers.boxes[-1]
    assert box.windowTitle() == "Kesalahan" and "RuntimeError: disk penuh" in box.informativeText()
    log = Path(box.informativeText().split("ditulis ke ")[1].rstrip("."))
    assert log.is_file()
    try:
        broken()
    except RuntimeError:
        controller.excepthook(*sys.exc_info())
    assert "broken" in log.read_text(encoding="utf-8")  # the traceback is in the log
    assert window.isVisible() and window.workshop is not None


def test_recent_files_show_missing_ones_and_can_be_removed(qtbot, controller, answers, settings, workshop_path,
                                                           tmp_path):
    settings.add_recent(tmp_path / "usb" / "lama.fgd.db", "Kota Cilegon — Bimtek Tahap I")
    settings.add_recent(workshop_path, "Kabupaten Serang — Bimtek Tahap II")
    start = controller.show_start()
    assert start.recent_list.count() == 2
    missing = start.recent_list.item(1)
    assert "berkas tidak ditemukan" in missing.text()
    start.recent_list.setCurrentRow(1)
    assert not start.open_recent_button.isEnabled()
    answers.queue.append("remove")
    start.recent_list.itemActivated.emit(missing)
    assert [r.path for r in settings.recent_files()] == [str(workshop_path)]
    start.recent_list.setCurrentRow(0)
    start.open_recent_button.click()
    assert controller.window is not None and not start.isVisible()


def test_title_names_the_workshop_and_file_and_ctrl_number_jumps(qtbot, controller, workshop_path):
    controller.open_path(workshop_path)
    window: MainWindow = controller.window
    assert window.windowTitle() == "Kabupaten Serang \u2014 Bimtek Tahap II \u2014 serang.fgd.db"
    window.workshop.update_info(title="Penyusunan Masterplan")
    assert window.windowTitle() == "Kabupaten Serang \u2014 Penyusunan Masterplan \u2014 serang.fgd.db"
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "workshop"
    assert QApplication.focusWidget() is window.page("workshop").identity.region.province


def test_language_switch_rebuilds_windows_and_keeps_undo(qtbot, controller, workshop_path):
    controller.open_path(workshop_path)
    controller.window.workshop.update_info(venue="Pendopo")
    controller.apply_language("en")
    try:
        window = controller.window
        assert window.menuBar().actions()[0].text() == "&File"
        assert window.undo_action.text() == "&Undo: Ubah data lokakarya"  # named when it was done
        window.undo_action.trigger()
        assert window.workshop.info().venue == "Aula Setda Kabupaten Serang"
    finally:
        controller.apply_language("id")
    assert controller.window.menuBar().actions()[0].text() == "&Berkas"


def test_every_input_of_the_shell_has_an_accessible_name(qtbot, controller, workshop_path):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QPlainTextEdit,
    )

    controller.open_path(workshop_path)
    window = controller.window
    window.page("workshop")
    dialog = NewWorkshopDialog(controller.settings, window)
    qtbot.addWidget(dialog)
    for root in (window, dialog, controller.show_start()):
        for widget in root.findChildren(QWidget):
            if not isinstance(widget, QLineEdit | QComboBox | QAbstractSpinBox | QPlainTextEdit |
                              QAbstractItemView | QAbstractButton) or isinstance(widget, QHeaderView):
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
                continue  # the inner editor of a combo or spin box: the outer widget is named
            if not widget.isVisibleTo(root) or type(widget).__name__ in ("QCalendarWidget",):
                continue
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            assert name.strip(), f"{type(widget).__name__} {widget.objectName()} in {root.objectName()}"


def test_settings_dialog_switches_language_at_once(qtbot, controller, workshop_path):
    from fgd_app.gui.shell.settings_dialog import SettingsDialog

    controller.settings.set_compact_navigation(False)  # the titles, not the numbers only
    controller.open_path(workshop_path)
    dialog = SettingsDialog(controller.settings)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.accept()
    assert controller.settings.language() == "en"
    try:
        controller.apply_language(dialog.chosen_language())
        assert controller.window.nav.item(0).text() == "1. Workshop data"
    finally:
        controller.apply_language("id")


def test_recent_menu_lists_other_workshops(qtbot, controller, settings, workshop_path, tmp_path):
    other = tmp_path / "kota.fgd.db"
    Workshop.create(other, region_code="36.73").close()
    settings.add_recent(other, "Kota Serang — Bimtek Tahap I")
    settings.add_recent(tmp_path / "hilang.fgd.db", "Kota Cilegon — Bimtek Tahap I")
    controller.open_path(workshop_path)
    menu = controller.window.recent_menu
    menu.aboutToShow.emit()
    actions = {a.text(): a for a in menu.actions()}
    assert set(actions) == {"Kota Serang — Bimtek Tahap I",
                            "Kota Cilegon — Bimtek Tahap I (berkas tidak ditemukan)"}
    assert not actions["Kota Cilegon — Bimtek Tahap I (berkas tidak ditemukan)"].isEnabled()
    actions["Kota Serang — Bimtek Tahap I"].trigger()
    assert controller.window.workshop.path == other
    with Workshop.open(workshop_path):  # the first workshop was closed (its lock released)
        pass


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_reaches_the_dialog(qtbot, controller, answers, workshop_path):
    """An exception in a Qt slot goes through sys.excepthook: a dialog, the window stays usable."""
    from PySide6.QtWidgets import QPushButton

    controller.open_path(workshop_path)
    button = QPushButton(controller.window)

    def broken() -> None:
        raise ZeroDivisionError("pembagian nol")

    button.clicked.connect(broken)
    button.click()
    assert answers.boxes and "ZeroDivisionError: pembagian nol" in answers.boxes[-1].informativeText()
    controller.window.workshop.update_info(venue="Masih bisa disimpan")
    assert controller.window.saved_label.text().startswith("Tersimpan")


def test_tab_reaches_a_day_added_later_in_date_order(qtbot, controller, workshop_path):
    controller.open_path(workshop_path)
    window = controller.window
    activate(qtbot, window)
    days = window.page("workshop").days
    days.add_button.click()
    rows = [days.rows[d.id] for d in window.workshop.days.list()]
    rows[1].remove_button.setFocus()
    qtbot.keyClick(rows[1].remove_button, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is rows[2].date_edit, (focus.accessibleName(), getattr(focus, "text", lambda: "")())


def active_shortcuts(window) -> list[str]:
    """Return the key sequences that can fire in ``window`` as it is shown now (menus and visible widgets)."""
    from PySide6.QtGui import QAction, QShortcut

    keys: list[str] = []
    for action in window.findChildren(QAction):
        widgets = action.associatedObjects()
        if action.isEnabled() and any(getattr(w, "isVisible", lambda: False)() or w is window.menuBar()
                                      or type(w).__name__ == "QMenu" for w in widgets):
            keys += [k.toString() for k in action.shortcuts() if not k.isEmpty()]
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and parent.isVisible() and not shortcut.key().isEmpty():
            keys.append(shortcut.key().toString())
    return keys


def test_no_key_is_claimed_twice_on_any_page(qtbot, controller, workshop_path):
    """Two shortcuts on one key make Qt fire neither ("ambiguous shortcut")."""
    controller.open_path(workshop_path)
    window = controller.window
    for spec in window.specs:
        window.show_page(spec.key)
        QApplication.processEvents()
        keys = active_shortcuts(window)
        assert sorted({k for k in keys if keys.count(k) > 1}) == [], spec.key


def test_start_screen_loads_neither_the_core_nor_the_region_list(tmp_path):
    """The start screen comes up without sqlite-utils, the core or lokal (they load when a file opens)."""
    import subprocess
    import textwrap

    code = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from fgd_app.gui.shell.app import setup_application
        from fgd_app.gui.shell.settings import Settings
        controller = setup_application(app, Settings(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)))
        controller.show_start()
        app.processEvents()
        print(sorted(m for m in ("sqlite_utils", "lokal", "fgd_app.core", "openpyxl", "reportlab") if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_reopening_the_newest_recent_workshop_writes_no_settings(settings, tmp_path):
    """The usual start (the same workshop again) must not rewrite the settings file before the first frame."""
    path = tmp_path / "serang.fgd.db"
    settings.add_recent(tmp_path / "cilegon.fgd.db", "Kota Cilegon — Bimtek Tahap I")
    settings.add_recent(path, "Kabupaten Serang — Bimtek Tahap II")
    settings.q.sync()
    ini = tmp_path / "settings.ini"
    written = ini.stat().st_mtime_ns, ini.read_bytes()
    settings.add_recent(path, "Kabupaten Serang — Bimtek Tahap II")
    settings.q.sync()
    assert (ini.stat().st_mtime_ns, ini.read_bytes()) == written
    settings.add_recent(path, "Kabupaten Serang — Bimtek Tahap III")  # renamed: written again
    assert [(r.path, r.name) for r in settings.recent_files()] == [
        (str(path), "Kabupaten Serang — Bimtek Tahap III"), (str(tmp_path / "cilegon.fgd.db"), "Kota Cilegon — Bimtek Tahap I")]


def test_the_app_has_its_icon_and_desktop_entry(controller, qapp):
    """The window icon is the app's own (drawn from resources/icons) and the desktop entry is named for it."""
    assert qapp.desktopFileName() == "fgd-app"
    assert not qapp.windowIcon().isNull()
    assert not qapp.windowIcon().pixmap(32, 32).toImage().isNull()
