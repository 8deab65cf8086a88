"""*Berkas → Buat draf masterplan…*: choose chapters, dimensions, paper and annexes, then write the DOCX.

The choices are remembered in the workshop file (one undoable step, "Choose the masterplan draft's
contents"); a file open read-only drafts with them without saving. The document is written by the core
(``fgd_app.draft.docx_writer``) in a worker thread (``job.DraftThread``, its own read-only connection)
while a progress dialog shows the chapter being written; it appears under its name only when complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.draft.choices import ANNEXES_TITLE, CHAPTERS, PAPERS, DraftChoices, load_choices, save_choices
from fgd_app.core.errors import FgdError
from fgd_app.gui.draft.job import DraftOutcome, DraftRequest, DraftThread
from fgd_app.gui.widgets.common import show_error
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop


def default_draft_name(workshop: Workshop) -> str:
    """Return "Draf masterplan Kabupaten Serang.docx" (characters a file name cannot hold removed)."""
    name = tr("Masterplan draft {region}", region=workshop.info().region_name)
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", name).strip() + ".docx"


class DraftDialog(QDialog):
    """The draft's choices; ``choices()`` returns what is ticked."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.setWindowTitle(tr("Masterplan draft"))
        stored = load_choices(workshop.store)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Writes an editable Word document from this workshop: chapters that follow the output "
                          "books, every table a Word table, the charts as pictures. The region's team goes on "
                          "writing in Word or LibreOffice."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._build_chapters(stored))
        layout.addWidget(self._build_dimensions(stored))
        form = QFormLayout()
        self.paper = QComboBox()
        for paper in PAPERS:
            self.paper.addItem(paper if paper == "A4" else tr("F4 (folio, 215 \u00d7 330 mm)"), paper)
        self.paper.setCurrentIndex(PAPERS.index(stored.paper))
        form.addRow(tr("Paper"), self.paper)
        layout.addLayout(form)
        if workshop.read_only:
            note = QLabel(tr("The file is open read-only: these choices are used but not remembered."))
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Write the draft\u2026"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _build_chapters(self, stored: DraftChoices) -> QGroupBox:
        box = QGroupBox(tr("Chapters"))
        grid = QGridLayout(box)
        self.chapter_boxes: dict[str, QCheckBox] = {}
        for n, (key, title) in enumerate(CHAPTERS.items()):
            check = QCheckBox(tr(title))
            check.setChecked(key in stored.chapters)
            self.chapter_boxes[key] = check
            grid.addWidget(check, n // 2, n % 2)
        self.annexes = QCheckBox(tr(ANNEXES_TITLE))
        self.annexes.setChecked(stored.annexes)
        grid.addWidget(self.annexes, len(CHAPTERS) // 2 + 1, 0)
        return box

    def _build_dimensions(self, stored: DraftChoices) -> QGroupBox:
        box = QGroupBox(tr("Dimensions"))
        grid = QGridLayout(box)
        self.dimension_boxes: dict[str, QCheckBox] = {}
        for n, dimension in enumerate(self.workshop.dimensions.list()):
            check = QCheckBox(dimension.name)
            check.setChecked(stored.dimension_ids is None or dimension.id in stored.dimension_ids)
            self.dimension_boxes[dimension.id] = check
            grid.addWidget(check, n // 2, n % 2)
        return box

    def choices(self) -> DraftChoices:
        ids = [i for i, check in self.dimension_boxes.items() if check.isChecked()]
        return DraftChoices(chapters=[k for k, check in self.chapter_boxes.items() if check.isChecked()],
                            dimension_ids=None if len(ids) == len(self.dimension_boxes) else ids,
                            paper=self.paper.currentData(), annexes=self.annexes.isChecked())


def write_draft_interactive(workshop: Workshop, folder: str, parent: QWidget | None,
                            on_written: Callable[[Path], None] | None = None,
                            on_ended: Callable[[], None] | None = None) -> DraftThread | None:
    """Show the choices, ask where to save, start writing the draft beside the window; return the job.

    None when cancelled. The window stays usable while the job runs (a progress dialog with *Cancel*);
    ``on_written(path)`` is called on the GUI thread when the file is complete (an error is shown if not),
    then ``on_ended()`` in every case. Neither is called once ``parent`` is gone.
    """
    dialog = DraftDialog(workshop, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choices = dialog.choices()
    title = tr("Masterplan draft")
    if not workshop.read_only:
        try:
            save_choices(workshop.store, choices)
        except (FgdError, OSError) as error:  # not remembered; the draft can still be written
            show_error(parent, title, str(error))
    suggested = str(Path(folder or Path.home()) / default_draft_name(workshop))
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, tr("Word documents (*.docx)"))
    if not path:
        return None
    # the save dialog asked before replacing the file it named; a name without .docx gets the extension,
    # and that file is never replaced unasked
    replace = Path(path).suffix.lower() == ".docx"
    job = DraftThread(DraftRequest(workshop.path, choices, Path(path), replace))
    progress = DraftProgress(job, parent, on_written, on_ended)
    job.start()
    progress.show()
    return job


class DraftProgress(QProgressDialog):
    """What the job is writing, with *Cancel*; not modal, so the window can be used meanwhile.

    It receives the job's outcome: being a child of the window, it (and so the callbacks) is gone with it.
    """

    def __init__(self, job: DraftThread, parent: QWidget | None, on_written=None, on_ended=None):
        super().__init__(tr("Reading the workshop\u2026"), tr("Cancel"), 0, 100, parent)
        self.job = job
        job.progress_dialog = self
        self.on_written, self.on_ended = on_written, on_ended
        self.setWindowTitle(tr("Writing the masterplan draft"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.setValue(0)
        job.progress.connect(self._progress)
        job.outcome.connect(self._finish)
        self.canceled.connect(self._cancel)

    def _progress(self, fraction: float, text: str) -> None:
        self.setValue(round(100 * fraction))
        self.setLabelText(text)

    def _cancel(self) -> None:
        self.setLabelText(tr("Stopping\u2026"))
        self.job.cancel()

    def _finish(self, outcome: DraftOutcome) -> None:
        self.canceled.disconnect(self._cancel)
        self.hide()
        parent = self.parentWidget()
        if outcome.path is not None:
            if self.on_written is not None:
                self.on_written(outcome.path)
        elif outcome.error:
            show_error(parent, tr("Masterplan draft"), outcome.error, outcome.details)
        if self.on_ended is not None:
            self.on_ended()
        self.deleteLater()
