"""Day 1: capture innovations per dimension, fast, with a projector view and the FGD round timer.

Keys: Ctrl+L new innovation name · Ctrl+F search · Alt+1..6 dimension · Enter adds · F5 projector ·
F9 start/pause the timer, Ctrl+F9 reset · Ctrl+M merge two selected · Delete deletes the selected ·
Ctrl+Z undoes any of it (main window). Ctrl+I shows or hides the ideas inbox: the phones' ideas (room mode),
in a pane on the right while room mode is on or ideas wait.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError
from fgd_app.core.store.changes import Changes
from fgd_app.core.store.references import describe_counts
from fgd_app.gui.innovations.detail import DetailPane
from fgd_app.gui.innovations.model import InnovationFilter, InnovationModel
from fgd_app.gui.innovations.quick_add import DONE_STYLE, QuickAddBar
from fgd_app.gui.innovations.sidebar import DimensionTree
from fgd_app.gui.innovations.table import InnovationTable
from fgd_app.gui.projector.hub import ProjectorHub
from fgd_app.gui.projector.round_timer import TimerControls
from fgd_app.gui.room.inbox import InboxPanel
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import ask, show_error
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import format_int, tr


class SearchLine(QLineEdit):
    """The search field: Esc clears it, Down moves to the results (``down_target``)."""

    down_target: QWidget | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down and self.down_target is not None:
            self.down_target.setFocus()
            event.accept()
            return
        super().keyPressEvent(event)


class InnovationsPage(QWidget):
    """The facilitator's day-1 screen (page key "innovations")."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None, *, hub: ProjectorHub | None = None):
        super().__init__(parent)
        self.workshop = workshop
        dimensions = workshop.dimensions.list()
        self.model = InnovationModel(workshop, self)
        self.proxy = InnovationFilter(self.model, self, dimension_id=dimensions[0].id if dimensions else None)
        # the projector and the round timer, shared with the main window (a page on its own has its own)
        self.hub = hub if hub is not None else ProjectorHub(workshop)
        self.timer = self.hub.timer
        self.dimension_id = ""
        self.element_id = ""

        self.search = SearchLine()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(tr("Search innovations (Ctrl+F)"))
        self.search.setAccessibleName(tr("Search all innovations"))
        self.search.setToolTip(tr("Finds words in the name, description, problem, OPDs and code of every "
                                  "innovation, in all dimensions; Esc clears"))
        self.search.setMinimumWidth(180)
        self.search_result = QLabel()
        self.timer_controls = TimerControls(self.timer)
        self.projector_button = QPushButton(tr("Projector"))
        self.projector_button.setCheckable(True)
        self.projector_button.setToolTip(tr("Show the innovations on the projector (F5); F11 there: full screen"))
        self.projector_button.setAccessibleName(tr("Projector view"))
        self.room_button = QPushButton(tr("Room…"))
        self.room_button.setToolTip(tr("Phones in the room send ideas to an inbox here; turn room mode on and show "
                                       "its QR code (Ctrl+Shift+R)"))
        self.room_button.clicked.connect(self._show_room)
        self.inbox = InboxPanel(workshop)
        self.inbox_button = QPushButton()
        self.inbox_button.setCheckable(True)
        self.inbox_button.setToolTip(tr("Show or hide the ideas sent from phones (Ctrl+I)"))
        self.inbox_button.toggled.connect(self._show_inbox_pane)
        self._inbox_wanted = True  # until the facilitator hides the pane

        self.sidebar = DimensionTree(workshop)
        self.sidebar.setFixedWidth(240)
        self.quick = QuickAddBar(workshop)
        self.table = InnovationTable(workshop, self.proxy)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        # a long dimension name must not widen the page (1024 pixels with the ideas inbox beside the table)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.merge_button = QPushButton(tr("Merge\u2026"))
        self.merge_button.setToolTip(tr("Merge the two selected innovations into one (Ctrl+M)"))
        self.delete_button = QPushButton(tr("Delete"))
        self.delete_button.setToolTip(tr("Delete the selected innovations (Delete key); Ctrl+Z undoes it"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Innovations message"))
        self.message.setFixedHeight(self.message.fontMetrics().lineSpacing() * 2 + 4)
        self.detail = DetailPane(workshop)

        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.search_result)
        top.addStretch(1)
        top.addWidget(self.timer_controls)
        top.addWidget(self.projector_button)
        top.addWidget(self.inbox_button)
        table_head = QHBoxLayout()
        table_head.addWidget(self.heading, 1)
        table_head.addWidget(self.room_button)
        table_head.addWidget(self.merge_button)
        table_head.addWidget(self.delete_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.quick)
        upper_layout.addLayout(table_head)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.message)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.detail.hide()  # folded away until a row is chosen: the rows get the height while capturing
        self._detail_sized = False
        self.side_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.side_splitter.addWidget(self.splitter)
        self.side_splitter.addWidget(self.inbox)
        self.side_splitter.setStretchFactor(0, 3)
        self.side_splitter.setStretchFactor(1, 1)
        self.side_splitter.setChildrenCollapsible(False)
        self.inbox.hide()
        self._inbox_sized = False
        body = QHBoxLayout()
        body.addWidget(self.sidebar)
        body.addWidget(self.side_splitter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        set_tab_chain(self.quick.add_button, self.table)
        self.search.down_target = self.table

        self.sidebar.scope_changed.connect(self.set_scope)
        self.search.textChanged.connect(self.run_search)
        self.quick.added.connect(self._added)
        self.model.edit_failed.connect(lambda text: self.show_message(text, error=True))
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_detail(
                self.proxy.innovation_id(current.row()) if current.isValid() else None))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.merge_button.clicked.connect(self.merge_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.projector_button.clicked.connect(self.show_projector)  # a click, not the hub's own state coming back
        self.projector_button.setChecked(self.hub.shown)
        self.hub.shown_changed.connect(self.projector_button.setChecked)
        self.inbox.count_changed.connect(lambda _count: self.update_inbox())
        self._shortcuts()
        self.set_scope(*self.sidebar.current_scope())
        self.update_inbox()
        self.hub.use_innovations_page(self)
        self._update_buttons()

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # F5 (projector), F9 and Ctrl+F9 (timer) are the main window's View menu keys, on every page
        for keys, slot in (("Ctrl+L", self.focus_first), ("Ctrl+F", self.focus_search),
                           ("Ctrl+M", self.merge_selected), ("Ctrl+I", self.toggle_inbox)):
            QShortcut(QKeySequence(keys), self, slot, context=context)
        for number in range(1, 10):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number: self.sidebar.select_number(n),
                      context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)

    # --- page contract ---------------------------------------------------------------------------
    def focus_first(self) -> None:
        self.quick.name.setFocus()
        self.quick.name.selectAll()

    def _show_room(self) -> None:
        window = self.window()
        if hasattr(window, "show_room"):
            window.show_room()

    # --- ideas inbox (room mode) -----------------------------------------------------------------
    def _room_on(self) -> bool:
        room = getattr(self.window(), "_room", None)
        return bool(room is not None and room.running)

    def update_inbox(self) -> None:
        """Offer the inbox while room mode is on or ideas wait; show its pane unless the facilitator hid it."""
        count = max(self.inbox.count, 0)
        offered = self._room_on() or count > 0
        self.inbox_button.setText(tr("Ideas inbox ({count})", count=count) if count else tr("Ideas inbox"))
        self.inbox_button.setVisible(offered)
        shown = offered and self._inbox_wanted
        if self.inbox_button.isChecked() != shown:
            self.inbox_button.blockSignals(True)
            self.inbox_button.setChecked(shown)
            self.inbox_button.blockSignals(False)
        self._place_inbox(shown)

    def toggle_inbox(self) -> None:
        """Show or hide the ideas inbox pane (Ctrl+I)."""
        self._show_inbox_pane(not self.inbox.isVisibleTo(self))

    def _show_inbox_pane(self, on: bool) -> None:
        self._inbox_wanted = on
        if on:
            self.inbox_button.setVisible(True)
        self.inbox_button.blockSignals(True)
        self.inbox_button.setChecked(on)
        self.inbox_button.blockSignals(False)
        self._place_inbox(on)
        QTimer.singleShot(0, self._elide_heading)
        if on:
            self.inbox.table.setFocus()

    def _place_inbox(self, on: bool) -> None:
        if on == self.inbox.isVisibleTo(self):
            return
        self.inbox.setVisible(on)
        if on and not self._inbox_sized:  # first showing: about a third of the width, at least 300 pixels
            self._inbox_sized = True
            total = self.side_splitter.width()
            side = max(300, total // 3) if total > 600 else total // 2
            self.side_splitter.setSizes([total - side, side])

    def on_changes(self, changes: Changes) -> None:
        """Refresh what the committed operation (or its undo/redo) changed."""
        self.inbox.on_changes(changes)
        changed = self.model.refresh(changes)
        if changes.touches("opds"):
            self.quick.refresh_opds()
        if changes.touches("dimensions"):
            self.sidebar.rebuild()
        if changes.touches("innovations", "dimensions"):
            self.sidebar.update_counts()
            self.quick.update_code()
        if self.search.text().strip() and changes.touches("innovations", "opds"):
            self.run_search(self.search.text())
        if changes.touches("opds", "districts", "dimensions"):
            self.detail.forget_lists()
            self.detail.refresh()
        elif self.detail.current is not None and (
                self.detail.current.id in changed or changes.touches("innovation_links")):
            self.detail.refresh()
        self._update_heading()
        if self.detail.current is not None and self.proxy.row_of(self.detail.current.id) is None:
            self._forget_hidden_current()  # e.g. the innovation shown was undone
        if changes.kind in ("undo", "redo") and changes.touches("innovations"):
            self.quick.show_message("", DONE_STYLE)  # a stale "✓ … added" must not stand beside "Undone"
            self.show_message(tr("Undone: {name}", name=changes.name) if changes.kind == "undo"
                              else tr("Redone: {name}", name=changes.name))

    # --- detail pane -----------------------------------------------------------------------------
    def show_detail(self, innovation_id: str | None) -> None:
        """Show the chosen innovation's fields below the table; fold the pane away when none is chosen."""
        self.detail.show_innovation(innovation_id)
        shown = self.detail.current is not None
        if shown == self.detail.isVisibleTo(self):
            return
        self.detail.setVisible(shown)
        if shown and not self._detail_sized:  # first unfolding: 3/5 rows, 2/5 fields
            self._detail_sized = True
            total = self.splitter.height()
            self.splitter.setSizes([total - total * 2 // 5, total * 2 // 5])
        if shown:
            self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            QTimer.singleShot(0, lambda: self.table.scrollTo(self.table.currentIndex()))

    # --- scope and search ------------------------------------------------------------------------
    def set_scope(self, dimension_id: str, element_id: str = "") -> None:
        """Show one dimension (and optionally one element); the projector follows."""
        if self.search.text():
            self.search.clear()
        self.dimension_id, self.element_id = dimension_id, element_id
        self.proxy.set_scope(dimension_id or None, element_id or None)
        element_name = None
        if element_id:
            element_name = next((e.name for e in self.workshop.elements.of(dimension_id) if e.id == element_id), None)
        self.quick.set_dimension(dimension_id, element_name)
        self.hub.set_dimension(dimension_id)
        self._update_heading()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self, text: str) -> None:
        """Filter the table to innovations of every dimension matching what is typed."""
        self.clear_messages()
        if not text.strip():
            self.proxy.set_matches(None)
            self.search_result.clear()
        else:
            matches = set(self.workshop.innovations.search(text))
            self.proxy.set_matches(matches)
            self.search_result.setText(tr("{count} found", count=format_int(len(matches))))
        self._update_heading()
        self._forget_hidden_current()

    def _forget_hidden_current(self) -> None:
        """Fold the detail pane when the innovation it shows is no longer among the rows shown."""
        if self.detail.current is not None and self.proxy.row_of(self.detail.current.id) is None:
            self.table.selectionModel().clearCurrentIndex()
            self.table.clearSelection()
            self.show_detail(None)

    def _update_heading(self) -> None:
        if self.proxy.matches is not None:
            text = tr("Search results in all dimensions: {count}", count=format_int(self.proxy.rowCount()))
        else:
            dimension = next((d for d in self.workshop.dimensions.list() if d.id == self.dimension_id), None)
            text = dimension.name if dimension else ""
            if self.element_id:
                element = next((e for e in self.workshop.elements.of(self.dimension_id) if e.id == self.element_id),
                               None)
                text += f" \u203a {element.name}" if element else ""
            text += " \u2014 " + tr("{count} innovations", count=format_int(self.proxy.rowCount()))
        self.heading.setToolTip(text)
        self._elide_heading()

    def _elide_heading(self) -> None:
        """Show the heading in the width it has ("Smart Gover… — 12 inovasi" beside the ideas inbox)."""
        text = self.heading.toolTip()
        width = self.heading.width()
        self.heading.setText(text if width < 40 else self.heading.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideMiddle, width))

    # --- feedback --------------------------------------------------------------------------------
    def clear_messages(self) -> None:
        """Clear the page's and the quick-add line's messages (a search starts afresh)."""
        self.show_message("")
        self.quick.show_message("", DONE_STYLE)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(theme.text_style(theme.ERROR) if error else DONE_STYLE)
        self.message.setText(text)

    def _added(self, innovation_id: str) -> None:
        """Show the new innovation (tinted, scrolled into view) without moving the focus or the selection."""
        self.model.set_newest(innovation_id)
        self.show_message("")  # an older "Undone: …" or "Deleted …" no longer applies
        QTimer.singleShot(0, lambda: self._scroll_to(innovation_id))  # once the view has laid out the new row
        self.hub.set_newest(innovation_id)
        self.quick.name.setFocus()

    def _scroll_to(self, innovation_id: str) -> None:
        """Bring the row fully into view (a row half under the bottom edge counts as hidden)."""
        row = self.proxy.row_of(innovation_id)
        if row is None:
            return
        index = self.proxy.index(row, 0)
        self.table.scrollTo(index)
        rect, viewport = self.table.visualRect(index), self.table.viewport().rect()
        if rect.bottom() > viewport.bottom() or rect.top() < viewport.top():
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtBottom)

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        editable = not self.workshop.read_only
        self.merge_button.setEnabled(editable and count == 2)
        self.delete_button.setEnabled(editable and count >= 1)

    # --- merge and delete ------------------------------------------------------------------------
    def merge_selected(self) -> None:
        """Merge the two selected innovations; the facilitator chooses which one is kept."""
        ids = self.table.selected_ids()
        if self.workshop.read_only:
            return
        if len(ids) != 2:
            self.show_message(tr("Select exactly two innovations to merge (Ctrl+click)."), error=True)
            return
        first, second = (self.workshop.innovations.get(i) for i in ids)
        details = []
        for item in (first, second):
            dependents = self.workshop.innovations.dependents(item.id)
            if dependents:
                details.append(tr("{code} has {records}.", code=item.code, records=describe_counts(dependents)))
        details.append(tr("The other one's texts, OPDs, partners, kecamatan and everything linked to it move to the "
                          "one you keep; then it is deleted. Ctrl+Z undoes the merge."))
        answer = ask(self, tr("Merge innovations"), tr("Which innovation do you keep?"),
                     [("first", tr("Keep {code} \u201c{name}\u201d", code=first.code, name=_short(first.name))),
                      ("second", tr("Keep {code} \u201c{name}\u201d", code=second.code, name=_short(second.name))),
                      ("cancel", tr("Cancel"))], details="\n".join(details))
        if answer not in ("first", "second"):
            return
        keep, absorb = (first, second) if answer == "first" else (second, first)
        try:
            result = self.workshop.innovations.merge(keep.id, absorb.id)
        except FgdError as problem:
            show_error(self, tr("Merge innovations"), str(problem))
            return
        self.table.select_id(keep.id)
        moved = f" ({describe_counts(result.moved)})" if result.moved else ""
        self.show_message(tr("{absorbed} merged into {kept}{moved}. Ctrl+Z undoes it.", absorbed=absorb.code,
                             kept=keep.code, moved=moved))

    def delete_selected(self) -> None:
        """Delete the selected innovations; ask first when records hang off them."""
        ids = self.table.selected_ids()
        if not ids or self.workshop.read_only:
            return
        items = [self.workshop.innovations.get(i) for i in ids]
        lines = []
        for item in items:
            dependents = self.workshop.innovations.dependents(item.id)
            if dependents:
                lines.append(tr("{code} has {records}.", code=item.code, records=describe_counts(dependents)))
        if lines:
            answer = ask(self, tr("Delete innovations"),
                         tr("Delete {count} innovation(s) together with the records linked to them?", count=len(items)),
                         [("delete", tr("Delete")), ("cancel", tr("Cancel"))],
                         details="\n".join(lines) + "\n" + tr("Ctrl+Z brings everything back."),
                         icon=QMessageBox.Icon.Warning)
            if answer != "delete":
                return
        self.workshop.innovations.delete_many(ids)
        codes = ", ".join(i.code for i in items[:5]) + (" \u2026" if len(items) > 5 else "")
        self.show_message(tr("Deleted {codes}. Ctrl+Z undoes it.", codes=codes))

    # --- projector -------------------------------------------------------------------------------
    @property
    def projector(self):
        """Return the projector window while it is shown (it belongs to the workshop's ``ProjectorHub``)."""
        return self.hub.window

    def show_projector(self, on: bool) -> None:
        """Open the projector on this page's innovations (on the second screen when there is one), or close it."""
        if on:
            self.hub.follow_page("innovations", self)
        self.hub.show(on)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.update_inbox()  # room mode may have been turned on while another page was shown

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Give the table room on a 1024-pixel screen: the dimension list narrows (names elide)."""
        super().resizeEvent(event)
        self.sidebar.setFixedWidth(max(180, min(250, int(self.width() * 0.22))))
        QTimer.singleShot(0, self._elide_heading)  # once the layout has given the heading its width


def _short(name: str, limit: int = 50) -> str:
    one = " ".join(name.split())
    return one if len(one) <= limit else one[: limit - 1] + "\u2026"
