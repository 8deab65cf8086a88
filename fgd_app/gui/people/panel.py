"""One list of records on the people page: search box, buttons, message strip, table and counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.workshop.defaults import PENTAHELIX, pentahelix_label
from fgd_app.gui.people.forms import organisation_choice, organisation_combo
from fgd_app.gui.people.models import ID_ROLE, ParticipantTableModel, SearchProxy, _RecordModel
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.column_widths import ColumnPlan, fit_columns
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.gui.widgets.table_model import Index
from fgd_app.i18n import tr

_STRIP_STYLES = {
    "error": f"background: {theme.ERROR_STRIP}; color: {theme.ERROR_STRIP_TEXT}; border: 1px solid {theme.ERROR_STRIP_BORDER};",
    "info": f"background: {theme.INFO_STRIP}; color: {theme.INFO_STRIP_TEXT}; border: 1px solid {theme.INFO_STRIP_BORDER};",
}


class MessageStrip(QFrame):
    """A visible line above the table for what just happened or went wrong; × closes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(tr("Message"))
        close = QToolButton(self)
        close.setText("\u00d7")
        close.setAutoRaise(True)
        close.setToolTip(tr("Close"))
        close.setAccessibleName(tr("Close the message"))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def _show(self, kind: str, message: str) -> None:
        if not message:
            self.clear()
            return
        self.kind = kind
        self.setStyleSheet(f"MessageStrip {{ {_STRIP_STYLES[kind]} border-radius: 4px; }}")
        self.label.setText(message)
        self.show()

    def show_error(self, message: str) -> None:
        self._show("error", message)

    def show_info(self, message: str) -> None:
        self._show("info", message)

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()


class RecordDelegate(QStyledItemDelegate):
    """Editors per column: a combo of OPDs (free text allowed) and a combo of pentahelix elements."""

    def __init__(self, model: _RecordModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model

    def _key(self, index: Index) -> str:
        source = index.model().mapToSource(index) if hasattr(index.model(), "mapToSource") else index
        return self.model.column_key(source.column())

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index):  # noqa: N802 - Qt override
        key = self._key(index)
        if isinstance(self.model, ParticipantTableModel) and key == "organisation":
            editor = organisation_combo(list(self.model.opds.values()), parent)
        elif key == "pentahelix":
            editor = QComboBox(parent)
            for element in PENTAHELIX:
                editor.addItem(pentahelix_label(element), element)
        else:
            editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(str(index.model().headerData(index.column(), Qt.Orientation.Horizontal)))
        return editor

    def setEditorData(self, editor: QWidget, index) -> None:  # noqa: N802 - Qt override
        key = self._key(index)
        if key == "organisation" and isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        elif key == "pentahelix" and isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index) -> None:  # noqa: N802 - Qt override
        key = self._key(index)
        if key == "organisation" and isinstance(editor, QComboBox):
            model.setData(index, organisation_choice(editor, list(self.model.opds.values())))
        elif key == "pentahelix" and isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class RecordTableView(QTableView):
    """Enter asks for the edit form of the current row; Del asks to delete the selected rows."""

    edit_requested = Signal(str)
    delete_requested = Signal(list)
    resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
                self.edit_requested.emit(self.currentIndex().data(ID_ROLE))
                return
            if event.key() == Qt.Key.Key_Delete:
                ids = self.selected_ids()
                if ids:
                    self.delete_requested.emit(ids)
                return
        super().keyPressEvent(event)

    def selected_ids(self) -> list[str]:
        rows = {i.row(): i.data(ID_ROLE) for i in self.selectionModel().selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row(): self.currentIndex().data(ID_ROLE)}
        return [rows[r] for r in sorted(rows)]


class ListPanel(QWidget):
    """Search, Add / Delete / Import buttons, a message strip, the table and a line of counts."""

    add_requested = Signal()
    edit_requested = Signal(str)
    delete_requested = Signal(list)
    import_requested = Signal()

    def __init__(self, model: _RecordModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(model)
        read_only = model.ws.read_only
        self._plan = ColumnPlan()
        self._fitted: tuple = ()
        self._fitting = False
        self._user_sized = False
        self._user_shown: dict[str, bool] = {}
        self._auto_hidden: list[str] = []

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search"))
        self.search.textChanged.connect(self._search_changed)
        self.add_button = QPushButton(tr("Add"), self)
        self.add_button.setToolTip(tr("Add (Ctrl+N)"))
        self.delete_button = QPushButton(tr("Delete"), self)
        self.delete_button.setToolTip(tr("Delete the selected rows (Del)"))
        self.import_button = QPushButton(tr("Import list\u2026"), self)
        self.import_button.setToolTip(tr("Import from a CSV or Excel file (Ctrl+I)"))
        for button in (self.add_button, self.delete_button, self.import_button):
            button.setAccessibleName(button.text().rstrip("\u2026"))
            button.setVisible(not read_only)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.import_button)

        self.strip = MessageStrip(self)
        self.table = RecordTableView(self)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RecordDelegate(model, self.table))
        self.table.setAccessibleName(tr("Table"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setToolTip(tr("Click to sort; right-click to show or hide columns"))
        header.sectionResized.connect(self._section_resized)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.counts.setAccessibleName(tr("Counts"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.strip)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        set_tab_chain(self.search, self.table)

        model.error.connect(self.strip.show_error)
        model.saved.connect(lambda name: self.strip.show_info(
            tr("Saved: {operation}. Ctrl+Z undoes it.", operation=name)))
        self.add_button.clicked.connect(self.add_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.delete_button.clicked.connect(lambda: self._delete(self.table.selected_ids()))
        self.table.delete_requested.connect(self._delete)
        self.table.edit_requested.connect(self._edit)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_columns)
        self.table.resized.connect(self.schedule_fit)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)

    # --- actions ---------------------------------------------------------------------------------
    def _edit(self, record_id: str) -> None:
        if not self.model.ws.read_only and record_id:
            self.edit_requested.emit(record_id)

    def _delete(self, ids: list[str]) -> None:
        if not self.model.ws.read_only and ids:
            self.delete_requested.emit(ids)

    def run(self, action: Callable[[], object]) -> bool:
        """Run a core action; show its error in the strip instead of raising."""
        try:
            action()
        except FgdError as error:
            self.strip.show_error(str(error))
            return False
        return True

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self.counts_changed()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Ctrl+N adds here (the window's Ctrl+N, new workshop, yields to it while the list has the focus);
        Down in the search box goes to the table; Esc clears the search."""
        if not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        adds = event.matches(QKeySequence.StandardKey.New) and not self.model.ws.read_only
        if event.type() == QEvent.Type.ShortcutOverride and adds:
            event.accept()  # deliver Ctrl+N to us as a key press instead of triggering the window's shortcut
            return True
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if adds:
            self.add_requested.emit()
            return True
        if watched is self.search:
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    # --- showing ---------------------------------------------------------------------------------
    def set_counts(self, text: str) -> None:
        self._counts_text = text
        self.counts_changed()

    def counts_changed(self) -> None:
        text = getattr(self, "_counts_text", "")
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown != total:
            text = tr("Showing {shown} of {total}", shown=shown, total=total) + " \u00b7 " + text
        if self._auto_hidden:
            text += " \u00b7 " + tr("Hidden to make room: {columns} (right-click a column title)",
                                     columns=", ".join(self.hidden_titles()))
        self.counts.setText(text)

    def select_id(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the search: show it
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def set_columns_hint(self, minimum_chars: dict[str, int], hide_order: tuple[str, ...] = (),
                         caps: dict[str, int] | None = None) -> None:
        """Say which columns may shrink (to ``minimum_chars``) and which to hide first when space runs out."""
        self._plan = ColumnPlan(minimum_chars, caps or {}, hide_order)
        self._fitted = ()

    def schedule_fit(self) -> None:
        """Fit the columns once the event loop is free (many reasons to refit collapse into one)."""
        self._fit_timer.start()

    def fit_columns(self, *, force: bool = False) -> None:
        """Size the columns to their content and the visible width (see ``people_columns``).

        Columns the facilitator showed or hid (right-click on a column title) stay so; once a column
        border was dragged by hand the widths are left alone.
        """
        keys = [self.model.column_key(c) for c in range(self.model.columnCount())]
        state = (tuple(keys), self.table.viewport().width(), self.model.rowCount() > 0)
        if not keys or (state == self._fitted and not force) or self._user_sized:
            return
        self._fitted = state
        self._fitting = True
        try:
            self._auto_hidden = fit_columns(self.table, keys, self._plan, self._user_shown)
        finally:
            self._fitting = False
        self.counts_changed()

    def hidden_titles(self) -> list[str]:
        """Return the titles of the columns hidden to make room."""
        return [str(self.model.headerData(self.model.column_of(k), Qt.Orientation.Horizontal))
                for k in self._auto_hidden]

    def _section_resized(self, *_args) -> None:
        """Remember that the facilitator dragged a column border: stop sizing columns for them."""
        if not self._fitting and QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._user_sized = True

    def _header_menu(self, position) -> None:
        """Let the facilitator show or hide any column."""
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            key = self.model.column_key(column)
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column != 0)
            action.toggled.connect(lambda shown, k=key: self.show_column(k, shown))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def show_column(self, key: str, shown: bool) -> None:
        self._user_shown[key] = shown
        self._user_sized = False
        self.fit_columns(force=True)

