"""The few values of Qt's ``Qt`` namespace that the first page needs, as plain ints.

The first use of ``Qt`` (importing it is a use) makes PySide6 build all 93 enum classes of that
namespace with Python's ``enum`` module: ~13 ms and 125 million instructions, about a tenth of a start.
The start path (the main window and the workshop page, see tests/test_startup.py) therefore passes
these ints where Qt takes an int — item data roles, ``QObject.setProperty`` — and imports ``Qt``
inside the handlers that run later (a key press, an error). tests/test_gui_widgets.py checks every
value here against ``Qt``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QLabel

# Qt.ItemDataRole
EDIT_ROLE = 2
TEXT_ALIGNMENT_ROLE = 7
USER_ROLE = 256

# Qt.AlignmentFlag
ALIGN_CENTER = 0x0084  # AlignHCenter | AlignVCenter

# Qt.TextInteractionFlag
TEXT_SELECTABLE_BY_MOUSE = 0x1
TEXT_SELECTABLE_BY_KEYBOARD = 0x2


def make_selectable(label: QLabel, *, keyboard: bool = False) -> None:
    """Let the user select (and copy) a label's text with the mouse, and with the keyboard if asked."""
    flags = TEXT_SELECTABLE_BY_MOUSE | (TEXT_SELECTABLE_BY_KEYBOARD if keyboard else 0)
    label.setProperty("textInteractionFlags", flags)  # Qt converts the int to the flags type


def key_sequence(text: str) -> QKeySequence:
    """Return the shortcut for ``text`` ("Ctrl+Shift+N"), read as ``QKeySequence(text)`` reads it.

    ``QKeySequence(text)`` would build the ``Qt`` namespace: choosing among its overloads checks for
    ``Qt.Key``. Set it with ``action.setShortcuts([...])``: ``setShortcut`` has the same overloads.
    """
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.NativeText)


def new_action(parent: QObject, text: str, slot: Callable, shortcuts: Sequence[str] = ()) -> QAction:
    """Return an action with its text, shortcuts ("Ctrl+Shift+N", read by ``key_sequence``) and slot.

    Made as ``QAction(parent)`` + ``setText``: ``QAction(text, parent)`` resolves an overload that loads
    ``QIcon`` and its 151-member enum.
    """
    action = QAction(parent)
    action.setText(text)
    if shortcuts:
        action.setShortcuts([key_sequence(s) for s in shortcuts])
    action.triggered.connect(slot)
    return action
