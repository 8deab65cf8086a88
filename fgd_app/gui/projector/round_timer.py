"""The FGD round timer: set minutes, start, pause, reset; a clear signal when the time is up.

``RoundTimer`` is plain Python with an injectable clock (tests pass a fake one); ``TimerController``
drives it with a QTimer and tells the innovations page and the projector what to show.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from fgd_app.gui.widgets import theme
from fgd_app.i18n import tr

MAX_MINUTES = 180
FLASH_SECONDS = 60  # after this long the "time is up" display stays red without flashing


def format_clock(seconds: float) -> str:
    """Return "MM:SS" (rounded up, so 0:00 means the time is really up); hours as "H:MM:SS"."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class RoundTimer:
    """A countdown: ``remaining()`` seconds; ``state`` is "ready", "running", "paused" or "expired"."""

    def __init__(self, minutes: float = 10, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.duration = float(minutes) * 60
        self._started_at: float | None = None
        self._spent = 0.0

    def set_minutes(self, minutes: float) -> None:
        """Set the length of the round; the timer goes back to ready."""
        self.duration = max(0.0, float(minutes) * 60)
        self.reset()

    def start(self) -> None:
        if self._started_at is None and self.remaining() > 0:
            self._started_at = self.clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._spent += self.clock() - self._started_at
            self._started_at = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._started_at = None
        self._spent = 0.0

    @property
    def running(self) -> bool:
        return self._started_at is not None and self.remaining() > 0

    def elapsed(self) -> float:
        running = self.clock() - self._started_at if self._started_at is not None else 0.0
        return self._spent + running

    def remaining(self) -> float:
        return max(0.0, self.duration - self.elapsed())

    def overtime(self) -> float:
        """Return the seconds since the time ran out (0 while time remains)."""
        return max(0.0, self.elapsed() - self.duration) if self.duration else 0.0

    @property
    def state(self) -> str:
        if self.elapsed() > 0 and self.remaining() <= 0:
            return "expired"
        if self._started_at is not None:
            return "running"
        return "paused" if self._spent > 0 else "ready"


class TimerController(QObject):
    """Tick a RoundTimer; ``changed(text, state, flash_on)`` on every tick, ``expired()`` once per round."""

    changed = Signal(str, str, bool)
    expired = Signal()

    def __init__(self, minutes: float = 10, clock: Callable[[], float] = time.monotonic, parent=None,
                 *, interval_ms: int = 250):
        super().__init__(parent)
        self.timer = RoundTimer(minutes, clock)
        self._ticker = QTimer(self)
        self._ticker.setInterval(interval_ms)
        self._ticker.timeout.connect(self.tick)
        self._announced = False

    @property
    def state(self) -> str:
        return self.timer.state

    def text(self) -> str:
        return format_clock(self.timer.remaining())

    def set_minutes(self, minutes: float) -> None:
        self.timer.set_minutes(minutes)
        self._after_change()

    def start(self) -> None:
        self.timer.start()
        self._after_change()

    def pause(self) -> None:
        self.timer.pause()
        self._after_change()

    def toggle(self) -> None:
        if self.timer.state == "expired":
            self.reset()
            return
        self.timer.toggle()
        self._after_change()

    def reset(self) -> None:
        self.timer.reset()
        self._after_change()

    def _after_change(self) -> None:
        if self.timer.state == "running":
            self._announced = False
        if self.timer.state in ("running", "expired"):
            self._ticker.start()
        else:
            self._ticker.stop()
        self.tick()

    def tick(self) -> None:
        """Publish the current display; announce the end of the round once."""
        state = self.timer.state
        flash_on = True
        if state == "expired":
            if not self._announced:
                self._announced = True
                QApplication.beep()
                self.expired.emit()
            overtime = self.timer.overtime()
            flash_on = overtime >= FLASH_SECONDS or int(overtime * 2) % 2 == 0
            if overtime >= FLASH_SECONDS:
                self._ticker.stop()
        self.changed.emit(self.text(), state, flash_on)


STATE_STYLE = {
    "ready": theme.text_style(theme.SUCCESS),
    "running": theme.text_style(theme.SUCCESS),
    "paused": theme.text_style(theme.PAUSED),
    "expired": f"color: {theme.ALARM_TEXT}; background: {theme.ALARM}; border-radius: 4px;",
}


class TimerControls(QWidget):
    """Minutes, start/pause, reset and the countdown, for the innovations page's top bar (F9, Ctrl+F9)."""

    def __init__(self, controller: TimerController, parent=None):
        from PySide6.QtCore import Qt  # here: this module loads at start, the controls with the innovations page

        super().__init__(parent)
        self.controller = controller
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setValue(int(controller.timer.duration // 60) or 10)
        self.minutes.setSuffix(" " + tr("min"))
        self.minutes.setAccessibleName(tr("Round length in minutes"))
        self.minutes.setToolTip(tr("Length of the FGD round"))
        self.start_button = QPushButton()
        self.start_button.setAccessibleName(tr("Start or pause the round timer"))
        self.start_button.setToolTip(tr("Start or pause the round timer (F9)"))
        self.reset_button = QPushButton(tr("Reset timer"))
        self.reset_button.setAccessibleName(tr("Reset the round timer"))
        self.reset_button.setToolTip(tr("Reset the round timer (Ctrl+F9)"))
        self.clock = QLabel(controller.text())
        self.clock.setAccessibleName(tr("Time left in the round"))
        self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance("00:00:00") + 12)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.clock.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.clock.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        label = QLabel(tr("Round timer:"))
        label.setBuddy(self.minutes)
        for widget in (label, self.minutes, self.start_button, self.reset_button, self.clock):
            layout.addWidget(widget)
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.start_button.clicked.connect(controller.toggle)
        self.reset_button.clicked.connect(controller.reset)
        controller.changed.connect(self.show_state)
        self.show_state(controller.text(), controller.state, True)

    def _minutes_changed(self, value: int) -> None:
        if self.controller.state != "running":
            self.controller.set_minutes(value)

    def show_state(self, text: str, state: str, flash_on: bool) -> None:
        self.clock.setText(text if state != "expired" else tr("Time is up!") if flash_on else text)
        self.clock.setStyleSheet(STATE_STYLE[state] if flash_on else STATE_STYLE["ready"])
        self.start_button.setText(tr("Pause") if state == "running" else tr("New round")
                                  if state == "expired" else tr("Start"))
        self.minutes.setEnabled(state != "running")
