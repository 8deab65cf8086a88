"""The app's message box: a QMessageBox whose answer a test can give (shown through widgets.show_error/ask).

In its own module so that QMessageBox is loaded when a message is first shown, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class MessageBox(QMessageBox):
    """A QMessageBox whose answer a test can give: set ``MessageBox.hook = fn(box) -> key``.

    Use ``choose()`` instead of ``exec()``; it returns the key of the button pressed (None when closed).
    """

    hook: ClassVar[Callable[[MessageBox], str | None] | None] = None
    shown: ClassVar[list[MessageBox]] = []  # every box built while a hook is set (for tests)

    def __init__(self, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = ""):
        super().__init__(parent)
        self.setIcon(icon)
        self.setWindowTitle(title)
        self.setText(text)
        if details:
            self.setInformativeText(details)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._keys: dict[object, str] = {}

    def add_choice(self, key: str, label: str, role: QMessageBox.ButtonRole, *, default: bool = False) -> None:
        button = self.addButton(label, role)
        self._keys[button] = key
        if default:
            self.setDefaultButton(button)
        if role in (QMessageBox.ButtonRole.RejectRole, QMessageBox.ButtonRole.NoRole):
            self.setEscapeButton(button)

    def choose(self) -> str | None:
        """Show the box modally (or hand it to the test hook) and return the chosen key."""
        if MessageBox.hook is not None:
            MessageBox.shown.append(self)
            return MessageBox.hook(self)
        self.exec()
        return self._keys.get(self.clickedButton())

    def keys(self) -> list[str]:
        return list(self._keys.values())
