"""Edit one action plan in a small form (from the roadmap, or for the long fields), and pick the plans
it depends on. Saving is one undoable operation; a refused value is shown under its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.gui.plans.editors import RupiahEdit, YearSpin, combo_choice, funding_combo, opd_combo, status_combo
from fgd_app.gui.widgets.common import FieldError
from fgd_app.gui.widgets.dialogs import OK, ok_cancel_buttons
from fgd_app.gui.widgets.table_model import ROOT, Index
from fgd_app.i18n import tr


class PlanChoiceModel(QAbstractListModel):
    """Every plan of the workshop as "GOV-01 #2 Kajian …", checkable (the plans one plan depends on)."""

    def __init__(self, items: list[tuple[str, str]], checked: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.items = items
        self.checked = set(checked)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        plan_id, label = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if plan_id in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return plan_id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        plan_id = self.items[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(plan_id)
        else:
            self.checked.discard(plan_id)
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable


def plan_choices(ws: Workshop, exclude: str) -> list[tuple[str, str]]:
    """Return (id, "GOV-01 #2 Kajian kebutuhan") for every plan but ``exclude``, in roadmap order."""
    data = ws.plans.roadmap_data()
    codes = {i.id: i.code for i in data.innovations}
    order = {i.id: n for n, i in enumerate(data.innovations)}
    plans = sorted((p for p in data.plans if p.id != exclude), key=lambda p: (order.get(p.innovation_id, 0),
                                                                            p.position))
    return [(p.id, f"{codes.get(p.innovation_id, '?')} #{p.position} {p.activity}") for p in plans]


class DependencyDialog(QDialog):
    """Tick the plans that must come first; type to filter the list."""

    def __init__(self, ws: Workshop, plan_id: str, checked: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Depends on"))
        self.model = PlanChoiceModel(plan_choices(ws, plan_id), checked, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search plans (code or activity)"))
        self.search.setAccessibleName(tr("Search plans"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(tr("Plans this plan depends on"))
        self.list.setUniformItemSizes(True)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("This plan can start only after the ticked plans:")))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def chosen(self) -> set[str]:
        return set(self.model.checked)


class PlanDialog(QDialog):
    """All fields of one plan; "Save" stores them (and the dependencies) as one undoable operation."""

    def __init__(self, ws: Workshop, plan_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.plan_id = plan_id
        plan = ws.plans.get(plan_id)
        innovation = ws.innovations.get(plan.innovation_id)
        self.setWindowTitle(tr("Action plan of {code}", code=innovation.code))
        first, last = ws.plans.horizon()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self.activity = self._line("activity", tr("Activity"), plan.activity)
        self.output = self._line("output", tr("Output"), plan.output)
        self.indicator = self._line("indicator", tr("Indicator"), plan.indicator)
        self.target = self._line("target", tr("Target"), plan.target)
        self.first_year = YearSpin(first, last, tr("First year"))
        self.last_year = YearSpin(first, last, tr("Last year"))
        self.first_year.setValue(max(first, min(plan.first_year, last)))
        self.last_year.setValue(max(first, min(plan.last_year, last)))
        self.opd = opd_combo(ws)
        self.opd.select_data(plan.opd_id)
        self.opd.lineEdit().setCursorPosition(0)
        self.partners = self._line("partners", tr("Partners"), plan.partners)
        self.funding = funding_combo(ws)
        self.funding.select_data(plan.funding_source_id or "")
        self.budget = RupiahEdit()
        self.budget.set_amount(plan.budget)
        self.status = status_combo(ws)
        self.status.setCurrentIndex(self.status.findData(plan.status_id))
        self.notes = QPlainTextEdit(plan.notes)
        self.notes.setAccessibleName(tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().height() * 4)
        self.depends_on = set(ws.plans.dependencies(plan_id))
        self.depends_label = QLabel()  # one plan per line, so the label's height is always right
        self.depends_button = QPushButton(tr("Choose\u2026"))
        self.depends_button.setAccessibleName(tr("Choose the plans this plan depends on"))
        self.depends_button.clicked.connect(self.choose_dependencies)
        self._show_dependencies()
        form = QFormLayout()
        years = QHBoxLayout()
        years.addWidget(self.first_year)
        years.addWidget(QLabel("\u2013"))
        years.addWidget(self.last_year)
        years.addStretch(1)
        depends = QVBoxLayout()
        depends.addWidget(self.depends_label)
        depends.addWidget(self.depends_button, 0, Qt.AlignmentFlag.AlignLeft)
        rows = [("activity", tr("Activity"), self.activity), ("output", tr("Output"), self.output),
                ("indicator", tr("Indicator"), self.indicator), ("target", tr("Target"), self.target),
                ("first_year", tr("Years"), years), ("opd_id", tr("Responsible OPD"), self.opd),
                ("partners", tr("Partners"), self.partners), ("funding_source_id", tr("Funding source"), self.funding),
                ("budget", tr("Budget estimate"), self.budget), ("status_id", tr("Status"), self.status),
                ("notes", tr("Notes"), self.notes), ("depends_on", tr("Depends on"), depends)]
        for key, label, widget in rows:
            box = QVBoxLayout()
            box.setSpacing(2)
            if isinstance(widget, QWidget):
                box.addWidget(widget)
            else:
                box.addLayout(widget)
            error = FieldError()
            self.errors[key] = error
            box.addWidget(error)
            form.addRow(label, box)
        self.errors["last_year"] = self.errors["first_year"]
        self.general_error = FieldError()
        buttons = ok_cancel_buttons(self, tr("Save"), on_ok=self.save)
        if ws.read_only:
            buttons.button(OK).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(640, max(420, self.fontMetrics().averageCharWidth() * 70)))

    def _line(self, key: str, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setAccessibleName(name)
        return edit

    def _show_dependencies(self) -> None:
        if not self.depends_on:
            self.depends_label.setText(tr("None"))
            return
        self.depends_label.setText("\n".join(sorted(self.ws.plans.describe(p) for p in self.depends_on)))

    def choose_dependencies(self) -> None:
        dialog = DependencyDialog(self.ws, self.plan_id, self.depends_on, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.depends_on = dialog.chosen()
            self._show_dependencies()

    def values(self) -> dict[str, Any]:
        return {"activity": self.activity.text(), "output": self.output.text(), "indicator": self.indicator.text(),
                "target": self.target.text(), "first_year": self.first_year.value(),
                "last_year": self.last_year.value(), "opd_id": combo_choice(self.opd) or "",
                "partners": self.partners.text(), "funding_source_id": combo_choice(self.funding) or None,
                "budget": self.budget.text(), "status_id": self.status.currentData(),
                "notes": self.notes.toPlainText()}

    def save(self) -> None:
        """Store the form through the core; on a refused value show it at the field and stay open."""
        for error in (*self.errors.values(), self.general_error):
            error.clear_error()
        try:
            self.ws.plans.update(self.plan_id, depends_on=self.depends_on, **self.values())
        except ValidationError as problem:
            self.errors.get(problem.field, self.general_error).show_error(problem.message)
            return
        except FgdError as problem:
            self.general_error.show_error(str(problem))
            return
        self.accept()
