"""The "Risks (Day 2)" page: the risk register with filters, the heat map (inherent and residual side by side)
and the form of the selected risk. Clicking a heat-map cell filters the register to that cell.

Keys: Ctrl+F search, Ctrl+N new risk (innovation and event above the table), Enter in the event field adds.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.risks.register_lines import RegisterFilter
from fgd_app.gui.risks.form import RiskForm
from fgd_app.gui.risks.heatmap import RISK_AREAS, HeatMapPair
from fgd_app.gui.risks.model import ID_ROLE, KEYS, RiskTableModel
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import (
    ElidedButton,
    FieldError,
    RefreshWhenShown,
    SearchableCombo,
    fit_first_choice,
    refill_filter,
)
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

WATCHED = (*RISK_AREAS, "dimensions", "plans")  # change areas
WIDTHS = {"code": 100, "event": 220, "level": 120, "treatment": 105, "residual": 120, "owner": 95, "category": 150,
          "type": 70, "innovation": 220}


class RegisterView(QTableView):
    """The register table; the event column takes the room left by the code, level and treatment columns."""

    FIRST = ("code", "level", "treatment", "residual")
    EVENT_MINIMUM = 130  # the full event is in the form beside the register

    def needed_width(self) -> int:
        """Return the width that shows the key columns and the event (code, event, level, treatment, residual)."""
        return (sum(WIDTHS[k] for k in self.FIRST) + self.EVENT_MINIMUM + self.verticalScrollBar().sizeHint().width()
                + 2 * self.frameWidth() + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        fixed = sum(WIDTHS[k] for k in self.FIRST)
        self.horizontalHeader().resizeSection(KEYS.index("event"), max(self.EVENT_MINIMUM, self.viewport().width() - fixed - 2))


class RiskPage(RefreshWhenShown, QWidget):
    """Register, heat map and form of the workshop's risks."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.timings: dict[str, float] = {}
        self._stale = False
        self.cell: tuple[int, int] | None = None
        self.residual_cell = False
        # filters
        self.dimension = QComboBox()
        self.dimension.setAccessibleName(tr("Filter by dimension"))
        self.opd = SearchableCombo()
        self.opd.setAccessibleName(tr("Filter by OPD"))
        self.opd.lineEdit().setPlaceholderText(tr("All OPDs"))
        self.level = QComboBox()
        self.level.setAccessibleName(tr("Filter by risk level"))
        self.treated = QComboBox()
        self.treated.setAccessibleName(tr("Filter by treatment"))
        for text, value in ((tr("Any treatment"), None), (tr("Treated"), True), (tr("Needs treatment"), False)):
            self.treated.addItem(text, value)
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Search the risks"))
        self.search.setPlaceholderText(tr("Search\u2026"))
        self.search.setClearButtonEnabled(True)
        self.reset = QPushButton(tr("Show all"))
        self.reset.setAccessibleName(tr("Clear the filters"))
        self.settings = QPushButton(tr("Matrix and lists\u2026"))
        self.settings.setAccessibleName(tr("Risk matrix, categories, appetite and impact areas"))
        self.cell_chip = QPushButton()
        self.cell_chip.setAccessibleName(tr("Heat-map cell filter; press to clear"))
        self.cell_chip.setStyleSheet("padding: 2px 8px;")
        self.count = QLabel()
        bar = QHBoxLayout()
        for label, widget, stretch in ((tr("Dimension"), self.dimension, 3), (tr("OPD"), self.opd, 2),
                                       (tr("Level"), self.level, 2), (tr("Treatment"), self.treated, 2)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            widget.setMinimumWidth(90)
            if widget is not self.opd:
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(10)
            bar.addWidget(widget, stretch)
        status = QHBoxLayout()
        status.addWidget(self.count)
        status.addWidget(self.cell_chip)
        status.addStretch(1)
        status.addWidget(self.search, 2)
        status.addWidget(self.reset)
        status.addWidget(self.settings)
        # quick add
        self.new_innovation = SearchableCombo(populate=self._fill_innovations)
        self.new_innovation.setAccessibleName(tr("Innovation of the new risk"))
        self.new_innovation.lineEdit().setPlaceholderText(tr("Innovation: code or name\u2026"))
        self.new_innovation.lineEdit().textEdited.connect(lambda _text: self.add_error.clear_error())
        self.new_innovation.currentIndexChanged.connect(lambda _index: self.add_error.clear_error())
        self.new_event = QLineEdit()
        self.new_event.setAccessibleName(tr("Event of the new risk"))
        self.new_event.setPlaceholderText(tr("New risk: what could happen? (Enter adds)"))
        self.add_button = QPushButton(tr("Add risk"))
        self.add_error = FieldError()
        # innovation names are long: never let them widen the page past a 1024-pixel screen
        self.new_innovation.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.new_innovation.setMinimumContentsLength(12)
        quick = QHBoxLayout()
        quick.addWidget(self.new_innovation, 2)
        quick.addWidget(self.new_event, 3)
        quick.addWidget(self.add_button)
        # register, heat map, form
        self.model = RiskTableModel(self)
        self.table = RegisterView()
        self.table.setAccessibleName(tr("Risk register"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column, key in enumerate(KEYS):
            header.resizeSection(column, WIDTHS[key])
        header.setStretchLastSection(False)
        self.lacking = ElidedButton()
        self.lacking.setStyleSheet(theme.text_style(theme.ERROR, "text-align: left; font-weight: bold;"))
        self.lacking.setAccessibleName(tr("Show the risks that still need a treatment"))
        # a long sentence: ends in "…" on a narrow page, never widens it (full text in the tooltip)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(quick)
        left_layout.addWidget(self.add_error)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.lacking)
        self.heatmap = HeatMapPair()
        self.heatmap.setAccessibleName(tr("Heat map"))
        self.form = RiskForm(workshop)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(self.heatmap)
        self.right.addWidget(self.form)
        self.right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(status)
        layout.addWidget(self.splitter, 1)
        set_tab_chain(self.dimension, self.opd, self.level, self.treated, self.search, self.reset, self.settings,
                      self.new_innovation, self.new_event, self.add_button, self.table, self.heatmap.inherent,
                      self.heatmap.residual, self.form)
        # signals
        for combo in (self.dimension, self.level, self.treated):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.opd.currentIndexChanged.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        self.reset.clicked.connect(self.clear_filters)
        self.cell_chip.clicked.connect(self.clear_cell)
        self.lacking.clicked.connect(self.show_lacking)
        self.heatmap.cell_clicked.connect(self.cell_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.add_button.clicked.connect(self.add_risk)
        self.new_event.returnPressed.connect(self.add_risk)
        self.settings.clicked.connect(self.open_settings)
        self.form.deleted.connect(lambda _id: self.reload())
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_event.setFocus)
        for widget in (self.new_innovation, self.new_event, self.add_button):
            widget.setEnabled(not workshop.read_only)
        self.reload()

    # --- data --------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the register again (keeping filters and the selected risk)."""
        start = time.perf_counter()
        selected = self.selected_id()
        self.matrix = self.ws.risks.matrix()
        self.rows = self.ws.risks.rows()
        self._fill_filters()
        self.timings["load"] = time.perf_counter() - start
        self.model.set_rows(self.matrix, self.rows)
        self.apply_filter()
        if selected:
            self.select(selected)
        self.form.show_risk(self.selected_id())
        self._stale = False
        self.timings["reload"] = time.perf_counter() - start

    def _fill_filters(self) -> None:
        refill_filter(self.dimension, tr("All dimensions"), ((d.name, d.id) for d in self.ws.dimensions.list()))
        refill_filter(self.opd, tr("All OPDs"), ((o.short_name or o.name, o.id) for o in self.ws.opds.list()))
        refill_filter(self.level, tr("All levels"), ((lv.name, lv.number) for lv in self.matrix.levels))
        for combo in (self.dimension, self.level, self.treated):
            fit_first_choice(combo)

    def current_filter(self) -> RegisterFilter:
        return RegisterFilter(dimension_id=self.dimension.currentData(), opd_id=self.opd.currentData(),
                              level=self.level.currentData(), treated=self.treated.currentData(),
                              cell=self.cell, residual_cell=self.residual_cell, text=self.search.text().strip())

    def apply_filter(self, *_: object) -> None:
        """Show the rows the filters let through; the heat map counts them (all cells, not just the chosen one)."""
        start = time.perf_counter()
        selected = self.selected_id()
        flt = self.current_filter()
        self.model.set_filter(flt)
        without_cell = RegisterFilter(flt.dimension_id, flt.opd_id, flt.level, flt.treated, None, False, flt.text)
        mapped = [r for r in self.rows if without_cell.matches(r)] if without_cell.active else self.rows
        self.heatmap.set_rows(self.matrix, mapped, self.cell, self.residual_cell)
        self.count.setText(tr("{shown} of {total} risks shown", shown=format_int(len(self.model.rows)),
                              total=format_int(len(self.rows))))
        if self.cell is None:
            self.cell_chip.hide()
        else:
            kind = tr("residual") if self.residual_cell else tr("inherent")
            self.cell_chip.setText(tr("Cell L{l} \u00d7 I{i} ({kind})  \u2715", l=self.cell[0], i=self.cell[1],
                                      kind=kind))
            self.cell_chip.show()
        lacking = sum(1 for r in self.rows if r.needs_treatment and not r.treated)
        self.lacking.set_full_text(tr("{count} risks at or above the appetite still need a treatment \u2014 show them",
                                      count=format_int(lacking)))
        self.lacking.setVisible(bool(lacking))
        if selected:
            self.select(selected)
        self.timings["filter"] = time.perf_counter() - start

    def clear_filters(self) -> None:
        for combo in (self.dimension, self.opd, self.level, self.treated):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.cell = None
        self.apply_filter()

    def cell_clicked(self, likelihood: int, impact: int, residual: bool) -> None:
        """Filter the register to one cell (clicking the same cell again shows all cells)."""
        if self.cell == (likelihood, impact) and self.residual_cell == residual:
            self.cell = None
        else:
            self.cell, self.residual_cell = (likelihood, impact), residual
        self.apply_filter()

    def clear_cell(self) -> None:
        self.cell = None
        self.apply_filter()

    def show_lacking(self) -> None:
        self.treated.setCurrentIndex(self.treated.findData(False))

    # --- selection ---------------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else getattr(self, "_pending_id", None)

    def select(self, risk_id: str) -> None:
        row = self.model.row_of(risk_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _row_changed(self, current, _previous) -> None:
        self.form.show_risk(current.data(ID_ROLE) if current.isValid() else None)

    # --- editing -----------------------------------------------------------------------------------
    def _fill_innovations(self) -> None:
        current = self.new_innovation.currentData()
        self.new_innovation.clear()
        for row in self.ws.innovations.rows():
            self.new_innovation.addItem(f"{row.code} {row.name}", row.id)
        self.new_innovation.setCurrentIndex(self.new_innovation.findData(current) if current else -1)

    def chosen_innovation(self) -> str | None:
        """Return the innovation chosen for the new risk; None (with a message at the box) when none is.

        Never the innovation of the risk selected in the register: the facilitator chooses it on purpose.
        Typed text that is not an item yet counts when exactly one innovation's code or name holds it.
        """
        box = self.new_innovation
        box.ensure_populated()
        typed = box.currentText().strip()
        index = box.currentIndex()
        if index < 0 or (typed and typed != box.itemText(index)):
            key = typed.casefold()
            hits = [i for i in range(box.count()) if key and key in box.itemText(i).casefold()]
            exact = [i for i in hits if box.itemText(i).casefold().startswith(key + " ")]
            hits = exact or hits
            index = hits[0] if len(hits) == 1 else -1
            if index >= 0:
                box.setCurrentIndex(index)
        if index < 0 or not typed:
            self.add_error.show_error(
                tr("Choose the innovation of the new risk first: type its code (e.g. {code}) or part of its name.",
                   code=box.itemText(0).split(" ", 1)[0] if box.count() else "GOV-01")
                if not typed else tr("\u201c{text}\u201d fits no single innovation: type its code.", text=typed))
            box.setFocus()
            box.lineEdit().selectAll()
            return None
        return box.itemData(index)

    def add_risk(self) -> None:
        if self.ws.read_only:
            return
        innovation_id = self.chosen_innovation()
        if innovation_id is None:
            return
        try:
            risk = self.ws.risks.add(innovation_id=innovation_id, event=self.new_event.text())
        except FgdError as problem:
            self.add_error.show_error(str(problem))
            return
        self.add_error.clear_error()
        self.new_event.clear()
        self.new_innovation.select_data(innovation_id)
        self.reload()
        if self.model.row_of(risk.id) < 0:  # hidden by the filters: show everything
            self.clear_filters()
        self.select(risk.id)

    def open_settings(self) -> None:
        from fgd_app.gui.risks.settings_dialog import RiskSettingsDialog

        RiskSettingsDialog(self.ws, self).exec()
        self.reload()

    # --- page contract -----------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.reload_when_shown()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """On a narrow page (1024x768) the register keeps its key columns; the heat maps and form give way."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_register)  # after the splitter has its new size

    def _fit_register(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        needed = self.table.needed_width() + 2
        if total and sizes[0] < needed and total - needed >= self.right.minimumSizeHint().width():
            self.splitter.setSizes([needed, total - needed])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # RefreshWhenShown catches up here
        total = self.splitter.width() or self.width()
        if total and not getattr(self, "_sized", False):
            self._sized = True
            right = max(400, int(total * 0.42))
            self.splitter.setSizes([total - right, right])
            height = self.right.height() or self.height()
            self.right.setSizes([int(height * 0.40), height - int(height * 0.40)])

    def show_target(self, risk_id: str) -> None:
        """Show one risk in the register (filters cleared) with its form."""
        if self._stale:
            self.reload()
        self.clear_filters()
        if risk_id:
            self.select(risk_id)
        else:
            self.show_lacking()
        self.table.setFocus()

    def focus_first(self) -> None:
        if self.ws.read_only or self.rows:
            self.table.setFocus()
            if not self.table.currentIndex().isValid() and self.model.rows:
                self.select(self.model.rows[0].id)
        else:
            self.new_innovation.setFocus()
