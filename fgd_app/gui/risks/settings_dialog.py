"""Risk settings: the matrix in use (choose a default, edit, import/export JSON, preview then apply), the risk
categories with their appetite, and the impact areas. Every change is one undoable operation.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError
from fgd_app.core.risks.matrix import MatrixError, RiskMatrix
from fgd_app.gui.risks.matrix_editor import ChangePreview, MatrixEditor, default_choices
from fgd_app.gui.widgets.common import FieldError, show_error
from fgd_app.i18n import tr


class MatrixTab(QWidget):
    """Edit the matrix and apply it after a preview of what changes."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.start = QComboBox()
        self.start.setAccessibleName(tr("Start from"))
        self.start.addItem(tr("The matrix in use"), None)
        for key, label in default_choices():
            self.start.addItem(label, key)
        self.editor = MatrixEditor(areas=[a.name for a in workshop.risks.impact_areas.list()])
        self.import_button = QPushButton(tr("Import JSON\u2026"))
        self.export_button = QPushButton(tr("Export JSON\u2026"))
        self.apply_button = QPushButton(tr("Preview and apply\u2026"))
        self.apply_button.setAccessibleName(tr("Preview the changes to scored risks, then apply the matrix"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        caption = QLabel(tr("Start from"))
        caption.setBuddy(self.start)
        top.addWidget(caption)
        top.addWidget(self.start, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        self.start.activated.connect(self._start_from)
        self.import_button.clicked.connect(self.import_json)
        self.export_button.clicked.connect(self.export_json)
        self.apply_button.clicked.connect(self.preview_and_apply)
        self.editor.changed.connect(self._update_state)
        self.apply_button.setEnabled(not workshop.read_only)
        self.import_button.setEnabled(not workshop.read_only)
        self.editor.set_matrix(workshop.risks.matrix())
        self._update_state()

    def _start_from(self, _index: int) -> None:
        from fgd_app.core.risks import matrix as riskmatrix

        key = self.start.currentData()
        self.editor.set_matrix(self.ws.risks.matrix() if key is None else riskmatrix.default(key))
        self._update_state()

    def _update_state(self) -> None:
        matrix = self.editor.matrix()
        sound = not matrix.problems()
        in_use = self.ws.risks.matrix()
        same = sound and matrix == in_use
        self.apply_button.setEnabled(sound and not same and not self.ws.read_only)
        self.note.setText(tr("This is the matrix in use.") if same else
                          tr("Not applied yet.") if sound else tr("Fix the problems listed above to apply."))

    def import_json(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Import a risk matrix"), str(Path.home()),
                                              tr("Risk matrix (*.json)"))
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        """Load a matrix file into the editor; show every reason when it is refused."""
        try:
            matrix = RiskMatrix.from_json(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            show_error(self, tr("Import a risk matrix"), tr("The file could not be read."), str(error))
            return False
        except MatrixError as error:
            show_error(self, tr("Import a risk matrix"), tr("The matrix in \u201c{name}\u201d cannot be used:",
                                                            name=path.name), "\n".join(error.problems))
            return False
        self.editor.set_matrix(matrix)
        self._update_state()
        return True

    def export_json(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export the risk matrix"),
                                              str(Path.home() / "matriks-risiko.json"), tr("Risk matrix (*.json)"))
        if path:
            self.save_file(Path(path))

    def save_file(self, path: Path) -> bool:
        matrix = self.editor.matrix()
        try:
            matrix.validate()
            path.write_text(matrix.to_json(), encoding="utf-8")
        except MatrixError as error:
            show_error(self, tr("Export the risk matrix"), tr("Fix the problems listed above to apply."),
                       "\n".join(error.problems))
            return False
        except OSError as error:
            show_error(self, tr("Export the risk matrix"), tr("The file could not be written."), str(error))
            return False
        return True

    def preview_and_apply(self) -> bool:
        """Show what would change and apply only on confirmation; return True when applied."""
        matrix = self.editor.matrix()
        try:
            change = self.ws.risks.setup.preview_change(matrix)
        except MatrixError as error:
            show_error(self, tr("Change the risk matrix"), tr("Fix the problems listed above to apply."),
                       "\n".join(error.problems))
            return False
        preview = ChangePreview(change, self)
        if not self.confirm(preview):
            return False
        try:
            self.ws.risks.setup.apply_change(matrix)
        except FgdError as error:
            show_error(self, tr("Change the risk matrix"), str(error))
            return False
        self.start.setCurrentIndex(0)
        self.editor.set_matrix(self.ws.risks.matrix())
        self._update_state()
        return True

    def confirm(self, preview: ChangePreview) -> bool:
        """Ask with the preview dialog (tests replace this)."""
        return preview.exec() == QDialog.DialogCode.Accepted


class ListTab(QWidget):
    """A short editable list (categories with appetite, or impact areas) in a table; edits save at once."""

    def __init__(self, workshop: Workshop, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.kind = kind
        self.repo = workshop.risks.categories if kind == "categories" else workshop.risks.impact_areas
        headers = [tr("Category"), tr("Appetite (negative)"), tr("Appetite (positive)")] if kind == "categories" \
            else [tr("Impact area")]
        self.table = QTableWidget(0, len(headers))
        self.table.setAccessibleName(tr("Risk categories") if kind == "categories" else tr("Impact areas"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.ids: list[str] = []
        self.add = QPushButton(tr("Add"))
        self.delete = QPushButton(tr("Delete"))
        self.error = FieldError()
        help_text = tr("Appetite: the lowest magnitude that must be treated (empty: no minimum). Magnitudes run "
                       "from 1 to {top} in the matrix in use.", top=max(workshop.risks.matrix().magnitudes)) \
            if kind == "categories" else tr("Impact areas say where a risk hurts (SPBE: seven areas).")
        note = QLabel(help_text)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(self._edited)
        self.add.clicked.connect(self._add)
        self.delete.clicked.connect(self._delete)
        for widget in (self.add, self.delete):
            widget.setEnabled(not workshop.read_only)
        if workshop.read_only:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reload()

    def reload(self) -> None:
        self.table.blockSignals(True)
        entries = self.repo.list()
        self.ids = [e.id for e in entries]
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = [entry.name]
            if self.kind == "categories":
                values += ["" if v is None else str(v) for v in (entry.appetite_negative, entry.appetite_positive)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)

    def _edited(self, item: QTableWidgetItem) -> None:
        fields = ("name", "appetite_negative", "appetite_positive")
        try:
            self.repo.update(self.ids[item.row()], **{fields[item.column()]: item.text()})
        except FgdError as error:
            self.error.show_error(str(error))
        else:
            self.error.clear_error()
        self.reload()

    def _add(self) -> None:
        base = tr("New category") if self.kind == "categories" else tr("New impact area")
        names = {self.table.item(r, 0).text().casefold() for r in range(self.table.rowCount())}
        name, n = base, 2
        while name.casefold() in names:
            name, n = f"{base} {n}", n + 1
        try:
            entry = self.repo.add(name=name)
        except FgdError as error:
            self.error.show_error(str(error))
            return
        self.reload()
        row = self.ids.index(entry.id)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def _delete(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.ids):
            return
        try:
            self.repo.delete(self.ids[row])
        except FgdError as error:
            self.error.show_error(str(error))
            return
        self.error.clear_error()
        self.reload()


class RiskSettingsDialog(QDialog):
    """The matrix, the categories with appetite, and the impact areas, in three tabs."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Risk matrix and lists"))
        self.matrix_tab = MatrixTab(workshop)
        self.categories_tab = ListTab(workshop, "categories")
        self.areas_tab = ListTab(workshop, "areas")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.matrix_tab, tr("Matrix"))
        self.tabs.addTab(self.categories_tab, tr("Categories and appetite"))
        self.tabs.addTab(self.areas_tab, tr("Impact areas"))
        self.tabs.currentChanged.connect(lambda _n: self.categories_tab.reload())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(960, screen.width() - 40) if screen else 960
        height = min(700, screen.height() - 60) if screen else 700
        self.resize(width, height)
