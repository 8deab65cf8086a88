"""The "Quick wins" page: score the innovations, count the dot votes, rank them, see them on the impact/effort
chart and choose the quick wins (program unggulan) with a justification.

Keys: in the scoring grid type 1-5 to score and move to the next cell, 0/Del to clear; Ctrl+F search;
Alt+1/2/3 switch between scoring, ranking and chart. Clicking a point on the chart selects the innovation
everywhere; double-click (or Enter) opens it in the ranking with its checks and the choice.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.quickwins.rules import format_score, quadrant_label
from fgd_app.gui.quickwins.chart import ChartPoint, ImpactEffortChart
from fgd_app.gui.quickwins.dialogs import CriteriaDialog, RuleDialog
from fgd_app.gui.quickwins.grid import ScoringModel, ScoringView
from fgd_app.gui.quickwins.ranking import ChoicePanel, RankingModel, RankingView
from fgd_app.gui.roadmap.view import dimension_colour
from fgd_app.gui.widgets.common import RefreshWhenShown, refill_filter, run_save, show_error
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.quickwins.board import Board
    from fgd_app.core.store.changes import Changes

WATCHED = ("quickwins", "quickwin_scores", "innovations", "plans", "risks", "risk_matrix", "dimensions", "opds",
           "workshop")  # change areas


class QuickWinPage(RefreshWhenShown, QWidget):
    """Scoring grid, ranking with the choice, and the impact/effort chart of the workshop's innovations."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.board: Board | None = None
        self.selected_id: str | None = None
        self.timings: dict[str, float] = {}
        self._loads = 0
        self._scoring: set[str] | None = None  # the innovation whose score is being saved here
        read_only = workshop.read_only
        # top bar: filters and settings
        self.dimension = QComboBox()
        self.dimension.setAccessibleName(tr("Filter by dimension"))
        self.search = QLineEdit()
        self.search.setAccessibleName(tr("Search the innovations"))
        self.search.setPlaceholderText(tr("Search code or name\u2026"))
        self.search.setClearButtonEnabled(True)
        self.criteria_button = QPushButton(tr("Criteria\u2026"))
        self.criteria_button.setAccessibleName(tr("Edit the scoring criteria"))
        self.rule_button = QPushButton(tr("Rule\u2026"))
        self.rule_button.setAccessibleName(tr("Edit the quick-win rule"))
        bar = QHBoxLayout()
        caption = QLabel(tr("&Dimension"))
        caption.setBuddy(self.dimension)
        bar.addWidget(caption)
        bar.addWidget(self.dimension, 2)
        bar.addWidget(self.search, 3)
        bar.addWidget(self.criteria_button)
        bar.addWidget(self.rule_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # tab 1: scoring
        self.group = QComboBox()
        self.group.setAccessibleName(tr("Whose scores are shown"))
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.new_group = QPushButton(tr("New group\u2026"))
        self.new_group.setAccessibleName(tr("Score as a new FGD group"))
        self.adopt = QPushButton(tr("Agree on the medians"))
        self.adopt.setAccessibleName(tr("Make the groups' medians the agreed scores"))
        self.hint = QLabel(tr("Type 1\u20135 to score and move on \u00b7 0 or Del clears \u00b7 italic = groups' "
                              "median \u00b7 orange = groups disagree \u00b7 * = not every criterion scored"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        group_bar = QHBoxLayout()
        group_caption = QLabel(tr("&Scores of"))
        group_caption.setBuddy(self.group)
        group_bar.addWidget(group_caption)
        group_bar.addWidget(self.group)
        group_bar.addWidget(self.new_group)
        group_bar.addWidget(self.adopt)
        group_bar.addWidget(self.hint, 1)
        self.grid_model = ScoringModel(self)
        self.grid_model.read_only = read_only
        self.grid = ScoringView()
        self.grid.setAccessibleName(tr("Scoring grid"))
        self.grid.setModel(self.grid_model)
        scoring = QWidget()
        scoring_layout = QVBoxLayout(scoring)
        scoring_layout.setContentsMargins(0, 4, 0, 0)
        scoring_layout.addLayout(group_bar)
        scoring_layout.addWidget(self.grid, 1)
        # tab 2: ranking and choice
        self.only_candidates = QCheckBox(tr("Candidates and chosen only"))
        self.ranking_model = RankingModel(self)
        self.ranking = RankingView()
        self.ranking.setAccessibleName(tr("Ranking"))
        self.ranking.setModel(self.ranking_model)
        self.panel = ChoicePanel()
        self.panel.read_only = read_only
        ranking = QWidget()
        ranking_layout = QVBoxLayout(ranking)
        ranking_layout.setContentsMargins(0, 4, 0, 0)
        ranking_layout.addWidget(self.only_candidates)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ranking)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        ranking_layout.addWidget(split, 1)
        # tab 3: chart
        self.chart = ImpactEffortChart()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.caption.setFont(font)
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 4, 0, 0)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(self.legend)
        chart_layout.addWidget(self.caption)
        self.tabs = QTabWidget()
        self.tabs.addTab(scoring, tr("&1 Scoring"))
        self.tabs.addTab(ranking, tr("&2 Ranking and choice"))
        self.tabs.addTab(chart, tr("&3 Impact/effort chart"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        set_tab_chain(self.dimension, self.search, self.criteria_button, self.rule_button, self.tabs, self.group,
                      self.new_group, self.adopt, self.grid, self.only_candidates, self.ranking,
                      self.panel.justification, self.panel.choose, self.panel.unchoose, self.chart)
        # signals
        self.dimension.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.search.textChanged.connect(lambda _t: self.apply_filter())
        self.only_candidates.toggled.connect(lambda _on: self.apply_filter())
        self.group.currentIndexChanged.connect(self._group_changed)
        self.new_group.clicked.connect(self.ask_new_group)
        self.adopt.clicked.connect(self.adopt_medians)
        self.criteria_button.clicked.connect(self.edit_criteria)
        self.rule_button.clicked.connect(self.edit_rule)
        self.grid_model.score_entered.connect(self.enter_score)
        self.grid_model.votes_entered.connect(self.enter_votes)
        self.grid.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._select(self.grid_model.rows[current.row()].id if current.isValid() else None))
        self.ranking.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._select(self.ranking_model.rows[current.row()].id
                                                if current.isValid() else None))
        self.ranking.doubleClicked.connect(lambda _i: self.panel.justification.setFocus())
        self.chart.selected.connect(self._select)
        self.chart.activated.connect(self.open_innovation)
        self.panel.choose_requested.connect(self.choose)
        self.panel.unchoose_requested.connect(self.unchoose)
        self.panel.justification.committed.connect(self._justification_left)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        for widget in (self.new_group, self.adopt):
            widget.setEnabled(not read_only)
        self.reload()
        self._fill_dimensions()
        self._configure_ranking()

    # --- data ----------------------------------------------------------------------------------------
    def reload(self, rescored: set[str] | None = None) -> None:
        """Compute the board again and show it everywhere (keeping filters, group and selection).

        ``rescored``: only these innovations' scores changed (a score typed here): only they are recomputed.
        """
        start = time.perf_counter()
        self._loads += 1
        if rescored and self.board is not None:
            self.board = self.ws.quickwins.rescore(self.board, rescored)
        else:
            self.board = self.ws.quickwins.board()
        self.timings["board"] = time.perf_counter() - start
        columns = self.grid_model.columnCount()
        self._fill_groups()
        self.apply_filter()
        if self.grid_model.columnCount() != columns:
            self.grid.configure_columns()
        self._show_summary()
        self.timings["load"] = time.perf_counter() - start

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            if changes.touches("dimensions"):
                self._fill_dimensions()
            if changes.kind == "op" and changes.only("quickwin_scores"):
                self.reload(self._scoring)  # a score typed here: recompute only that innovation
            else:
                self.reload_when_shown()

    def focus_first(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.grid.setFocus()
        current = self.grid.currentIndex()
        columns = self.grid_model.criterion_columns()
        if self.grid_model.rowCount() and (not current.isValid() or current.column() not in columns):
            self.grid.setCurrentIndex(self.grid_model.index(max(current.row(), 0), columns.start))

    def _edited(self, before: int) -> None:
        """Refresh after an edit unless the main window already did (through ``on_changes``)."""
        if self._loads == before:
            self.reload(self._scoring)

    # --- filters -------------------------------------------------------------------------------------
    def _fill_dimensions(self) -> None:
        refill_filter(self.dimension, tr("All dimensions"), ((d.name, d.id) for d in self.ws.dimensions.list()))
        legend = " &nbsp; ".join(f"<span style='color:{dimension_colour(n).name()}'>\u25cf</span> {d.name}"
                                 for n, d in enumerate(self.ws.dimensions.list()))
        self.legend.setText(legend + " &nbsp; " + tr("(green ring: candidate, cross: chosen)"))

    def _fill_groups(self) -> None:
        current = self.group.currentData() or ""
        names = list(self.board.groups) if self.board else []
        if current and current not in names:
            names.append(current)  # a new group that has not scored yet
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(tr("Agreed scores"), "")
        for name in names:
            self.group.addItem(name, name)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)
        self.adopt.setEnabled(bool(self.board and self.board.groups) and not self.ws.read_only)

    def visible_ids(self) -> set[str] | None:
        dimension_id = self.dimension.currentData()
        text = self.search.text().strip().casefold()
        if not dimension_id and not text:
            return None
        return {r.id for r in self.board.rows
                if (not dimension_id or r.dimension_id == dimension_id)
                and (not text or text in r.code.casefold() or text in r.name.casefold())}

    def apply_filter(self) -> None:
        if self.board is None:
            return
        ids = self.visible_ids()
        current = self.grid.currentIndex()
        column = current.column() if current.isValid() else -1
        self.grid_model.set_board(self.board, ids)
        rows = [r for r in self.board.rows if ids is None or r.id in ids]
        if self.only_candidates.isChecked():
            rows = [r for r in rows if r.candidate or r.chosen]
        self.ranking_model.set_rows(self.board, rows)
        self.chart.set_points([ChartPoint(r.id, r.code, r.name, r.impact, r.effort, r.dimension_index, r.candidate,
                                          r.chosen) for r in rows if r.impact is not None and r.effort is not None],
                              self.board.rule)
        unplaced = sum(1 for r in rows if r.impact is None or r.effort is None)
        self.chart.setToolTip(tr("{count} innovations are not on the chart yet: impact or effort not scored.",
                                 count=unplaced) if unplaced else "")
        self._restore_selection(column)

    def _restore_selection(self, column: int) -> None:
        row = self.grid_model.row_of(self.selected_id) if self.selected_id else -1
        if row >= 0:
            self.grid.setCurrentIndex(self.grid_model.index(row, max(column, 0)))
        self._select(self.selected_id, sync=True)

    def _show_summary(self) -> None:
        board = self.board
        rule = board.rule
        parts = [tr("impact \u2265 {value}", value=format_score(rule.min_impact, 1)),
                 tr("effort \u2264 {value}", value=format_score(rule.max_effort, 1))]
        if rule.max_first_result_years:
            parts.append(tr("first result by {year}", year=board.horizon_first_year + rule.max_first_result_years - 1))
        if rule.max_residual_level is not None:
            parts.append(tr("residual risk at most {level}", level=board.level_name(rule.max_residual_level)))
        if rule.votes_weight:
            parts.append(tr("votes weigh {weight}", weight=format_score(rule.votes_weight, 0)))
        if rule.focus_first:
            parts.append(tr("focus dimensions ranked first"))
        scored = sum(1 for r in board.rows if r.weighted is not None)
        self.summary.setText(tr("Rule: {rule}. {scored} of {total} innovations scored \u00b7 {candidates} candidates "
                                "\u00b7 {chosen} chosen.", rule=" \u00b7 ".join(parts), scored=scored,
                                total=len(board.rows), candidates=len(board.candidates()),
                                chosen=len(board.chosen())))

    def _configure_ranking(self) -> None:
        self.ranking.configure([info.name for info in self.board.levels.values()])
        height = self.fontMetrics().height()
        self.ranking.verticalHeader().setDefaultSectionSize(height + 8)
        self.grid.verticalHeader().setDefaultSectionSize(height + 10)

    # --- selection -----------------------------------------------------------------------------------
    def _select(self, innovation_id: str | None, sync: bool = False) -> None:
        if innovation_id == self.selected_id and not sync:
            return
        self.selected_id = innovation_id
        row = self.board.row(innovation_id) if (self.board and innovation_id) else None
        self.panel.show_row(row)
        self.chart.select(innovation_id if row else None)
        grid_row = self.grid_model.row_of(innovation_id) if innovation_id else -1
        if grid_row >= 0 and self.grid.currentIndex().row() != grid_row:
            column = self.grid.currentIndex().column()
            self.grid.setCurrentIndex(self.grid_model.index(grid_row, max(column, 0)))
        ranking_row = self.ranking_model.row_of(innovation_id)
        if ranking_row >= 0 and self.ranking.currentIndex().row() != ranking_row:
            self.ranking.blockSignals(True)
            self.ranking.setCurrentIndex(self.ranking_model.index(ranking_row, 0))
            self.ranking.blockSignals(False)
        if row is None:
            self.caption.setText(tr("Click a point to see the innovation; double-click to open it."))
        else:
            self.caption.setText(tr("{code} \u00b7 {name} \u2014 impact {impact}, effort {effort}, {quadrant}",
                                    code=row.code, name=row.name, impact=format_score(row.impact),
                                    effort=format_score(row.effort), quadrant=self._quadrant_text(row)))

    @staticmethod
    def _quadrant_text(row) -> str:
        text = quadrant_label(row.quadrant)
        if row.chosen:
            text += " \u00b7 " + tr("chosen")
        elif row.candidate:
            text += " \u00b7 " + tr("candidate")
        return text

    def open_innovation(self, innovation_id: str) -> None:
        """Show the innovation in the ranking with its checks and the choice."""
        if self.ranking_model.row_of(innovation_id) < 0:
            self.only_candidates.setChecked(False)
        self.tabs.setCurrentIndex(1)
        self._select(innovation_id, sync=True)
        row = self.ranking_model.row_of(innovation_id)
        if row >= 0:
            self.ranking.scrollTo(self.ranking_model.index(row, 0))
        self.panel.justification.setFocus()

    # --- edits ---------------------------------------------------------------------------------------
    def _run(self, edit) -> bool:
        before = self._loads
        try:
            edit()
        except FgdError as error:
            show_error(self, tr("Quick wins"), str(error))
            return False
        self._edited(before)
        return True

    def enter_score(self, innovation_id: str, criterion_id: str, score) -> None:
        group = self.group.currentData() or ""
        self._scoring = {innovation_id}  # lets on_changes recompute only this innovation
        try:
            self._run(lambda: self.ws.quickwins.set_score(innovation_id, criterion_id, score, group=group))
        finally:
            self._scoring = None

    def enter_votes(self, innovation_id: str, votes: int) -> None:
        group = self.group.currentData() or ""
        self._run(lambda: self.ws.quickwins.set_votes(innovation_id, votes, voter=group))

    def _group_changed(self, _index: int) -> None:
        group = self.group.currentData() or ""
        self.grid_model.set_group(group)
        self._restore_selection(self.grid.currentIndex().column())

    def ask_new_group(self) -> None:
        name, ok = QInputDialog.getText(self, tr("New group"), tr("Name of the FGD group (e.g. Kelompok 1):"))
        self.set_group(name if ok else "")

    def set_group(self, name: str) -> None:
        """Show (and type) the scores of group ``name``; "" = the agreed scores."""
        name = " ".join(name.split())
        if name and self.group.findData(name) < 0:
            self.group.addItem(name, name)
        self.group.setCurrentIndex(max(0, self.group.findData(name)))
        self.grid.setFocus()

    def adopt_medians(self) -> None:
        ids = self.visible_ids()
        self._run(lambda: self.ws.quickwins.adopt_medians(ids))

    def choose(self, innovation_id: str, justification: str) -> None:
        before = self._loads
        if run_save(lambda: self.ws.quickwins.choose(innovation_id, justification), self.panel.error):
            self._edited(before)

    def _justification_left(self, text: str) -> None:
        row = self.panel.row
        if row is not None and row.chosen and text.strip():
            self.choose(row.id, text)

    def unchoose(self, innovation_id: str) -> None:
        self._run(lambda: self.ws.quickwins.unchoose(innovation_id))

    def edit_criteria(self) -> None:
        CriteriaDialog(self.ws, self).exec()
        self.reload()

    def edit_rule(self) -> None:
        RuleDialog(self.ws, self).exec()
        self.reload()
