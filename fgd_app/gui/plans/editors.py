"""Editors shared by the planning table, the new-plan line and the plan dialog: rupiah, OPD, lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from fgd_app.core import Workshop
from fgd_app.core.errors import ValidationError
from fgd_app.core.plans.lists import parse_rupiah
from fgd_app.gui.widgets.common import SearchableCombo
from fgd_app.i18n import format_rupiah, tr


class RupiahEdit(QLineEdit):
    """A budget field: accepts "1.250.000.000", "1250000000", "Rp 1,25 M", "350 jt"; shows "Rp 1.250.000.000"
    when the focus leaves. ``amount()`` raises ValidationError for input the core would refuse."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(tr("e.g. 1.250.000.000 or 1,25 M"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName(tr("Budget estimate (Rp)"))

    def amount(self) -> int:
        return parse_rupiah(self.text(), "budget")

    def set_amount(self, amount: int | None) -> None:
        self.setText(format_rupiah(amount) if amount else "")

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        try:
            amount = self.amount()
        except ValidationError:
            return  # leave the text for the user to fix; the error shows when saving
        if self.text().strip():
            self.setText(format_rupiah(amount))


class YearSpin(QSpinBox):
    """A year inside the planning horizon (type it or use the arrows)."""

    def __init__(self, first: int, last: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(first, last)
        self.setAccessibleName(name)
        self.setKeyboardTracking(False)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)


def opd_combo(ws: Workshop, parent: QWidget | None = None) -> SearchableCombo:
    """Return a combo of the workshop's OPDs (short name first; type any part of the name)."""
    combo = SearchableCombo(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(20)  # long OPD names must not widen the form
    fill_opds(ws, combo)
    combo.setAccessibleName(tr("Responsible OPD"))
    combo.lineEdit().setPlaceholderText(tr("Type to find the OPD"))
    return combo


def fill_opds(ws: Workshop, combo: QComboBox) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for opd in ws.opds.list():
        combo.addItem(f"{opd.short_name} \u2014 {opd.name}" if opd.short_name else opd.name, opd.id)
    combo.setCurrentIndex(combo.findData(current) if current else -1)
    combo.blockSignals(False)


def funding_combo(ws: Workshop, parent: QWidget | None = None) -> SearchableCombo:
    """Return a combo of the funding sources; the first item "(not set)" holds None."""
    combo = SearchableCombo(parent)
    fill_funding(ws, combo)
    combo.setAccessibleName(tr("Funding source"))
    return combo


def fill_funding(ws: Workshop, combo: QComboBox) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(tr("(not set)"), "")
    for source in ws.plans.funding_sources.list():
        combo.addItem(source.display, source.id)
    combo.setCurrentIndex(max(0, combo.findData(current or "")))
    combo.blockSignals(False)


def status_combo(ws: Workshop, parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for status in ws.plans.statuses.list():
        combo.addItem(status.display, status.id)
    combo.setAccessibleName(tr("Status"))
    return combo


def combo_choice(combo: QComboBox) -> str | None:
    """Return the data of the item whose text is typed in an editable combo (None when nothing matches)."""
    if combo.isEditable():
        text = combo.currentText().strip()
        if not text:
            return None
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:  # the short name or the full name typed exactly
            key = text.casefold()
            index = next((i for i in range(combo.count())
                          if key in (part.strip().casefold() for part in combo.itemText(i).split("\u2014"))), -1)
        if index < 0:
            matches = [i for i in range(combo.count()) if text.casefold() in combo.itemText(i).casefold()]
            if len(matches) != 1:
                return None
            index = matches[0]
        return combo.itemData(index)
    return combo.currentData()
