"""The facilitator's round controls (a tab of the room window): open a round, watch the answers come in,
close, reopen, apply the result (one undo step), and show the round on the projector.

Answers arrive in bursts (80 phones in a minute); the panel reads the file again at most every
``THROTTLE_MS`` for them, so the window keeps painting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core.errors import FgdError
from fgd_app.core.room.rounds import DEFAULT_DOTS, KIND_LABELS, KINDS, MAX_DOTS
from fgd_app.gui.room.inbox import fill_table, room_table, selected_key
from fgd_app.i18n import N_, format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.room.rounds import Round
    from fgd_app.core.store.changes import Changes

THROTTLE_MS = 250
SHORT = {"dot_vote": N_("Dot vote"), "criteria": N_("Criteria scores"), "risk": N_("Risk scores")}


class RoundsPanel(QWidget):
    """Open, close, reopen and apply rounds; ``hub``: the projector hub (None in tests without one)."""

    def __init__(self, ws: Workshop, hub=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.hub = ws, hub
        self._build_new_round()
        self._build_current()
        self.rounds = room_table([tr("No."), tr("Round"), tr("State"), tr("Answers"), tr("Applied"), tr("Question")])
        self.rounds.currentCellChanged.connect(lambda *_: self._show_selected())
        self.result = QLabel()
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.current_box)
        right.addWidget(self.rounds, 1)
        right.addWidget(self.result)
        layout = QHBoxLayout(self)
        layout.addWidget(self.new_box, 0)
        layout.addLayout(right, 1)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(THROTTLE_MS)
        self._later.timeout.connect(self.refresh)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        ws.store.add_listener(self._on_changes)
        self.destroyed.connect(lambda *_, store=ws.store, listener=self._on_changes: store.remove_listener(listener))
        self.refresh()

    # --- building --------------------------------------------------------------------------------
    def _build_new_round(self) -> None:
        self.new_box = QGroupBox(tr("Open a new round"))
        self.new_box.setMaximumWidth(360)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(tr(KIND_LABELS[kind]), kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.shown = QComboBox()
        for combo in (self.kind, self.shown):  # long names must not widen the window (1024 px)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.question = QLineEdit()
        self.question.setPlaceholderText(tr("(the kind of round)"))
        self.question.setMaxLength(300)
        self.dots = QSpinBox()
        self.dots.setRange(1, MAX_DOTS)
        self.dots.setValue(DEFAULT_DOTS)
        self.most = QSpinBox()
        self.most.setRange(1, MAX_DOTS)
        self.most.setValue(DEFAULT_DOTS)
        self.dots.valueChanged.connect(lambda n: self.most.setMaximum(n))
        self.groups = QLineEdit()
        self.groups.setToolTip(tr("The table groups, separated by commas; each phone chooses its group"))
        self.timer = QSpinBox()
        self.timer.setRange(0, 60)
        self.timer.setSuffix(tr(" min"))
        self.timer.setSpecialValueText(tr("no timer"))
        self.close_at_end = QCheckBox(tr("Close when the time is up"))
        self.close_at_end.setToolTip(tr("At 0:00 the round closes by itself and late phones are told so "
                                        "(else it stays open until you close it)"))
        self.close_at_end.setChecked(True)
        self.timer.valueChanged.connect(lambda minutes: self.close_at_end.setEnabled(minutes > 0))
        self.close_at_end.setEnabled(False)
        self.live = QCheckBox(tr("Result live"))
        self.live.setToolTip(tr("Show the result live (else when the round closes)"))
        self.live.setChecked(True)
        self.open_button = QPushButton(tr("Open the round"))
        self.open_button.clicked.connect(self.open_round)
        form = QFormLayout(self.new_box)
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Shown"), self.shown)
        form.addRow(tr("Question"), self.question)
        form.addRow(tr("Dots per phone"), self.dots)
        form.addRow(tr("Most on one"), self.most)
        form.addRow(tr("Groups"), self.groups)
        form.addRow(tr("Timer"), self.timer)
        form.addRow(self.close_at_end)
        form.addRow(self.live)
        form.addRow(self.open_button)
        self._kind_changed()

    def _build_current(self) -> None:
        self.current_box = QGroupBox(tr("Round on the phones"))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.close_button = QPushButton(tr("Close the round"))
        self.close_button.clicked.connect(lambda: self._act("close"))
        self.reopen_button = QPushButton(tr("Reopen"))
        self.reopen_button.setToolTip(tr("Open the selected round again (logged); phones that answered keep "
                                         "their answer"))
        self.reopen_button.clicked.connect(lambda: self._act("reopen"))
        self.apply_button = QPushButton(tr("Apply the result"))
        self.apply_button.setToolTip(tr("Dot vote: the innovations' votes on the quick-win page; scores: the "
                                        "groups' scores (one step, Ctrl+Z undoes it)"))
        self.apply_button.clicked.connect(lambda: self._act("apply"))
        self.project = QCheckBox(tr("Show the round on the projector"))
        self.project.toggled.connect(self._project)
        self.project.setEnabled(self.hub is not None)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        for widget in (self.close_button, self.reopen_button, self.apply_button):
            row.addWidget(widget)
        row.addStretch(1)
        box = QVBoxLayout(self.current_box)
        box.addWidget(self.status)
        box.addLayout(row)
        box.addWidget(self.project)
        box.addWidget(self.message)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.shown.clear()
        if kind == "risk":
            self.shown.addItem(tr("All risks"), ("all", None))
        else:
            self.shown.addItem(tr("All innovations"), ("all", None))
            self.shown.addItem(tr("The quick-win candidates"), ("candidates", None))
        for d in self.ws.dimensions.list():
            self.shown.addItem(d.name, ("dimension", d.id))
        dots = kind == "dot_vote"
        self.dots.setEnabled(dots)
        self.most.setEnabled(dots)
        self.groups.setEnabled(not dots)
        if not dots and not self.groups.text().strip():
            self.groups.setText(", ".join(self.ws.rounds.default_groups()))

    # --- showing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ws.closed:
            return
        rounds = self.ws.rounds
        self._all = rounds.list()
        counts = {r[0]: r[1] for r in self.ws.store.query(
            "SELECT round_id, count(*) FROM room_answer GROUP BY round_id")} if self._all else {}
        self._counts = counts
        fill_table(self.rounds, [(r.id, [str(r.number), tr(SHORT[r.kind]), tr("open") if r.is_open else tr("closed"),
                                    format_int(counts.get(r.id, 0)), (r.applied_at or "")[:16].replace("T", " "),
                                    r.display_title]) for r in reversed(self._all)])
        self._show_current()
        self._show_selected()

    def _current(self) -> Round | None:
        return next((r for r in getattr(self, "_all", []) if r.is_open), None)

    def _show_current(self) -> None:
        r = self._current()
        if r is None:
            self.status.setText(tr("No round is open."))
            self._tick.stop()
        else:
            text = tr("Round {number} is open: {count} answers", number=r.number,
                      count=format_int(self._counts.get(r.id, 0)))
            left = r.remaining()
            if left is not None:
                text += " \u00b7 " + (tr("{time} left", time=f"{left // 60}:{left % 60:02d}") if left
                                      else tr("time is up"))
                self._tick.start()
            self.status.setText(text)
        self.open_button.setEnabled(r is None)
        self.close_button.setEnabled(r is not None)
        selected = self._selected()
        self.reopen_button.setEnabled(r is None and selected is not None and not selected.is_open)
        self.apply_button.setEnabled(selected is not None and not selected.is_open)

    def _on_tick(self) -> None:
        """Each second while a timed round is open: close it when its time is up (if so opened), show the time."""
        try:
            closed = self.ws.rounds.close_if_time_is_up()
        except FgdError as error:
            self.message.setText(str(error))
            closed = None
        if closed is not None:
            self.refresh()
        else:
            self._show_current()

    def _selected(self) -> Round | None:
        key = selected_key(self.rounds)
        chosen = next((r for r in getattr(self, "_all", []) if r.id == key), None)
        return chosen or self._current() or (self._all[-1] if getattr(self, "_all", None) else None)

    def _show_selected(self) -> None:
        r = self._selected()
        self._show_current()
        if r is None:
            self.result.setText("")
            return
        rows = self.ws.rounds.result(r.id)
        if r.kind == "dot_vote":
            lines = [f"{row['code']} {row['name']}: {tr('{count} dots', count=row['total'])}" for row in rows]
        elif r.kind == "criteria":
            lines = [f"{row['code']} {row['name']}: " + (tr("median {median} from {groups} groups",
                     median=row["median"], groups=row["groups"]) if row["median"] is not None else "\u2013")
                     for row in rows]
        else:
            lines = [f"{row['code']} {row['name']}: " + (tr(
                "likelihood {likelihood}, impact {impact} (medians of {groups} groups)",
                likelihood=row["median_likelihood"], impact=row["median_impact"], groups=len(row["groups"]))
                if row["median_likelihood"] is not None else "\u2013") for row in rows]
        shown = lines[:8] + ([tr("+ {count} more", count=len(lines) - 8)] if len(lines) > 8 else [])
        self.result.setText(tr("Result of round {number}:", number=r.number) + "\n" + "\n".join(shown))

    # --- acting ----------------------------------------------------------------------------------
    def open_round(self) -> None:
        what, dimension_id = self.shown.currentData()
        groups = [g.strip() for g in self.groups.text().split(",") if g.strip()]
        try:
            self.ws.rounds.open_round(
                self.kind.currentData(), title=self.question.text(), dimension_id=dimension_id,
                candidates=what == "candidates", dots=self.dots.value(), most=self.most.value(),
                timer_seconds=self.timer.value() * 60, live=self.live.isChecked(), groups=groups or None,
                close_at_end=self.close_at_end.isChecked())
            self.message.setText("")
        except FgdError as error:
            self.message.setText(str(error))
        self.refresh()

    def _act(self, action: str) -> None:
        rounds = self.ws.rounds
        try:
            if action == "close":
                r = self._current()
                if r is not None:
                    rounds.close(r.id)
            else:
                r = self._selected()
                if r is None:
                    return
                if action == "reopen":
                    rounds.reopen(r.id)
                else:
                    written = rounds.apply(r.id)
                    self.message.setText(tr("Applied: {count} values written (Ctrl+Z undoes it).",
                                            count=format_int(written)))
                    self.refresh()
                    return
            self.message.setText("")
        except FgdError as error:
            self.message.setText(str(error))
        self.refresh()

    def _project(self, on: bool) -> None:
        if self.hub is not None:
            self.hub.show_round_screen(on)
            if on:
                self.hub.show(True)

    def _on_changes(self, changes: Changes) -> None:
        if self.ws.closed or not changes.touches("room_rounds", "innovations", "risks", "quickwins"):
            return
        if changes.only("room_rounds"):
            if not self._later.isActive():
                self._later.start()
        else:
            self.refresh()

    def detach(self) -> None:
        self.ws.store.remove_listener(self._on_changes)
        self._later.stop()
        self._tick.stop()
