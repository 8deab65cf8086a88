"""The restore dialog: the backups of a workshop (or of every workshop, grouped), restored as a new file."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.store.backups import Backup, BackupError, all_backups, list_backups, restore
from fgd_app.gui.shell.backups import BACKUP_MINUTES
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import make_selectable, show_error
from fgd_app.i18n import N_, tr

BACKUP_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (N_("Backup made"), N_("Innovations"), N_("Action plans"), N_("Risks"), N_("From the file"))
FILE_FILTER = N_("Workshop files (*.fgd.db *.db);;All files (*)")


def when_text(moment: _dt.datetime, today: _dt.date | None = None) -> str:
    """Return "Selasa, 2 Juli 2024 08.15" in the user's language ("today, 08.15" for today)."""
    local = moment.astimezone()
    clock = QLocale().toString(QDateTime(local.replace(tzinfo=None)).time(), QLocale.FormatType.ShortFormat)
    if local.date() == (today or _dt.date.today()):
        return tr("Today, {time}", time=clock)
    return QLocale().toString(QDateTime(local.replace(tzinfo=None)).date(), "dddd, d MMMM yyyy") + f", {clock}"


def suggested_name(backup: Backup) -> str:
    """Return a new file name that says what it is: "<original>_pulihan_2024-07-02_0815.fgd.db"."""
    source = Path(backup.source).name if backup.source else "lokakarya.fgd.db"
    stem = source[:-len(".fgd.db")] if source.endswith(".fgd.db") else Path(source).stem
    stamp = backup.local_time.strftime("%Y-%m-%d_%H%M")
    return f"{stem}_{tr('restored')}_{stamp}.fgd.db"


class RestoreDialog(QDialog):
    """List backups with their times and counts; restore the chosen one as a new file (``restored``)."""

    def __init__(self, data_dir: Path, workshop_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.workshop_id = workshop_id
        self.restored: Path | None = None
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(tr("Restore from backup"))
        intro = QLabel(tr("While a workshop is open, a copy of it is kept every {minutes} minutes and when it is "
                          "closed, on this computer (not on a USB stick). Restoring writes the chosen copy to a "
                          "new file and opens it; the workshop file itself is not changed.",
                          minutes=BACKUP_MINUTES))
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("backupList")
        self.tree.setAccessibleName(tr("Backups"))
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([tr(c) for c in COLUMNS])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 8px; }")  # room between the columns
        header.setStyleSheet("QHeaderView::section { padding: 4px 8px; }")
        metrics = self.tree.fontMetrics()
        for column in (1, 2, 3):  # numbers right-aligned, with room before the file name
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(metrics.horizontalAdvance(tr(COLUMNS[column])),
                                             metrics.horizontalAdvance("00000")) + 36)
            self.tree.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(lambda item, _column: self.restore_current() if item.data(0, BACKUP_ROLE)
                                        else None)
        self.empty = QLabel()
        self.empty.setObjectName("noBackups")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.folder_label = QLabel(tr("Backup folder: {path}", path=self.data_dir / "backups"))
        self.folder_label.setStyleSheet(theme.text_style(theme.MUTED_TEXT))
        self.folder_label.setWordWrap(True)
        make_selectable(self.folder_label)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(tr("&Restore as a new file…"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_current)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.folder_label)
        layout.addWidget(buttons)
        self.resize(860, 520)
        self.refresh()

    def refresh(self) -> None:
        """Read the backups again and fill the list (newest first)."""
        self.tree.clear()
        if self.workshop_id is not None:
            try:
                found = list_backups(self.workshop_id, self.data_dir)
            except BackupError:
                found = []
            groups = {self.workshop_id: found} if found else {}
        else:
            groups = all_backups(self.data_dir)
        grouped = self.workshop_id is None
        self.tree.setRootIsDecorated(grouped)
        first: QTreeWidgetItem | None = None
        for items in groups.values():
            parent = self.tree.invisibleRootItem()
            if grouped:
                parent = QTreeWidgetItem([items[0].display_name])
                font = QFont(self.tree.font())
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(True)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                parent.setToolTip(0, tr("{count} backups", count=len(items)))
                self.tree.addTopLevelItem(parent)
                parent.setFirstColumnSpanned(True)
            for backup in items:
                item = self._item(backup)
                parent.addChild(item)
                first = first or item
        self.tree.expandAll()
        has_items = first is not None
        self.tree.setVisible(has_items)
        self.empty.setVisible(not has_items)
        self.empty.setText(tr("There is no backup of this workshop yet. The first is made {minutes} minutes after "
                              "a change, or when the workshop is closed.", minutes=BACKUP_MINUTES)
                           if self.workshop_id is not None else
                           tr("There are no backups yet. They are made while a workshop is open."))
        if first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def _item(self, backup: Backup) -> QTreeWidgetItem:
        counts = backup.counts
        item = QTreeWidgetItem([when_text(backup.time), str(counts.get("innovations", 0)),
                                str(counts.get("plans", 0)), str(counts.get("risks", 0)),
                                Path(backup.source).name if backup.source else ""])
        for column in (1, 2, 3):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(0, f"{backup.display_name}\n{backup.path}")
        item.setToolTip(4, backup.source)
        item.setData(0, BACKUP_ROLE, backup)
        return item

    def current_backup(self) -> Backup | None:
        item = self.tree.currentItem()
        return item.data(0, BACKUP_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.current_backup() is not None)

    def restore_current(self) -> bool:
        """Ask for a new file name, write the backup there and close the dialog (the caller opens it)."""
        backup = self.current_backup()
        if backup is None:
            return False
        folder = Path(backup.source).parent if backup.source and Path(backup.source).parent.is_dir() else Path.home()
        path, _ = QFileDialog.getSaveFileName(self, tr("Restore the backup as a new file"),
                                              str(folder / suggested_name(backup)), tr(FILE_FILTER))
        if not path:
            return False
        target = Path(path)
        if not target.name.endswith(".db"):
            target = target.with_name(target.name + ".fgd.db")
        try:
            self.restored = restore(backup, target)
        except BackupError as error:
            show_error(self, tr("The backup was not restored"), str(error))
            return False
        self.accept()
        return True
