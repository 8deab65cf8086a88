"""Dialogs of the quick-win page: the criteria editor and the quick-win rule editor.

Criteria edits save field by field (each one undoable operation, errors under the field); the rule is
saved as a whole with "Save" (one operation), so the facilitator can try values and cancel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.quickwins.rules import AXES, DIRECTIONS, Rule, format_score
from fgd_app.gui.widgets.common import (
    FieldError,
    SavedLineEdit,
    SavedTextEdit,
    add_form_row,
    ask,
    bind_commit,
    run_save,
)
from fgd_app.gui.widgets.dialogs import OK, ok_cancel_buttons
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop


class CriteriaDialog(QDialog):
    """Add, rename, describe, weigh, turn and reorder the scoring criteria."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.setWindowTitle(tr("Quick-win criteria"))
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Criteria"))
        self.list.setMinimumWidth(200)
        self.add_button = QPushButton(tr("Add criterion"))
        self.delete_button = QPushButton(tr("Delete"))
        self.up_button = QPushButton(tr("Up"))
        self.down_button = QPushButton(tr("Down"))
        for button, name in ((self.add_button, tr("Add a criterion")), (self.delete_button, tr("Delete the criterion")),
                             (self.up_button, tr("Move the criterion up")),
                             (self.down_button, tr("Move the criterion down"))):
            button.setAccessibleName(name)
            button.setAutoDefault(False)  # Enter in a field saves the field, never presses a button
        self.name = SavedLineEdit()
        self.name.setAccessibleName(tr("Name of the criterion"))
        self.description = SavedTextEdit()
        self.description.setAccessibleName(tr("Description of the criterion"))
        self.description.setMaximumHeight(self.fontMetrics().height() * 5)
        self.weight = SavedLineEdit()
        self.weight.setAccessibleName(tr("Weight of the criterion"))
        self.share = QLabel()
        self.direction = QComboBox()
        self.direction.setAccessibleName(tr("Direction of the criterion"))
        for key, label in DIRECTIONS.items():
            self.direction.addItem(tr(label), key)
        self.axis = QComboBox()
        self.axis.setAccessibleName(tr("Chart axis of the criterion"))
        for key, label in AXES.items():
            self.axis.addItem(tr(label), key)
        self.errors = {k: FieldError() for k in ("name", "description", "weight", "direction", "axis")}
        form = QFormLayout()
        add_form_row(form, tr("&Name"), self.name, self.errors["name"])
        add_form_row(form, tr("&Description"), self.description, self.errors["description"])
        weight_row = QHBoxLayout()
        weight_row.addWidget(self.weight, 1)
        weight_row.addWidget(self.share, 2)
        add_form_row(form, tr("&Weight"), self.weight, self.errors["weight"], weight_row)
        add_form_row(form, tr("D&irection"), self.direction, self.errors["direction"])
        add_form_row(form, tr("Chart &axis"), self.axis, self.errors["axis"])
        hint = QLabel(tr("Impact = weighted mean of the impact-axis criteria; effort = weighted mean of the "
                         "effort-axis criteria, turned so that high means costly, hard or slow. Weight 0 "
                         "switches a criterion off."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        side.addLayout(moves)
        side.addWidget(self.add_button)
        side.addWidget(self.delete_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(hint)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(side, 2)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter saves a field only
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        bind_commit(self.name, self.errors["name"], lambda v: self._save(name=v))
        bind_commit(self.description, self.errors["description"], lambda v: self._save(description=v))
        bind_commit(self.weight, self.errors["weight"], lambda v: self._save(weight=v))
        self.direction.activated.connect(lambda _i: self._save_combo("direction", self.direction))
        self.axis.activated.connect(lambda _i: self._save_combo("axis", self.axis))
        self.list.currentRowChanged.connect(lambda _r: self._show())
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        read_only = workshop.read_only
        for widget in (self.name, self.weight):
            widget.setReadOnly(read_only)
        self.description.setReadOnly(read_only)
        for widget in (self.direction, self.axis, self.add_button, self.delete_button, self.up_button,
                       self.down_button):
            widget.setEnabled(not read_only)
        self.resize(760, 440)
        self.reload()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def reload(self, select: str | None = None) -> None:
        select = select or self.current_id()
        self.criteria = self.ws.quickwins.criteria.list()
        self.list.blockSignals(True)
        self.list.clear()
        for criterion in self.criteria:
            item = QListWidgetItem(criterion.display)
            item.setData(Qt.ItemDataRole.UserRole, criterion.id)
            self.list.addItem(item)
        ids = [c.id for c in self.criteria]
        self.list.setCurrentRow(ids.index(select) if select in ids else 0)
        self.list.blockSignals(False)
        self._show()

    def _show(self) -> None:
        criterion = next((c for c in self.criteria if c.id == self.current_id()), None)
        if criterion is None:
            return
        for error in self.errors.values():
            error.clear_error()
        self.name.set_saved(criterion.display, force=True)
        self.description.set_saved(criterion.display_description, force=True)
        self.weight.set_saved(format_score(criterion.weight, 2).rstrip("0").rstrip(",."), force=True)
        total = sum(c.weight for c in self.criteria)
        self.share.setText(tr("{share} % of the total weight", share=format_score(
            100 * criterion.weight / total if total else 0, 0)))
        self.direction.setCurrentIndex(self.direction.findData(criterion.direction))
        self.axis.setCurrentIndex(self.axis.findData(criterion.axis))

    def _save(self, **changes) -> None:
        criterion_id = self.current_id()
        if criterion_id is None:
            return
        self.ws.quickwins.criteria.update(criterion_id, **changes)
        self.reload(criterion_id)

    def _save_combo(self, key: str, combo: QComboBox) -> None:
        run_save(lambda: self._save(**{key: combo.currentData()}), self.errors[key])

    def add(self) -> None:
        existing = {c.name.casefold() for c in self.criteria}
        number = 1
        while (name := tr("New criterion {number}", number=number)).casefold() in existing:
            number += 1
        try:
            added = self.ws.quickwins.criteria.add(name=name, weight=10, direction="more", axis="none")
        except FgdError as error:
            self.errors["name"].show_error(str(error))
            return
        self.reload(added.id)
        self.name.setFocus()
        self.name.selectAll()

    def delete(self) -> None:
        criterion_id = self.current_id()
        if criterion_id is None:
            return
        criterion = self.ws.quickwins.criteria.get(criterion_id)
        scored = self.ws.quickwins.criteria.scored(criterion_id)
        if scored and ask(self, tr("Delete criterion"), tr(
                "\u201c{name}\u201d has {count} scores. Delete the criterion and its scores?", name=criterion.display,
                count=scored), [("delete", tr("Delete")), ("cancel", tr("Cancel"))]) != "delete":
            return
        try:
            self.ws.quickwins.criteria.delete(criterion_id)
        except ValidationError as error:
            self.errors["name"].show_error(error.message)
            return
        self.reload()

    def _move(self, step: int) -> None:
        criterion_id = self.current_id()
        if criterion_id is not None:
            self.ws.quickwins.criteria.move(criterion_id, step)
            self.reload(criterion_id)


class RuleDialog(QDialog):
    """The quick-win rule: thresholds and which checks apply; saved as one operation."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.setWindowTitle(tr("Quick-win rule"))
        info = workshop.info()
        horizon = info.horizon_last_year - info.horizon_first_year + 1
        self.min_impact = QDoubleSpinBox()
        self.max_effort = QDoubleSpinBox()
        for box, name in ((self.min_impact, tr("Minimum impact")), (self.max_effort, tr("Maximum effort"))):
            box.setRange(1, 5)
            box.setSingleStep(0.5)
            box.setDecimals(1)
            box.setAccessibleName(name)
        self.years = QSpinBox()
        self.years.setRange(0, horizon)
        self.years.setSpecialValueText(tr("not checked"))
        self.years.setAccessibleName(tr("First result within years of the horizon"))
        self.year_hint = QLabel()
        self.level = QComboBox()
        self.level.setAccessibleName(tr("Highest residual risk level allowed"))
        self.level.addItem(tr("not checked"), None)
        for level in workshop.risks.matrix().levels:
            self.level.addItem(level.name, level.number)
        self.votes = QDoubleSpinBox()
        self.votes.setRange(0, 100)
        self.votes.setDecimals(1)
        self.votes.setSpecialValueText(tr("not counted"))
        self.votes.setAccessibleName(tr("Weight of the votes"))
        self.focus_first = QCheckBox(tr("Rank the innovations of the focus dimensions first"))
        self.focus_first.setToolTip(tr("The focus dimensions are marked on the page Region conditions."))
        self.error = FieldError()
        form = QFormLayout()
        add_form_row(form, tr("Impact at &least"), self.min_impact)
        add_form_row(form, tr("Effort at &most"), self.max_effort)
        year_row = QHBoxLayout()
        year_row.addWidget(self.years)
        year_row.addWidget(self.year_hint, 1)
        add_form_row(form, tr("First &result within (years)"), self.years, None, year_row)
        add_form_row(form, tr("Residual risk at most"), self.level)
        add_form_row(form, tr("&Votes count with weight"), self.votes)
        form.addRow("", self.focus_first)
        note = QLabel(tr("The first result is the earliest last year of the innovation's action plans (1 year = "
                         "the first year of the horizon, i.e. within 12 months). A risk counts with its residual "
                         "level, or its inherent level while it has no residual score; positive risks never block."))
        note.setWordWrap(True)
        buttons = ok_cancel_buttons(self, tr("Save"), on_ok=self.save)
        buttons.button(OK).setEnabled(not workshop.read_only)
        restore = buttons.addButton(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(lambda: self.show_rule(Rule()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.first_year = info.horizon_first_year
        self.years.valueChanged.connect(self._year_hint)
        self.show_rule(workshop.quickwins.rule())
        self.resize(520, self.sizeHint().height())

    def _year_hint(self, value: int) -> None:
        self.year_hint.setText(tr("first result by {year}", year=self.first_year + value - 1) if value else "")

    def show_rule(self, rule: Rule) -> None:
        self.min_impact.setValue(rule.min_impact)
        self.max_effort.setValue(rule.max_effort)
        self.years.setValue(rule.max_first_result_years or 0)
        self._year_hint(self.years.value())
        self.level.setCurrentIndex(max(0, self.level.findData(rule.max_residual_level)))
        self.votes.setValue(rule.votes_weight)
        self.focus_first.setChecked(bool(rule.focus_first))

    def values(self) -> dict:
        return {"min_impact": self.min_impact.value(), "max_effort": self.max_effort.value(),
                "max_first_result_years": self.years.value() or None,
                "max_residual_level": self.level.currentData(), "votes_weight": self.votes.value(),
                "focus_first": int(self.focus_first.isChecked())}

    def save(self) -> None:
        if run_save(lambda: self.ws.quickwins.update_rule(**self.values()), self.error):
            self.accept()
