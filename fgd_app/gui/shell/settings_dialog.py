"""The settings dialog: the interface language (the windows are rebuilt in it)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from fgd_app import i18n
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.dialogs import ok_cancel_buttons
from fgd_app.i18n import tr


class SettingsDialog(QDialog):
    """Choose the interface language; the windows are rebuilt in it when the dialog is accepted."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Settings"))
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(tr("Language"))
        for code, name in i18n.LANGUAGES.items():  # each language is named in itself
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.language()))
        note = QLabel(tr("The windows are rebuilt in the new language at once; your work stays as it is."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("&Language:"), self.language_combo)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())

    def chosen_language(self) -> str:
        return str(self.language_combo.currentData())

    def accept(self) -> None:
        self.settings.set_language(self.chosen_language())
        super().accept()
