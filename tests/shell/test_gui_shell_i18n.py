"""In Bahasa Indonesia no visible text of the shell is an English source string, Qt's own strings included."""

from __future__ import annotations

import re
import sys
from functools import cache

import pytest
from i18n_extract import extract
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QTreeWidget,
    QWidget,
)

from fgd_app import i18n
from fgd_app.gui.shell import translator
from fgd_app.gui.shell.app import setup_application
from fgd_app.gui.shell.navigation import ordered_pages
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.shell.settings_dialog import SettingsDialog
from fgd_app.gui.widgets.message_box import MessageBox
from fgd_app.gui.workshop.new_dialog import NewWorkshopDialog

QT_KEY_CONTEXTS = {"QShortcut", "QGuiApplication"}  # key names ("Ctrl") and layout direction stay as they are


@cache
def english_sources() -> tuple[frozenset[str], re.Pattern | None]:
    """Return the English source strings (without "&") whose Indonesian translation differs from them:
    plain ones as a set, those with {placeholders} as one pattern."""
    catalog = i18n.catalog("id")
    plain, templated = set(), []
    for source in set(extract()) | set(catalog):
        if catalog.get(source) == source or not re.search(r"[A-Za-z]{3}", re.sub(r"\{\w+\}", "", source)):
            continue
        text = source.replace("&", "")
        if "{" in text:
            templated.append(".+".join(re.escape(p) for p in re.split(r"\{\w+\}", text)))
        else:
            plain.add(text)
    pattern = re.compile("|".join(f"(?:{t})" for t in templated), re.DOTALL) if templated else None
    return frozenset(plain), pattern


def is_english(text: str) -> bool:
    plain, pattern = english_sources()
    text = text.replace("&", "")
    return text in plain or (pattern is not None and pattern.fullmatch(text) is not None)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """Return (where, text) for every text a user can see or hear in ``root``."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]

    def add(where: str, text: str | None) -> None:
        if text:
            found.append((where, text.split("\t")[0]))

    def menu_texts(menu: QMenu, where: str) -> None:
        menu.aboutToShow.emit()
        for action in menu.actions():
            add(where, action.text())
            add(where + " tooltip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
            if action.menu() is not None:
                menu_texts(action.menu(), where + " > " + action.text())

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        kind = type(widget).__name__
        add(kind + " tooltip", widget.toolTip())
        add(kind + " accessible name", widget.accessibleName())
        if isinstance(widget, QLabel | QAbstractButton):
            add(kind, widget.text())
        if isinstance(widget, QGroupBox):
            add(kind, widget.title())
        if isinstance(widget, QLineEdit):
            add(kind + " placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(kind + " item", widget.itemText(i))
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(kind, widget.tabText(i))
        if isinstance(widget, QHeaderView) and widget.model() is not None:
            for section in range(widget.count()):
                add("column header", str(widget.model().headerData(section, widget.orientation(),
                                                                   Qt.ItemDataRole.DisplayRole) or ""))
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                add(kind + " item", widget.item(i).text())
        if isinstance(widget, QTreeWidget):
            add("tree header", widget.headerItem().text(0))
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            add("menu bar", action.text())
            if action.menu() is not None:
                menu_texts(action.menu(), "menu " + action.text())
    return found


def untranslated(root: QWidget) -> list[str]:
    return [f"{where}: {text!r}" for where, text in visible_texts(root) if is_english(text)]


@pytest.fixture
def shell(qapp, tmp_path, monkeypatch):
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    boxes: list[MessageBox] = []
    monkeypatch.setattr(MessageBox, "hook", lambda box: boxes.append(box) and None)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    controller = setup_application(qapp, settings)
    controller.boxes = boxes
    i18n._missing.clear()
    translator.installed().untranslated.clear()
    yield controller
    if controller.window is not None:
        controller.window.close()
    if controller.start is not None:
        controller.start.close()


def qt_strings_missing() -> list[tuple[str, str]]:
    return sorted((c, s) for c, s in translator.installed().untranslated
                  if c not in QT_KEY_CONTEXTS and not re.fullmatch(r"(Alt|Ctrl|Shift)\+\w+", s))


def test_shell_windows_and_dialogs_are_all_indonesian(qtbot, shell, workshop_path, tmp_path):
    """Start screen, new-workshop form (with its errors), settings, main window and menus, message boxes."""
    shell.settings.add_recent(tmp_path / "hilang.fgd.db", "Kota Serang — Bimtek Tahap I")
    roots: list[QWidget] = [shell.show_start()]
    dialog = NewWorkshopDialog(shell.settings, roots[0])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # shows the "choose the region" error
    roots += [dialog, SettingsDialog(shell.settings)]
    shell.open_path(tmp_path / "hilang.fgd.db")  # the "cannot be opened" box
    with open(tmp_path / "bukan.fgd.db", "w", encoding="utf-8") as handle:
        handle.write("bukan database")
    shell.open_path(tmp_path / "bukan.fgd.db")
    assert shell.open_path(workshop_path)
    window = shell.window
    for spec in ordered_pages():
        if spec.key == "workshop":
            window.show_page(spec.key)
    window.workshop.update_info(venue="Pendopo")  # names the undo action
    window.show_about()
    shell.excepthook(RuntimeError, RuntimeError("x"), None)
    roots += [window, *shell.boxes]
    owners = [QLineEdit(), window.page("workshop").identity.notes]
    roots += [owner.createStandardContextMenu() for owner in owners]
    file_dialog = QFileDialog(window, "x")
    file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    file_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    file_dialog.show()
    roots.append(file_dialog)
    box = QMessageBox(QMessageBox.Icon.Question, "x", "x",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
                      | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    roots.append(box)
    problems = [problem for root in roots for problem in untranslated(root)]
    file_dialog.close()
    assert problems == []
    assert i18n.missing_translations() == set()
    assert qt_strings_missing() == []


@pytest.mark.parametrize("key", [spec.key for spec in ordered_pages()])
def test_every_page_is_indonesian(qtbot, shell, workshop_path, key):
    """Each page registered in the navigation, as the main window shows it."""
    assert shell.open_path(workshop_path)
    i18n._missing.clear()  # judge the page alone, not the window around it
    translator.installed().untranslated.clear()
    page = shell.window.show_page(key)
    QApplication.processEvents()
    assert untranslated(page) == []
    assert i18n.missing_translations() == set()
    assert qt_strings_missing() == []
