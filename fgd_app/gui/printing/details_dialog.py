"""The paperwork details dialog: who signs, the berita acara's number, date and agreed points, blank rows.

Every field shows what the facilitator typed; an empty field prints its default, shown greyed inside it
(the regional official's name and NIP are left empty by default so they print dots to fill in by hand).
Save stores every change as ONE undoable operation ("Edit document details"); a field the core refuses
(a NIP that is not 18 digits, ...) shows its message under the field and nothing is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fgd_app.gui.widgets.common import FieldError, add_form_row
from fgd_app.gui.widgets.dialogs import ok_cancel_buttons
from fgd_app.i18n import format_date, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop

# the order of the form; each key is a field of fgd_app.core.printing.paperwork.SETTING_FIELDS
FIELD_ORDER = ("activity", "official_name", "official_position", "official_nip", "expert_name",
               "expert_position", "expert_nip", "report_number", "report_title", "report_date", "report_place",
               "report_city", "report_agreements", "attendance_blank_rows")


class PaperworkDetailsDialog(QDialog):
    """Edit the named text fields the paperwork prints (``ws.documents``)."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        from fgd_app.core.printing.paperwork import SETTING_FIELDS

        self.ws = workshop
        self.setWindowTitle(tr("Paperwork details"))
        stored = workshop.documents.stored()
        defaults = workshop.documents.defaults()
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {}
        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for key in FIELD_ORDER:
            label, limit, multiline = SETTING_FIELDS[key]
            field = self._field(key, stored.get(key, ""), defaults.get(key, ""), limit, multiline)
            field.setAccessibleName(tr(label))
            field.setEnabled(not workshop.read_only)
            self.fields[key] = field
            self.errors[key] = FieldError()
            add_form_row(form, tr(label), field, self.errors[key])
        note = QLabel(tr("An empty field prints the grey default; names left empty print dots to sign by hand."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(note)
        inner_layout.addLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        if workshop.read_only:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(self.reject)
        else:
            buttons = ok_cancel_buttons(self, tr("Save"))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(700, 640)

    def _field(self, key: str, value: str, default: str, limit: int, multiline: bool):
        if key == "report_date":
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
            combo.addItem(tr("Last workshop day ({date})", date=format_date(default)) if default else "", "")
            for day in self.ws.days.list():
                combo.addItem(format_date(day.day_date), day.day_date)
            if value and combo.findData(value) < 0:
                combo.addItem(format_date(value), value)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if multiline:
            edit = QPlainTextEdit(value)
            edit.setPlaceholderText(default)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(110)
            edit.setMaximumHeight(170)
            return edit
        line = QLineEdit(value)
        line.setPlaceholderText(default)
        line.setToolTip(default)  # a long default shows whole on hover
        line.setMaxLength(limit + 8 if key.endswith("_nip") else limit)  # a NIP may be typed with blanks
        return line

    def values(self) -> dict[str, str]:
        """Return the text of every field as typed."""
        out = {}
        for key, field in self.fields.items():
            if isinstance(field, QComboBox):
                out[key] = str(field.currentData() or "")
            elif isinstance(field, QPlainTextEdit):
                out[key] = field.toPlainText()
            else:
                out[key] = field.text()
        return out

    def accept(self) -> None:
        """Save every field in one undoable operation, or show what the core refused beside its field."""
        from fgd_app.core.errors import ValidationError

        if self.ws.read_only:
            super().reject()
            return
        for error in self.errors.values():
            error.clear_error()
        try:
            self.ws.documents.update(**self.values())
        except ValidationError as problem:
            error = self.errors.get(problem.field)
            if error is None:
                raise
            error.show_error(problem.message)
            self.fields[problem.field].setFocus()
            return
        super().accept()
