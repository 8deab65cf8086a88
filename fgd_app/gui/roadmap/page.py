"""The "Roadmap" page: the plans on the horizon (filter by dimension, OPD, funding source) and, beside it,
the budget summary. Click a bar (or press Enter on it) to edit its plan."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.roadmap.data import NO_FUNDING, RoadmapFilter, budget_summary, build_rows, visible_plans
from fgd_app.gui.roadmap.budget import BudgetPanel
from fgd_app.gui.roadmap.view import RoadmapView
from fgd_app.gui.widgets.common import RefreshWhenShown, SearchableCombo, fit_first_choice, refill_filter
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes

WATCHED = ("plans", "plan_lists", "innovations", "opds", "horizon", "workshop", "dimensions")  # change areas


class RoadmapPage(RefreshWhenShown, QWidget):
    """The roadmap with its filters and the budget summary."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.data = None
        self.rows = []
        self.timings: dict[str, float] = {}
        self.dimension = QComboBox()
        self.dimension.setAccessibleName(tr("Filter by dimension"))
        self.opd = SearchableCombo()
        self.opd.setAccessibleName(tr("Filter by OPD"))
        self.opd.lineEdit().setPlaceholderText(tr("All OPDs"))
        self.funding = QComboBox()
        self.funding.setAccessibleName(tr("Filter by funding source"))
        self.reset = QPushButton(tr("Show all"))
        self.reset.setAccessibleName(tr("Clear the filters"))
        for combo in (self.dimension, self.opd, self.funding):  # long names must not widen the page
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        bar = QHBoxLayout()
        for label, widget, stretch in ((tr("Dimension"), self.dimension, 2), (tr("OPD"), self.opd, 3),
                                       (tr("Funding"), self.funding, 1)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget, stretch)
        bar.addWidget(self.reset)
        self.view = RoadmapView()
        self.budget = BudgetPanel()
        self.count = self.budget.count
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.budget)
        self._wide: bool | None = None
        self.splitter.setChildrenCollapsible(False)
        self.budget.folded_changed.connect(lambda _folded: self.arrange(force=True))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        set_tab_chain(self.dimension, self.opd, self.funding, self.reset, self.view)
        self.dimension.currentIndexChanged.connect(self.apply_filter)
        self.opd.currentIndexChanged.connect(self.apply_filter)
        self.funding.currentIndexChanged.connect(self.apply_filter)
        self.reset.clicked.connect(self.clear_filters)
        self.view.plan_activated.connect(self.edit_plan)
        self._stale = False
        self.reload()

    # --- data --------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the plans from the file again and rebuild the view (keeping filters and selection)."""
        start = time.perf_counter()
        self.data = self.ws.plans.roadmap_data()
        self._cache: dict[RoadmapFilter, tuple] = {}
        self._fill_filters()
        self.timings["load"] = time.perf_counter() - start
        self.apply_filter()
        self._stale = False

    def _fill_filters(self) -> None:
        assert self.data is not None
        refill_filter(self.dimension, tr("All dimensions"), ((d.name, d.id) for d in self.data.dimensions))
        opds = sorted(self.data.opd_names.items(), key=lambda o: o[1].casefold())
        refill_filter(self.opd, tr("All OPDs"), ((name, opd_id) for opd_id, name in opds))
        refill_filter(self.funding, tr("All sources"),
                      [(name, source_id) for source_id, name in self.data.funding_names.items()]
                      + [(tr("Not set"), NO_FUNDING)])
        for combo in (self.dimension, self.funding):
            fit_first_choice(combo)

    def current_filter(self) -> RoadmapFilter:
        return RoadmapFilter(self.dimension.currentData(), self.opd.currentData(), self.funding.currentData())

    def apply_filter(self, *_: object) -> None:
        """Rebuild the rows and the budget totals for the chosen filter."""
        if self.data is None:
            return
        start = time.perf_counter()
        current = self.view.current_row()
        flt = self.current_filter()
        if flt not in self._cache:  # the snapshot does not change until reload(): filters seen come back at once
            rows = build_rows(self.data, flt)
            self._cache[flt] = (rows, budget_summary(self.data, visible_plans(rows)))
        self.rows, summary = self._cache[flt]
        self.view.set_rows(self.data, self.rows, keep_plan=current.id if current else None)
        self.budget.set_summary(summary)
        self.count.setText("\u00b7 " + tr("{count} plan(s) shown", count=format_int(summary.plan_count)))
        self.timings["filter"] = time.perf_counter() - start

    def clear_filters(self) -> None:
        for combo in (self.dimension, self.opd, self.funding):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.apply_filter()

    # --- layout ------------------------------------------------------------------------------------
    WIDE = 1100  # below this page width the budget summary goes under the roadmap

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.arrange()

    def arrange(self, *, force: bool = False) -> None:
        """Put the budget beside the roadmap on a wide page, under it on a narrow one (1024 x 768); folded, it
        keeps only its heading line."""
        wide = self.width() >= self.WIDE
        if wide == self._wide and not force:
            return
        self._wide = wide
        folded = self.budget.is_folded()
        if wide:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            budget = max(340, min(self.budget.preferred_width(), int(self.width() * 0.42)))
            if folded:  # the heading line only
                budget = self.budget.minimumSizeHint().width()
            self.splitter.setSizes([self.width() - budget, budget])
        else:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            height = self.splitter.height() or self.height()
            budget = self.budget.minimumSizeHint().height() if folded else height - int(height * 0.52)
            self.splitter.setSizes([height - budget, budget])

    # --- page contract -----------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.reload_when_shown()

    def focus_first(self) -> None:
        self.view.setFocus()
        if self.view.current < 0 and self.rows:
            self.view.select_row(0)

    def edit_plan(self, plan_id: str) -> None:
        """Open the plan's edit dialog (read-only workshops show it without saving)."""
        from fgd_app.gui.plans.dialog import PlanDialog

        PlanDialog(self.ws, plan_id, self).exec()
