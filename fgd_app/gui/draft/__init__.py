"""The masterplan draft in the window: *Berkas → Buat draf masterplan…* (``dialog.DraftDialog``).

``install_draft_action(window, menu)`` adds the command; the dialog, the core and python-docx load when it
is first used (start-up stays quick).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from fgd_app.gui.widgets.actions import new_action
from fgd_app.i18n import tr


def write_draft(window: QMainWindow) -> None:
    from fgd_app.gui.draft.dialog import write_draft_interactive

    settings = getattr(window, "settings", None)
    folder = settings.last_folder() if settings is not None else ""
    action = getattr(window, "draft_action", None)

    def written(path) -> None:
        window.statusBar().showMessage(tr("Masterplan draft written: {path}", path=path), 8000)

    def ended() -> None:
        if action is not None:
            action.setEnabled(True)

    job = write_draft_interactive(window.workshop, folder, window, written, ended)
    if job is not None and action is not None:  # one draft at a time
        action.setEnabled(False)


def install_draft_action(window: QMainWindow, menu: QMenu) -> QAction:
    """Add *Create the masterplan draft…* to ``menu``; return the action."""
    action = new_action(window, tr("Create the &masterplan draft\u2026"), lambda: write_draft(window))
    menu.addAction(action)
    window.draft_action = action
    return action
