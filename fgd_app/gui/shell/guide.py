"""The facilitator's guide (Panduan fasilitator) in a window of its own: offline, in the UI language (F1).

The guide is Markdown under ``resources/guide/`` (one file per language), found through
``fgd_app.resources.resource_path`` so it opens the same from a checkout, a wheel or a frozen bundle.
``show_guide(owner)`` opens it (or raises the one already open) for the main window and the start screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from fgd_app.i18n import language, tr
from fgd_app.resources import resource_path

GUIDE_FILES = {"id": "panduan_fasilitator.id.md", "en": "facilitator_guide.en.md"}
_OTHER = {"id": "en", "en": "id"}


def guide_path(lang: str) -> Path:
    """Return the guide's Markdown file for ``lang`` ("id" or "en")."""
    return resource_path("guide", GUIDE_FILES[lang])


def guide_text(lang: str) -> str:
    """Return the guide in ``lang`` as Markdown, or a short note in the UI language when it cannot be read."""
    try:
        return guide_path(lang).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "# " + tr("Facilitator's guide") + "\n\n" + tr("The guide could not be found in this installation.")


class GuideWindow(QWidget):
    """A reader for the guide: the text, a find box, a button for the other language, Close."""

    def __init__(self, lang: str | None = None, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("GuideWindow")
        self.lang = lang if lang in GUIDE_FILES else ("id" if language() != "en" else "en")

        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(False)  # nothing to follow: the guide is one page and the app is offline
        font = self.browser.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.browser.setFont(font)

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("guideFind")
        self.find_edit.setPlaceholderText(tr("Find in the guide (Ctrl+F, Enter for the next one)"))
        self.find_edit.setAccessibleName(tr("Find in the guide"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.language_button = QPushButton()
        self.language_button.setObjectName("guideLanguage")
        self.language_button.clicked.connect(self.show_other_language)
        self.keys_button = QPushButton(tr("Keys (F1)"))
        self.keys_button.setObjectName("guideKeys")
        self.keys_button.setToolTip(tr("The keys sheet: every shortcut on one table"))
        self.keys_button.clicked.connect(self.show_keys)
        close_button = QPushButton(tr("Close"))
        close_button.clicked.connect(self.close)

        bar = QHBoxLayout()
        bar.addWidget(self.find_edit, 1)
        bar.addWidget(self.keys_button)
        bar.addWidget(self.language_button)
        bar.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_find)
        QShortcut(QKeySequence("Esc"), self, activated=self.close)
        QShortcut(QKeySequence("F1"), self, activated=self.show_keys)
        self.resize(860, 680)
        self.show_language(self.lang)
        self.browser.setFocus()  # arrows and Page Down read on; Ctrl+F goes to the find box

    def show_language(self, lang: str) -> None:
        """Show the guide in ``lang`` from its top."""
        self.lang = lang
        document = self.browser.document()
        document.setDocumentMargin(14)
        document.setBaseUrl(QUrl.fromLocalFile(str(guide_path(lang).parent) + "/"))
        self.browser.setMarkdown(guide_text(lang))
        _space_headings(document)
        self.setWindowTitle(tr("Facilitator's guide"))
        self.language_button.setText(tr("Show in English") if lang == "id" else tr("Show in Bahasa Indonesia"))
        self.language_button.setToolTip(tr("The same guide in the other language"))
        self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)

    def keys_block(self):
        """Return the heading of the keys section (the guide's last section, a table of every shortcut)."""
        block = self.browser.document().lastBlock()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                return block
            block = block.previous()
        return None

    def show_keys(self) -> None:
        """Scroll to the keys sheet, its heading at the top of the reader."""
        block = self.keys_block()
        if block is None:
            return
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back up: the heading lands at the top
        cursor = QTextCursor(block)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        bar.setValue(int(top))

    def show_other_language(self) -> None:
        self.show_language(_OTHER[self.lang])

    def find_next(self) -> bool:
        """Select the next place that holds the text of the find box (from the top again after the last)."""
        text = self.find_edit.text().strip()
        if not text:
            return False
        if self.browser.find(text):
            return True
        self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
        return self.browser.find(text, QTextDocument.FindFlag(0))

    def _focus_find(self) -> None:
        self.find_edit.setFocus()
        self.find_edit.selectAll()


def _space_headings(document: QTextDocument) -> None:
    """Give section headings room above them (Markdown import sets no margins; style sheets apply to HTML)."""
    block = document.firstBlock()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level in (2, 3):
            cursor = QTextCursor(block)
            block_format = block.blockFormat()
            block_format.setTopMargin(22 if level == 2 else 12)
            cursor.setBlockFormat(block_format)
        block = block.next()


def show_guide(owner: QWidget, *, keys: bool = False) -> GuideWindow:
    """Open the guide in the UI language for ``owner`` (a window), or bring back the one it already opened;
    ``keys``: at the keys sheet (F1)."""
    window = getattr(owner, "_guide_window", None)
    if window is None:
        window = GuideWindow(parent=owner)
        owner._guide_window = window
    window.show()
    if keys:
        window.show_keys()
    window.raise_()
    window.activateWindow()
    return window
