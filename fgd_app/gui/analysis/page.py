"""The "Region conditions" page (*Kondisi daerah*, stage I): readiness, applications, problems, goals and focus.

Five tabs, each a table edited in place (F2 or typing starts an edit; Enter saves; a choice column opens a
list): readiness items per aspect (and the aspects themselves), the running applications, the problem
register (with the innovations that answer each problem), goals and focus/SWOT per dimension, and what
changed since the stage the file was carried from. Keys: Ctrl+N adds a row to the current table, Del
deletes the selected row, Ctrl+L links innovations. Every edit is one undoable operation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.analysis.records import APPLICATION_STATUSES, HORIZONS, INTEGRATIONS, PILLARS, DimensionAnalysis
from fgd_app.core.errors import FgdError
from fgd_app.core.workshop.stage_changes import changes_since_previous, has_lineage, table_label
from fgd_app.gui.analysis.models import ChoiceDelegate, Column, RecordModel
from fgd_app.gui.people.panel import MessageStrip
from fgd_app.i18n import N_, format_int, tr

WATCHED = ("readiness", "applications", "problems", "dimension_analysis", "dimensions", "opds", "innovations",
           "plans", "risks", "lineage")
KINDS = {"added": N_("Added"), "changed": N_("Changed"), "dropped": N_("Dropped")}


class _Table(QWidget):
    """One editable table with its buttons."""

    def __init__(self, model: RecordModel, add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setAccessibleName(add_text)
        self.add_button = QPushButton(add_text, self)
        self.delete_button = QPushButton(tr("Delete"), self)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.delete_button)
        self.buttons.addStretch(1)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.hide()  # shown by the tables that have a heading
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)
        self.link_button: QPushButton | None = None
        if model.read_only:
            self.add_button.setEnabled(False)
            self.delete_button.setEnabled(False)
        self.view.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Ctrl+N adds a row, Del deletes the selected one, Ctrl+L links innovations (while the table has focus)."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress and self.view.state() != \
                QAbstractItemView.State.EditingState:
            key, mods = event.key(), event.modifiers()
            ctrl = mods & Qt.KeyboardModifier.ControlModifier
            for wanted, button in ((ctrl and key == Qt.Key.Key_N, self.add_button),
                                   (not mods and key == Qt.Key.Key_Delete, self.delete_button),
                                   (ctrl and key == Qt.Key.Key_L, self.link_button)):
                if wanted and button is not None and button.isEnabled() and not button.isHidden():
                    button.click()
                    return True
        return super().eventFilter(watched, event)

    def current(self):
        return self.model.row(self.view.currentIndex())

    def fit(self, widths: dict[int, int], stretch: int) -> None:
        """Give columns their width in characters; ``stretch`` takes the room that is left (never cut to nothing)."""
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, chars in widths.items():
            self.view.setColumnWidth(column, self.view.fontMetrics().averageCharWidth() * chars)
        for column, spec in enumerate(self.model.columns):
            if spec.kind in ("int", "check"):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.view.fontMetrics().averageCharWidth() * 6)

    def select(self, record_id: str, column: int = 0) -> None:
        index = self.model.index_of(record_id, column)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)


class LinkDialog(QDialog):
    """Tick the innovations that belong to a problem or an application."""

    def __init__(self, title: str, options: list[tuple[str, str]], chosen: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget(self)
        self.list.setAccessibleName(title)
        for key, text in options:
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not options:
            layout.addWidget(QLabel(tr("No innovation to choose from."), self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class AnalysisPage(QWidget):
    """The region's analysis of stage I, and what changed since the previous stage."""

    def __init__(self, workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.analysis = workshop.analysis
        self.strip = MessageStrip(self)
        self.strip.hide()
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(tr("Region conditions"))
        self._choices_cache: dict[str, list] = {}
        self._build_readiness()
        self._build_applications()
        self._build_problems()
        self._build_dimensions()
        self._build_changes()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.strip)
        layout.addWidget(self.tabs, 1)
        self.reload()

    # --- choices ---------------------------------------------------------------------------------
    def _choices(self, name: str) -> list[tuple[object, str]]:
        if name not in self._choices_cache:
            if name == "aspects":
                items = [(a.id, a.display) for a in self.analysis.aspects.list()]
            elif name == "opds":
                items = [(None, "\u2014")] + [(o.id, o.display) for o in self.ws.opds.list()]
            elif name == "dimensions":
                items = [(d.id, d.name) for d in self.ws.dimensions.list()]
            elif name == "dimensions_optional":
                items = [(None, "\u2014")] + self._choices("dimensions")
            else:  # elements
                names = dict(self._choices("dimensions"))
                items = [(None, "\u2014")] + [(e.id, f"{names.get(e.dimension_id, '')}: {e.name}")
                                              for e in self.ws.elements.list()]
            self._choices_cache[name] = items
        return self._choices_cache[name]

    @staticmethod
    def _fixed(choices: dict[str, str]):
        return lambda: [(key, tr(text)) for key, text in choices.items()]

    # --- building --------------------------------------------------------------------------------
    def _model(self, columns, save) -> RecordModel:
        model = RecordModel(columns, save, read_only=self.ws.read_only, parent=self)
        model.error.connect(self.strip.show_error)
        return model

    def _build_readiness(self) -> None:
        items = self._model([
            Column("aspect_id", N_("Aspect"), "choice", lambda: self._choices("aspects")),
            Column("name", N_("Item")), Column("value", N_("Value")), Column("number", N_("Number")),
            Column("year", N_("Year"), "int"), Column("status", N_("Status")), Column("source", N_("Source")),
            Column("rating", N_("Rating 1-5"), "int"), Column("notes", N_("Notes")),
        ], lambda row, field, value: self.analysis.items.update(row.id, **{field: value}))
        self.items = _Table(items, tr("Add readiness item"), self)
        self.items.fit({0: 20, 2: 14, 3: 9, 5: 9, 6: 14, 8: 10}, stretch=1)
        aspects = self._model([
            Column("name", N_("Aspect")), Column("pillar", N_("Pillar"), "choice", self._fixed(PILLARS)),
            Column("description", N_("Description")),
        ], lambda row, field, value: self.analysis.aspects.update(row.id, **{field: value}))
        self.aspects = _Table(aspects, tr("Add aspect"), self)
        self.aspects.fit({0: 24, 1: 42}, stretch=2)
        self.items.add_button.clicked.connect(self.add_item)
        self.items.delete_button.clicked.connect(lambda: self._delete(self.items, self.analysis.items))
        self.aspects.add_button.clicked.connect(self.add_aspect)
        self.aspects.delete_button.clicked.connect(lambda: self._delete(self.aspects, self.analysis.aspects))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.items)
        split.addWidget(self.aspects)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.tabs.addTab(split, "")

    def _build_applications(self) -> None:
        model = self._model([
            Column("name", N_("Application")), Column("opd_id", N_("OPD"), "choice", lambda: self._choices("opds")),
            Column("dimension_id", N_("Dimension"), "choice", lambda: self._choices("dimensions_optional")),
            Column("users", N_("Users")), Column("status", N_("Status"), "choice", self._fixed(APPLICATION_STATUSES)),
            Column("spbe_integration", N_("SPBE integration"), "choice", self._fixed(INTEGRATIONS)),
            Column("innovations", N_("Running innovations"), "view", view=self._app_innovations),
            Column("description", N_("Description")),
        ], lambda row, field, value: self.analysis.applications.update(row.id, **{field: value}))
        self.applications = _Table(model, tr("Add application"), self)
        self.applications.fit({1: 18, 2: 14, 3: 10, 4: 12, 5: 14, 6: 10, 7: 14}, stretch=0)
        link = QPushButton(tr("Link running innovations…"), self.applications)
        link.setEnabled(not self.ws.read_only)
        link.clicked.connect(self.link_application)
        self.applications.buttons.insertWidget(2, link)
        self.applications.link_button = link
        self.applications.add_button.clicked.connect(self.add_application)
        self.applications.delete_button.clicked.connect(
            lambda: self._delete(self.applications, self.analysis.applications))
        self.tabs.addTab(self.applications, "")

    def _build_problems(self) -> None:
        model = self._model([
            Column("dimension_id", N_("Dimension"), "choice", lambda: self._choices("dimensions")),
            Column("element_id", N_("Element"), "choice", lambda: self._choices("elements")),
            Column("description", N_("Problem")), Column("horizon", N_("When"), "choice", self._fixed(HORIZONS)),
            Column("innovations", N_("Innovations"), "view", view=self._problem_innovations),
            Column("evidence", N_("Evidence")),
        ], lambda row, field, value: self.analysis.problems.update(row.id, **{field: value}))
        self.problems = _Table(model, tr("Add problem"), self)
        self.problems.fit({0: 18, 1: 24, 3: 10, 4: 16, 5: 16}, stretch=2)
        link = QPushButton(tr("Link innovations…"), self.problems)
        link.setEnabled(not self.ws.read_only)
        link.clicked.connect(self.link_problem)
        self.problems.buttons.insertWidget(2, link)
        self.problems.link_button = link
        self.gaps = QLabel(self.problems)
        self.gaps.setWordWrap(True)
        self.problems.layout().addWidget(self.gaps)
        self.problems.add_button.clicked.connect(self.add_problem)
        self.problems.delete_button.clicked.connect(lambda: self._delete(self.problems, self.analysis.problems))
        self.tabs.addTab(self.problems, "")

    def _build_dimensions(self) -> None:
        def save_analysis(row: DimensionAnalysis, field: str, value) -> None:
            self.analysis.dimensions.save(row.dimension_id, **{field: value})

        names = lambda row: next((t for k, t in self._choices("dimensions") if k == row.dimension_id), "")  # noqa: E731
        focus = self._model([
            Column("dimension", N_("Dimension"), "view", view=names), Column("is_focus", N_("Focus"), "check"),
            Column("focus_reason", N_("Focus reason")), Column("strengths", N_("Strengths")),
            Column("weaknesses", N_("Weaknesses")), Column("opportunities", N_("Opportunities")),
            Column("threats", N_("Threats")),
        ], save_analysis)
        self.focus = _Table(focus, "", self)
        self.focus.add_button.hide()
        self.focus.delete_button.hide()
        self.focus.title.show()
        self.focus.title.setText(tr("Focus and SWOT per dimension (the quick-win rule can rank focus dimensions "
                                    "first)"))
        self.focus.fit({0: 18, 3: 18, 4: 18, 5: 18, 6: 18}, stretch=2)
        goals = self._model([
            Column("dimension_id", N_("Dimension"), "choice", lambda: self._choices("dimensions")),
            Column("goal", N_("Goal")), Column("indicator", N_("Indicator")), Column("target", N_("Target")),
        ], lambda row, field, value: self.analysis.goals.update(row.id, **{field: value}))
        self.goals = _Table(goals, tr("Add goal"), self)
        self.goals.title.show()
        self.goals.title.setText(tr("Goals (sasaran) per dimension"))
        self.goals.fit({0: 18, 2: 26, 3: 16}, stretch=1)
        self.goals.add_button.clicked.connect(self.add_goal)
        self.goals.delete_button.clicked.connect(lambda: self._delete(self.goals, self.analysis.goals))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.focus)
        split.addWidget(self.goals)
        self.tabs.addTab(split, "")

    def _build_changes(self) -> None:
        box = QWidget(self)
        self.changes_note = QLabel(box)
        self.changes_note.setWordWrap(True)
        self.changes = QTreeWidget(box)
        self.changes.setHeaderLabels([tr("Record"), tr("Change"), tr("Before"), tr("Now")])
        self.changes.setAccessibleName(tr("What changed since the previous stage"))
        self.changes.setColumnWidth(0, 360)
        self.changes.setColumnWidth(1, 110)
        self.changes.setColumnWidth(2, 220)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.changes_note)
        layout.addWidget(self.changes, 1)
        self.tabs.addTab(box, "")

    # --- page contract ---------------------------------------------------------------------------
    def on_changes(self, changes) -> None:
        if changes.touches(*WATCHED):
            self.reload()

    def focus_first(self) -> None:
        table = self._current_table()
        (table.view if table is not None else self.tabs).setFocus()

    # --- state -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self._choices_cache.clear()
        a = self.analysis
        self._app_links: dict[str, list[str]] = {}
        codes = {i.id: (i.code, i.name) for i in self.ws.innovations.list()}
        for innovation_id, app_id in a.applications.links().items():
            self._app_links.setdefault(app_id, []).append(codes.get(innovation_id, ("?", ""))[0])
        self._problem_links: dict[str, list[str]] = {}
        for problem_id, innovation_id in a.problems.links():
            self._problem_links.setdefault(problem_id, []).append(codes.get(innovation_id, ("?", ""))[0])
        for table, rows in ((self.items, a.items.list()), (self.aspects, a.aspects.list()),
                            (self.applications, a.applications.list()), (self.problems, a.problems.list()),
                            (self.goals, a.goals.list())):
            keep = table.current()
            table.model.set_rows(rows)
            if keep is not None:
                table.select(keep.id, table.view.currentIndex().column() if table.view.currentIndex().isValid() else 0)
        stored = a.dimensions.all()
        self.focus.model.set_rows([stored.get(d.id) or DimensionAnalysis("", d.id) for d in self.ws.dimensions.list()])
        loose = a.problems.without_innovation()
        orphans = a.problems.innovations_without_problem()
        self.gaps.setText(tr("{problems} problem(s) without an innovation \u00b7 {innovations} innovation(s) without "
                             "a problem: {codes}", problems=format_int(len(loose)),
                             innovations=format_int(len(orphans)),
                             codes=", ".join(code for _, code, _ in orphans[:30]) + (" \u2026" if len(orphans) > 30
                                                                                       else "")))
        self._reload_changes()
        counts = a.counts()
        self.tabs.setTabText(0, tr("Readiness ({count})", count=format_int(counts["items"])))
        self.tabs.setTabText(1, tr("Applications ({count})", count=format_int(counts["applications"])))
        self.tabs.setTabText(2, tr("Problems ({count})", count=format_int(counts["problems"])))
        self.tabs.setTabText(3, tr("Goals and focus"))
        self.tabs.setTabText(4, tr("Since the previous stage"))

    def _reload_changes(self) -> None:
        self.changes.clear()
        conn = self.ws.store.conn
        if not has_lineage(conn):
            self.changes_note.setText(tr("This file was not carried from a previous stage (File \u2192 Continue to "
                                         "the next stage… makes the next stage's file)."))
            return
        found = changes_since_previous(conn)
        history = self.ws.store.query("SELECT bimtek_stage, file_name FROM stage_history ORDER BY position DESC LIMIT 1")
        source = history[0] if history else None
        self.changes_note.setText(tr("Carried from stage {stage} (\u201c{name}\u201d): {count} change(s) to "
                                     "innovations, action plans and risks.",
                                     stage=source[0] if source else "?", name=source[1] if source else "",
                                     count=format_int(len(found))))
        groups: dict[str, QTreeWidgetItem] = {}
        for change in found:
            group = groups.get(change.table)
            if group is None:
                group = groups[change.table] = QTreeWidgetItem(self.changes, [table_label(change.table)])
                group.setExpanded(True)
            item = QTreeWidgetItem(group, [change.name, tr(KINDS[change.kind])])
            for label, old, new in change.field_labels():
                QTreeWidgetItem(item, [label, "", "" if old is None else str(old), "" if new is None else str(new)])

    def _app_innovations(self, row) -> str:
        return ", ".join(sorted(self._app_links.get(row.id, [])))

    def _problem_innovations(self, row) -> str:
        return ", ".join(sorted(self._problem_links.get(row.id, [])))

    def _current_table(self) -> _Table | None:
        page = self.tabs.currentWidget()
        for table in (self.items, self.aspects, self.applications, self.problems, self.focus, self.goals):
            if table is page or (table.isAncestorOf(self.focusWidget()) if self.focusWidget() else False):
                return table
        return {0: self.items, 1: self.applications, 2: self.problems, 3: self.goals}.get(self.tabs.currentIndex())

    # --- actions ---------------------------------------------------------------------------------
    def _run(self, action, table: _Table | None = None, column: int = 1):
        try:
            record = action()
        except FgdError as error:
            self.strip.show_error(str(error))
            return None
        self.strip.clear()
        self.strip.hide()
        if table is not None and record is not None:
            table.select(record.id, column)
            table.view.setFocus()
        return record

    def add_item(self) -> None:
        current = self.items.current()
        aspects = self.analysis.aspects.list()
        aspect = current.aspect_id if current is not None else aspects[0].id if aspects else None
        if aspect is None:
            self.strip.show_error(tr("Add a readiness aspect first."))
            return
        self._run(lambda: self.analysis.items.add(aspect_id=aspect, name=tr("New item")), self.items)

    def add_aspect(self) -> None:
        names = {a.name.casefold() for a in self.analysis.aspects.list()}
        name, number = tr("New aspect"), 2
        while name.casefold() in names:
            name, number = tr("New aspect {number}", number=number), number + 1
        self._run(lambda: self.analysis.aspects.add(name=name), self.aspects, 0)

    def add_application(self) -> None:
        names = {a.name.casefold() for a in self.analysis.applications.list()}
        name, number = tr("New application"), 2
        while name.casefold() in names:
            name, number = tr("New application {number}", number=number), number + 1
        self._run(lambda: self.analysis.applications.add(name=name), self.applications, 0)

    def add_problem(self) -> None:
        current = self.problems.current()
        dimension = current.dimension_id if current is not None else self.ws.dimensions.list()[0].id
        self._run(lambda: self.analysis.problems.add(dimension_id=dimension, description=tr("New problem")),
                  self.problems, 2)

    def add_goal(self) -> None:
        current = self.goals.current()
        dimension = current.dimension_id if current is not None else self.ws.dimensions.list()[0].id
        self._run(lambda: self.analysis.goals.add(dimension_id=dimension, goal=tr("New goal")), self.goals)

    def _delete(self, table: _Table, repository) -> None:
        row = table.current()
        if row is None:
            return
        self._run(lambda: repository.delete(row.id))

    def _innovation_options(self, running_only: bool) -> list[tuple[str, str]]:
        return [(i.id, f"{i.code}  {i.name}") for i in self.ws.innovations.list()
                if not running_only or i.status == "running"]

    def link_problem(self) -> None:
        row = self.problems.current()
        if row is None:
            self.strip.show_error(tr("Select a problem first."))
            return
        dialog = LinkDialog(tr("Innovations that answer this problem"), self._innovation_options(False),
                            set(self.analysis.problems.innovation_ids(row.id)), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: self.analysis.problems.set_innovations(row.id, dialog.chosen()))

    def link_application(self) -> None:
        row = self.applications.current()
        if row is None:
            self.strip.show_error(tr("Select an application first."))
            return
        chosen = {i for i, app in self.analysis.applications.links().items() if app == row.id}
        dialog = LinkDialog(tr("Running innovations that improve this application"), self._innovation_options(True),
                            chosen, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: self.analysis.applications.set_innovations(row.id, dialog.chosen()))
