"""The new-plan line under the plans table: activity, output, years, OPD, funding, budget.

Enter moves to the next field; Enter in the last field (or Ctrl+Enter anywhere) adds the plan, keeps the
years, OPD and funding for the next one and puts the focus back on the activity. A refused value is
shown under its field, in the UI language, and the typed text stays.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCompleter, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.plans.entry import quick_add
from fgd_app.core.typed_entry import opd_completion
from fgd_app.gui.plans.editors import RupiahEdit, YearSpin
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import FieldError
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

DONE_STYLE = theme.text_style(theme.SUCCESS)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def completer(parent: QWidget, items: list[str]) -> QCompleter:
    """Return a popup completer that finds ``items`` by any part of their text."""
    found = QCompleter(QStringListModel(items, parent), parent)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    found.setFilterMode(Qt.MatchFlag.MatchContains)
    found.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    found.setMaxVisibleItems(12)
    return found


class NewPlanLine(QWidget):
    """``added(plan_id)`` after each successful add; ``innovation_id`` says where plans go."""

    added = Signal(str)

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.innovation_id = ""
        first, last = workshop.plans.horizon()
        self.activity = QLineEdit()
        self.activity.setPlaceholderText(tr("New activity (kegiatan), then Enter"))
        self.activity.setAccessibleName(tr("Activity of the new plan"))
        self.output = QLineEdit()
        self.output.setPlaceholderText(tr("Output (keluaran)"))
        self.output.setAccessibleName(tr("Output of the new plan"))
        self.first_year = YearSpin(first, last, tr("First year of the new plan"))
        self.last_year = YearSpin(first, last, tr("Last year of the new plan"))
        self.opd = QLineEdit()
        self.opd.setPlaceholderText(tr("e.g. Diskominfo"))
        self.opd.setAccessibleName(tr("Responsible OPD of the new plan"))
        self.funding = QLineEdit()
        self.funding.setPlaceholderText(tr("e.g. APBD"))
        self.funding.setAccessibleName(tr("Funding source of the new plan"))
        self.budget = RupiahEdit()
        self.budget.setAccessibleName(tr("Budget estimate of the new plan"))
        self.add_button = QPushButton(tr("Add plan"))
        self.add_button.setAccessibleName(tr("Add the plan"))
        self.add_button.setToolTip(tr("Add the plan (Enter in the last field, or Ctrl+Enter)"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("New plan message"))
        self.fields = (self.activity, self.output, self.first_year, self.last_year, self.opd, self.funding,
                       self.budget)
        self.errors = {key: FieldError() for key in ("activity", "output", "first_year", "last_year", "opd_id",
                                                       "funding_source_id", "budget")}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        top = ((tr("New &activity"), self.activity, "activity", 0, 4), (tr("O&utput"), self.output, "output", 4, 3))
        bottom = ((tr("From"), self.first_year, "first_year"), (tr("To"), self.last_year, "last_year"),
                  (tr("OP&D"), self.opd, "opd_id"), (tr("Fu&nding"), self.funding, "funding_source_id"),
                  (tr("Bud&get (Rp)"), self.budget, "budget"))
        for text, field, key, column, span in top:
            self._place(grid, text, field, key, 0, column, span)
        for column, (text, field, key) in enumerate(bottom):
            self._place(grid, text, field, key, 3, column, 1)
        grid.addWidget(self.add_button, 4, 5, 1, 2)
        grid.addWidget(self.message, 6, 0, 1, 7)
        for column, stretch in enumerate((0, 0, 3, 2, 3, 1, 1)):
            grid.setColumnStretch(column, stretch)
        set_tab_chain(*self.fields, self.add_button)
        self._keys = _EnterKeys(self)
        for field in self.fields:
            target = field.lineEdit() if isinstance(field, YearSpin) else field  # type: ignore[attr-defined]
            field.installEventFilter(self._keys)
            if target is not field:
                target.installEventFilter(self._keys)
        for field in (self.activity, self.output, self.opd, self.funding, self.budget):
            # Enter that a completion popup handed on to the field (it bypasses event filters)
            field.returnPressed.connect(lambda field=field: self.next_field_later(field))
        self.first_year.valueChanged.connect(self._first_changed)
        self.add_button.clicked.connect(self.submit)
        self.refresh_lists()
        if workshop.read_only:
            for widget in (*self.fields, self.add_button):
                widget.setEnabled(False)
            self.activity.setPlaceholderText(tr("Read-only: plans cannot be added."))

    def _place(self, grid: QGridLayout, text: str, field: QWidget, key: str, row: int, column: int,
               span: int) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        grid.addWidget(label, row, column, 1, span)
        grid.addWidget(field, row + 1, column, 1, span)
        grid.addWidget(self.errors[key], row + 2, column, 1, span)

    def refresh_lists(self) -> None:
        """Offer the current OPDs and funding sources for completion."""
        self.opd.setCompleter(completer(self.opd, [opd_completion(o) for o in self.ws.opds.list()]))
        self.funding.setCompleter(completer(self.funding, [f.display for f in self.ws.plans.funding_sources.list()]))
        first, last = self.ws.plans.horizon()
        for spin in (self.first_year, self.last_year):
            spin.setRange(first, last)

    def set_innovation(self, innovation_id: str, lead_opd_id: str | None = None) -> None:
        """Add plans to this innovation from now on; the OPD field starts with its lead OPD."""
        if innovation_id != self.innovation_id:
            self.clear_errors()
            self.message.clear()
            opd = next((o for o in self.ws.opds.list() if o.id == lead_opd_id), None) if lead_opd_id else None
            if opd is not None:
                self.opd.setText(opd_completion(opd))
                self.opd.setCursorPosition(0)
        self.innovation_id = innovation_id
        enabled = bool(innovation_id) and not self.ws.read_only
        for widget in (*self.fields, self.add_button):
            widget.setEnabled(enabled)

    def _first_changed(self, year: int) -> None:
        if self.last_year.value() < year:
            self.last_year.setValue(year)

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.clear_error()

    def next_field(self, field: QWidget) -> None:
        """Move on from ``field``; after the last field, add the plan."""
        if QApplication.activeWindow() is not self.window():  # a completion popup kept the activation
            self.window().activateWindow()
        index = self.fields.index(field)
        if index == len(self.fields) - 1:
            self.submit()
        else:
            following = self.fields[index + 1]
            following.setFocus()
            if isinstance(following, QLineEdit | YearSpin):
                following.selectAll()

    def next_field_later(self, field: QWidget) -> None:
        """Move on once a closing completion popup has given the focus back (it would take it again)."""
        QTimer.singleShot(0, lambda: self.next_field(field))

    def submit(self) -> None:
        """Add the plan; on bad input show the message at its field and keep what was typed."""
        if self.ws.read_only or not self.innovation_id:
            return
        for spin in (self.first_year, self.last_year):
            spin.interpretText()
        self.clear_errors()
        try:
            plan = quick_add(self.ws, self.innovation_id, self.activity.text(), output=self.output.text(),
                             first_year=self.first_year.value(), last_year=self.last_year.value(),
                             opd=self.opd.text(), funding=self.funding.text(), budget=self.budget.text())
        except ValidationError as problem:
            key = problem.field if problem.field in self.errors else "activity"
            self.errors[key].show_error(problem.message)
            field = dict(zip(self.errors, self.fields, strict=True))[key]
            field.setFocus()
            return
        except FgdError as problem:
            self.errors["activity"].show_error(str(problem))
            return
        for field in (self.activity, self.output, self.budget):
            field.clear()
        self.message.setStyleSheet(DONE_STYLE)
        self.message.setText(tr("\u2713 Plan \u201c{name}\u201d added.", name=plan.activity))
        self.activity.setFocus()
        self.added.emit(plan.id)


class _EnterKeys(QObject):
    """Enter moves to the next field (closing a completion popup); Ctrl+Enter adds at once."""

    def __init__(self, line: NewPlanLine):
        super().__init__(line)
        self.line = line

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in ENTER_KEYS:
            return False
        field = next((f for f in self.line.fields if f is obj or obj.parent() is f), None)
        if field is None:
            return False
        if isinstance(obj, QLineEdit) and obj.completer() is not None and obj.completer().popup().isVisible():
            obj.completer().popup().hide()  # Enter closes the list and moves on, as typed
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.line.next_field_later(field)
                return True
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.line.submit()
        else:
            self.line.next_field(field)
        return True
