"""The list of documents to print, grouped the way the hall uses them, each with a box to tick.

Groups: blank worksheets (to fill in by hand), pre-filled worksheets (to correct on paper), reports, and
paperwork, where each document comes filled in and as a blank form. A group's box ticks all of it. The
second column says the paper each document will take with the chosen paper and orientation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from fgd_app.gui.printing.job import PrintTask
from fgd_app.i18n import N_, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.reports import DocumentSpec

TASK_ROLE = Qt.ItemDataRole.UserRole
SPEC_ROLE = Qt.ItemDataRole.UserRole + 1

# group key -> (title msgid, the document kind it lists, blank?)
GROUPS: dict[str, tuple[str, str, bool | None]] = {
    "blank": (N_("Blank worksheets (to fill in by hand)"), "worksheet", True),
    "filled": (N_("Pre-filled worksheets (to correct on paper)"), "worksheet", False),
    "reports": (N_("Reports"), "report", False),
    "paperwork": (N_("Paperwork"), "paperwork", None),  # None: filled and blank form, both listed
}
ORIENTATIONS = {"portrait": N_("portrait"), "landscape": N_("landscape")}


def task_key(task: PrintTask) -> str:
    """Return how a task is remembered in the settings ("lembar-inovasi:blank")."""
    return f"{task.name}:{'blank' if task.blank else 'filled'}"


def paper_text(spec: DocumentSpec, paper: str, orientation: str | None) -> str:
    """Return the paper a document takes ("A4 landscape", "A3 landscape" for the roadmap)."""
    if spec.paper:
        return f"{spec.paper} {tr(ORIENTATIONS[spec.orientation])}"
    return f"{paper} {tr(ORIENTATIONS[orientation or spec.orientation])}"


class DocumentTree(QTreeWidget):
    """Checkable documents in four groups; ``selection_changed`` when a box is ticked or cleared."""

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(tr("Documents to print"))
        self.setColumnCount(2)
        self.setHeaderLabels([tr("Document"), tr("Paper")])
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setStyleSheet("QTreeWidget::item { padding: 2px 0px; }")  # easier to aim at on a hall laptop
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.items: list[QTreeWidgetItem] = []
        self.itemChanged.connect(self._item_changed)

    def fill(self, specs: list[DocumentSpec]) -> None:
        """List ``specs`` (the registry's documents this workshop can print) in their groups."""
        self.blockSignals(True)
        self.clear()
        self.groups, self.items = {}, []
        for key, (title, kind, blank) in GROUPS.items():
            members = [s for s in specs if s.kind == kind]
            if not members:
                continue
            group = QTreeWidgetItem(self, [tr(title), ""])
            group.setFlags(group.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.groups[key] = group
            for spec in members:
                for variant in ((False, True) if blank is None else (blank,)):
                    self._add(group, spec, PrintTask(spec.name, variant), paperwork=blank is None)
            group.setExpanded(True)
        self.blockSignals(False)

    def _add(self, group: QTreeWidgetItem, spec: DocumentSpec, task: PrintTask, *, paperwork: bool) -> None:
        title = tr(spec.title)
        if paperwork and task.blank:
            title = tr("{document} (blank form)", document=title)
        item = QTreeWidgetItem(group, [title, ""])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        item.setData(0, TASK_ROLE, task)
        item.setData(0, SPEC_ROLE, spec)
        from fgd_app.reports import output_name

        tip = tr(spec.description) if spec.description else title
        item.setToolTip(0, f"{tip}\n{output_name(spec, task.blank)}")
        self.items.append(item)

    # --- selection ---------------------------------------------------------------------------------
    def tasks(self) -> list[PrintTask]:
        """Return the ticked documents in the order listed."""
        return [item.data(0, TASK_ROLE) for item in self.items if item.checkState(0) == Qt.CheckState.Checked]

    def set_tasks(self, keys: set[str]) -> None:
        """Tick exactly the documents whose ``task_key`` is in ``keys``."""
        self.blockSignals(True)
        for item in self.items:
            wanted = task_key(item.data(0, TASK_ROLE)) in keys
            item.setCheckState(0, Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.selection_changed.emit()

    def tick(self, name: str, *, blank: bool = False) -> None:
        """Tick one document (for tests and scripted use)."""
        for item in self.items:
            if item.data(0, TASK_ROLE) == PrintTask(name, blank):
                item.setCheckState(0, Qt.CheckState.Checked)
                return
        raise KeyError(f"{name} (blank={blank}) is not listed")

    def spec_of(self, item: QTreeWidgetItem | None) -> DocumentSpec | None:
        return item.data(0, SPEC_ROLE) if item is not None else None

    def show_paper(self, paper: str, orientation: str | None) -> None:
        """Fill the Paper column for the chosen paper and orientation."""
        self.blockSignals(True)
        for item in self.items:
            item.setText(1, paper_text(item.data(0, SPEC_ROLE), paper, orientation))
        self.blockSignals(False)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self.selection_changed.emit()


def printable_documents(ws: Workshop) -> list[DocumentSpec]:
    """Return the documents of the registry this workshop can print."""
    from fgd_app.reports import available_documents

    return available_documents(ws)
