"""Menu and window actions: one way to make an action with its text, shortcuts and slot."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def key_sequence(text: str) -> QKeySequence:
    """Return the shortcut written as ``text`` ("Ctrl+Shift+N"), as ``QKeySequence(text)`` reads it."""
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.NativeText)


def new_action(parent: QObject, text: str, slot: Callable, shortcuts: Sequence[str] = ()) -> QAction:
    """Return an action owned by ``parent`` with its text, shortcuts ("Ctrl+Shift+N") and slot."""
    action = QAction(parent)
    action.setText(text)
    if shortcuts:
        action.setShortcuts([key_sequence(s) for s in shortcuts])
    action.triggered.connect(slot)
    return action
