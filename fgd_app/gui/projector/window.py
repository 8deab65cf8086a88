"""The projector window: what the room is working on, in type for the back of the hall, with the round timer.

One window for the whole app (``ProjectorHub`` opens and feeds it). Its mode follows the facilitator's page:
the current dimension's innovations (day 1 capture), that dimension's innovations with their plan counts and
years (action plans), the roadmap by stage (roadmap), the inherent and residual risk maps (risks), the
impact/effort chart (quick wins), or a calm title screen with the workshop's name. Every mode has the same
header: what is shown, a line under it, a count, and the FGD round timer, which never leaves the screen
(except beside a vote round's own countdown while it is idle).
It never shows editing chrome: no field, button or scroll bar, nothing takes the focus or the mouse.

It opens full screen on the second screen when there is one (F11 toggles full screen, Esc leaves it). With
one screen (a mirrored projector) it presents full screen on that screen: the facilitator keeps typing in the
main window, whose focused line is shown at the foot ("presenting"), and Esc or F5 goes back to the laptop
view. It is shown without being activated: the keyboard stays with the main window. Type scales with the
window: 28 pt body text at 1024x768.
"""

from __future__ import annotations

import datetime as _dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from fgd_app.gui.projector.panel import Heading, Panel, body_points
from fgd_app.gui.widgets import theme
from fgd_app.i18n import N_, format_date, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes
    from fgd_app.gui.projector.round_timer import TimerController

MODES = {"innovations": N_("innovations"), "plans": N_("action plans"), "roadmap": N_("roadmap"),
         "risks": N_("risk map"), "quickwins": N_("quick wins"), "title": N_("title"),
         "room": N_("room"), "round": N_("room round")}
HINT_MS = 8000  # how long "Esc: back to the laptop view" stays at the foot of a presentation
FOLLOW_MS = 300  # how often a mode that mirrors a page looks at it (cheap: compares a few references)


class TitlePanel(Panel):
    """The calm screen between sessions: the workshop's name, the venue and the day."""

    WATCHED = ("workshop", "days")

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(workshop, parent)
        self.name = QLabel()
        self.name.setObjectName("projectorWorkshop")
        self.details = QLabel()
        self.details.setObjectName("projectorDetails")
        self.details.setStyleSheet(f"color: {theme.PROJECTOR_MUTED};")
        for label in (self.name, self.details):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.name)
        layout.addSpacing(24)
        layout.addWidget(self.details)
        layout.addStretch(3)
        self.refresh()

    def refresh(self) -> None:
        info = self.workshop.info()
        self.name.setText(info.display_name.replace(" \u2014 ", "\n"))
        today = _dt.date.today().isoformat()
        days = self.workshop.days.list()
        number = next((n for n, day in enumerate(days, start=1) if day.day_date == today), None)
        when = format_date(today)
        if number is not None:
            when = tr("Day {number} \u00b7 {date}", number=number, date=when)
        self.details.setText("\n".join(part for part in (info.venue, when) if part))
        self.dirty = False

    def apply_sizes(self, points: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(points * 1.7)
        font.setBold(True)
        self.name.setFont(font)
        details = QFont(self.font())
        details.setPointSizeF(points)
        self.details.setFont(details)


class ProjectorWindow(QWidget):
    """A top-level window for the projector; ``set_mode`` picks what it shows, the timer is always there."""

    closed = Signal()
    activated = Signal()  # the window took the keyboard (a click on it): the hub hands it back

    def __init__(self, workshop: Workshop, timer: TimerController, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        # the facilitator keeps typing in the main window: opening, placing or switching never activates this one
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.workshop = workshop
        self.setObjectName("projector")
        self.setAutoFillBackground(True)
        self.panels: dict[str, Panel] = {}
        self.mode = ""
        self._alarm = False
        self._timer_state = "ready"
        # set once, before any panel exists: a later setStyleSheet would re-polish the panels (see show_timer)
        self.setStyleSheet(f"QLabel, HeatMap {{ color: {theme.PROJECTOR_TEXT}; background: transparent; }}")
        self._paint_background()

        self.title = QLabel()
        self.title.setObjectName("projectorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(1)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("projectorSubtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setStyleSheet(f"color: {theme.PROJECTOR_MUTED};")
        self.subtitle.setMinimumWidth(1)
        self.count = QLabel()
        self.count.setObjectName("projectorCount")
        self.count.setStyleSheet(f"color: {theme.PROJECTOR_MUTED};")
        self.clock = QLabel()
        self.clock.setObjectName("projectorClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        # presenting from the only screen: what the facilitator types in the main window, and how to get back
        self.presenting = False
        self.typing = QLabel()
        self.typing.setObjectName("projectorTyping")
        self.typing.setTextFormat(Qt.TextFormat.RichText)
        self.typing.setWordWrap(True)
        self.typing.setMinimumWidth(1)
        self.typing.hide()
        self.hint = QLabel()
        self.hint.setObjectName("projectorHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(1)
        self.hint.setStyleSheet(f"color: {theme.PROJECTOR_MUTED};")
        self.hint.hide()
        self._hint_timer = QTimer(self)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.setInterval(HINT_MS)
        self._hint_timer.timeout.connect(self.hint.hide)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        under = QHBoxLayout()
        under.setSpacing(32)
        under.addWidget(self.subtitle, 1)
        under.addWidget(self.count, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 16)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addLayout(under)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.typing)
        layout.addWidget(self.hint)

        self._refresh_timer = QTimer(self)  # one refresh after every listener of a change has run
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_current)
        self._follow_timer = QTimer(self)
        self._follow_timer.setInterval(FOLLOW_MS)
        self._follow_timer.timeout.connect(lambda: self.current_panel() and self.current_panel().sync())
        timer.changed.connect(self.show_timer)
        self.show_timer(timer.text(), timer.state, True)
        # when the projector window has the focus (clicked on the second screen) the laptop's keys still work
        for keys, slot in (("F11", self.toggle_full_screen), ("F5", self.close), ("F9", timer.toggle),
                           ("Ctrl+F9", timer.reset)):
            QShortcut(QKeySequence(keys), self, slot)
        self.resize(1024, 768)
        self._apply_sizes()

    # --- modes -------------------------------------------------------------------------------------
    def panel(self, mode: str) -> Panel:
        """Return the panel of ``mode``, built on first use (the risk and quick-win parts load then)."""
        if mode not in self.panels:
            if mode == "innovations":
                from fgd_app.gui.projector.innovations import InnovationsPanel as kind
            elif mode == "risks":
                from fgd_app.gui.projector.risks import RisksPanel as kind
            elif mode == "quickwins":
                from fgd_app.gui.projector.quickwins import QuickWinsPanel as kind
            elif mode == "plans":
                from fgd_app.gui.projector.plans import PlansPanel as kind
            elif mode == "roadmap":
                from fgd_app.gui.projector.plans import RoadmapPanel as kind
            elif mode == "room":
                from fgd_app.gui.room.projector import RoomQrPanel as kind
            elif mode == "round":
                from fgd_app.gui.room.rounds_projector import RoundPanel as kind
            else:
                kind = TitlePanel
            panel = kind(self.workshop)
            panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            panel.heading_changed.connect(lambda p=panel: self._show_heading(p))
            panel.apply_sizes(body_points(self.width(), self.height()))
            self.stack.addWidget(panel)
            self.panels[mode] = panel
        return self.panels[mode]

    def current_panel(self) -> Panel | None:
        return self.panels.get(self.mode)

    def set_mode(self, mode: str, source: QWidget | None = None) -> Panel:
        """Show ``mode`` (a key of ``MODES``), mirroring the page ``source``."""
        panel = self.panel(mode)
        self.mode = mode
        panel.follow(source)
        if panel.dirty:
            panel.refresh()
        self.stack.setCurrentWidget(panel)
        self.setWindowTitle(tr("Projector \u2014 {mode}", mode=tr(MODES[mode])))
        self._show_clock_or_not()
        self._show_heading(panel)
        return panel

    def _show_heading(self, panel: Panel) -> None:
        if panel is not self.current_panel():
            return
        heading: Heading = panel.heading()
        self.title.setText(heading.title)
        self.title.setVisible(bool(heading.title))
        self.subtitle.setText(heading.subtitle)
        self.subtitle.setVisible(bool(heading.subtitle))
        self.count.setText(heading.count)
        self.count.setVisible(bool(heading.count))

    def on_changes(self, changes: Changes) -> None:
        """Mark the panels the change concerns; the one on show reads the file again once things settle."""
        marked = [panel.on_changes(changes) for panel in self.panels.values()]
        if any(marked):
            self._refresh_timer.start()

    def _refresh_current(self) -> None:
        panel = self.current_panel()
        if panel is not None and panel.dirty and not self.workshop.closed:
            panel.refresh()

    # --- the round timer ---------------------------------------------------------------------------
    def show_timer(self, text: str, state: str, flash_on: bool) -> None:
        """Show the countdown; when time is up the background turns red and the clock flashes "TIME IS UP".

        Only the clock repaints at each flash: restyling the whole window twice a second would redraw the
        chart or the heat maps with it.
        """
        self._timer_state = state
        self._show_clock_or_not()
        alarm = state == "expired"
        if alarm != self._alarm:
            # the background is the palette's: restyling the window would re-polish every panel and undo the
            # fonts their apply_sizes set (the risk map fell back to 9 pt after an alarm)
            self._alarm = alarm
            self._paint_background()
        if alarm:
            # as wide as the alarm while it flashes, so the header does not jump twice a second
            alarm_text = tr("TIME IS UP")
            self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance(alarm_text) + 32)
            self.clock.setText(alarm_text if flash_on else text)
            color = theme.ALARM if flash_on else "transparent"
            style = f"color: white; background: {color}; border-radius: 8px; padding: 2px 12px;"
        else:
            self.clock.setMinimumWidth(0)
            self.clock.setText(text)
            style = f"color: {theme.PROJECTOR_HIGHLIGHT if state == 'running' else theme.PROJECTOR_MUTED}; padding: 2px 12px;"
        if style != self.clock.styleSheet():
            self.clock.setStyleSheet(style)

    def _show_clock_or_not(self) -> None:
        """Hide the FGD timer beside a vote round's own countdown while it is not in use (two clocks confuse)."""
        self.clock.setVisible(self.mode != "round" or self._timer_state != "ready")

    def _paint_background(self) -> None:
        palette = self.palette()
        colour = theme.PROJECTOR_ALARM_BACKGROUND if self._alarm else theme.PROJECTOR_BACKGROUND
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        self.setPalette(palette)

    def alarm_shown(self) -> bool:
        """Return whether the window shows the time-is-up background."""
        return self._alarm

    # --- size and placement ------------------------------------------------------------------------
    def _apply_sizes(self) -> None:
        points = body_points(self.width(), self.height())
        self.body_font = QFont(self.font())
        self.body_font.setPointSizeF(points)
        title = QFont(self.body_font)
        title.setPointSizeF(points * 1.45)
        title.setBold(True)
        self.title.setFont(title)
        clock = QFont(title)
        clock.setPointSizeF(points * 1.6)
        self.clock.setFont(clock)
        self.subtitle.setFont(self.body_font)
        self.count.setFont(self.body_font)
        self.typing.setFont(self.body_font)
        hint = QFont(self.body_font)
        hint.setPointSizeF(points * 0.55)
        self.hint.setFont(hint)
        for panel in self.panels.values():
            panel.apply_sizes(points)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._apply_sizes()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._follow_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self._follow_timer.stop()

    def place(self) -> bool:
        """Show full screen on the second screen, or present full screen on the only one; return presenting.

        The window is shown without being activated: the facilitator's keys stay in the main window.
        """
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        if len(screens) > 1:
            target = next((s for s in screens if s is not primary), screens[1])
        else:
            target = primary
        self.set_presenting(len(screens) <= 1)
        if self.windowHandle() is None or not self.isVisible():
            self.setGeometry(target.geometry())
            self.show()
        if self.windowHandle() is not None:
            self.windowHandle().setScreen(target)
        self.showFullScreen()
        self.raise_()
        return self.presenting

    def set_presenting(self, on: bool) -> None:
        """Presenting from the only screen: show the line being typed and, for a while, the way back."""
        if on and not self.presenting:
            self.hint.setText(tr("Esc or F5: back to the laptop view. To see the laptop view while the room sees "
                                 "this, extend the display (Windows: Win+P → Extend) and press F5 again."))
            self.hint.show()
            self._hint_timer.start()
        elif not on:
            self.hint.hide()
            self.typing.hide()
        self.presenting = on

    def show_typing(self, label: str, text: str) -> None:
        """Show the field being typed in on the laptop (presenting only); an empty label hides the line."""
        if not self.presenting or not label:
            self.typing.hide()
            return
        shown = escape(text) if text else f"<span style='color:{theme.PROJECTOR_MUTED}'>…</span>"
        self.typing.setText(f"<span style='color:{theme.PROJECTOR_MUTED}'>{escape(label)}:</span> "
                            f"<span style='color:{theme.PROJECTOR_HIGHLIGHT}'>{shown}▏</span>")
        self.typing.show()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.presenting:
            self.activated.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().closeEvent(event)
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.presenting:
            self.close()  # back to the laptop view
            return
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)
