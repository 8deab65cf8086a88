"""Start the GUI and tie its windows together: start screen, new workshop, opening files, main window.

``run(path)`` is what ``fgd-app`` and ``fgd-app FILE`` call. Heavy modules (the core, sqlite-utils,
the region list) are imported only when a workshop is created or opened, so the start screen is quick;
Qt classes only dialogs use (file dialog, message box, settings) are loaded when one opens.
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from fgd_app import APP_ID, APP_NAME, __version__, i18n
from fgd_app.gui.shell import translator
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.common import ask, show_error
from fgd_app.i18n import tr
from fgd_app.resources import resource_path

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.gui.portfolio.window import DeskWindow
    from fgd_app.gui.projector.hub import ProjectorHub
    from fgd_app.gui.shell.main_window import MainWindow
    from fgd_app.gui.shell.start_screen import StartScreen

FILE_FILTER_MSGID = "Workshop files (*.fgd.db *.db);;All files (*)"


def log_dir() -> Path:
    """Return the folder for the error log (the user's data folder for this app)."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / f".{APP_ID}") / "logs"


def write_error_log(exc_type, exc, tb) -> Path | None:
    """Append a traceback to the error log; return its path (None when it cannot be written)."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{APP_ID}.log"
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\n=== {_dt.datetime.now().isoformat(timespec='seconds')} {APP_NAME} {__version__}\n")
            handle.write("".join(traceback.format_exception(exc_type, exc, tb)))
        return path
    except OSError:
        return None


class AppController(QObject):
    """Own the windows: the start screen when no workshop is open, else one main window."""

    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.start: StartScreen | None = None
        self.window: MainWindow | None = None
        self.desk: DeskWindow | None = None  # a consolidated file (the ministry's desk), beside the window
        self._in_error_hook = False

    # --- windows ---------------------------------------------------------------------------------
    def active_window(self) -> QWidget | None:
        if self.window is not None:
            return self.window
        return self.desk if self.desk is not None and self.desk.isVisible() else self.start

    def show_start(self) -> StartScreen:
        """Show the start screen (new, open, recent files)."""
        from fgd_app.gui.shell.start_screen import StartScreen

        if self.start is None:
            self.start = StartScreen(self.settings)
            self.start.new_requested.connect(self.new_workshop)
            self.start.open_requested.connect(self.open_dialog)
            self.start.open_path_requested.connect(self.open_path)
            self.start.settings_requested.connect(self.show_settings)
        self.start.refresh()
        self.start.show()
        self.start.raise_()
        self.start.activateWindow()
        return self.start

    def _show_workshop(self, workshop: Workshop, hub: ProjectorHub | None = None, *, remember: bool = True) -> MainWindow:
        """Show ``workshop`` in a new main window; ``hub``: its projector and round timer when they exist;
        ``remember``: add it to the recent files (not a region opened from a consolidated file)."""
        from fgd_app.gui.shell.main_window import MainWindow

        old = self.window
        self.window = MainWindow(workshop, self.settings, hub=hub)  # without a hub the window makes the workshop's
        self.window.new_requested.connect(self.new_workshop)
        self.window.open_requested.connect(self.open_dialog)
        self.window.open_path_requested.connect(self.open_path)
        self.window.close_requested.connect(self.close_workshop)
        self.window.settings_requested.connect(self.show_settings)
        if old is not None:
            self.window.setGeometry(old.geometry())
            old.close_workshop()
            old.deleteLater()
            gc.unfreeze()  # the old window may be among the objects frozen at start: let it be collected
        self.window.show()
        self.window.activateWindow()
        if self.start is not None:
            self.start.hide()
        if remember:
            self.settings.add_recent(workshop.path, workshop.info().display_name)
        return self.window

    def close_workshop(self) -> None:
        """Close the open workshop (everything is already saved) and go back to the start screen."""
        if self.window is not None:
            window, self.window = self.window, None
            window.close_workshop()
            window.hide()
            window.deleteLater()
            gc.unfreeze()  # the window may be among the objects frozen at start: let it be collected
        if self.desk is None or not self.desk.isVisible():
            self.show_start()

    # --- commands --------------------------------------------------------------------------------
    def new_workshop(self) -> bool:
        """Ask for a new workshop's data, create its file and open it."""
        from fgd_app.gui.workshop.new_dialog import NewWorkshopDialog

        current = self.window.workshop.path if self.window is not None else None
        dialog = NewWorkshopDialog(self.settings, self.active_window(), busy_path=current)
        if not dialog.exec() or dialog.workshop is None:
            return False
        self._show_workshop(dialog.workshop)
        return True

    def open_dialog(self) -> bool:
        """Let the user pick a workshop file and open it."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.active_window(), tr("Open workshop"),
                                              self.settings.last_folder(), tr(FILE_FILTER_MSGID))
        if not path:
            return False
        self.settings.set_last_folder(str(Path(path).parent))
        return self.open_path(path)

    def open_path(self, path: str | os.PathLike, read_only: bool = False) -> bool:
        """Open a workshop file; explain in a dialog why when it cannot be opened."""
        from fgd_app.core import Workshop, WorkshopFileError
        from fgd_app.core.errors import NotFoundError, ReadOnlyPossible
        from fgd_app.core.exchange.review import open_for_review

        path = Path(path).expanduser().absolute()
        if self.desk is not None and self.desk.isVisible() and self.desk.portfolio.path == path:
            self.desk.activateWindow()
            return True
        if self.window is not None and self.window.workshop.path == path:
            self.window.activateWindow()
            return True
        parent = self.active_window()
        try:
            # read-only review never changes the file (fgd_app.core.exchange.review: read into memory, no -wal/-shm)
            workshop = open_for_review(path) if read_only else Workshop.open(path)
        except ReadOnlyPossible as error:
            answer = ask(parent, tr("Open workshop"), error.message,
                         [("read_only", tr("Open read-only")), ("cancel", tr("Cancel"))])
            return answer == "read_only" and self.open_path(path, read_only=True)
        except WorkshopFileError as error:
            from fgd_app.core.errors import NotWorkshopError
            from fgd_app.core.portfolio.source import is_consolidated_file

            if isinstance(error, NotWorkshopError) and is_consolidated_file(path):
                return self.open_desk(path)
            show_error(parent, tr("The workshop cannot be opened"), error.message)
            if isinstance(error, NotFoundError) and not path.exists():
                self.settings.remove_recent(str(path))
                if self.start is not None:
                    self.start.refresh()
            return False
        except Exception as error:  # noqa: BLE001 - whatever the file does, explain it, never a traceback
            log = write_error_log(type(error), error, error.__traceback__)
            details = tr("Details were written to {path}.", path=log) if log else ""
            show_error(parent, tr("The workshop cannot be opened"),
                       tr("“{name}” could not be opened: {error}", name=path.name, error=error), details)
            return False
        self._show_workshop(workshop)
        return True

    def open_desk(self, path: str | os.PathLike) -> bool:
        """Open a consolidated file read-only in the desk window (fgd_app.gui.portfolio)."""
        from fgd_app.core.portfolio import PortfolioError, open_portfolio
        from fgd_app.gui.portfolio.window import DeskWindow

        path = Path(path).expanduser().absolute()
        try:
            portfolio = open_portfolio(path)
        except PortfolioError as error:
            show_error(self.active_window(), tr("The consolidated file cannot be opened"), error.message)
            return False
        old, self.desk = self.desk, DeskWindow(portfolio)
        if old is not None:
            self.desk.setGeometry(old.geometry())
            old.close()
            old.deleteLater()
        self.desk.open_region_requested.connect(self.open_region)
        self.desk.open_requested.connect(self.open_dialog)
        self.desk.show()
        self.desk.activateWindow()
        if self.start is not None:
            self.start.hide()
        self.settings.add_recent(path, tr("Consolidated file: {name}", name=path.name))
        return True

    def open_region(self, workshop_id: str) -> bool:
        """Open one region of the desk's consolidated file read-only in the main window (its usual pages)."""
        from fgd_app.core.portfolio import PortfolioError
        from fgd_app.core.portfolio.region_workshop import open_region

        if self.desk is None:
            return False
        try:
            workshop = open_region(self.desk.portfolio, workshop_id)
        except PortfolioError as error:
            show_error(self.desk, tr("The region cannot be opened"), error.message)
            return False
        self._show_workshop(workshop, remember=False)
        return True

    def show_settings(self) -> None:
        """Show the settings dialog; rebuild the windows when the language changed."""
        from fgd_app.gui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.active_window())
        if dialog.exec() and dialog.chosen_language() != i18n.language():
            QTimer.singleShot(0, lambda: self.apply_language(dialog.chosen_language()))

    def apply_language(self, lang: str) -> None:
        """Switch the language and rebuild the windows in it (the open workshop and its undo stay)."""
        set_language(lang)
        if self.start is not None:
            visible = self.start.isVisible()
            self.start.hide()
            self.start.deleteLater()
            self.start = None
            if visible:
                self.show_start()
        if self.window is not None:
            old = self.window
            page = old.current_page_key()
            hub = old.projector  # the round timer runs on; the projector reopens in the new language (F5)
            workshop = old.detach_workshop()
            self.window = None
            self._show_workshop(workshop, hub)
            self.window.show_page(page)
            old.hide()
            old.deleteLater()
            gc.unfreeze()  # the old window may be among the objects frozen at start: let it be collected

    # --- unexpected errors -----------------------------------------------------------------------
    def _planted_value(self, exc: BaseException):
        """Return the message naming a value of the wrong kind in the open workshop file, if that is the cause."""
        from fgd_app.core.store.rules import UNUSABLE_VALUE_ERRORS, unusable_file_error

        workshop = getattr(self.window, "workshop", None)
        if not isinstance(exc, UNUSABLE_VALUE_ERRORS) or workshop is None:
            return None
        try:
            error = unusable_file_error(workshop.store.conn, workshop.path, exc)
        except Exception:  # noqa: BLE001 - never fail while reporting a failure
            return None
        return error if getattr(error, "planted", False) else None

    def excepthook(self, exc_type, exc, tb) -> None:
        """Show an error that escaped a screen in a dialog, log its traceback and keep the app running."""
        from fgd_app.core.errors import FgdError

        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        planted = self._planted_value(exc)
        if isinstance(exc, FgdError):  # a message meant for the user
            text, details = str(exc), ""
        elif planted is not None:  # a value written into the file behind the app's back: point to check
            write_error_log(exc_type, exc, tb)
            text, details = str(planted), tr("Error: {error}", error=f"{exc_type.__name__}: {exc}")
        else:
            log = write_error_log(exc_type, exc, tb)
            text = tr("Something unexpected went wrong. Every change saved before this is safe in the file.")
            details = tr("Error: {error}", error=f"{exc_type.__name__}: {exc}")
            if log is not None:
                details += "\n" + tr("Details were written to {path}.", path=log)
            traceback.print_exception(exc_type, exc, tb)
        if self._in_error_hook:  # an error while showing an error: do not loop
            return
        self._in_error_hook = True
        try:
            show_error(self.active_window(), tr("Error"), text, details)
        finally:
            self._in_error_hook = False


def set_language(lang: str) -> None:
    """Use ``lang`` for every text and Qt's number and date formats (4,5 and "Selasa" in Bahasa Indonesia)."""
    from fgd_app.gui.widgets.common import date_locale

    i18n.set_language(lang)
    QLocale.setDefault(date_locale())


def setup_application(app: QApplication, settings: Settings | None = None) -> AppController:
    """Name the app, choose the language, install the translator and the error hook; return the controller."""
    app.setOrganizationName(APP_ID)
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(True)
    app.setDesktopFileName("fgd-app")  # the .desktop entry of the Linux bundle (its icon in the task bar)
    app.setWindowIcon(QIcon(str(resource_path("icons", "fgd-app.svg"))))  # read when first drawn
    controller = AppController(settings)
    forced = os.environ.get("FGD_LANG", "")  # set by ``fgd-app --lang``; wins over the saved setting
    set_language(forced if forced in i18n.LANGUAGES else controller.settings.language())
    translator.install(app)
    sys.excepthook = controller.excepthook
    return controller


class _QuitAfterFirstPaint(QObject):
    """For the start-up benchmark: once the shown window's first frame is painted, print the time and quit.

    A window paints in one pass, itself first, then its children; the zero timer started at the
    window's first paint event runs after that pass, so ``shown`` means built, laid out and painted.
    The filter watches only the window itself: a filter on the whole application would be handed
    Qt's internal objects too, and each of those makes PySide6 load all its remaining classes
    (~120 enums, ~30 ms) — a cost of the measurement, not of the app.
    """

    def __init__(self, app: QApplication, window: QWidget):
        super().__init__(app)
        self.app = app
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(f"shown {time.monotonic():.6f} {time.process_time():.6f}", flush=True)
        self.app.quit()


def run(path: str | None = None, *, read_only: bool = False, opened: Workshop | None = None) -> int:
    """Start the GUI (start screen, or the workshop at ``path``); return the exit code.

    ``opened`` is the workshop at ``path`` when the command line has already opened it (before Qt).

    ``FGD_QUIT_AFTER_SHOW=1`` quits as soon as the first window is shown and painted, printing
    ``shown <time.monotonic()> <time.process_time()>`` first (the start-up benchmark, tests/perf/bench_startup.py).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    controller = setup_application(app)
    if opened is not None:
        controller._show_workshop(opened)
    elif path is None or not controller.open_path(path, read_only=read_only):
        controller.show_start()
    app._fgd_controller = controller  # keep it alive while the loop runs
    if not gc.isenabled():  # off while starting (fgd_app.cli.commands.start_gui): what start-up made lives on, so
        gc.freeze()  # no collection need ever scan it again (the objects of a closed window are unfrozen)
        gc.enable()
    if os.environ.get("FGD_QUIT_AFTER_SHOW") == "1":  # shown, not painted yet: that happens in the loop
        app._fgd_quit_after_paint = _QuitAfterFirstPaint(app, controller.active_window())
    return app.exec()
