"""“Serahkan ke kementerian”: write the hand-over file into a folder (e.g. a USB stick) and show its SHA-256."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.exchange.handover import HandoverResult, export_handover, handover_name
from fgd_app.core.printing.paperwork import MINISTRY_SHORT
from fgd_app.core.workshop_file import Workshop
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

MONO = "font-family: monospace;"


class HandoverDialog(QDialog):
    """Choose a folder, write the hand-over file, then show where it is and its SHA-256."""

    def __init__(self, workshop: Workshop, folder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.result: HandoverResult | None = None
        self.ministry = workshop.documents.get("ministry_short") or MINISTRY_SHORT  # data, default Komdigi
        self.setWindowTitle(tr("Hand over to {ministry}", ministry=self.ministry))
        self.setMinimumWidth(620)
        info = workshop.info()
        days = workshop.days.list()
        name = handover_name(info.region_code, info.region_name, info.bimtek_stage,
                             days[0].day_date if days else _dt.date.today().isoformat())

        intro = QLabel(tr("Writes a clean, checked copy of this workshop for {ministry}: one file that explains "
                          "itself (data dictionary, readable views, the risk matrix and lists), with its SHA-256 "
                          "checksum beside it. The workshop file itself is not changed.", ministry=self.ministry))
        intro.setWordWrap(True)
        self.folder = QLineEdit(folder)
        self.folder.setAccessibleName(tr("Folder for the hand-over file"))
        browse = QPushButton(tr("Choose…"))
        browse.setAccessibleName(tr("Choose the folder"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.name_label = QLabel(name)
        self.name_label.setStyleSheet(MONO)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(tr("Workshop"), QLabel(info.display_name))
        form.addRow(tr("Folder"), row)
        form.addRow(tr("File name"), self.name_label)

        self.progress = QProgressBar()
        self.progress.setRange(0, 4)
        self.progress.setAccessibleName(tr("Progress"))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digest = QLineEdit()
        self.digest.setReadOnly(True)
        self.digest.setStyleSheet(MONO)
        self.digest.setAccessibleName(tr("SHA-256 of the hand-over file"))
        self.digest.hide()

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(tr("Hand over"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = self.buttons.addButton(tr("Copy SHA-256"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton(tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.hide()
        self.open_button.hide()
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.hand_over)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.digest.text()))
        self.open_button.clicked.connect(self._open_folder)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.digest)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        set_tab_chain(self.folder, browse, self.start_button)
        self.adjustSize()

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the hand-over file"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.status.setText(text)
        QApplication.processEvents()

    def hand_over(self) -> HandoverResult | None:
        """Write the hand-over file into the chosen folder; show the result or the reason it failed."""
        folder = self.folder.text().strip()
        if not folder or not Path(folder).is_dir():
            self.status.setText(tr("Choose an existing folder (for example the USB stick)."))
            return None
        self.progress.show()
        self.start_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result = export_handover(self.workshop, folder, progress=self._progress)
        except FgdError as error:
            self.status.setText(str(error))
            self.start_button.setEnabled(True)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        result = self.result
        records = sum(result.row_counts.values())
        self.status.setText(tr("Saved and checked: {path}\n{count} records. The SHA-256 below is saved beside it "
                               "(\u201c{checksum}\u201d); {ministry} can verify the file with it.",
                               ministry=self.ministry, path=result.path, count=records, checksum=result.checksum_path.name))
        self.digest.setText(result.sha256)
        self.digest.show()
        self.copy_button.show()
        self.open_button.show()
        self.start_button.hide()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.adjustSize()
        return result
