"""The risk form (SPBE form 3.0 assessment and 4.0 treatment): every field of the selected risk.

Each field saves when you leave it or pick a value (one undoable operation). Picking a likelihood or an
impact shows the magnitude and the level, in the level's colour, at once. Group scores sit at the end.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.risks.matrix import RiskMatrix, text_colour
from fgd_app.core.risks.register import DECISIONS, RISK_TYPES, TREATMENT_OPTIONS, Risk, has_treatment
from fgd_app.gui.risks.groups import GroupScoresBox
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import FieldError, SavedLineEdit, SavedTextEdit, SearchableCombo, add_form_row, ask
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

TEXTS = {"code": "line", "event": "text", "cause": "text", "consequence": "text", "existing_controls": "text",
         "treatment_action": "text", "output": "line", "schedule": "line"}


class LevelBadge(QLabel):
    """"Magnitude 16 · Tinggi" on the level's colour (empty grey when not scored)."""

    def __init__(self, name: str):
        super().__init__()
        self.setAccessibleName(name)
        self.setMinimumWidth(150)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_score(None, None)

    def show_score(self, matrix: RiskMatrix | None, cell: tuple[int, int] | None) -> None:
        if matrix is None or cell is None or cell not in matrix.cells:
            self.setText(tr("not scored"))
            self.setStyleSheet(f"border: 1px dashed {theme.PLACEHOLDER_BORDER}; padding: 3px 8px; color: {theme.NEUTRAL_TEXT};")
            return
        magnitude, level = matrix.assess(*cell)
        self.setText(tr("Magnitude {magnitude} \u00b7 {level}", magnitude=magnitude, level=level.name))
        self.setStyleSheet(f"background: {level.colour}; color: {text_colour(level.colour)}; padding: 3px 8px; "
                           "border-radius: 3px; font-weight: bold;")


class RiskForm(QScrollArea):
    """Shows one risk (``show_risk(id)``) and saves each field through ``ws.risks.update``."""

    deleted = Signal(str)

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.risk: Risk | None = None
        self.matrix: RiskMatrix | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, Any] = {}
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")

        self.innovation = SearchableCombo(populate=self._fill_innovations)
        self.plan = QComboBox()
        self.risk_type = QComboBox()
        self.category = QComboBox()
        self.impact_area = QComboBox()
        self.likelihood, self.impact = QComboBox(), QComboBox()
        self.residual_likelihood, self.residual_impact = QComboBox(), QComboBox()
        self.decision, self.option = QComboBox(), QComboBox()
        self.owner = SearchableCombo()
        self.badge = LevelBadge(tr("Inherent magnitude and level"))
        self.residual_badge = LevelBadge(tr("Residual magnitude and level"))
        self.appetite = QLabel()
        self.appetite.setWordWrap(True)
        for key, kind in TEXTS.items():
            edit = SavedLineEdit() if kind == "line" else SavedTextEdit()
            if kind == "text":
                lines = 3 if key in ("event", "treatment_action") else 2
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
            edit.committed.connect(lambda value, key=key: self.save(key, value))
            edit.reverted.connect(lambda key=key: self._error(key).clear_error())
            self.fields[key] = edit
        names = {
            "innovation": tr("Innovation"), "plan": tr("Action plan"), "code": tr("Code"), "risk_type": tr("Type"),
            "event": tr("Risk event"), "cause": tr("Cause"), "consequence": tr("Consequence"),
            "category": tr("Category"), "impact_area": tr("Impact area"),
            "existing_controls": tr("Existing controls"), "likelihood": tr("Likelihood"), "impact": tr("Impact"),
            "decision": tr("Treat?"), "option": tr("Treatment option"), "treatment_action": tr("Treatment action"),
            "output": tr("Output"), "schedule": tr("Schedule"), "owner": tr("Owner (OPD)"),
            "residual_likelihood": tr("Residual likelihood"), "residual_impact": tr("Residual impact"),
        }
        widgets = self._widgets()
        for key, widget in widgets.items():
            widget.setAccessibleName(names[key])
        combos = {"plan": "action_plan_id", "risk_type": "risk_type", "category": "category_id",
                  "impact_area": "impact_area_id", "decision": "treatment_decision", "option": "treatment_option"}
        for key, field in combos.items():
            combo = widgets[key]
            combo.activated.connect(lambda _n, combo=combo, field=field: self.save(field, combo.currentData()))
        self.innovation.chosen.connect(lambda value: self.save("innovation_id", value))
        self.owner.chosen.connect(lambda value: self.save("owner_opd_id", value))
        for prefix in ("", "residual_"):
            pair = (getattr(self, prefix + "likelihood"), getattr(self, prefix + "impact"))
            for combo in pair:
                combo.activated.connect(lambda _n, prefix=prefix: self._score_picked(prefix))

        assessment = QGroupBox(tr("Risk assessment (form 3.0)"))
        form = QFormLayout(assessment)
        self._rows(form, widgets, ("innovation", "plan", "code", "risk_type", "event", "cause", "consequence",
                                   "category", "impact_area", "existing_controls"))
        add_form_row(form, tr("Likelihood"), self.likelihood, self._error("likelihood"))
        add_form_row(form, tr("Impact"), self.impact, self._error("impact"))
        form.addRow("", self.badge)
        treatment = QGroupBox(tr("Risk treatment (form 4.0)"))
        form4 = QFormLayout(treatment)
        form4.addRow(self.appetite)
        self._rows(form4, widgets, ("decision", "option", "treatment_action", "output", "schedule", "owner"))
        add_form_row(form4, tr("Residual likelihood"), self.residual_likelihood, self._error("residual_likelihood"))
        add_form_row(form4, tr("Residual impact"), self.residual_impact, self._error("residual_impact"))
        form4.addRow("", self.residual_badge)
        self.groups = GroupScoresBox(workshop)
        self.groups.adopt_requested.connect(self._adopt_median)
        self.delete_button = QPushButton(tr("Delete risk"))
        self.delete_button.setAccessibleName(tr("Delete this risk"))
        self.delete_button.clicked.connect(self._delete)
        self.general_error = FieldError()
        self.empty = QLabel(tr("Choose a risk in the register, or add one above it."))
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.general_error)
        for box in (assessment, treatment, self.groups):
            layout.addWidget(box)
        layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.sections = (assessment, treatment, self.groups, self.delete_button)
        fields = list(widgets.values())
        set_tab_chain(*fields[:10], self.likelihood, self.impact, *fields[12:18], self.residual_likelihood,
                      self.residual_impact)
        self.show_risk(None)

    def _widgets(self) -> dict[str, QWidget]:
        f = self.fields
        return {"innovation": self.innovation, "plan": self.plan, "code": f["code"], "risk_type": self.risk_type,
                "event": f["event"], "cause": f["cause"], "consequence": f["consequence"], "category": self.category,
                "impact_area": self.impact_area, "existing_controls": f["existing_controls"],
                "likelihood": self.likelihood, "impact": self.impact, "decision": self.decision,
                "option": self.option, "treatment_action": f["treatment_action"], "output": f["output"],
                "schedule": f["schedule"], "owner": self.owner, "residual_likelihood": self.residual_likelihood,
                "residual_impact": self.residual_impact}

    def _rows(self, form: QFormLayout, widgets: dict[str, QWidget], keys: tuple[str, ...]) -> None:
        field_of = {"innovation": "innovation_id", "plan": "action_plan_id", "risk_type": "risk_type",
                    "category": "category_id", "impact_area": "impact_area_id", "decision": "treatment_decision",
                    "option": "treatment_option", "owner": "owner_opd_id"}
        for key in keys:
            add_form_row(form, widgets[key].accessibleName(), widgets[key], self._error(field_of.get(key, key)))

    def _error(self, field: str) -> FieldError:
        if field not in self.errors:
            self.errors[field] = FieldError()
        return self.errors[field]

    # --- showing -----------------------------------------------------------------------------------
    def show_risk(self, risk_id: str | None) -> None:
        """Show a risk (None: nothing chosen); keeps what the user is typing in a focused field."""
        try:
            self.risk = self.ws.risks.get(risk_id) if risk_id else None
        except KeyError:
            self.risk = None
        for error in self.errors.values():
            error.clear_error()
        self.general_error.clear_error()
        has = self.risk is not None
        self.empty.setVisible(not has)
        for section in self.sections:
            section.setVisible(has)
        if not has:
            self.title.setText("")
            return
        self.refresh()

    def refresh(self) -> None:
        """Fill every field from the core (after a change); widgets do not emit while filled."""
        risk = self.risk
        if risk is None:
            return
        try:
            risk = self.risk = self.ws.risks.get(risk.id)
        except KeyError:
            self.show_risk(None)
            return
        self.matrix = matrix = self.ws.risks.matrix()
        self.title.setText(f"{risk.code} \u2014 {risk.event}")
        for key, edit in self.fields.items():
            edit.set_saved(getattr(risk, key) or "")
            if isinstance(edit, SavedLineEdit) and not edit.hasFocus():
                edit.setCursorPosition(0)
        read_only = self.ws.read_only
        for widget in self._widgets().values():
            widget.blockSignals(True)
        try:
            self._fill_innovation(risk)
            self._fill(self.plan, [(None, tr("(no action plan)"))] + [
                (p.id, f"{p.position}. {p.activity}") for p in self.ws.plans.of(risk.innovation_id)],
                risk.action_plan_id)
            self._fill(self.risk_type, [(k, tr(v)) for k, v in RISK_TYPES.items()], risk.risk_type)
            self._fill(self.category, [(None, tr("(no category)"))] + [
                (c.id, c.name) for c in self.ws.risks.categories.list()], risk.category_id)
            self._fill(self.impact_area, [(None, tr("(no impact area)"))] + [
                (a.id, a.name) for a in self.ws.risks.impact_areas.list()], risk.impact_area_id)
            levels_l = [(None, "\u2013")] + [(lv.number, f"{lv.number} {lv.name}") for lv in matrix.likelihood]
            levels_i = [(None, "\u2013")] + [(lv.number, f"{lv.number} {lv.name}") for lv in matrix.impact]
            self._fill(self.likelihood, levels_l, risk.likelihood)
            self._fill(self.impact, levels_i, risk.impact)
            self._fill(self.residual_likelihood, levels_l, risk.residual_likelihood)
            self._fill(self.residual_impact, levels_i, risk.residual_impact)
            self._fill(self.decision, [(k, tr(v)) for k, v in DECISIONS.items()], risk.treatment_decision)
            self._fill(self.option, [("", "\u2013")] + [(k, tr(v)) for k, v in TREATMENT_OPTIONS[risk.risk_type].items()],
                       risk.treatment_option)
            if self.owner.count() != self.ws.opds.count() + 1:
                self.owner.clear()
                self.owner.addItem(tr("(no owner)"), None)
                for opd in self.ws.opds.list():
                    self.owner.addItem(opd.short_name or opd.name, opd.id)
            self.owner.select_data(risk.owner_opd_id)
        finally:
            for widget in self._widgets().values():
                widget.blockSignals(False)
                widget.setEnabled(not read_only)
        for edit in self.fields.values():
            edit.setReadOnly(read_only)
            edit.setEnabled(True)
        self.delete_button.setEnabled(not read_only)
        self.badge.show_score(matrix, (risk.likelihood, risk.impact) if risk.likelihood else None)
        self.residual_badge.show_score(matrix, (risk.residual_likelihood, risk.residual_impact)
                                       if risk.residual_likelihood else None)
        self._show_appetite(risk)
        self.groups.show_risk(risk, matrix)

    def _fill(self, combo: QComboBox, entries: list[tuple[Any, str]], current: Any) -> None:
        if [(combo.itemData(n), combo.itemText(n)) for n in range(combo.count())] != entries:
            combo.clear()
            for data, text in entries:
                combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)

    def _fill_innovation(self, risk: Risk) -> None:
        """Show the risk's innovation; the full list is loaded only when the box is first used."""
        if self.innovation.findData(risk.innovation_id) < 0:
            if self.innovation._populate is not None:
                self.innovation.clear()
                for r in self.ws.innovations.rows([risk.innovation_id]):
                    self.innovation.addItem(f"{r.code} {r.name}", r.id)
            else:
                self._fill_innovations()
        self.innovation.select_data(risk.innovation_id)
        self.innovation.lineEdit().setCursorPosition(0)

    def _fill_innovations(self) -> None:
        current = self.innovation.currentData()
        self.innovation.blockSignals(True)
        self.innovation.clear()
        for r in self.ws.innovations.rows():
            self.innovation.addItem(f"{r.code} {r.name}", r.id)
        self.innovation.select_data(current)
        self.innovation.blockSignals(False)

    def _show_appetite(self, risk: Risk) -> None:
        category = next((c for c in self.ws.risks.categories.list() if c.id == risk.category_id), None)
        appetite = category.appetite(risk.risk_type) if category else None
        if category is None and risk.category_id is None:
            appetite = self.ws.risks.default_appetite(risk.risk_type)  # uncategorised: the strictest appetite
        if appetite is not None and risk.magnitude is not None and category is None and risk.category_id is None \
                and risk.magnitude >= appetite and not has_treatment(
                    risk.treatment_decision, risk.treatment_option, risk.treatment_action):
            self.appetite.setText(tr("No category yet: magnitude {magnitude} is at or above the default appetite of "
                                     "{appetite}, so this risk needs a treatment. Choose its category, or treat it.",
                                     magnitude=risk.magnitude, appetite=appetite))
            self.appetite.setStyleSheet(theme.text_style(theme.ERROR, "font-weight: bold;"))
        elif appetite is None or risk.magnitude is None:
            self.appetite.setText(tr("Risk appetite: set a category and a score to see whether treatment is needed."))
            self.appetite.setStyleSheet(theme.text_style(theme.NEUTRAL_TEXT))
        elif risk.magnitude < appetite:
            self.appetite.setText(tr("Magnitude {magnitude} is below the appetite of {appetite} for this category: "
                                     "treatment is optional.", magnitude=risk.magnitude, appetite=appetite))
            self.appetite.setStyleSheet(theme.text_style(theme.SUCCESS))
        elif has_treatment(risk.treatment_decision, risk.treatment_option, risk.treatment_action):
            self.appetite.setText(tr("Magnitude {magnitude} is at or above the appetite of {appetite}: treated.",
                                     magnitude=risk.magnitude, appetite=appetite))
            self.appetite.setStyleSheet(theme.text_style(theme.SUCCESS))
        else:
            self.appetite.setText(tr("Magnitude {magnitude} is at or above the appetite of {appetite}: this risk must "
                                     "be treated (choose an option and write the action).",
                                     magnitude=risk.magnitude, appetite=appetite))
            self.appetite.setStyleSheet(theme.text_style(theme.ERROR, "font-weight: bold;"))

    # --- saving ------------------------------------------------------------------------------------
    def save(self, field: str, value: Any) -> bool:
        """Save one field; show a refusal beside the field it names. Return True when saved."""
        if self.risk is None or self.ws.read_only:
            return False
        for error in self.errors.values():
            error.clear_error()
        self.general_error.clear_error()
        try:
            self.ws.risks.update(self.risk.id, **{field: value})
        except ValidationError as problem:
            self.errors.get(problem.field, self.general_error).show_error(problem.message)
            return False
        except FgdError as problem:
            self.general_error.show_error(str(problem))
            return False
        self.refresh()
        return True

    def _score_picked(self, prefix: str) -> None:
        """Show the level colour at once, then save the pair when both halves are chosen (or both cleared)."""
        likelihood = getattr(self, prefix + "likelihood").currentData()
        impact = getattr(self, prefix + "impact").currentData()
        badge = self.residual_badge if prefix else self.badge
        badge.show_score(self.matrix, (likelihood, impact) if likelihood and impact else None)
        if (likelihood is None) != (impact is None):
            return  # wait for the other half
        if self.risk is None or self.ws.read_only:
            return
        for error in self.errors.values():
            error.clear_error()
        try:
            self.ws.risks.update(self.risk.id, **{prefix + "likelihood": likelihood, prefix + "impact": impact})
        except ValidationError as problem:
            self.errors.get(problem.field, self._error(prefix + "likelihood")).show_error(problem.message)
            return
        self.refresh()

    def _adopt_median(self) -> None:
        if self.risk is None:
            return
        try:
            self.ws.risks.adopt_group_median(self.risk.id)
        except FgdError as problem:
            self.general_error.show_error(str(problem))
            return
        self.refresh()

    def _delete(self) -> None:
        risk = self.risk
        if risk is None or self.ws.read_only:
            return
        answer = ask(self, tr("Delete risk"), tr("Delete the risk {code} \u201c{event}\u201d? You can undo this.",
                                                 code=risk.code, event=risk.event),
                     [("delete", tr("Delete")), ("cancel", tr("Cancel"))])
        if answer != "delete":
            return
        self.ws.risks.delete(risk.id)
        self.show_risk(None)
        self.deleted.emit(risk.id)
