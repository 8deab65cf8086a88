"""One projector and one FGD round timer per open workshop, shared by the main window and the pages.

The main window makes the hub of its workshop (or is handed the previous window's when the app rebuilds
it for a language switch, so the round timer runs on) and gives it to the pages that need it through
``PageContext`` (``fgd_app.gui.shell.navigation``). The main window tells it which page is on show
(``follow_page``) and gives it the View menu keys (F5 projector, Shift+F5 title screen, F9 / Ctrl+F9
timer); the innovations page gives it its innovation model, its dimension and the newest innovation.
The hub opens and closes the ``ProjectorWindow`` (built only when first shown) and keeps what it needs to
show — the mode, the page it mirrors, the dimension — while the window is closed.

Page -> mode: innovations, plans, roadmap, risks, quickwins -> the mode of that name; any other page keeps
the last mode ("title" when there was none). ``hold_title`` shows the title screen whatever the page.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from shiboken6 import isValid

from fgd_app.gui.projector.round_timer import TimerController
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes
    from fgd_app.gui.projector.window import ProjectorWindow

PAGE_MODES = {"innovations": "innovations", "plans": "plans", "roadmap": "roadmap", "risks": "risks",
              "quickwins": "quickwins"}


class ProjectorHub(QObject):
    """The projector window (when shown), the round timer and what the projector should show."""

    shown_changed = Signal(bool)
    hold_title_changed = Signal(bool)
    presenting_changed = Signal(bool)  # the projector fills the only screen (Esc/F5 back to the laptop view)

    def __init__(self, workshop: Workshop):
        super().__init__()
        self._workshop = weakref.ref(workshop)  # the store keeps the hub (its listener), not the reverse
        self.timer = TimerController(parent=self)
        self.window: ProjectorWindow | None = None
        self.mode = "title"  # what the last page with a projector mode asked for
        self.hold_title = False
        self.sources: dict[str, QWidget] = {}  # mode -> the page it mirrors
        self.innovations_page: QWidget | None = None  # the innovations page: its model feeds the innovations mode
        self.dimension_id = ""
        self.newest_id = ""
        self.presenting = False
        self._home: QWidget | None = None  # the window that had the keyboard when the projector opened
        self._typed: QLineEdit | None = None  # presenting: the field whose text the projector shows
        self._typed_connection = None
        self.room_screen: tuple[str, str, str] | None = None  # (url, join link, code) while showing the room
        self.round_screen = False  # showing the room's round (votes, scores) whatever the page
        workshop.store.add_listener(self._on_changes)

    @property
    def workshop(self) -> Workshop | None:
        return self._workshop()

    @property
    def shown(self) -> bool:
        return self.window is not None

    # --- what to show ------------------------------------------------------------------------------
    def follow_page(self, key: str, page: QWidget | None) -> None:
        """The facilitator is on page ``key``: switch to its mode (other pages keep the last one)."""
        mode = PAGE_MODES.get(key)
        if mode is None:
            return
        if page is not None and page is not self.sources.get(mode):
            self.sources[mode] = page
            page.destroyed.connect(lambda *_args, m=mode, p=page: self._forget(m, p))
        if mode == "innovations" and page is not None:
            self.use_innovations_page(page)
        self.mode = mode
        self._apply_mode()

    def use_innovations_page(self, page: QWidget) -> None:
        """Take the innovations page's innovation model and dimension (the page calls this when it is built)."""
        if page is self.innovations_page:
            return
        self.innovations_page = page
        self.dimension_id = getattr(page, "dimension_id", "") or self.dimension_id
        page.destroyed.connect(lambda *_args, p=page: self._forget("innovations", p))
        if self.window is not None and "innovations" in self.window.panels:
            self.window.panels["innovations"].set_model(page.model)

    def _forget(self, mode: str, page: QWidget) -> None:
        """The page of ``mode`` is gone (its main window was rebuilt): stop mirroring it."""
        if self.sources.get(mode) is page:
            del self.sources[mode]
        if mode == "innovations" and self.innovations_page is page:
            self.innovations_page = None
            if self.window is not None and "innovations" in self.window.panels:
                self.window.panels["innovations"].set_model(None)
        if self.window is not None and self.window.mode == mode:
            self._apply_mode()

    def set_dimension(self, dimension_id: str) -> None:
        self.dimension_id = dimension_id
        if self.window is not None and "innovations" in self.window.panels:
            self.window.panels["innovations"].set_dimension(dimension_id)

    def set_newest(self, innovation_id: str) -> None:
        self.newest_id = innovation_id
        if self.window is not None and "innovations" in self.window.panels:
            self.window.panels["innovations"].set_newest(innovation_id)

    def set_hold_title(self, on: bool) -> None:
        """Show the title screen whatever the page (a break), or follow the pages again."""
        if on != self.hold_title:
            self.hold_title = on
            self.hold_title_changed.emit(on)
        self._apply_mode()

    def show_room_screen(self, room: tuple[str, str, str] | None) -> None:
        """Show how to join the room (QR code, address, code) whatever the page, or follow the pages again."""
        self.room_screen = room
        self._apply_mode()

    def show_round_screen(self, on: bool) -> None:
        """Show the room's round (question, countdown, answers, result) whatever the page, or not."""
        self.round_screen = on
        self._apply_mode()

    def effective_mode(self) -> str:
        if self.round_screen:
            return "round"
        if self.room_screen is not None:
            return "room"
        if self.hold_title:
            return "title"
        if self.mode == "innovations" and (self.innovations_page is None or not isValid(self.innovations_page)):
            return "title"
        return self.mode

    def _apply_mode(self) -> None:
        window = self.window
        if window is None:
            return
        mode = self.effective_mode()
        source = self.sources.get(mode)
        source = source if source is not None and isValid(source) else None
        if mode == "room":
            window.panel("room").set_room(*self.room_screen)
        if mode == "innovations":
            panel = window.panel("innovations")
            panel.set_model(self.innovations_page.model)
            if panel.dimension_id != self.dimension_id:
                panel.set_dimension(self.dimension_id)
            panel.newest_id = self.newest_id
        window.set_mode(mode, source)

    # --- the window --------------------------------------------------------------------------------
    def show(self, on: bool = True) -> None:
        """Open (on the second screen, or presenting on the only one) or close the projector window.

        The keyboard stays where it was: the window is shown without activation, and when a platform
        activates it anyway the window and the field that had the keyboard get it back.
        """
        workshop = self.workshop
        if on and workshop is not None and not workshop.closed:
            app = QApplication.instance()
            active, focus = app.activeWindow(), app.focusWidget()
            if self.window is None:
                from fgd_app.gui.projector.window import ProjectorWindow

                self.window = ProjectorWindow(workshop, self.timer)
                self.window.closed.connect(self._window_closed)
                self.window.activated.connect(self._give_keyboard_back)
                self._apply_mode()
                opened = True
            else:
                opened = False
            if active is not None and active is not self.window:
                self._home = active
            self._set_presenting(self.window.place())
            self._give_keyboard_back(focus)
            if opened:
                self.shown_changed.emit(True)
        elif not on and self.window is not None:
            window, self.window = self.window, None
            window.closed.disconnect(self._window_closed)
            window.close()
            window.deleteLater()
            self._set_presenting(False)
            self.shown_changed.emit(False)

    def _give_keyboard_back(self, focus: QWidget | None = None) -> None:
        """Activate the window that had the keyboard before the projector showed (and its field)."""
        home = self._home
        if home is None or not isValid(home) or not home.isVisible():
            return
        if QApplication.activeWindow() is not home:
            home.activateWindow()
        if focus is not None and isValid(focus) and focus.window() is home and QApplication.focusWidget() is not focus:
            focus.setFocus()

    def _set_presenting(self, on: bool) -> None:
        if on == self.presenting:
            return
        self.presenting = on
        app = QApplication.instance()
        if on:
            app.focusChanged.connect(self._focus_moved)
            self._focus_moved(None, app.focusWidget())
        else:
            app.focusChanged.disconnect(self._focus_moved)
            self._watch_typing(None)
        self.presenting_changed.emit(on)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Presenting: follow the line the facilitator types in, so the room sees it on the projector."""
        edit = None
        if isinstance(new, QLineEdit):
            edit = new
        elif isinstance(new, QComboBox) and new.isEditable():
            edit = new.lineEdit()
        if edit is not None and edit.window() is self.window:
            return
        if edit is None and new is not None and new.window() is self.window:
            return  # the projector itself: keep what it shows
        self._watch_typing(edit)

    def _watch_typing(self, edit: QLineEdit | None) -> None:
        if self._typed is not None and isValid(self._typed) and self._typed_connection is not None:
            self._typed.textChanged.disconnect(self._typed_connection)
        self._typed, self._typed_connection = edit, None
        if edit is not None:
            self._typed_connection = edit.textChanged.connect(self._show_typing)
        self._show_typing()

    def _show_typing(self, *_args) -> None:
        if self.window is None:
            return
        edit = self._typed
        if edit is None or not isValid(edit) or edit.isReadOnly() or edit.echoMode() != QLineEdit.EchoMode.Normal:
            self.window.show_typing("", "")
            return
        label = edit.accessibleName() or edit.placeholderText() or tr("Typing")
        self.window.show_typing(label, edit.text())

    def toggle(self) -> None:
        self.show(self.window is None)

    def close_window(self) -> None:
        """Close the projector (the workshop is closing, or its main window is rebuilt)."""
        self.show(False)

    def _window_closed(self) -> None:
        """The projector window was closed on its own (its close button, Alt+F4, Esc when presenting)."""
        if self.window is not None:
            window, self.window = self.window, None
            window.deleteLater()
            self._set_presenting(False)
            self.shown_changed.emit(False)
            self._give_keyboard_back()

    def _on_changes(self, changes: Changes) -> None:
        if self.window is not None:
            self.window.on_changes(changes)
