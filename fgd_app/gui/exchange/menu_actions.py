"""The File-menu commands of hand-over, review, consolidation and Excel/CSV (installed by the main window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fgd_app.gui.widgets.actions import new_action
from fgd_app.gui.widgets.common import ask
from fgd_app.i18n import N_, tr

REVIEW_FILTER = N_("Workshop files (*.fgd.db *.db);;All files (*)")


def _folder(window) -> str:
    settings = getattr(window, "settings", None)
    return settings.last_folder() if settings is not None else str(Path.home())


def open_for_review_dialog(parent) -> bool:
    """Pick a received workshop file and open it read-only (the file is never changed)."""
    from PySide6.QtWidgets import QFileDialog  # dialogs' classes load when one opens (start-up)

    path, _ = QFileDialog.getOpenFileName(parent, tr("Review a received file (read-only)"), _folder(parent),
                                          tr(REVIEW_FILTER))
    if not path:
        return False
    controller = getattr(QApplication.instance(), "_fgd_controller", None)
    if controller is None:
        return False
    return controller.open_path(path, read_only=True)


def hand_over(window: QMainWindow) -> None:
    from fgd_app.gui.exchange.handover_dialog import HandoverDialog

    HandoverDialog(window.workshop, _folder(window), window).exec()


def merge_files_dialog(window) -> None:
    from fgd_app.gui.exchange.merge_dialog import MergeDialog

    MergeDialog(_folder(window), window).exec()


def export_excel(window: QMainWindow) -> None:
    from fgd_app.gui.exchange.excel_dialog import export_excel_interactive

    path = export_excel_interactive(window.workshop, _folder(window), window)
    if path is not None:
        window.statusBar().showMessage(tr("Workbook written: {path}", path=path), 8000)


def export_csv(window: QMainWindow) -> None:
    from fgd_app.gui.exchange.excel_dialog import export_csv_interactive

    paths = export_csv_interactive(window.workshop, _folder(window), window)
    if paths:
        window.statusBar().showMessage(tr("{count} CSV files written into {path}", count=len(paths),
                                          path=paths[0].parent), 8000)


def import_excel(window: QMainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    from fgd_app.gui.exchange.excel_dialog import import_excel_interactive

    if window.workshop.read_only:
        ask(window, tr("Import from Excel"), tr("This workshop is open read-only; changes cannot be saved."),
            [("close", tr("Close"))], icon=QMessageBox.Icon.Information)
        return
    count = import_excel_interactive(window.workshop, _folder(window), window)
    if count:
        window.statusBar().showMessage(tr("{count} changes imported from Excel.", count=count), 8000)


def install_file_actions(window: QMainWindow, menu: QMenu, before: QAction | None = None) -> list[QAction]:
    """Add the hand-over, review, consolidation and Excel/CSV commands to ``menu`` (before ``before``)."""
    specs = [
        (tr("&Hand over to the ministry…"), lambda: hand_over(window), "Ctrl+Shift+H", False),
        (tr("Export to &Excel…"), lambda: export_excel(window), "Ctrl+Shift+E", False),
        (tr("Import from E&xcel…"), lambda: import_excel(window), "", True),
        (tr("Export &CSV files…"), lambda: export_csv(window), "", False),
        None,
        (tr("Re&view a received file (read-only)…"), lambda: open_for_review_dialog(window), "", False),
        (tr("Consoli&date workshop files…"), lambda: merge_files_dialog(window), "", False),
    ]
    actions = []
    read_only = bool(getattr(getattr(window, "workshop", None), "read_only", False))
    for spec in specs:
        if spec is None:
            separator = QAction(window)
            separator.setSeparator(True)
            menu.insertAction(before, separator)
            continue
        text, slot, shortcut, writes = spec
        action = new_action(window, text, slot, [shortcut] if shortcut else ())
        action.setEnabled(not (writes and read_only))
        menu.insertAction(before, action)
        actions.append(action)
    separator = QAction(window)
    separator.setSeparator(True)
    menu.insertAction(before, separator)
    window.exchange_actions = actions
    return actions


def kominfo_buttons(parent) -> QWidget:
    """Return the start screen's two buttons for receivers of workshop files: review and consolidate."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for text, tip, slot in (
        (tr("Re&view a received file (read-only)…"), tr("Look at and print a workshop file without changing it"),
         lambda: open_for_review_dialog(parent)),
        (tr("Consoli&date workshop files…"), tr("Combine the files of many regions into one database"),
         lambda: merge_files_dialog(parent)),
    ):
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.setMinimumHeight(32)
        button.clicked.connect(slot)
        layout.addWidget(button)
    return box
