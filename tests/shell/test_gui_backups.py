"""Backups in the window: made off the GUI thread, a failure said once, restored from the menu and the start screen."""

from __future__ import annotations

import errno
import hashlib
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from fgd_app.core import Workshop
from fgd_app.core.store import backups as core_backups
from fgd_app.core.store.backups import list_backups, make_backup
from fgd_app.gui.shell import backups as gui_backups
from fgd_app.gui.shell.backup_dialog import RestoreDialog
from fgd_app.gui.shell.backups import BackupScheduler
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.widgets.message_box import MessageBox


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setattr(gui_backups, "data_dir", lambda: folder)
    return folder


@pytest.fixture
def window(qtbot, workshop, settings, data_dir):
    win = MainWindow(workshop, settings)
    qtbot.addWidget(win)
    yield win
    win.backups.stop()
    win.backups.wait()


def finished(qtbot, scheduler: BackupScheduler, *, force: bool = False):
    with qtbot.waitSignal(scheduler.finished, timeout=10_000) as blocker:
        assert scheduler.backup_now(force=force)
    qtbot.waitUntil(lambda: not scheduler.running())  # the result has reached the window (GUI thread)
    return blocker.args[0]


def test_the_window_backs_up_after_a_change_and_skips_when_nothing_changed(qtbot, window, workshop, data_dir):
    assert window.backups.active and window.backups.timer.interval() == 10 * 60_000
    workshop.participants.add(name="Peserta Satu")
    made = finished(qtbot, window.backups)
    assert made.path.parent == data_dir / "backups" / workshop.info().id
    assert finished(qtbot, window.backups) is None  # nothing changed since: no copy
    assert len(list_backups(workshop.info().id, data_dir)) == 1


def test_the_timer_makes_the_backup(qtbot, window, workshop, data_dir):
    scheduler = BackupScheduler(window, workshop, folder=data_dir, minutes=0.001)
    with qtbot.waitSignal(scheduler.finished, timeout=10_000) as blocker:
        pass
    scheduler.stop()
    assert blocker.args[0] is not None and list_backups(workshop.info().id, data_dir)


def test_a_read_only_workshop_is_not_backed_up(qtbot, workshop_path, settings, data_dir):
    ws = Workshop.open(workshop_path, read_only=True)
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    assert not win.backups.active and not win.backups.backup_now(force=True)
    win.close_workshop()
    assert not (data_dir / "backups").exists()


def test_closing_the_workshop_makes_the_last_backup(qtbot, window, workshop, data_dir):
    workshop_id = workshop.info().id
    workshop.participants.add(name="Peserta Terakhir")
    window.close_workshop()
    window.backups.wait(10)
    [backup] = list_backups(workshop_id, data_dir)
    with Workshop.open(backup.path, read_only=True) as copy:
        assert [p.name for p in copy.participants.list()] == ["Peserta Terakhir"]


def test_a_failing_backup_is_said_once_in_the_status_bar(qtbot, window, workshop, monkeypatch):
    messages: list[str] = []
    window.statusBar().messageChanged.connect(lambda text: text and messages.append(text))

    def full_disk(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    working = core_backups._copy_pages
    monkeypatch.setattr(core_backups, "_copy_pages", full_disk)
    for _ in range(3):
        workshop.participants.add(name="Peserta")
        assert isinstance(finished(qtbot, window.backups), core_backups.BackupError)
        window.statusBar().clearMessage()  # as if it had timed out: a repeated message would show again
    assert messages == ["Cadangan tidak dapat ditulis: disk penuh. Cadangan sebelumnya tetap disimpan."]
    monkeypatch.setattr(core_backups, "_copy_pages", working)
    assert finished(qtbot, window.backups) is not None  # works again (the failed change is still to be saved)
    window.statusBar().clearMessage()  # the first message has timed out
    monkeypatch.setattr(core_backups, "_copy_pages", full_disk)
    finished(qtbot, window.backups, force=True)
    assert len(messages) == 2, "after a success, a new failure is said again"


def test_the_restore_dialog_lists_backups_and_restores_a_new_file(qtbot, workshop, data_dir, tmp_path, monkeypatch):
    workshop.participants.add(name="Peserta Lama")
    first = make_backup(workshop.path, data_dir)
    workshop.participants.add(name="Peserta Baru")
    make_backup(workshop.path, data_dir)
    original = hashlib.sha256(workshop.path.read_bytes()).hexdigest(), workshop.path.stat().st_mtime_ns
    dialog = RestoreDialog(data_dir, workshop.info().id)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 2 and not dialog.tree.rootIsDecorated()
    assert dialog.tree.headerItem().text(0) == "Waktu cadangan"
    row = dialog.tree.topLevelItem(1)
    assert row.text(0).startswith("Hari ini, ") and [row.text(c) for c in (1, 2, 3)] == ["0", "0", "0"]
    assert row.text(4) == workshop.path.name
    dialog.tree.setCurrentItem(row)
    asked: list[str] = []
    target = tmp_path / "pulih"

    def answer(parent, caption, suggested, file_filter, *args):
        asked.append(suggested)
        return str(target), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    assert dialog.restore_current()
    assert Path(asked[0]).name.startswith("serang_pulihan_") and Path(asked[0]).parent == workshop.path.parent
    assert dialog.restored == tmp_path / "pulih.fgd.db" and dialog.result() == RestoreDialog.DialogCode.Accepted
    with Workshop.open(dialog.restored, read_only=True) as copy:
        assert [p.name for p in copy.participants.list()] == ["Peserta Lama"]
    assert (hashlib.sha256(workshop.path.read_bytes()).hexdigest(), workshop.path.stat().st_mtime_ns) == original
    assert first.path.exists()


def test_restoring_onto_an_existing_file_is_refused_with_a_message(qtbot, workshop, data_dir, monkeypatch):
    make_backup(workshop.path, data_dir)
    dialog = RestoreDialog(data_dir, workshop.info().id)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    monkeypatch.setattr(MessageBox, "hook", lambda box: shown.append(box.text()) and None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(workshop.path), ""))
    assert not dialog.restore_current()
    assert shown and "sudah ada" in shown[0] and dialog.restored is None


def test_the_start_screen_lists_every_workshops_backups_grouped(qtbot, workshop, tmp_path, data_dir):
    other = Workshop.create(tmp_path / "lain.fgd.db", region_code="36.03")
    try:
        make_backup(workshop.path, data_dir)
        make_backup(other.path, data_dir)
        make_backup(other.path, data_dir)
        dialog = RestoreDialog(data_dir)
        qtbot.addWidget(dialog)
        groups = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
        assert [(g.text(0), g.childCount()) for g in groups] == [
            (other.info().display_name, 2), (workshop.info().display_name, 1)]
        assert dialog.current_backup() is not None and dialog.restore_button.isEnabled()
    finally:
        other.close()


def test_no_backups_yet_is_said(qtbot, data_dir):
    dialog = RestoreDialog(data_dir, "00000000-0000-4000-8000-000000000000")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tree.isHidden() and dialog.empty.isVisible() and "Belum ada cadangan" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()


def test_menu_and_start_screen_open_the_restored_copy(qtbot, qapp, workshop_path, settings, data_dir, tmp_path,
                                                      monkeypatch):
    """File → Restore from backup… restores the chosen copy as a new file and the app opens it."""
    from fgd_app.gui.shell.app import setup_application

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    controller = setup_application(qapp, settings)
    monkeypatch.setattr(qapp, "_fgd_controller", controller, raising=False)
    make_backup(workshop_path, data_dir)
    assert controller.open_path(workshop_path)
    window = controller.window
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Pulihkan dari &cadangan…" in texts
    target = tmp_path / "pulih.fgd.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: self.restore_current() and 1)
    window.restore_action.trigger()
    assert controller.window.workshop.path == target
    controller.close_workshop()
    start = controller.start
    assert start.restore_button.text() == "Pulihkan dari &cadangan…"
    seen: list[int] = []
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: seen.append(self.tree.topLevelItemCount()) and 0)
    start.restore_button.click()
    assert seen == [1]  # one workshop (the restored copy shares its identity, so its backups join it)
    start.close()
