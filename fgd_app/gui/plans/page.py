"""The "Action plans (Day 2)" page: innovations on the left (filter by dimension, OPD, status, search), the
chosen innovation's plans on the right as an editable table, and a new-plan line for keyboard-first entry.

Keys: Enter commits a field and moves on; Ctrl+Up / Ctrl+Down move a plan; Ctrl+D duplicates it; Ctrl+M
moves it to another innovation; Ctrl+E opens all its fields; Delete removes it; Ctrl+PgDown / Ctrl+PgUp go
to the next / previous innovation; Ctrl+F searches the innovations. Everything is undoable (Ctrl+Z).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.gui.plans.entry_line import NewPlanLine
from fgd_app.gui.plans.model import COLUMNS, InnovationsModel, PlansModel
from fgd_app.gui.plans.table import PlanTable
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import FieldError, SearchableCombo, ask, refill_filter, show_error
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

INNOVATION_AREAS = ("innovations", "opds", "dimensions")  # what the innovation list on the left shows
PLAN_AREAS = ("plans", "plan_lists", "horizon", "workshop", "opds", "innovations")
ALL, RUNNING, NEW, WITHOUT, WITH = "", "running", "new", "without", "with"


class PlanningPage(QWidget):
    """Day 2: break each innovation into action plans."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.all_rows = []
        # --- left: the innovations ---------------------------------------------------------------
        self.dimension = QComboBox()
        self.dimension.setAccessibleName(tr("Filter innovations by dimension"))
        self.opd = SearchableCombo()
        self.opd.setAccessibleName(tr("Filter innovations by OPD"))
        self.opd.lineEdit().setPlaceholderText(tr("All OPDs"))
        self.status = QComboBox()
        self.status.setAccessibleName(tr("Filter innovations by status"))
        for key, text in ((ALL, tr("All statuses")), (RUNNING, tr("Running (to improve)")),
                          (NEW, tr("New (not yet running)")), (WITHOUT, tr("Without action plans")),
                          (WITH, tr("With action plans"))):
            self.status.addItem(text, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search innovations (name, code, OPD)"))
        self.search.setAccessibleName(tr("Search innovations"))
        self.search.setClearButtonEnabled(True)
        self.innovations_model = InnovationsModel(self)
        self.innovations = QTableView()
        self.innovations.setModel(self.innovations_model)
        self.innovations.setAccessibleName(tr("Innovations"))
        self.innovations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.innovations.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.innovations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.innovations.verticalHeader().hide()
        self.innovations.setWordWrap(False)
        header = self.innovations.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)  # measuring 6,000 rows on every change is slow
        header.resizeSection(1, self.innovations.fontMetrics().horizontalAdvance("9999") + 16)
        for combo in (self.dimension, self.opd, self.status):  # long names must not widen the page
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.shown = QLabel()
        left = QWidget()
        filters = QVBoxLayout(left)
        filters.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("Innovations"))
        title.setStyleSheet("font-weight: 600;")
        filters.addWidget(title)
        for widget in (self.search, self.dimension, self.opd, self.status):
            filters.addWidget(widget)
        filters.addWidget(self.innovations, 1)
        filters.addWidget(self.shown)
        # --- right: the plans of the chosen innovation ---------------------------------------------
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(theme.SECTION_HEADING_STYLE)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plans_model = PlansModel(workshop, self)
        self.table = PlanTable(workshop, self.plans_model)
        self.table_error = FieldError()
        self.entry = NewPlanLine(workshop)
        self.buttons: dict[str, QPushButton] = {}
        tools = QHBoxLayout()
        for key, text, keys, slot in (
                ("up", tr("Move up"), "Ctrl+Up", self.move_up),
                ("down", tr("Move down"), "Ctrl+Down", self.move_down),
                ("duplicate", tr("Duplicate"), "Ctrl+D", self.duplicate),
                ("move", tr("Move to\u2026"), "Ctrl+M", self.move_to),
                ("details", tr("All fields\u2026"), "Ctrl+E", self.edit_details),
                ("delete", tr("Delete"), "Del", self.delete)):
            button = QPushButton({"up": "\u25b2", "down": "\u25bc"}.get(key, text))  # arrows: narrow screens
            if key in ("up", "down"):
                button.setMaximumWidth(button.fontMetrics().horizontalAdvance("\u25b2") + 28)
            button.setToolTip(f"{text} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})")
            button.setAccessibleName(text)
            button.clicked.connect(slot)
            tools.addWidget(button)
            self.buttons[key] = button
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            (self.table if key == "delete" else self).addAction(action)
        tools.addStretch(1)
        for keys, slot in (("Ctrl+PgDown", lambda: self.step_innovation(1)),
                           ("Ctrl+PgUp", lambda: self.step_innovation(-1)), ("Ctrl+F", self.focus_search)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        right = QWidget()
        plans = QVBoxLayout(right)
        plans.setContentsMargins(0, 0, 0, 0)
        plans.addWidget(self.heading)
        plans.addLayout(tools)
        plans.addWidget(self.table, 1)
        plans.addWidget(self.table_error)
        plans.addWidget(self.entry)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        set_tab_chain(self.search, self.dimension, self.status, self.opd, self.innovations, self.table,
                      self.entry.activity)
        # --- signals -------------------------------------------------------------------------------
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.dimension.currentIndexChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.opd.currentIndexChanged.connect(self.apply_filter)
        self.innovations.selectionModel().currentRowChanged.connect(self._innovation_changed)
        self.innovations.activated.connect(lambda _i: self.entry.activity.setFocus())
        self.plans_model.refused.connect(self._refused)
        self.plans_model.dataChanged.connect(lambda *_: self._update_buttons())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.table.past_last_row.connect(self.entry.activity.setFocus)
        self.table.dependencies_requested.connect(self.edit_dependencies)
        self.entry.added.connect(self._plan_added)
        self._reload_pending = False
        self.reload_innovations()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self._sized and self.width() > 200:  # first real size: give the list about a third
            self._sized = True
            left = max(240, min(380, self.width() * 3 // 10))
            self.splitter.setSizes([left, self.width() - left])

    # --- the innovations ---------------------------------------------------------------------------
    def reload_innovations(self) -> None:
        """Read the innovations (and the filter lists) again; keep the filters and the chosen one."""
        self.all_rows = self.ws.innovations.rows()
        refill_filter(self.dimension, tr("All dimensions"), ((d.name, d.id) for d in self.ws.dimensions.list()))
        refill_filter(self.opd, tr("All OPDs"), ((o.short_name or o.name, o.id) for o in self.ws.opds.list()))
        self.apply_filter()

    def apply_filter(self, *_: object) -> None:
        """Show the innovations that pass the filters (the search uses the innovations' own index)."""
        current = self.current_innovation_id()
        dimension, opd, status = self.dimension.currentData(), self.opd.currentData(), self.status.currentData()
        text = self.search.text().strip()
        counts = self.ws.plans.counts()
        rows = self.all_rows
        if dimension:
            rows = [r for r in rows if r.dimension_id == dimension]
        if text:
            found = set(self.ws.innovations.search(text, dimension))
            rows = [r for r in rows if r.id in found]
        if opd:
            involved = self.ws.plans.innovations_involving(opd)
            rows = [r for r in rows if r.id in involved]
        if status in (RUNNING, NEW):
            rows = [r for r in rows if r.status == status]
        elif status == WITHOUT:
            rows = [r for r in rows if not counts.get(r.id)]
        elif status == WITH:
            rows = [r for r in rows if counts.get(r.id)]
        self.innovations_model.set_rows(rows, counts)
        self.shown.setText(tr("{shown} of {total} innovations", shown=len(rows), total=len(self.all_rows)))
        row = self.innovations_model.row_of(current) if current else -1
        if row < 0 and rows and current is None:
            row = 0
        if row >= 0:
            self.innovations.setCurrentIndex(self.innovations_model.index(row, 0))
        else:
            self._innovation_changed(QModelIndex())

    def current_innovation_id(self) -> str | None:
        index = self.innovations.currentIndex()
        return self.innovations_model.rows[index.row()].id if index.isValid() else None

    def _innovation_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        row = self.innovations_model.rows[index.row()] if index.isValid() else None
        self.plans_model.load(row.id if row else "")
        if self.plans_model.rowCount():
            self.table.setCurrentIndex(self.plans_model.index(0, 1))  # the buttons act on the first plan
        self.table_error.clear_error()
        if row is None:
            self.heading.setText(tr("Choose an innovation on the left to plan its steps."))
        else:
            self.heading.setText(tr("{code} {name} \u2014 lead OPD: {opd}", code=row.code, name=row.name,
                                    opd=row.lead_opd))
        self.entry.set_innovation(row.id if row else "", row.lead_opd_id if row else None)
        self._update_buttons()

    def step_innovation(self, step: int) -> None:
        """Go to the next (or previous) innovation in the list, ready to type its plans."""
        count = self.innovations_model.rowCount()
        if not count:
            return
        row = self.innovations.currentIndex().row()
        self.innovations.setCurrentIndex(self.innovations_model.index(max(0, min(count - 1, row + step)), 0))
        self.entry.activity.setFocus()

    def _search_entered(self) -> None:
        self._search_timer.stop()
        self.apply_filter()
        if self.innovations_model.rowCount():
            self.innovations.setCurrentIndex(self.innovations_model.index(0, 0))
            self.entry.activity.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- the plans ---------------------------------------------------------------------------------
    def current_plan_id(self) -> str | None:
        plan = self.plans_model.plan_at(self.table.currentIndex().row())
        return plan.id if plan else None

    def reload_plans(self) -> None:
        """Read the chosen innovation's plans again, keeping the current cell on the same plan."""
        if self.ws.closed:  # a refresh scheduled just before the workshop was closed
            return
        if self.table.state() == QAbstractItemView.State.EditingState:
            QTimer.singleShot(50, self.reload_plans)  # never under an open editor: its typing would be lost
            return
        self._reload_pending = False
        plan_id, column = self.current_plan_id(), max(0, self.table.currentIndex().column())
        self.plans_model.load(self.plans_model.innovation_id, names=True)
        self.select_plan(plan_id, column)
        self._update_buttons()

    def select_plan(self, plan_id: str | None, column: int = 1) -> None:
        row = self.plans_model.row_of(plan_id) if plan_id else -1
        if row >= 0:
            index = self.plans_model.index(row, column)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _plan_added(self, plan_id: str) -> None:
        if self.plans_model.row_of(plan_id) < 0:
            self.reload_plans()
        row = self.plans_model.row_of(plan_id)
        if row >= 0:
            self.table.scrollTo(self.plans_model.index(row, 1))

    def _refused(self, row: int, column: int, message: str, _value: object) -> None:
        self.table_error.show_error(tr("No. {number}, {field}: {message}", number=row + 1,
                                       field=tr(COLUMNS[column].title), message=message))

    def _update_buttons(self) -> None:
        plan = self.plans_model.plan_at(self.table.currentIndex().row())
        editable = plan is not None and not self.ws.read_only
        row = self.table.currentIndex().row()
        self.buttons["up"].setEnabled(editable and row > 0)
        self.buttons["down"].setEnabled(editable and row < self.plans_model.rowCount() - 1)
        for key in ("duplicate", "move", "delete"):
            self.buttons[key].setEnabled(editable)
        self.buttons["details"].setEnabled(plan is not None)
        if not self.table_error.isHidden() and not self.plans_model.errors:
            self.table_error.clear_error()

    def _run(self, operation) -> object | None:
        """Run a core operation; show what it refused."""
        try:
            return operation()
        except ValidationError as problem:
            self.table_error.show_error(problem.message)
        except FgdError as problem:
            show_error(self, tr("Action plans"), str(problem))
        return None

    def move_up(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id and not self.ws.read_only and self._run(lambda: self.ws.plans.move_up(plan_id)):
            self._after(plan_id)

    def move_down(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id and not self.ws.read_only and self._run(lambda: self.ws.plans.move_down(plan_id)):
            self._after(plan_id)

    def duplicate(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id and not self.ws.read_only:
            copy = self._run(lambda: self.ws.plans.duplicate(plan_id))
            if copy is not None:
                self._after(copy.id)  # type: ignore[attr-defined]

    def _after(self, plan_id: str) -> None:
        column = max(1, self.table.currentIndex().column())
        self.reload_plans()
        self.select_plan(plan_id, column)
        self.table.setFocus()

    def delete(self) -> None:
        plan_id = self.current_plan_id()
        if not plan_id or self.ws.read_only:
            return
        dependants = self.ws.plans.dependants(plan_id)
        if dependants and ask(self, tr("Delete action plan"), tr(
                "{count} other plan(s) depend on this plan. Delete it anyway? (Undo brings it back.)",
                count=len(dependants)), [("delete", tr("Delete")), ("cancel", tr("Cancel"))]) != "delete":
            return
        row = self.table.currentIndex().row()
        if not self._run(lambda: self.ws.plans.delete(plan_id) or True):
            return
        self.reload_plans()
        if self.plans_model.rowCount():
            self.table.setCurrentIndex(self.plans_model.index(min(row, self.plans_model.rowCount() - 1), 1))

    def move_to(self) -> None:
        """Move the current plan to another innovation chosen from a searchable list."""
        plan_id = self.current_plan_id()
        if not plan_id or self.ws.read_only:
            return
        from fgd_app.gui.plans.move_dialog import MoveDialog

        dialog = MoveDialog(self.ws, self.all_rows, self.plans_model.innovation_id, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return
        target = dialog.chosen()
        moved = self._run(lambda: self.ws.plans.move_to(plan_id, target))
        if moved is not None:
            self.reload_plans()
            self.apply_filter()

    def edit_details(self) -> None:
        plan_id = self.current_plan_id()
        if plan_id:
            from fgd_app.gui.plans.dialog import PlanDialog

            if PlanDialog(self.ws, plan_id, self).exec() == QDialog.DialogCode.Accepted:
                self._after(plan_id)

    def edit_dependencies(self, row: int) -> None:
        plan = self.plans_model.plan_at(row)
        if plan is None or self.ws.read_only:
            return
        from fgd_app.gui.plans.dialog import DependencyDialog

        dialog = DependencyDialog(self.ws, plan.id, set(self.ws.plans.dependencies(plan.id)), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if self._run(lambda: self.ws.plans.set_dependencies(plan.id, dialog.chosen())) is not None:
                self.table_error.clear_error()
            self._after(plan.id)

    # --- page contract -----------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        """Refresh what the operation touched (the list, the plans, the entry's completion lists)."""
        if changes.touches(*INNOVATION_AREAS):
            self.reload_innovations()
        elif changes.touches("plans"):
            self.innovations_model.set_counts(self.ws.plans.counts())
        if changes.touches("opds", "plan_lists", "workshop"):
            self.entry.refresh_lists()
        if changes.touches(*PLAN_AREAS) and not self._reload_pending:
            self._reload_pending = True  # after the editor that made the change has closed
            QTimer.singleShot(0, self.reload_plans)

    def show_target(self, record_id: str) -> None:
        """Show an innovation (or an action plan, selected within its innovation), clearing the filters."""
        try:
            plan_id, innovation_id = record_id, self.ws.plans.get(record_id).innovation_id
        except KeyError:
            plan_id, innovation_id = None, record_id
        for combo in (self.dimension, self.opd, self.status):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()
        row = self.innovations_model.row_of(innovation_id)
        if row >= 0:
            self.innovations.setCurrentIndex(self.innovations_model.index(row, 0))
            self.innovations.scrollTo(self.innovations_model.index(row, 0))
        if plan_id is not None:
            self.select_plan(plan_id)
            self.table.setFocus()
        elif not self.ws.read_only:
            self.entry.activity.setFocus()

    def focus_first(self) -> None:
        if self.current_innovation_id() and not self.ws.read_only:
            self.entry.activity.setFocus()
        else:
            self.focus_search()
