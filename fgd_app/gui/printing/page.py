"""The "Print" page (Cetak): tick the documents, choose paper and folder, print them to PDF.

The facilitator ticks documents in four groups (blank worksheets, pre-filled worksheets, reports,
paperwork), picks A4, F4/Folio or A3 and the orientation, and presses Print
(Ctrl+P). The PDF files go into a folder named after the workshop file inside the chosen output folder
(remembered, like the ticked documents and the paper); the PDF opens in the system viewer when done (the
folder when there are several). A progress bar with Cancel follows long jobs; the window stays usable.

The job runs in a thread with its own read-only connection to the workshop file (see ``print_job`` for
why); printing never writes to the workshop file, so read-only workshops print too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fgd_app.gui.printing.document_list import DocumentTree, printable_documents, task_key
from fgd_app.gui.printing.job import PrintOutcome, PrintRequest, PrintThread, folder_problem
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.common import show_error
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import N_, format_int, language, tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTreeWidgetItem

    from fgd_app.core import Workshop

PAPER_CHOICES = (("A4", N_("A4 (210 \u00d7 297 mm)")), ("F4", N_("F4 / Folio (215 \u00d7 330 mm)")),
                 ("A3", N_("A3 (297 \u00d7 420 mm)")))
ORIENTATION_CHOICES = ((None, N_("As each document is designed")), ("portrait", N_("Portrait for all")),
                       ("landscape", N_("Landscape for all")))
DEFAULT_TASKS = "lembar-inovasi:blank"
MUTED = "color: palette(placeholder-text);"


def open_url(url: QUrl) -> bool:
    """Open a file or folder in the system's program for it (tests replace this)."""
    return QDesktopServices.openUrl(url)


def default_folder() -> str:
    """Return the user's Documents folder, or the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def output_folder_for(base: str | Path, workshop_path: Path) -> Path:
    """Return the folder a workshop's PDFs go to: "<base>/<file name without .fgd.db>-cetak"."""
    name = workshop_path.name
    for suffix in (".db", ".fgd", ".sqlite"):
        name = name.removesuffix(suffix)
    return Path(base) / f"{name or 'workshop'}-cetak"


class ResultList(QListWidget):
    """The list of files written; while empty it says what will appear in it."""

    def __init__(self, hint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(8, 6, -8, -6),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.hint)
            painter.end()


class PrintPage(QWidget):
    """Choose documents, paper and folder; print them in the background; list and open the results."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None, *, settings: Settings | None = None):
        super().__init__(parent)
        self.ws = workshop
        self._settings = settings
        self._loaded = False
        self.job: PrintThread | None = None
        self.last_outcome: PrintOutcome | None = None

        intro = QLabel(tr("Tick the documents, then press Print (Ctrl+P). The PDF files are written to the "
                          "folder on the right; the workshop file is only read."))
        intro.setWordWrap(True)
        self.tree = DocumentTree()
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet(MUTED)
        self.description.setMinimumHeight(self.description.fontMetrics().lineSpacing() * 2)
        self.tree.currentItemChanged.connect(self._describe)
        self.details_button = QPushButton(tr("Paperwork detai&ls\u2026"))
        self.details_button.setAccessibleName(tr("Edit the paperwork details"))
        self.details_button.setToolTip(tr("Who signs the berita acara, its number, date and agreed points; blank "
                                          "rows on the attendance list."))
        self.details_button.clicked.connect(self.edit_details)
        below_tree = QHBoxLayout()
        below_tree.addWidget(self.description, 1)
        below_tree.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(intro)
        left.addWidget(self.tree, 1)
        left.addLayout(below_tree)

        self.paper = QComboBox()
        self.paper.setAccessibleName(tr("Paper size"))
        for code, label in PAPER_CHOICES:
            self.paper.addItem(tr(label), code)
        self.orientation = QComboBox()
        self.orientation.setAccessibleName(tr("Orientation"))
        for code, label in ORIENTATION_CHOICES:
            self.orientation.addItem(tr(label), code)
        self.orientation.setToolTip(tr("Worksheets and the wide reports are designed landscape; in portrait "
                                       "their columns become narrow."))
        for combo in (self.paper, self.orientation):  # may shrink to fit a 1024-pixel screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        a3_note = QLabel(tr("The roadmap prints landscape across pages, with its dimension and innovation on every page; "
                          "choose A3 for large sheets."))
        a3_note.setWordWrap(True)
        a3_note.setStyleSheet(MUTED)
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(tr("Output folder"))
        self.choose_folder = QPushButton(tr("C&hoose\u2026"))
        self.choose_folder.setAccessibleName(tr("Choose the output folder"))
        self.choose_folder.clicked.connect(self.pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        self.destination = QLabel()
        self.destination.setWordWrap(True)
        self.destination.setStyleSheet(MUTED)
        self.destination.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_when_done = QCheckBox(tr("&Open the result when done"))
        self.open_when_done.setToolTip(tr("One document opens in the PDF viewer; several open their folder."))
        self.open_when_done.setChecked(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self._caption(tr("&Paper"), self.paper), self.paper)
        form.addRow(self._caption(tr("O&rientation"), self.orientation), self.orientation)
        form.addRow(a3_note)
        form.addRow(self._caption(tr("Output &folder"), self.folder), folder_row)
        form.addRow(self.destination)
        form.addRow(self.open_when_done)

        self.print_button = QPushButton(tr("Print"))
        self.print_button.setAccessibleName(tr("Print the ticked documents"))
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.setDefault(True)
        self.print_button.setMinimumHeight(34)
        self.print_button.clicked.connect(self.start_printing)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Printing progress"))
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setAccessibleName(tr("Cancel printing"))
        self.cancel_button.clicked.connect(self.cancel_printing)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results = ResultList(tr("The PDF files appear here once printed; double-click one to open it."))
        self.results.setAccessibleName(tr("Files written"))
        self.results.itemActivated.connect(self._open_item)
        self.open_file_button = QPushButton(tr("Open &PDF"))
        self.open_file_button.setAccessibleName(tr("Open the chosen PDF file"))
        self.open_file_button.clicked.connect(lambda: self._open_item(self.results.currentItem()))
        self.open_folder_button = QPushButton(tr("Open fol&der"))
        self.open_folder_button.setAccessibleName(tr("Open the folder of the PDF files"))
        self.open_folder_button.clicked.connect(self.open_folder)
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.open_file_button)
        result_buttons.addWidget(self.open_folder_button)
        result_buttons.addStretch(1)
        results_caption = QLabel(tr("Files &written"))
        results_caption.setBuddy(self.results)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(form)
        right.addWidget(self.print_button)
        right.addLayout(progress_row)
        right.addWidget(self.status)
        right.addWidget(results_caption)
        right.addWidget(self.results, 1)
        right.addLayout(result_buttons)
        right_widget = QWidget()
        right_widget.setLayout(right)
        right_widget.setMinimumWidth(250)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(right_widget, 2)

        self.tree.selection_changed.connect(self._selection_changed)
        self.paper.currentIndexChanged.connect(self._paper_changed)
        self.orientation.currentIndexChanged.connect(self._paper_changed)
        QShortcut(QKeySequence("Ctrl+P"), self, self.start_printing,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        set_tab_chain(self.tree, self.details_button, self.paper, self.orientation, self.choose_folder,
                      self.open_when_done, self.print_button, self.cancel_button, self.results,
                      self.open_file_button, self.open_folder_button)
        self.tree.fill(printable_documents(workshop))
        self._set_busy(False)
        self._show_results([])
        self.destroyed.connect(self._cancel_on_close(self))
        if settings is not None:
            self._load_settings()

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @staticmethod
    def _cancel_on_close(page: PrintPage):
        def cancel() -> None:  # the page is gone: nobody would see the result
            if page.job is not None:
                page.job.cancel()
        return cancel

    # --- settings -----------------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        if self._settings is None:  # a page built on its own (a test, a benchmark): the user's settings
            self._settings = Settings()
        return self._settings

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._loaded:
            self._load_settings()

    def _load_settings(self) -> None:
        q = self.settings.q
        folder = str(q.value("print/folder", "") or "")
        self._set_folder(folder if folder and Path(folder).is_dir() else default_folder())
        self.paper.setCurrentIndex(max(0, self.paper.findData(str(q.value("print/paper", "A4")))))
        orientation = str(q.value("print/orientation", "") or "")
        self.orientation.setCurrentIndex(max(0, self.orientation.findData(orientation or None)))
        chosen = q.value("print/documents", DEFAULT_TASKS)  # INI files read a one-item list back as a string
        self.tree.set_tasks({str(k) for k in ([chosen] if isinstance(chosen, str) else chosen or []) if k})
        self._loaded = True  # from now on every change of a choice is remembered
        self._paper_changed()

    def _save_choices(self) -> None:
        if not self._loaded:
            return
        q = self.settings.q
        q.setValue("print/paper", self.paper.currentData())
        q.setValue("print/orientation", self.orientation.currentData() or "")
        q.setValue("print/documents", [task_key(t) for t in self.tree.tasks()])

    def _set_folder(self, folder: str) -> None:
        self.folder.setText(folder)
        self.folder.setToolTip(folder)
        self.destination.setText(tr("Files go to: {folder}", folder=self.target_folder()))

    def target_folder(self) -> Path:
        """Return the folder this workshop's PDFs are written to."""
        return output_folder_for(self.folder.text() or default_folder(), self.ws.path)

    def pick_folder(self) -> None:
        """Ask for the output folder and remember it."""
        folder = QFileDialog.getExistingDirectory(self, tr("Output folder for the PDF files"), self.folder.text())
        if folder:
            self.set_output_folder(folder)

    def set_output_folder(self, folder: str | Path) -> None:
        """Use ``folder`` for the PDF files from now on (remembered in the settings)."""
        self._set_folder(str(folder))
        self.settings.q.setValue("print/folder", str(folder))

    # --- choices ------------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        count = len(self.tree.tasks())
        self.print_button.setText(tr("Print {count} documents", count=count) if count != 1 else tr("Print 1 document"))
        self.print_button.setEnabled(self.job is None and count > 0)
        self._save_choices()

    def _paper_changed(self) -> None:
        self.tree.show_paper(self.paper.currentData(), self.orientation.currentData())
        self.tree.resizeColumnToContents(1)
        self._save_choices()

    def _describe(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        spec = self.tree.spec_of(item)
        self.description.setText(tr(spec.description) if spec is not None and spec.description else "")

    def show_target(self, _field: str) -> None:
        """Point at the paperwork details (a missing signatory or berita acara number)."""
        self.details_button.setFocus()

    def edit_details(self) -> bool:
        """Open the paperwork details (signatories, berita acara); return True when they were saved."""
        from fgd_app.gui.printing.details_dialog import PaperworkDetailsDialog

        dialog = PaperworkDetailsDialog(self.ws, self)
        return dialog.exec() == PaperworkDetailsDialog.DialogCode.Accepted and not self.ws.read_only

    def focus_first(self) -> None:
        self.tree.setFocus()
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    # --- printing -----------------------------------------------------------------------------------
    def start_printing(self) -> bool:
        """Start printing the ticked documents; return False when nothing could start."""
        if self.job is not None:
            return False
        tasks = tuple(self.tree.tasks())
        if not tasks:
            self.status.setText(tr("Tick at least one document."))
            return False
        target = self.target_folder()
        problem = folder_problem(target)
        if problem:
            show_error(self, tr("Print"), problem)
            return False
        request = PrintRequest(self.ws.path, tasks, target, paper=self.paper.currentData(),
                               orientation=self.orientation.currentData())
        self.job = PrintThread(request)
        self.job.progress.connect(self._progress)
        self.job.outcome.connect(self._finished)
        self.progress.setValue(0)
        self.status.setText(tr("Preparing\u2026"))
        self._set_busy(True)
        self.job.start()
        return True

    def cancel_printing(self) -> None:
        """Stop the job before its next page; the document being made is discarded."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(tr("Cancelling\u2026"))

    def _progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(round(fraction * 1000))
        if self.job is not None and not self.job.is_cancelled():
            self.status.setText(text)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.tree, self.paper, self.orientation, self.choose_folder):
            widget.setEnabled(not busy)
        self.print_button.setEnabled(not busy and bool(self.tree.tasks()))
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def _finished(self, outcome: PrintOutcome) -> None:
        self.job = None
        self.last_outcome = outcome
        self._set_busy(False)
        self._selection_changed()
        self._show_results(outcome.written)
        done = len(outcome.written)
        if outcome.cancelled:
            self.status.setText(tr("Cancelled. {count} documents were finished; the one being made was discarded.",
                                   count=done))
        elif outcome.fatal:
            self.status.setText(tr("Printing stopped."))
            show_error(self, tr("Print"), outcome.fatal, outcome.details.strip().splitlines()[-1]
                       if outcome.details.strip() else "")
        elif outcome.failures:
            self.status.setText(tr("{done} documents printed, {failed} failed.", done=done,
                                   failed=len(outcome.failures)))
            lines = "\n".join(f"\u2022 {title}: {reason}" for title, reason in outcome.failures)
            show_error(self, tr("Print"), tr("These documents could not be printed:") + "\n" + lines,
                       tr("The others were written. The details are in the error log."))
            self._log(outcome.details)
        else:
            seconds = f"{outcome.seconds:.1f}".replace(".", "," if language() == "id" else ".")
            self.status.setText(tr("{count} documents printed in {seconds} s.", count=format_int(done),
                                   seconds=seconds))
            if self.open_when_done.isChecked() and outcome.written:
                self.open_result(outcome.written)

    @staticmethod
    def _log(details: str) -> None:
        if details:
            from fgd_app.gui.shell.app import log_dir

            try:
                folder = log_dir()
                folder.mkdir(parents=True, exist_ok=True)
                with open(folder / "print.log", "a", encoding="utf-8") as handle:
                    handle.write(details + "\n")
            except OSError:
                pass

    # --- results ------------------------------------------------------------------------------------
    def _show_results(self, paths: list[Path]) -> None:
        self.results.clear()
        for path in paths:
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.results.addItem(item)
        if paths:
            self.results.setCurrentRow(0)
        self.open_file_button.setEnabled(bool(paths))

    def written_files(self) -> list[Path]:
        return [Path(self.results.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.results.count())]

    def open_result(self, paths: list[Path]) -> None:
        """Open one PDF in the viewer, or the folder when there are several."""
        target = paths[0] if len(paths) == 1 else paths[0].parent
        open_url(QUrl.fromLocalFile(str(target)))

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            open_url(QUrl.fromLocalFile(str(item.data(Qt.ItemDataRole.UserRole))))

    def open_folder(self) -> None:
        """Open the folder the PDFs are written to (created when missing)."""
        target = self.target_folder()
        if not target.is_dir():
            problem = folder_problem(target)
            if problem:
                show_error(self, tr("Print"), problem)
                return
        open_url(QUrl.fromLocalFile(str(target)))
