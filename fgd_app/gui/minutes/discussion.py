"""The discussion of one day's notulen: a table of items (speaker, summary) and the line that adds the next.

Keyboard first: type the speaker (participants and OPDs complete as you type), Enter or Tab to the
summary, Ctrl+Enter adds the item and puts the cursor back in an empty speaker field for the next one.
In the table, F2 or typing edits a cell (Ctrl+Enter or Tab saves a summary, Esc drops the change),
Alt+Up/Alt+Down move the chosen item, Delete removes it. Every change is one undoable operation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.gui.widgets.common import FieldError, run_save
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.minutes.book import MinutesItem

FIELDS = (None, "speaker", "summary")
HEADERS = (N_("No."), N_("Speaker"), N_("Summary"))
SUBMIT_KEYS = ("Ctrl+Return", "Ctrl+Enter")


def shortcut(key: str, parent: QWidget, slot, context: Qt.ShortcutContext) -> QShortcut:
    """Return a shortcut on ``parent`` in ``context``.

    PySide6 drops the context when the constructor is also given the slot (the shortcut would then
    fire anywhere in the window), so the slot is connected afterwards.
    """
    result = QShortcut(QKeySequence(key), parent, context=context)
    result.activated.connect(slot)
    return result


def name_completer(model: QStringListModel, parent: QWidget) -> QCompleter:
    """Return a completer that finds any part of a name, ignoring case, in a pop-up."""
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    return completer


class DiscussionModel(RowTableModel["MinutesItem"]):
    """The items of one day in order; edits go to the core, errors to ``error``."""

    headers = HEADERS

    def __init__(self, ws: Workshop, error: FieldError, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.error = error
        self.day_id = ""

    def load(self, day_id: str) -> None:
        """Show the items of ``day_id``; when only texts changed the rows stay (an open editor survives)."""
        items = self.ws.minutes.items.of(day_id) if day_id else []
        if day_id == self.day_id and [i.id for i in items] == [i.id for i in self.rows]:
            self.rows = items
            if items:
                self.dataChanged.emit(self.index(0, 0), self.index(len(items) - 1, len(FIELDS) - 1))
            return
        self.beginResetModel()
        self.day_id, self.rows = day_id, items
        self.endResetModel()

    def row_of(self, item_id: str) -> int:
        return next((row for row, item in enumerate(self.rows) if item.id == item_id), -1)

    # --- Qt model -----------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return f"{index.row() + 1}." if column == 0 else getattr(item, FIELDS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column == 0 else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return tr("Item {number}", number=index.row() + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() > 0 and not self.ws.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() == 0 or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.rows[index.row()]
        field = FIELDS[index.column()]
        if str(value) == getattr(item, field):
            return False
        return run_save(lambda: self.ws.minutes.items.update(item.id, **{field: str(value)}), self.error)


class SummaryEditor(QPlainTextEdit):
    """A multi-line text field whose Ctrl+Enter says "done" (``submitted``) instead of breaking the line."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SpeakerDelegate(QStyledItemDelegate):
    """Edit a speaker with the same completion as the new-item line."""

    def __init__(self, names: QStringListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setAccessibleName(tr("Speaker"))
        editor.setCompleter(name_completer(self.names, editor))
        return editor


class SummaryDelegate(QStyledItemDelegate):
    """Edit a summary in a multi-line editor at least five lines tall; Ctrl+Enter or Tab saves."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = SummaryEditor(parent)
        editor.setAccessibleName(tr("Summary"))
        editor.submitted.connect(lambda: self._finish(editor))
        return editor

    def _finish(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:  # noqa: N802
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 5 + 12))
        editor.setGeometry(rect)


class DiscussionPanel(QWidget):
    """The discussion items of the chosen day, the buttons that order them and the new-item line."""

    def __init__(self, ws: Workshop, speakers: QStringListModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.day_id = ""
        self.table_error = FieldError()
        self.model = DiscussionModel(ws, self.table_error, self)
        self.table = QTableView()
        self.table.setObjectName("discussionTable")
        self.table.setAccessibleName(tr("Discussion items"))
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 170)
        self.table.setItemDelegateForColumn(1, SpeakerDelegate(speakers, self.table))
        self.table.setItemDelegateForColumn(2, SummaryDelegate(self.table))
        self.empty_label = QLabel(tr("No discussion item yet. Type who speaks and what is said below, then "
                                     "press Ctrl+Enter."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")

        self.up_button = QPushButton(tr("Move up"))
        self.up_button.setToolTip("Alt+\u2191")
        self.down_button = QPushButton(tr("Move down"))
        self.down_button.setToolTip("Alt+\u2193")
        self.delete_button = QPushButton(tr("Delete item"))
        self.delete_button.setToolTip(tr("Delete key; Ctrl+Z brings it back"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.delete_button.clicked.connect(self.delete_current)
        for key, slot in (("Alt+Up", lambda: self.move_current(-1)), ("Alt+Down", lambda: self.move_current(1)),
                          ("Delete", self.delete_current)):
            shortcut(key, self.table, slot, Qt.ShortcutContext.WidgetShortcut)
        order_row = QHBoxLayout()
        order_row.addWidget(self.up_button)
        order_row.addWidget(self.down_button)
        order_row.addWidget(self.delete_button)
        order_row.addStretch(1)

        self.entry = QWidget()
        self.entry.setObjectName("newDiscussionItem")
        self.speaker = QLineEdit()
        self.speaker.setAccessibleName(tr("Speaker of the new item"))
        self.speaker.setPlaceholderText(tr("Who speaks: type a name, OPD or role"))
        self.speaker.setCompleter(name_completer(speakers, self.speaker))
        self.summary = SummaryEditor()
        self.summary.setAccessibleName(tr("Summary of the new item"))
        self.summary.setPlaceholderText(tr("What was said, asked or answered; Ctrl+Enter adds the item"))
        self.summary.setFixedHeight(self.summary.fontMetrics().lineSpacing() * 4 + 14)
        self.add_button = QPushButton(tr("&Add item"))
        self.add_button.setAccessibleName(tr("Add the discussion item"))
        self.add_button.setToolTip("Ctrl+Enter")
        self.entry_error = FieldError()
        speaker_label = QLabel(tr("Spea&ker:"))
        speaker_label.setBuddy(self.speaker)
        summary_label = QLabel(tr("Su&mmary:"))
        summary_label.setBuddy(self.summary)
        grid = QGridLayout(self.entry)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setVerticalSpacing(4)
        grid.addWidget(speaker_label, 0, 0)
        grid.addWidget(self.speaker, 0, 1, 1, 2)
        grid.addWidget(summary_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.summary, 1, 1)
        grid.addWidget(self.add_button, 1, 2, Qt.AlignmentFlag.AlignBottom)
        grid.addWidget(self.entry_error, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.speaker.returnPressed.connect(self.summary.setFocus)
        self.summary.submitted.connect(self.add_item)
        self.add_button.clicked.connect(self.add_item)
        for key in SUBMIT_KEYS:  # Ctrl+Enter in the speaker field too (the summary handles its own)
            shortcut(key, self.speaker, self.add_item, Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table_error)
        layout.addLayout(order_row)
        layout.addWidget(self.entry)
        set_tab_chain(self.speaker, self.summary, self.add_button, self.table, self.up_button, self.down_button,
                      self.delete_button)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        if ws.read_only:
            self.entry.hide()
            for button in (self.up_button, self.down_button, self.delete_button):
                button.hide()
        self._update_buttons()

    def load(self, day_id: str) -> None:
        """Show the items of ``day_id`` (the chosen item stays chosen when it still exists)."""
        if day_id != self.day_id:
            self.table_error.clear_error()
            self.entry_error.clear_error()
        current = self.current_item_id()
        self.day_id = day_id
        self.model.load(day_id)
        if current and self.model.row_of(current) >= 0:
            self.select(current)
        self._update_buttons()

    def current_item_id(self) -> str:
        row = self.table.currentIndex().row()
        return self.model.rows[row].id if 0 <= row < len(self.model.rows) else ""

    def select(self, item_id: str) -> None:
        """Make ``item_id`` the chosen row and scroll to it (the keyboard focus stays where it is)."""
        row = self.model.row_of(item_id)
        if row >= 0:
            index = self.model.index(row, 2)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        row = self.table.currentIndex().row()
        count = len(self.model.rows)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.delete_button.setEnabled(0 <= row < count)
        self.empty_label.setVisible(count == 0 and not self.ws.read_only)

    # --- edits --------------------------------------------------------------------------------------
    def add_item(self) -> bool:
        """Add the typed item at the end; empty the line and put the cursor in the speaker field."""
        if self.ws.read_only or not self.day_id:
            return False
        speaker, summary = self.speaker.text(), self.summary.toPlainText()
        added: list[MinutesItem] = []
        if not run_save(lambda: added.append(self.ws.minutes.items.add(day_id=self.day_id, speaker=speaker,
                                                                       summary=summary)), self.entry_error):
            return False
        self.speaker.setText("")  # not clear(): that is undoable, and Ctrl+Z must now undo the item
        self.summary.setPlainText("")
        self.summary.document().setModified(False)
        self.model.load(self.day_id)
        self.select(added[0].id)
        self.speaker.setFocus()
        return True

    def move_current(self, steps: int) -> None:
        item_id = self.current_item_id()
        if item_id and not self.ws.read_only and run_save(lambda: self.ws.minutes.items.move(item_id, steps),
                                                          self.table_error):
            self.model.load(self.day_id)
            self.select(item_id)
            self._update_buttons()

    def delete_current(self) -> None:
        """Delete the chosen item (Ctrl+Z brings it back); the next one becomes the chosen one."""
        row = self.table.currentIndex().row()
        item_id = self.current_item_id()
        if not item_id or self.ws.read_only:
            return
        if run_save(lambda: self.ws.minutes.items.delete(item_id), self.table_error):
            self.model.load(self.day_id)
            if self.model.rows:
                self.select(self.model.rows[min(row, len(self.model.rows) - 1)].id)
            self._update_buttons()
