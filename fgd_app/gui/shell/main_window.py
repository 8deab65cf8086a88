"""The main window: the facilitator's path on the left, the pages on the right, undo/redo, saved status."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fgd_app import APP_NAME, __version__
from fgd_app.gui.draft import install_draft_action
from fgd_app.gui.exchange.menu_actions import install_file_actions
from fgd_app.gui.projector.hub import ProjectorHub
from fgd_app.gui.shell.backups import install_restore_action, start_backups
from fgd_app.gui.shell.navigation import PageContext, PageSpec, ordered_pages
from fgd_app.gui.shell.settings import ZOOM_STEP, Settings
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.actions import new_action
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

BANNER_STYLE = (f"background: {theme.WARNING_BAND}; color: {theme.WARNING_BAND_TEXT}; "
                f"border: 1px solid {theme.WARNING_BAND_BORDER}; border-radius: 4px;"
                " padding: 6px 10px; font-weight: 600;")


def _wants_local_undo(widget: QWidget | None, undo: bool) -> bool:
    """Return True when ``widget`` holds typed text that is not committed yet and can undo/redo it."""
    from PySide6.QtWidgets import QTextEdit  # at the first key, not at start

    if widget is None:
        return False
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        document = widget.document()
        return document.isModified() and (document.isUndoAvailable() if undo else document.isRedoAvailable())
    edit: QLineEdit | None = None
    if isinstance(widget, QLineEdit):
        edit = widget
    elif isinstance(widget, QComboBox) and widget.isEditable():
        edit = widget.lineEdit()
    elif isinstance(widget, QAbstractSpinBox):
        edit = widget.findChild(QLineEdit)
    if edit is None or edit.isReadOnly():
        return False
    return edit.isModified() and (edit.isUndoAvailable() if undo else edit.isRedoAvailable())


_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride


class UndoKeyFilter(QObject):
    """Send Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y to the core's undo unless a field has uncommitted typing.

    Line edits claim those keys for their own undo; while their text equals the saved value we take
    the keys back so the window's Undo/Redo actions (the core) run. The filter sits only on the
    widget that has the keyboard focus (it follows ``QApplication.focusChanged``), so other events
    never pass through Python.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._watched: QWidget | None = None
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # the widget may be deleted already
                self._watched.removeEventFilter(self)
            self._watched = None
        if new is not None and new.window() is self.window:
            new.installEventFilter(self)
            self._watched = new

    def stop(self) -> None:
        QApplication.instance().focusChanged.disconnect(self._focus_changed)
        self._focus_changed(None, None)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != _SHORTCUT_OVERRIDE:
            return False
        kind = self.undo_kind(event)
        if kind is None or not isinstance(obj, QWidget) or _wants_local_undo(obj, kind == "undo"):
            return False
        event.ignore()  # not overridden: the shortcut (our action) gets the key
        return True

    @staticmethod
    def undo_kind(event: QKeyEvent) -> str | None:
        from PySide6.QtCore import Qt  # at the first key, not at start (fgd_app.gui.widgets.qt_values)

        modifier = Qt.KeyboardModifier
        mods = event.modifiers() & ~modifier.KeypadModifier
        key = event.key()
        ctrl, ctrl_shift = modifier.ControlModifier, modifier.ControlModifier | modifier.ShiftModifier
        if key == Qt.Key.Key_Z and mods == ctrl:
            return "undo"
        if (key == Qt.Key.Key_Z and mods == ctrl_shift) or (key == Qt.Key.Key_Y and mods == ctrl):
            return "redo"
        return None


class MainWindow(QMainWindow):
    """One open workshop. Emits requests the app controller carries out (new, open, close, settings)."""

    new_requested = Signal()
    open_requested = Signal()
    open_path_requested = Signal(str)
    close_requested = Signal()
    settings_requested = Signal()

    def __init__(self, workshop: Workshop, settings: Settings, parent: QWidget | None = None, *,
                 hub: ProjectorHub | None = None):
        super().__init__(parent)
        self.workshop: Workshop | None = workshop
        self.settings = settings
        self.specs: list[PageSpec] = ordered_pages()
        self.pages: dict[str, QWidget] = {}
        self.setObjectName("MainWindow")
        # the projector window and the round timer (View menu); the app hands a rebuilt window the old one's
        self.projector = hub if hub is not None else ProjectorHub(workshop)
        self.page_context = PageContext(workshop, settings, self.projector, self.go_to)  # what every page gets

        self.nav = QListWidget()
        self.nav.setAccessibleName(tr("Workshop steps"))
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        for number, spec in enumerate(self.specs, start=1):
            item = QListWidgetItem()
            item.setToolTip(f"{tr(spec.title)} (Ctrl+{number})" if number <= 9 else tr(spec.title))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the page when first shown
        self.nav_toggle = QToolButton()
        self.nav_toggle.setObjectName("navigationToggle")
        self.nav_toggle.setAutoRaise(True)
        self.nav_toggle.clicked.connect(lambda: self.set_compact_navigation(not self.compact_navigation))
        nav_box = QVBoxLayout()
        nav_box.setContentsMargins(0, 0, 0, 0)
        nav_box.setSpacing(2)
        nav_box.addWidget(self.nav, 1)
        nav_box.addWidget(self.nav_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        compact = settings.compact_navigation()
        if compact is None:  # not chosen yet: numbers only on a small screen (1024x768 and the like)
            screen = QGuiApplication.primaryScreen()
            compact = screen is not None and screen.availableGeometry().width() < 1200
        self.compact_navigation = compact
        self.zoom = settings.zoom()
        self._base_points = QApplication.font().pointSizeF()
        self.nav.currentRowChanged.connect(self._row_changed)

        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setVisible(workshop.read_only)
        if workshop.read_only:
            text = tr("Read-only: changes cannot be saved.")
            reason = workshop.read_only_reason
            if reason and reason != tr("Opened read-only: changes cannot be saved."):
                text += " " + reason  # e.g. why a received file is only reviewed
            self.banner.setText(text)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(nav_box)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedStatus")
        self.file_label = QLabel(str(workshop.path))
        self.file_label.setObjectName("fileStatus")
        self.timer_label = QLabel()  # the round timer on every page while a round runs (the projector shows it too)
        self.timer_label.setObjectName("timerStatus")
        self.timer_label.setAccessibleName(tr("Time left in the round"))
        self.timer_label.hide()
        self.statusBar().addWidget(self.saved_label, 1)
        self.statusBar().addPermanentWidget(self.timer_label)
        self.statusBar().addPermanentWidget(self.file_label)

        self._build_menus()
        self._apply_zoom()
        self.key_filter = UndoKeyFilter(self)
        workshop.store.add_listener(self._on_store_changes)
        self.backups = start_backups(self, workshop)  # every 10 minutes and at close, off the GUI thread
        self._update_title()
        self._update_undo_actions()
        self._update_saved_label(None)
        self.resize(1280, 720)
        if self.specs:
            self.nav.setCurrentRow(0)

    def _nav_width(self) -> int:
        """Return a width that shows the longest page title (within 190..260 pixels), or the numbers only."""
        metrics = self.nav.fontMetrics()
        if self.compact_navigation:
            return metrics.horizontalAdvance("10") + 40
        longest = max((metrics.horizontalAdvance(f"10. {tr(s.title)}") for s in self.specs), default=0)
        return max(int(190 * self.zoom), min(int(260 * self.zoom), int(longest * 1.25) + 36))

    def set_compact_navigation(self, on: bool) -> None:
        """Show the page list as numbers only (more room for the page) or with the titles; remembered."""
        self.compact_navigation = on
        self.settings.set_compact_navigation(on)
        self._layout_navigation()

    def _layout_navigation(self) -> None:
        compact = self.compact_navigation
        for number, spec in enumerate(self.specs, start=1):
            self.nav.item(number - 1).setText(str(number) if compact else f"{number}. {tr(spec.title)}")
        self.nav.setFixedWidth(self._nav_width())
        self.nav_toggle.setText("»" if compact else tr("« Numbers only"))
        self.nav_toggle.setToolTip(tr("Show the page titles") if compact else
                                   tr("Show only the page numbers: more room for the page"))
        if hasattr(self, "compact_action"):
            self.compact_action.setChecked(compact)

    # --- zoom of the laptop view -----------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """Make the laptop view's text larger or smaller (Ctrl+plus, Ctrl+minus, Ctrl+0); remembered."""
        self.settings.set_zoom(zoom)
        self.zoom = self.settings.zoom()
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(self._base_points * self.zoom)
        self.centralWidget().setFont(font)
        self.nav.setStyleSheet(f"QListWidget#navigation {{ font-size: {11 * self.zoom:.1f}pt; }} "
                               "QListWidget#navigation::item { padding: 8px 6px; }")
        self.nav.setFont(font)
        self._layout_navigation()

    def continue_to_next_stage(self) -> None:
        """Write the next bimtek stage's file from this one (fgd_app/gui/analysis/next_stage.py)."""
        from fgd_app.gui.analysis.next_stage import continue_to_next_stage

        continue_to_next_stage(self, self.workshop)

    # --- menus -----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        # Ctrl+N stays free for the pages ("add a participant", "add a risk"); the start screen uses it
        file_menu.addAction(new_action(self, tr("&New workshop…"), self.new_requested.emit, ["Ctrl+Shift+N"]))
        file_menu.addAction(new_action(self, tr("&Open…"), self.open_requested.emit, ["Ctrl+O"]))
        self.recent_menu = file_menu.addMenu(tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        install_file_actions(self, file_menu)  # hand-over, review, consolidation, Excel/CSV (handover_actions.py)
        install_draft_action(self, file_menu)  # the masterplan draft as a Word document (gui/draft)
        install_restore_action(self, file_menu)  # the workshop's automatic backups (shell/backups.py)
        file_menu.addAction(new_action(self, tr("Continue to the &next stage…"), self.continue_to_next_stage))
        file_menu.addAction(new_action(self, tr("&Settings…"), self.settings_requested.emit, ["Ctrl+,"]))
        file_menu.addSeparator()
        file_menu.addAction(new_action(self, tr("&Close workshop"), self.request_close, ["Ctrl+W"]))
        file_menu.addAction(new_action(self, tr("&Quit"), self.close, ["Ctrl+Q"]))

        edit_menu = bar.addMenu(tr("&Edit"))
        self.undo_action = new_action(self, tr("&Undo"), self.undo, ["Ctrl+Z"])
        self.redo_action = new_action(self, tr("&Redo"), self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        go_menu = bar.addMenu(tr("&Go"))
        self.page_actions: list[QAction] = []
        for number, spec in enumerate(self.specs, start=1):
            keys = [f"Ctrl+{number}"] if number <= 9 else None
            action = new_action(self, f"&{number}. {tr(spec.title)}" if number <= 9 else tr(spec.title),
                                  lambda _checked=False, key=spec.key: self.show_page(key, focus=True), keys)
            go_menu.addAction(action)
            self.page_actions.append(action)

        self._build_view_menu(bar.addMenu(tr("&View")))

        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(new_action(self, tr("&Keys and facilitator's guide"), lambda: self.show_guide(keys=True),
                                       ["F1"]))
        help_menu.addAction(new_action(self, tr("Facilitator's &guide"), lambda: self.show_guide()))
        help_menu.addAction(new_action(self, tr("&About {app}", app=APP_NAME), self.show_about))

    def _build_view_menu(self, menu) -> None:
        """Projector (F5) and its title screen (Shift+F5), the round timer (F9, Ctrl+F9): on every page."""
        hub = self.projector
        self.projector_action = new_action(self, tr("&Projector"), hub.show, ["F5"])
        self.projector_action.setCheckable(True)
        self.projector_action.setChecked(hub.shown)
        self.projector_action.setToolTip(tr("Show what the room is working on on the projector (F11 there: full "
                                            "screen)"))
        hub.shown_changed.connect(self.projector_action.setChecked)
        self.title_action = new_action(self, tr("Projector shows the &title screen"), hub.set_hold_title, ["Shift+F5"])
        self.title_action.setCheckable(True)
        self.title_action.setChecked(hub.hold_title)
        hub.hold_title_changed.connect(self.title_action.setChecked)
        # presenting from the only screen (a mirrored projector): Esc goes back to the laptop view
        self.back_action = new_action(self, tr("&Back to the laptop view"), lambda: hub.show(False), ["Esc"])
        self.back_action.setEnabled(hub.presenting)
        hub.presenting_changed.connect(self._presenting_changed)
        menu.addAction(self.projector_action)
        menu.addAction(self.title_action)
        menu.addAction(self.back_action)
        menu.addSeparator()
        menu.addAction(new_action(self, tr("&Room mode (phones)…"), self.show_room, ["Ctrl+Shift+R"]))
        self.room_screen_action = new_action(self, tr("Show how to join the room on the projector"),
                                             self.toggle_room_screen)
        self.room_screen_action.setCheckable(True)
        menu.addAction(self.room_screen_action)
        menu.addSeparator()
        menu.addAction(new_action(self, tr("Start or pause the round timer"), hub.timer.toggle, ["F9"]))
        menu.addAction(new_action(self, tr("Reset the round timer"), hub.timer.reset, ["Ctrl+F9"]))
        hub.timer.changed.connect(self._show_timer)
        self._show_timer(hub.timer.text(), hub.timer.state, True)
        menu.addSeparator()
        menu.addAction(new_action(self, tr("&Larger text"), lambda: self.set_zoom(self.zoom + ZOOM_STEP),
                                  ["Ctrl++", "Ctrl+="]))
        menu.addAction(new_action(self, tr("&Smaller text"), lambda: self.set_zoom(self.zoom - ZOOM_STEP), ["Ctrl+-"]))
        menu.addAction(new_action(self, tr("&Normal text size"), lambda: self.set_zoom(1.0), ["Ctrl+0"]))
        self.compact_action = new_action(self, tr("Page list: &numbers only"), self.set_compact_navigation,
                                         ["Ctrl+Shift+L"])
        self.compact_action.setCheckable(True)
        self.compact_action.setChecked(self.compact_navigation)
        menu.addAction(self.compact_action)

    def _presenting_changed(self, on: bool) -> None:
        """Presenting from the only screen: Esc comes back; the status bar says how, and how to extend."""
        self.back_action.setEnabled(on)
        if on:
            self.statusBar().showMessage(tr("Presenting on this screen: Esc or F5 goes back to the laptop view. "
                                            "With a projector, extend the display (Windows: Win+P → Extend) to "
                                            "see this window while the room sees the projector."), 15000)
        else:
            self.statusBar().clearMessage()

    def _show_timer(self, text: str, state: str, flash_on: bool) -> None:
        """Show the round's countdown in the status bar unless the timer is at rest."""
        self.timer_label.setVisible(state != "ready")
        expired = state == "expired"
        self.timer_label.setText(tr("Round timer: {time}", time=tr("Time is up!") if expired else text))
        self.timer_label.setStyleSheet(f"color: {theme.ALARM_TEXT}; background: {theme.ALARM}; padding: 0 6px; font-weight: bold;"
                                       if expired and flash_on else "padding: 0 6px; font-weight: bold;")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = str(self.workshop.path) if self.workshop is not None else ""
        entries = [r for r in self.settings.recent_files() if r.path != current]
        for recent in entries:
            label = recent.name or recent.path
            if not recent.exists:
                label = tr("{name} (file not found)", name=label)
            action = self.recent_menu.addAction(label)
            action.setToolTip(recent.path)
            action.setEnabled(recent.exists)
            action.triggered.connect(lambda _checked=False, p=recent.path: self.open_path_requested.emit(p))
        if not entries:
            self.recent_menu.addAction(tr("No other recent workshops")).setEnabled(False)

    # --- pages -----------------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.show_page(self.specs[row].key)

    def page(self, key: str) -> QWidget:
        """Return the page for ``key``, creating it on first use."""
        if key in self.pages:
            return self.pages[key]
        index = next(i for i, s in enumerate(self.specs) if s.key == key)
        spec = self.specs[index]
        try:
            page = spec.create(self.page_context)
        except Exception:  # a broken page must not take the window down
            from PySide6.QtCore import Qt

            sys.excepthook(*sys.exc_info())
            page = QLabel(tr("This page could not be opened. The error was written to the log."))
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        page.setObjectName(f"page_{key}")
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages[key] = page
        return page

    def show_page(self, key: str, *, focus: bool = False) -> QWidget | None:
        """Show the page ``key`` (and select it in the navigation)."""
        keys = [s.key for s in self.specs]
        if key not in keys:
            return None
        index = keys.index(key)
        page = self.page(key)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        self.projector.follow_page(key, page)
        if focus and hasattr(page, "focus_first"):
            page.focus_first()
        return page

    def go_to(self, key: str, record_id: str = "") -> None:
        """Show page ``key`` at one record (the coverage checklist's lines lead here)."""
        page = self.show_page(key)
        if page is not None and hasattr(page, "show_target"):
            page.show_target(record_id)
        elif page is not None and hasattr(page, "focus_first"):
            page.focus_first()

    def current_page_key(self) -> str:
        row = self.nav.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else ""

    # --- changes, undo, status -------------------------------------------------------------------
    def _on_store_changes(self, changes: Changes) -> None:
        self._update_undo_actions()
        self._update_saved_label(changes)
        if changes.touches("workshop"):
            self._update_title()
        for page in list(self.pages.values()):
            handler = getattr(page, "on_changes", None)
            if handler is None:
                continue
            try:
                handler(changes)
            except Exception:  # one page's failure must not stop the others
                sys.excepthook(*sys.exc_info())

    def _update_title(self) -> None:
        if self.workshop is None:
            return
        title = f"{self.workshop.info().display_name} \u2014 {self.workshop.path.name}"
        if self.workshop.read_only:
            title += f" [{tr('Read-only')}]"
        self.setWindowTitle(title)

    def _update_undo_actions(self) -> None:
        store = self.workshop.store if self.workshop is not None else None
        undo_name = store.undo_name() if store is not None and not store.read_only else None
        redo_name = store.redo_name() if store is not None and not store.read_only else None
        self.undo_action.setText(tr("&Undo: {name}", name=undo_name) if undo_name else tr("&Undo"))
        self.redo_action.setText(tr("&Redo: {name}", name=redo_name) if redo_name else tr("&Redo"))
        self.undo_action.setEnabled(undo_name is not None)
        self.redo_action.setEnabled(redo_name is not None)

    def _update_saved_label(self, changes: Changes | None) -> None:
        if self.workshop is None:
            return
        if self.workshop.read_only:
            self.saved_label.setText(tr("Read-only: changes cannot be saved."))
            return
        saved_at = self.workshop.store.last_saved_at
        if saved_at is None:
            self.saved_label.setText(tr("Every change is saved in the file as soon as you make it."))
            return
        text = tr("Saved {time}", time=saved_at.strftime("%H:%M:%S"))
        if changes is not None:
            what = {"undo": tr("Undone: {name}", name=changes.name),
                    "redo": tr("Redone: {name}", name=changes.name)}.get(changes.kind, changes.name)
            text += f" \u2014 {what}"
        self.saved_label.setText(text)

    def undo(self) -> None:
        """Undo the last operation in the workshop file."""
        if self.workshop is None or self.workshop.read_only:
            return
        try:
            self.workshop.undo()
        except Exception:
            self._update_undo_actions()
            raise

    def redo(self) -> None:
        if self.workshop is None or self.workshop.read_only:
            return
        try:
            self.workshop.redo()
        except Exception:
            self._update_undo_actions()
            raise

    # --- closing ---------------------------------------------------------------------------------
    def commit_pending_edit(self) -> None:
        """Let the field being typed in commit (its editingFinished runs on focus loss)."""
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is self:
            focus.clearFocus()

    def detach_workshop(self) -> Workshop:
        """Stop showing the workshop without closing it (the language switch rebuilds the window)."""
        self.commit_pending_edit()
        workshop = self.workshop
        assert workshop is not None
        workshop.store.remove_listener(self._on_store_changes)
        self.close_room()
        self.backups.stop()
        self.projector.close_window()
        self.key_filter.stop()
        self.workshop = None
        return workshop

    # --- room mode (phones) ------------------------------------------------------------------------
    def room_controller(self):
        """Return the room of the open workshop (made on first use: no socket until it is turned on)."""
        if getattr(self, "_room", None) is None:
            from fgd_app.gui.room.controller import RoomController

            self._room = RoomController(self.workshop, self)
            self._room.state_changed.connect(lambda _on: self._update_room_screen())
            self._room.state_changed.connect(lambda _on: self._update_inbox())
        return self._room

    def _update_inbox(self) -> None:
        """The capture page offers the ideas inbox while room mode is on."""
        page = self.pages.get("innovations")
        if page is not None and hasattr(page, "update_inbox"):
            page.update_inbox()

    def show_inbox(self) -> None:
        """Show the ideas inbox: a pane of the capture page."""
        page = self.show_page("innovations")
        if page is not None and hasattr(page, "_show_inbox_pane"):
            page._show_inbox_pane(True)

    def show_room(self) -> None:
        """Open the room window (network, QR code, code, check-ins, phones; a link to the ideas inbox)."""
        if self.workshop is None:
            return
        if getattr(self, "room_window", None) is None:
            from fgd_app.gui.room.window import RoomWindow

            self.room_window = RoomWindow(self.workshop, self.room_controller(), self, settings=self.settings)
            self.room_window.show_inbox.connect(self.show_inbox)
        self.room_window.show()
        self.room_window.raise_()
        self.room_window.activateWindow()

    def toggle_room_screen(self) -> None:
        self._update_room_screen()

    def _update_room_screen(self) -> None:
        room = getattr(self, "_room", None)
        on = self.room_screen_action.isChecked() and room is not None and room.running and self.workshop is not None
        if on:
            session = self.workshop.room.session()
            self.projector.show_room_screen((room.server.url, room.server.join_url, session.code))
            self.projector.show(True)
        else:
            self.projector.show_room_screen(None)

    def close_room(self) -> None:
        """Close every room socket and the room window (the workshop is closing)."""
        window = getattr(self, "room_window", None)
        if window is not None:
            self.workshop.store.remove_listener(window._on_changes)
            window.close()
            window.deleteLater()
            self.room_window = None
        room = getattr(self, "_room", None)
        if room is not None:
            room.stop()
            self._room = None
        self.projector.show_room_screen(None)

    def close_workshop(self) -> None:
        """Commit the field being typed in, then close the workshop file."""
        if self.workshop is None:
            return
        self.detach_workshop().close()
        self.backups.backup_at_close()  # the closed file, in a worker thread

    def request_close(self) -> None:
        self.commit_pending_edit()
        self.close_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.close_workshop()
        event.accept()

    def show_guide(self, *, keys: bool = False) -> None:
        """Open the facilitator's guide (resources/guide) in the UI language; ``keys``: at the keys sheet (F1)."""
        from fgd_app.gui.shell.guide import show_guide  # when asked for, not at start

        show_guide(self, keys=keys)

    def show_about(self) -> None:
        from PySide6 import __version__ as qt_version
        from PySide6.QtWidgets import QMessageBox

        from fgd_app.gui.widgets.message_box import MessageBox

        box = MessageBox(self, QMessageBox.Icon.Information, tr("About {app}", app=APP_NAME),
                         f"<b>{APP_NAME}</b> {__version__}",
                         tr("The facilitator's desk for the Smart City masterplan bimtek: capture innovations, "
                            "action plans, risks, quick wins and the roadmap, offline, in one file per "
                            "workshop.") + "\n\n" + f"Python {sys.version.split()[0]} \u00b7 PySide6 {qt_version}")
        box.add_choice("close", tr("Close"), QMessageBox.ButtonRole.AcceptRole, default=True)
        box.choose()
