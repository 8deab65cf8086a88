"""The import preview: choose a CSV/XLSX list, check the column mapping, see per row what will happen.

Nothing is written until "Import" is pressed; then the new rows are added as ONE undoable operation.
Cancel changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.people.importer import (
    DUPLICATE,
    EMPTY,
    FILE_DUPLICATE,
    NEW,
    OPDS,
    PARTICIPANTS,
    REJECTED,
    ImportPreview,
    read_table,
)
from fgd_app.gui.people.import_model import PreviewModel
from fgd_app.gui.people.panel import MessageStrip
from fgd_app.gui.widgets.column_widths import ColumnPlan, fit_columns
from fgd_app.gui.widgets.dialogs import CANCEL, OK, ok_cancel_buttons
from fgd_app.i18n import format_int, tr

FILE_FILTER_EXTENSIONS = "*.csv *.xlsx *.xlsm *.txt *.tsv"
WRAPPED_ROWS = 300  # rows sized to their wrapped text; longer lists keep one line (full text in the tooltip)
# What happens (and why) must stay readable; values shrink first, then the table scrolls sideways.
PREVIEW_COLUMNS = ColumnPlan(
    minimum_chars={"status": 34, "name": 16, "position": 12, "organisation": 14, "email": 27, "notes": 10},
    caps={"status": 56, "name": 40, "position": 30, "organisation": 34, "email": 34, "notes": 30})


def choose_import_file(parent: QWidget | None, start: str = "") -> str:
    """Ask for a list file; return its path or "" (tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, tr("Choose a list to import"), start or str(Path.home()),
                                          tr("Lists") + f" ({FILE_FILTER_EXTENSIONS});;" + tr("All files") + " (*)")
    return path


class ImportDialog(QDialog):
    """Preview and import a list of OPDs or participants."""

    def __init__(self, ws, target: str = PARTICIPANTS, path: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.preview: ImportPreview | None = None
        self.imported = 0
        self.path = ""
        self._wanted_target = target
        self.setWindowTitle(tr("Import a list"))
        self.setModal(True)

        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(tr("No file chosen yet"))
        self.file_edit.setAccessibleName(tr("File"))
        self.choose_button = QPushButton(tr("Choose file\u2026"), self)
        self.choose_button.setAccessibleName(tr("Choose file"))
        self.choose_button.setToolTip(tr("Choose a CSV or Excel file (Ctrl+O)"))
        self.choose_button.clicked.connect(self.choose_file)
        QShortcut(QKeySequence.StandardKey.Open, self, self.choose_file)
        self.sheet_label = QLabel(tr("Sheet:"), self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setAccessibleName(tr("Sheet"))
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.currentTextChanged.connect(self._sheet_changed)
        self.target_combo = QComboBox(self)
        self.target_combo.addItem(tr("Participants"), PARTICIPANTS)
        self.target_combo.addItem(tr("OPDs"), OPDS)
        self.target_combo.setCurrentIndex(self.target_combo.findData(target))
        self.target_combo.setAccessibleName(tr("Import as"))
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        target_label = QLabel(tr("Import as:"), self)
        target_label.setBuddy(self.target_combo)
        file_label = QLabel(tr("File:"), self)
        file_label.setBuddy(self.choose_button)
        top = QHBoxLayout()
        top.addWidget(file_label)
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)
        top.addSpacing(12)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        top.addSpacing(12)
        top.addWidget(target_label)
        top.addWidget(self.target_combo)

        self.mapping_box = QGroupBox(tr("Which column holds what"), self)
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_grid.setHorizontalSpacing(8)
        self.mapping_combos: list[QComboBox] = []
        self.strip = MessageStrip(self)

        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Preview of the rows"))
        self.table.setWordWrap(True)  # a long reason takes two lines rather than being cut
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.installEventFilter(self)
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_columns)
        self.counts = QLabel(self)
        self.counts.setAccessibleName(tr("Counts"))

        self.buttons = ok_cancel_buttons(self, tr("Import"), on_ok=self.apply)
        self.import_button, self.cancel_button = self.buttons.button(OK), self.buttons.button(CANCEL)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.strip)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._fit_to_screen(parent)
        self._update()
        if path:
            self.load(path)
        else:
            QTimer.singleShot(0, self._choose_at_start)

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        """Take most of the main window (it is on screen already), at most 1180 x 760."""
        window = parent.window() if parent is not None else None
        area = window.size() if window is not None else self.screen().availableGeometry().size()
        self.resize(max(min(1180, area.width() - 24), 640), max(min(760, area.height() - 24), 480))

    def _choose_at_start(self) -> None:
        if not self.path and self.isVisible():
            self.choose_file()

    # --- choosing --------------------------------------------------------------------------------
    def choose_file(self) -> None:
        from fgd_app.gui.people import import_dialog  # the module-level function may be replaced by tests

        path = import_dialog.choose_import_file(self, str(Path(self.path).parent) if self.path else "")
        if path:
            self.load(path)

    def load(self, path: str, sheet: str | None = None) -> None:
        """Read ``path`` and show its preview (or say clearly why it cannot be read)."""
        self.path = str(path)
        self.file_edit.setText(self.path)
        self.file_edit.setCursorPosition(len(self.path))
        try:
            table = read_table(path, sheet)
        except FgdError as error:
            self.preview = None
            self.strip.show_error(str(error))
            self._update()
            return
        self.strip.clear()
        self.preview = ImportPreview(self.ws, table)
        self._wanted_target = self.preview.target
        self._update()

    def _sheet_changed(self, sheet: str) -> None:
        if self.preview is not None and sheet and sheet != self.preview.table.sheet:
            self.load(self.path, sheet)

    def _target_changed(self) -> None:
        target = self.target_combo.currentData()
        self._wanted_target = target
        if self.preview is not None and target != self.preview.target:
            self.preview.set_target(target)
            self._update()

    def _mapping_changed(self, column: int) -> None:
        if self.preview is None:
            return
        self.preview.set_mapping(column, self.mapping_combos[column].currentData())
        self._update()

    # --- showing ---------------------------------------------------------------------------------
    def _update(self) -> None:
        preview = self.preview
        self.target_combo.blockSignals(True)
        self.target_combo.setCurrentIndex(self.target_combo.findData(preview.target if preview else
                                                                     self._wanted_target))
        self.target_combo.blockSignals(False)
        sheets = preview.table.sheet_names if preview else []
        self.sheet_combo.blockSignals(True)
        if [self.sheet_combo.itemText(i) for i in range(self.sheet_combo.count())] != sheets:
            self.sheet_combo.clear()
            self.sheet_combo.addItems(sheets)
        if preview and preview.table.sheet:
            self.sheet_combo.setCurrentText(preview.table.sheet)
        self.sheet_combo.blockSignals(False)
        self.sheet_label.setVisible(len(sheets) > 1)
        self.sheet_combo.setVisible(len(sheets) > 1)
        self._build_mapping()
        self.model.set_preview(preview)
        self._fit_timer.start()
        if preview is not None:
            problem = preview.problem()
            if problem:
                self.strip.show_error(problem)
            elif self.strip.kind == "error":
                self.strip.clear()
            if self.ws.read_only:
                self.strip.show_error(tr("This workshop is open read-only; changes cannot be saved."))
        counts = preview.counts() if preview else None
        self.counts.setText(self._counts_text(counts) if counts else "")
        new = counts[NEW] if counts else 0
        if preview is not None and preview.target == OPDS:
            self.import_button.setText(tr("Import {count} OPDs", count=format_int(new)))
        else:
            self.import_button.setText(tr("Import {count} participants", count=format_int(new)))
        self.import_button.setEnabled(bool(preview and preview.can_apply()))

    @staticmethod
    def _counts_text(counts: dict[str, int]) -> str:
        parts = [tr("{count} new", count=counts[NEW]),
                 tr("{count} already registered", count=counts[DUPLICATE]),
                 tr("{count} repeated in the file", count=counts[FILE_DUPLICATE]),
                 tr("{count} empty", count=counts[EMPTY]),
                 tr("{count} rejected", count=counts[REJECTED])]
        return " \u00b7 ".join(parts)

    def _build_mapping(self) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.mapping_combos = []
        preview = self.preview
        self.mapping_box.setVisible(preview is not None)
        if preview is None:
            return
        per_row = 4
        for column, name in enumerate(preview.table.columns):
            label = QLabel(name, self.mapping_box)
            sample = next((r[column] for r in preview.table.rows if column < len(r) and r[column].strip()), "")
            label.setToolTip(tr("Column \u201c{name}\u201d, e.g. \u201c{sample}\u201d", name=name, sample=sample)
                             if sample else name)
            combo = QComboBox(self.mapping_box)
            combo.addItem(tr("(ignore)"), None)
            for field in preview.fields:
                combo.addItem(tr(field.label), field.key)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping[column])))
            combo.setAccessibleName(tr("Column \u201c{name}\u201d holds", name=name))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _=0, c=column: self._mapping_changed(c))
            row, slot = divmod(column, per_row)
            self.mapping_grid.addWidget(label, row, slot * 2, Qt.AlignmentFlag.AlignRight)
            self.mapping_grid.addWidget(combo, row, slot * 2 + 1)
            self.mapping_combos.append(combo)
        for column in range(self.mapping_grid.columnCount()):
            self.mapping_grid.setColumnStretch(column, 0)
        self.mapping_grid.setColumnStretch(per_row * 2, 1)

    def _fit_columns(self) -> None:
        """Fit the columns to the width, then let the first rows grow to show wrapped reasons in full."""
        fit_columns(self.table, list(self.model.keys), PREVIEW_COLUMNS)
        for row in range(min(self.model.rowCount(), WRAPPED_ROWS)):
            self.table.resizeRowToContents(row)
            self.table.setRowHeight(row, self.table.rowHeight(row) + 6)  # a little air between wrapped lines

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Fit the columns again whenever the table changes size."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    # --- applying --------------------------------------------------------------------------------
    def apply(self) -> None:
        """Import the new rows (one undoable operation) and close; errors stay in the dialog."""
        if self.preview is None or not self.preview.can_apply():
            return
        try:
            self.imported = self.preview.apply()
        except FgdError as error:
            self.strip.show_error(str(error))
            self._update()
            return
        self.accept()

