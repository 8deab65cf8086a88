"""What every projector mode shares: the type scale and the panel contract (the colours are in widgets/theme.py).

A panel is one mode of the projector window (innovations, risk map, quick wins, title). It only shows:
no focus, no mouse, no editing. The window puts ``heading()`` (title, subtitle, count) above it, beside
the round timer, and calls ``apply_sizes(points)`` whenever the window is resized.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from fgd_app.gui.widgets import theme

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

BASE_POINTS = theme.PROJECTOR_BASE_POINTS


def body_points(width: int, height: int) -> float:
    """Return the body text size for a window: 28 pt at 1024x768, scaled with the smaller ratio."""
    return BASE_POINTS * min(width / 1024, height / 768)


class Heading(NamedTuple):
    """What the window's header shows for a mode."""

    title: str
    subtitle: str = ""
    count: str = ""


class Panel(QWidget):
    """Base of a projector mode: ``heading_changed`` when the header text changes; ``dirty`` until refreshed.

    ``WATCHED`` names the change areas (``fgd_app.core.store.changes``) whose changes make the panel read the file again (``refresh``), which the
    window does once, after every listener has run, and only for the panel on show.
    """

    heading_changed = Signal()
    WATCHED: tuple[str, ...] = ()

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.dirty = True

    def heading(self) -> Heading:
        return Heading("")

    def apply_sizes(self, points: float) -> None:
        """Set the type for ``points`` body size."""

    def refresh(self) -> None:
        """Read what the panel shows from the file."""
        self.dirty = False

    def on_changes(self, changes: Changes) -> bool:
        """Mark the panel for a refresh when a watched area changed; return whether it did."""
        if self.WATCHED and changes.touches(*self.WATCHED):
            self.dirty = True
        return self.dirty

    def follow(self, source: QWidget | None) -> None:
        """Take the facilitator's page the panel mirrors (its filters, its selection); None: show everything."""

    def sync(self) -> None:
        """Catch up with the page it mirrors (called a few times a second while shown)."""
