"""The quick-add line: name, lead OPD and element with completion; Enter adds, focus returns to the name.

The OPD and element stay filled for the next innovation (a table often presents several from one OPD).
A name close to an existing one in the dimension shows a warning while typing; it never blocks.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.innovations.entry import quick_add, resolve_element
from fgd_app.core.innovations.records import Innovation
from fgd_app.core.typed_entry import UnknownOpdError, opd_completion
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import FieldError, ask
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

WARNING_STYLE = theme.text_style(theme.WARNING_TEXT)
DONE_STYLE = theme.text_style(theme.SUCCESS)


class EntryLine(QLineEdit):
    """A line edit whose Enter adds the innovation, also right after a completion was picked."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            completer = self.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None and popup.isVisible():
                if popup.currentIndex().isValid():
                    super().keyPressEvent(event)  # the pop-up takes this Enter to pick the highlighted entry
                    return
                popup.hide()  # nothing highlighted: add with the text as typed
            event.accept()
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def _completer(parent: QWidget) -> QCompleter:
    completer = QCompleter(QStringListModel(parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    return completer


class QuickAddBar(QWidget):
    """``added(innovation_id)`` after each successful add."""

    added = Signal(str)

    def __init__(self, workshop: Workshop, parent=None):
        super().__init__(parent)
        self.workshop = workshop
        self.dimension_id = ""
        self._new_opd = ""  # the OPD added with the innovation being added (for the message)
        self.similar: list[tuple[str, str, str, float]] = []
        self._similar_for = ""

        self.name = EntryLine()
        self.name.setPlaceholderText(tr("Name of the innovation, then Enter"))
        self.name.setAccessibleName(tr("New innovation name"))
        self.opd = EntryLine()
        self.opd.setPlaceholderText(tr("e.g. Dinkes"))
        self.opd.setAccessibleName(tr("Lead OPD of the new innovation"))
        self.opd.setCompleter(_completer(self.opd))
        self.element = EntryLine()
        self.element.setPlaceholderText(tr("optional"))
        self.element.setAccessibleName(tr("Element of the new innovation"))
        self.element.setCompleter(_completer(self.element))
        self.add_button = QPushButton(tr("Add"))
        self.add_button.setAccessibleName(tr("Add the innovation"))
        self.add_button.setToolTip(tr("Add the innovation (Enter)"))
        self.code = QLabel()
        self.code.setAccessibleName(tr("Code of the next innovation"))
        self.code.setToolTip(tr("Code the next innovation gets"))
        self.name_error, self.opd_error, self.element_error = FieldError(), FieldError(), FieldError()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Quick-add message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message.setFixedHeight(self.message.fontMetrics().lineSpacing() * 2 + 4)  # no relayout per message

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        for column, (text, field) in enumerate(((tr("New &innovation"), self.name), (tr("Lead &OPD"), self.opd),
                                                (tr("E&lement"), self.element))):
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
        grid.addWidget(self.code, 0, 3, Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.add_button, 1, 3)
        grid.addWidget(self.name_error, 2, 0)
        grid.addWidget(self.opd_error, 2, 1)
        grid.addWidget(self.element_error, 2, 2)
        grid.addWidget(self.message, 3, 0, 1, 4)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        set_tab_chain(self.name, self.opd, self.element, self.add_button)

        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(250)
        self._similar_timer.timeout.connect(self.check_similar)
        self.name.textEdited.connect(lambda _text: self._similar_timer.start())
        self.name.textEdited.connect(lambda _text: self.name_error.clear_error())
        self.opd.textEdited.connect(lambda _text: self.opd_error.clear_error())
        self.element.textEdited.connect(lambda _text: self.element_error.clear_error())
        for field in (self.name, self.opd, self.element):
            field.submitted.connect(self.submit)
        self.add_button.clicked.connect(self.submit)
        self.refresh_opds()
        if workshop.read_only:
            for widget in (self.name, self.opd, self.element, self.add_button):
                widget.setEnabled(False)
            self.name.setPlaceholderText(tr("Read-only: innovations cannot be added."))

    # --- scope and lists -------------------------------------------------------------------------
    def set_dimension(self, dimension_id: str, element_name: str | None = None) -> None:
        """Add to this dimension from now on; ``element_name`` pre-fills the element (None keeps it if valid)."""
        changed = dimension_id != self.dimension_id
        self.dimension_id = dimension_id
        names = [e.name for e in self.workshop.elements.of(dimension_id)] if dimension_id else []
        self.element.completer().model().setStringList(names)
        if element_name is not None:
            self.element.setText(element_name)
        elif changed and self.element.text() not in names:
            self.element.clear()
        self.element_error.clear_error()
        self.update_code()
        if changed:
            self._similar_for = ""
            self.check_similar()

    def refresh_opds(self) -> None:
        opds = self.workshop.opds.list()
        self.opd.completer().model().setStringList([opd_completion(o) for o in opds])

    def update_code(self) -> None:
        self.code.setText(self.workshop.innovations.next_code(self.dimension_id) if self.dimension_id else "")

    # --- similar names ---------------------------------------------------------------------------
    def check_similar(self) -> None:
        """Warn (without blocking) when the typed name is close to one already in the dimension."""
        name = self.name.text()
        if name == self._similar_for or self.workshop.closed:  # the timer may fire after the workshop closed
            return
        self._similar_for = name
        self.similar = self.workshop.innovations.similar_names(self.dimension_id, name) if (
            self.dimension_id and name.strip()) else []
        if self.similar:
            listed = "; ".join(f"{code} \u201c{other}\u201d" for _, code, other, _ in self.similar[:3])
            self.show_message(tr("\u26a0 Very close to an existing innovation: {list}. Add anyway with Enter, "
                                 "or merge them later.", list=listed), WARNING_STYLE)
        elif self.message.styleSheet() == WARNING_STYLE:
            self.show_message("", WARNING_STYLE)

    def show_message(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # --- adding ----------------------------------------------------------------------------------
    def submit(self) -> None:
        """Add the innovation; on bad input show the message at its field and leave the text as typed."""
        if self.workshop.read_only or not self.dimension_id:
            return
        self._similar_timer.stop()
        self.check_similar()
        similar = list(self.similar)
        for error in (self.name_error, self.opd_error, self.element_error):
            error.clear_error()
        try:
            item = quick_add(self.workshop, self.dimension_id, self.name.text(), self.opd.text(), self.element.text())
        except UnknownOpdError as problem:
            item = self._add_with_new_opd(problem)
            if item is None:
                return
        except ValidationError as problem:
            self._refused(problem)
            return
        except FgdError as problem:
            self.name_error.show_error(str(problem))
            return
        self._after_add(item, similar)

    def _add_with_new_opd(self, problem: UnknownOpdError) -> Innovation | None:
        """Offer to add the typed OPD with the innovation (one undo step), or one close to it instead.

        Return the innovation added, or None (the choice was cancelled, or the input was refused: the
        message is then at its field, nothing is saved and the text stays as typed).
        """
        try:  # a bad element is told first: the question about the OPD would be in vain
            resolve_element(self.workshop.elements.of(self.dimension_id), self.element.text())
        except ValidationError as refused:
            self._refused(refused)
            return None
        close = self.workshop.opds.close_to(problem.text)
        choices = [("new", tr("Add \u201c{name}\u201d as a new OPD", name=problem.text))]
        choices += [(opd.id, tr("Use {opd}", opd=opd_completion(opd))) for opd in close]
        choices.append(("cancel", tr("Cancel")))
        details = tr("The new OPD and the innovation are added together; Ctrl+Z undoes both. Its short name and "
                     "full name can be completed later on the OPD page.")
        if close:
            details = tr("Similar OPDs already registered: {names}. Use one of them if it is the same office.",
                         names=", ".join(opd.short_name or opd.name for opd in close)) + "\n" + details
        answer = ask(self, tr("New OPD"), tr("No OPD is called \u201c{text}\u201d yet.", text=problem.text),
                     choices, details=details)
        if answer in (None, "cancel"):
            self.opd_error.show_error(problem.message)
            self.opd.setFocus()
            return None
        opd_text = problem.text if answer == "new" else opd_completion(self.workshop.opds.get(answer))
        try:
            item = quick_add(self.workshop, self.dimension_id, self.name.text(), opd_text, self.element.text(),
                             new_opd=answer == "new")
        except ValidationError as refused:
            self._refused(refused)
            return None
        except FgdError as refused:
            self.name_error.show_error(str(refused))
            return None
        self.opd.setText(opd_text)
        if answer == "new":
            self._new_opd = problem.text
        return item

    def _refused(self, problem: ValidationError) -> None:
        """Show a refusal at the field it names and put the focus there."""
        field, error = {"lead_opd_id": (self.opd, self.opd_error),
                        "element_id": (self.element, self.element_error)}.get(
            problem.field, (self.name, self.name_error))
        error.show_error(problem.message)
        field.setFocus()

    def _after_add(self, item: Innovation, similar: list) -> None:
        self.name.clear()
        self._similar_for = ""
        self.similar = []
        text = tr("\u2713 {code} \u201c{name}\u201d added.", code=item.code, name=item.name)
        if self._new_opd:
            text += " " + tr("New OPD \u201c{name}\u201d added with it.", name=self._new_opd)
            self._new_opd = ""
        if similar:
            text += " " + tr("\u26a0 Close to {list}.", list=", ".join(code for _, code, _, _ in similar[:3]))
        self.show_message(text, WARNING_STYLE if similar else DONE_STYLE)
        self.name.setFocus()
        self.added.emit(item.id)
