"""Pieces every dialog and form repeats: the OK/Cancel button box and the keyboard's tab chain."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from fgd_app.i18n import tr

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def ok_cancel_buttons(dialog: QDialog, ok_text: str | None = None, *,
                      on_ok: Callable[[], object] | None = None) -> QDialogButtonBox:
    """Return OK and Cancel buttons for ``dialog``, OK the default button.

    ``ok_text`` is the (already translated) text of the OK button, e.g. ``tr("Save")``; ``on_ok`` runs
    instead of ``dialog.accept`` (a save that may refuse and keep the dialog open). Cancel rejects.
    Reach the buttons with ``box.button(OK)`` and ``box.button(CANCEL)``.
    """
    box = QDialogButtonBox(OK | CANCEL, dialog)
    ok = box.button(OK)
    ok.setText(ok_text if ok_text is not None else tr("OK"))
    ok.setDefault(True)
    box.button(CANCEL).setText(tr("Cancel"))
    box.accepted.connect(on_ok if on_ok is not None else dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def set_tab_chain(*widgets: QWidget) -> None:
    """Make Tab move through ``widgets`` in the order given (Shift+Tab backwards)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
