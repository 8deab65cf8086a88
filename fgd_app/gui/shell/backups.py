"""Automatic backups of the open workshop, off the GUI thread, and the way to the restore dialog.

The main window owns a ``BackupScheduler``: every ``BACKUP_MINUTES`` while a workshop is open (not
read-only), and when it is closed, a worker thread copies the file with ``core.store.backups`` (its own
read-only connection: typing never waits). Nothing is copied when nothing changed since the last backup
(and the workshop has one). A failure is said once in the status bar, not at every tick. The restore
dialog lives in ``backup_dialog`` and is loaded when it opens (start-up stays quick).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from fgd_app import APP_ID
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QMenu, QPushButton, QWidget

    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

BACKUP_MINUTES = 10
FAILURE_SHOWN_MS = 120_000  # how long the status bar shows that a backup failed


def data_dir() -> Path:
    """Return the user's data folder for this app (backups go in its ``backups`` folder)."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) if base else Path.home() / f".{APP_ID}"


class BackupScheduler(QObject):
    """Back up one open workshop every few minutes and at close, in a worker thread."""

    finished = Signal(object)  # the Backup made, None when nothing needed copying, or the BackupError

    def __init__(self, window: QMainWindow, workshop: Workshop, *, folder: Path | None = None,
                 minutes: float = BACKUP_MINUTES):
        super().__init__(window)
        self.window = window
        self.workshop = workshop
        self.path = workshop.path
        self.data_dir = folder if folder is not None else data_dir()
        self.active = not workshop.read_only
        self.changed = False  # since the last backup
        self.failure_shown = False
        self.last_error: str = ""
        self._thread: threading.Thread | None = None
        self._busy = False  # from the start of a periodic backup until its result arrives in the GUI thread
        self.timer = QTimer(self)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.backup_now)
        self.finished.connect(self._finished)
        if self.active:
            self.workshop_id = workshop.info().id
            workshop.store.add_listener(self._on_changes)
            self.timer.start()

    def _on_changes(self, _changes: Changes) -> None:
        self.changed = True

    def running(self) -> bool:
        return self._busy or (self._thread is not None and self._thread.is_alive())

    def backup_now(self, *, force: bool = False) -> bool:
        """Start a backup in a worker thread; return False when one runs already or backups are off."""
        if not self.active or self.running():
            return False
        changed, self.changed = self.changed or force, False
        self._busy = True
        self._thread = threading.Thread(target=self._work, args=(changed, True), name="fgd-backup")
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running backup (tests, the benchmark)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _work(self, changed: bool, report: bool) -> None:
        """Run in the worker thread: copy the file unless nothing changed and a backup exists."""
        from fgd_app.core.store import backups

        try:
            if not changed and backups.list_backups(self.workshop_id, self.data_dir):
                result = None
            else:
                result = backups.make_backup(self.path, self.data_dir)
        except backups.BackupError as error:
            result = error
        except Exception as error:  # noqa: BLE001 - a worker thread: hand it to the window, never a traceback
            result = backups.BackupError(tr("The backup could not be written ({error}). The earlier backups "
                                            "are kept.", error=error))
        if report:
            with contextlib.suppress(RuntimeError):  # RuntimeError: the window is gone
                self.finished.emit(result)  # delivered in the GUI thread (queued)

    def _finished(self, result: object) -> None:
        self._busy = False
        if isinstance(result, Exception):
            self.changed = True  # try again at the next tick
            self.last_error = str(result)
            if not self.failure_shown:
                self.failure_shown = True
                self.window.statusBar().showMessage(str(result), FAILURE_SHOWN_MS)
            return
        self.failure_shown = False  # a later failure is said again
        self.last_error = ""

    def stop(self) -> None:
        """Stop the timer and stop listening (the window lets the workshop go)."""
        self.timer.stop()
        if self.active:
            self.workshop.store.remove_listener(self._on_changes)

    def backup_at_close(self) -> None:
        """After the file was closed: the last backup, in a thread the interpreter waits for at exit."""
        self.stop()
        if not self.active:
            return
        self.wait()
        self.active = False
        self._thread = threading.Thread(target=self._work, args=(self.changed, False), name="fgd-backup-close")
        self._thread.start()


def start_backups(window: QMainWindow, workshop: Workshop) -> BackupScheduler:
    """Return the backup scheduler of ``window`` (inactive for a workshop open read-only)."""
    return BackupScheduler(window, workshop)


def restore_dialog(parent: QWidget, workshop_id: str | None = None) -> None:
    """Show the backups (of one workshop, or of all grouped) and open a restored copy."""
    from fgd_app.gui.shell.backup_dialog import RestoreDialog

    dialog = RestoreDialog(data_dir(), workshop_id, parent)
    if dialog.exec() and dialog.restored is not None:
        from PySide6.QtWidgets import QApplication

        controller = getattr(QApplication.instance(), "_fgd_controller", None)
        if controller is not None:
            controller.open_path(dialog.restored)


def install_restore_action(window: QMainWindow, menu: QMenu) -> None:
    """Add *File → Restore from backup…* (the backups of the open workshop)."""
    from fgd_app.gui.widgets.actions import new_action

    def run() -> None:
        workshop = window.workshop
        restore_dialog(window, workshop.info().id if workshop is not None else None)

    window.restore_action = new_action(window, tr("Restore from &backup…"), run)
    menu.addAction(window.restore_action)


def restore_button(parent: QWidget) -> QPushButton:
    """Return the start screen's button: the backups of every workshop."""
    from PySide6.QtWidgets import QPushButton

    button = QPushButton(tr("Restore from &backup…"))
    button.setObjectName("restoreBackupButton")
    button.setToolTip(tr("Backups are made every {minutes} minutes while a workshop is open; restore one as a "
                         "new file", minutes=BACKUP_MINUTES))
    button.clicked.connect(lambda: restore_dialog(parent))
    return button
