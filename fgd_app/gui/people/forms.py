"""Small forms to add or edit one OPD or one participant: Enter saves, Esc cancels.

A ValidationError from the core appears under its field and the form stays open; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.people.importer import OpdMatcher
from fgd_app.core.people.records import Opd, Participant
from fgd_app.core.workshop.defaults import PENTAHELIX, pentahelix_label
from fgd_app.gui.widgets.common import FieldError
from fgd_app.gui.widgets.dialogs import CANCEL, OK, ok_cancel_buttons, set_tab_chain
from fgd_app.i18n import tr

OPD_KINDS = ("badan", "dinas", "inspektorat", "kecamatan", "rumah sakit", "satuan", "sekretariat")


def organisation_combo(opds: list[Opd], parent: QWidget | None = None) -> QComboBox:
    """Return an editable combo listing the OPDs ("Name (Short)"); free text is allowed."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for opd in opds:
        combo.addItem(opd.display, opd.id)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def organisation_choice(combo: QComboBox, opds: list[Opd]) -> dict[str, Any]:
    """Return {"opd_id", "organisation"} for what the combo shows: a listed OPD or free text."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    opd_id = combo.itemData(index) if index > 0 else None
    if opd_id is None:
        match = OpdMatcher(opds).match(text)
        opd_id = match.id if match else None
    return {"opd_id": opd_id, "organisation": "" if opd_id else text}


class RecordForm(QDialog):
    """A label, an input and an error line per field; ``save(values)`` calls the core."""

    def __init__(self, title: str, save: Callable[[dict[str, Any]], object], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._save = save
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self.result_record: object = None
        layout = QVBoxLayout(self)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnMinimumWidth(1, 360)
        layout.addLayout(self.grid)
        self.general_error = FieldError(self)
        layout.addWidget(self.general_error)
        self.buttons = ok_cancel_buttons(self, tr("Save"))
        self.save_button, self.cancel_button = self.buttons.button(OK), self.buttons.button(CANCEL)
        self.save_button.setAutoDefault(True)
        layout.addWidget(self.buttons)

    def add_field(self, key: str, label: str, widget: QWidget, *, required: bool = False) -> QWidget:
        row = self.grid.rowCount()
        caption = QLabel(label + (" *" if required else ""), self)
        caption.setBuddy(widget)
        widget.setAccessibleName(label)
        self.grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(widget, row, 1)
        error = FieldError(self)
        error.setAccessibleName(tr("Problem with {field}", field=label))
        self.grid.addWidget(error, row + 1, 1)
        self.inputs[key], self.errors[key] = widget, error
        if len(self.inputs) > 1:
            set_tab_chain(list(self.inputs.values())[-2], widget)
        return widget

    def line(self, key: str, label: str, text: str = "", *, required: bool = False) -> QLineEdit:
        edit = QLineEdit(text, self)
        self.add_field(key, label, edit, required=required)
        return edit

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def error_field(self, field: str) -> str:
        return field

    def accept(self) -> None:
        """Save through the core; on a ValidationError show it under its field and stay open."""
        for error in [*self.errors.values(), self.general_error]:
            error.clear_error()
        try:
            self.result_record = self._save(self.values())
        except ValidationError as error:
            key = self.error_field(error.field)
            target = self.errors.get(key, self.general_error)
            target.show_error(error.message)
            widget = self.inputs.get(key)
            if widget is not None:
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
            return
        except FgdError as error:
            self.general_error.show_error(str(error))
            return
        super().accept()


class OpdForm(RecordForm):
    def __init__(self, ws, opd: Opd | None = None, parent: QWidget | None = None):
        def save(values: dict[str, Any]):
            return ws.opds.update(opd.id, **values) if opd else ws.opds.add(**values)

        super().__init__(tr("Edit OPD") if opd else tr("New OPD"), save, parent)
        self.name = self.line("name", tr("OPD name"), opd.name if opd else "", required=True)
        self.short_name = self.line("short_name", tr("Short name"), opd.short_name if opd else "")
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.kind.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        kinds = sorted(set(OPD_KINDS) | {o.kind for o in ws.opds.list() if o.kind})
        self.kind.addItems(["", *kinds])
        self.kind.setCurrentText(opd.kind if opd else "")
        self.add_field("kind", tr("Kind"), self.kind)
        self.notes = self.line("notes", tr("Notes"), opd.notes if opd else "")
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "short_name": self.short_name.text(),
                "kind": self.kind.currentText().strip().lower(), "notes": self.notes.text()}


class ParticipantForm(RecordForm):
    def __init__(self, ws, person: Participant | None = None, parent: QWidget | None = None):
        def save(values: dict[str, Any]):
            return ws.participants.update(person.id, **values) if person else ws.participants.add(**values)

        super().__init__(tr("Edit participant") if person else tr("New participant"), save, parent)
        p = person or Participant(id="", name="")
        self.opds = ws.opds.list()
        self.name = self.line("name", tr("Name"), p.name, required=True)
        self.position = self.line("position", tr("Position"), p.position)
        self.nip = self.line("nip", tr("NIP"), p.nip)
        self.nip.setPlaceholderText(tr("18 digits, or empty"))
        self.organisation = organisation_combo(self.opds, self)
        opd = next((o for o in self.opds if o.id == p.opd_id), None)
        self.organisation.setCurrentText(opd.display if opd else p.organisation)
        self.add_field("organisation", tr("OPD / organisation"), self.organisation)
        self.pentahelix = QComboBox(self)
        for key in PENTAHELIX:
            self.pentahelix.addItem(pentahelix_label(key), key)
        self.pentahelix.setCurrentIndex(max(0, self.pentahelix.findData(p.pentahelix)))
        self.add_field("pentahelix", tr("Pentahelix element"), self.pentahelix)
        self.phone = self.line("phone", tr("Phone"), p.phone)
        self.email = self.line("email", tr("E-mail"), p.email)
        self.name.setFocus()

    def error_field(self, field: str) -> str:
        return "organisation" if field == "opd_id" else field

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "position": self.position.text(), "nip": self.nip.text(),
                **organisation_choice(self.organisation, self.opds),
                "pentahelix": self.pentahelix.currentData(), "phone": self.phone.text(),
                "email": self.email.text()}
