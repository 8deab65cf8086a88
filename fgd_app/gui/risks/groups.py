"""Group scores of one risk: each FGD group's likelihood and impact side by side, the median, and a warning
when groups are 2 or more levels apart so the facilitator can ask the room. The agreed score is the risk's own.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError
from fgd_app.core.risks.matrix import RiskMatrix
from fgd_app.core.risks.register import Risk
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import FieldError
from fgd_app.i18n import tr


def _median(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class GroupScoresBox(QGroupBox):
    """The group scores of the shown risk; ``adopt_requested`` asks the form to take the median."""

    adopt_requested = Signal()

    def __init__(self, workshop: Workshop):
        super().__init__(tr("Scores of the FGD groups (optional)"))
        self.ws = workshop
        self.risk: Risk | None = None
        self.matrix: RiskMatrix | None = None
        self.score_ids: list[str] = []
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(tr("Group scores"))
        self.table.setHorizontalHeaderLabels([tr("Group"), tr("Likelihood"), tr("Impact")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.group = QLineEdit()
        self.group.setAccessibleName(tr("Group name"))
        self.group.setPlaceholderText(tr("Group (e.g. Kelompok 1)"))
        self.likelihood, self.impact = QComboBox(), QComboBox()
        self.likelihood.setAccessibleName(tr("Group's likelihood"))
        self.impact.setAccessibleName(tr("Group's impact"))
        self.add = QPushButton(tr("Record"))
        self.add.setAccessibleName(tr("Record the group's score"))
        self.remove = QPushButton(tr("Remove"))
        self.remove.setAccessibleName(tr("Remove the selected group score"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.adopt = QPushButton(tr("Use the median as the agreed score"))
        self.error = FieldError()
        entry = QHBoxLayout()
        entry.addWidget(self.group, 2)
        for caption, combo in ((tr("L"), self.likelihood), (tr("I"), self.impact)):
            label = QLabel(caption)
            label.setBuddy(combo)
            entry.addWidget(label)
            entry.addWidget(combo)
        entry.addWidget(self.add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adopt)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        self.add.clicked.connect(self.record)
        self.group.returnPressed.connect(self.record)
        self.remove.clicked.connect(self.remove_selected)
        self.adopt.clicked.connect(self.adopt_requested)

    def show_risk(self, risk: Risk, matrix: RiskMatrix) -> None:
        self.risk, self.matrix = risk, matrix
        scores = self.ws.risks.groups.of(risk.id)
        for combo, levels in ((self.likelihood, matrix.likelihood), (self.impact, matrix.impact)):
            keep = combo.currentData()
            combo.clear()
            for level in levels:
                combo.addItem(str(level.number), level.number)
                combo.setItemData(combo.count() - 1, level.name, 3)  # tooltip: the level's name
            combo.setCurrentIndex(max(0, combo.findData(keep)))
        self.table.setRowCount(len(scores))
        self.score_ids = [s.id for s in scores]
        for row, score in enumerate(scores):
            for column, text in enumerate((score.group_name, str(score.likelihood), str(score.impact))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(bool(scores))
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(r) for r in range(len(scores)))
        self.table.setFixedHeight(height + 4)
        summary = self.ws.risks.groups.consensus(risk.id)
        if summary is None:
            self.summary.setText(tr("No group has scored this risk. Record each group's score to compare them."))
            self.summary.setStyleSheet(theme.text_style(theme.NEUTRAL_TEXT))
        else:
            text = tr("Median: likelihood {l}, impact {i}.", l=_median(summary.median_likelihood),
                      i=_median(summary.median_impact))
            if summary.disagreement:
                text += " " + tr("The groups are {spread} levels apart: ask the room before agreeing.",
                                 spread=max(summary.spread_likelihood, summary.spread_impact))
                self.summary.setStyleSheet(theme.text_style(theme.ERROR, "font-weight: bold;"))
            else:
                self.summary.setStyleSheet("")
            self.summary.setText(text)
        self.adopt.setVisible(summary is not None)
        self.remove.setVisible(bool(scores))
        completer = QCompleter(sorted({s.group_name for ss in self.ws.risks.groups.all().values() for s in ss}))
        self.group.setCompleter(completer)
        read_only = self.ws.read_only
        for widget in (self.group, self.likelihood, self.impact, self.add, self.remove, self.adopt):
            widget.setEnabled(not read_only)
        self.error.clear_error()

    def record(self) -> None:
        if self.risk is None or self.ws.read_only:
            return
        try:
            self.ws.risks.groups.set(self.risk.id, self.group.text(), self.likelihood.currentData(),
                                     self.impact.currentData())
        except FgdError as problem:
            self.error.show_error(str(problem))
            return
        self.group.clear()
        self._reshow()

    def _reshow(self) -> None:
        if self.risk is not None and self.matrix is not None:
            self.show_risk(self.risk, self.matrix)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.score_ids) and not self.ws.read_only:
            self.ws.risks.groups.remove(self.score_ids[row])
            self._reshow()
