"""Consolidate workshop files into one database, with a progress bar and a summary per file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.exchange.merge import InputSummary, MergeCancelled, MergeReport, merge_files
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, tr

WORKSHOP_FILTER = N_("Workshop files (*.fgd.db *.db);;All files (*)")
SKIPPED = QColor(theme.REFUSED)
COLUMNS = (N_("File"), N_("Region"), N_("Result"), N_("Added"), N_("Updated"), N_("Unchanged"), N_("Conflicts"))


class SummaryModel(RowTableModel[InputSummary]):
    """One row per input file: what merging it did, or why it was skipped."""

    headers = COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.path.name
            if column == 1:
                return row.region
            if column == 2:
                if row.status == "skipped":
                    return tr("Skipped: {reason}", reason=row.reason)
                return tr("Already merged") if row.status == "identical" else tr("Merged")
            if row.status == "skipped":
                return ""
            return (row.added_total, row.updated_total, row.unchanged, len(row.conflicts))[column - 3]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([row.line(), *row.notes,
                              *(f"{c.table} {c.key}: {', '.join(c.columns)}" for c in row.conflicts[:20])])
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "skipped":
            return QBrush(SKIPPED)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object, str)  # report or None, error message

    def __init__(self, output: str, inputs: list[str]):
        super().__init__()
        self.output, self.inputs = output, inputs
        self.cancelled = False

    def run(self) -> None:
        def progress(done: int, total: int, name: str) -> bool:
            self.progressed.emit(done, total, name)
            return not self.cancelled

        try:
            report = merge_files(self.output, self.inputs, progress=progress)
        except MergeCancelled as error:
            self.finished.emit(None, str(error))
        except (FgdError, OSError) as error:
            self.finished.emit(None, str(error))
        else:
            self.finished.emit(report, "")


class MergeDialog(QDialog):
    """Pick workshop files and the output database; merge them in the background."""

    def __init__(self, folder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = folder
        self.report: MergeReport | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.setWindowTitle(tr("Consolidate workshop files"))
        self.resize(900, 600)

        intro = QLabel(tr("Combines the records of many workshop files into one database, keyed by their IDs: "
                          "a newer edit of a record replaces the older one, the same file twice adds nothing "
                          "twice, and files that cannot be merged are skipped with the reason. The workshop "
                          "files are only read."))
        intro.setWordWrap(True)
        self.inputs = QListWidget()
        self.inputs.setAccessibleName(tr("Workshop files to merge"))
        self.inputs.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add_files = QPushButton(tr("Add files…"))
        add_folder = QPushButton(tr("Add a folder…"))
        remove = QPushButton(tr("Remove"))
        add_files.clicked.connect(self._add_files)
        add_folder.clicked.connect(self._add_folder)
        remove.clicked.connect(lambda: [self.inputs.takeItem(self.inputs.row(i)) for i in self.inputs.selectedItems()])
        side = QVBoxLayout()
        for button in (add_files, add_folder, remove):
            side.addWidget(button)
        side.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.inputs, 1)
        files.addLayout(side)

        self.output = QLineEdit()
        self.output.setAccessibleName(tr("Consolidated database"))
        self.output.setPlaceholderText(tr("for example konsolidasi_2025.db (created, or extended when it exists)"))
        choose = QPushButton(tr("Choose…"))
        choose.setAccessibleName(tr("Choose the consolidated database"))
        choose.clicked.connect(self._choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(QLabel(tr("Consolidated database")))
        out_row.addWidget(self.output, 1)
        out_row.addWidget(choose)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Progress"))
        self.progress.setFormat(tr("%v of %m files"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = SummaryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Result per file"))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(tr("Stop"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setEnabled(False)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(files, 2)
        layout.addLayout(out_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.buttons)

    # --- choosing files ----------------------------------------------------------------------------
    def add_paths(self, paths: list[str | Path]) -> None:
        have = {self.inputs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.inputs.count())}
        for path in paths:
            text = str(Path(path).absolute())
            if text not in have:
                self.inputs.addItem(Path(text).name)
                item = self.inputs.item(self.inputs.count() - 1)
                item.setData(Qt.ItemDataRole.UserRole, text)
                item.setToolTip(text)
                have.add(text)

    def input_paths(self) -> list[str]:
        return [self.inputs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.inputs.count())]

    def _add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Workshop files to merge"), self.folder, tr(WORKSHOP_FILTER))
        self.add_paths(paths)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder with workshop files"), self.folder)
        if folder:
            self.add_paths(sorted(p for p in Path(folder).iterdir() if p.suffix == ".db" and p.is_file()))

    def _choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Consolidated database"), self.folder,
                                              tr("SQLite databases (*.db)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.output.setText(path)

    # --- merging -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Merge in a background thread; the window stays responsive and shows the progress."""
        inputs, output = self.input_paths(), self.output.text().strip()
        if not inputs or not output:
            self.status.setText(tr("Add the workshop files and choose the consolidated database first."))
            return
        if output in inputs:
            self.status.setText(tr("The consolidated database cannot be one of the files to merge."))
            return
        self.progress.setRange(0, len(inputs))
        self.progress.setValue(0)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(tr("Merging…"))
        self._thread = QThread(self)
        self._worker = _Worker(output, inputs)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancelled = True
            self.status.setText(tr("Stopping… the consolidated database stays as it was."))

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setValue(done)
        if name:
            self.status.setText(tr("Merging {name} ({done} of {total})…", name=name, done=done + 1, total=total))

    def _on_finished(self, report: MergeReport | None, error: str) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = self._worker = None
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if report is None:
            self.status.setText(error)
            return
        self.report = report
        self.model.set_rows(report.inputs)
        self.status.setText(report.lines()[-1] + "\n" + tr("Saved in {path}", path=report.output))

    def wait(self) -> None:
        """Block until a running merge has finished (tests)."""
        if self._thread is not None:
            self._thread.wait()

    def reject(self) -> None:
        if self._worker is not None:
            self.cancel()
            self.wait()
        super().reject()
