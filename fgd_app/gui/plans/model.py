"""Models of the planning screen: the innovations to pick from, and the plans of the chosen innovation.

Edits go through ``fgd_app.core.plans.entry.edit_field`` (one undoable operation each); a refused value
emits ``refused(row, column, message, typed value)`` so the screen can show it at the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.innovations.records import InnovationRow
from fgd_app.core.plans.entry import edit_field
from fgd_app.core.plans.records import ActionPlan
from fgd_app.core.roadmap.data import stage_label
from fgd_app.core.typed_entry import opd_completion
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, format_rupiah, tr

ERROR_FILL = QColor(theme.ERROR_FILL)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)


@dataclass(frozen=True)
class Column:
    key: str  # plan field, or "opd"/"funding"/"status" (typed names), "stage"/"depends_on" (derived)
    title: str  # N_-marked
    editable: bool = True


COLUMNS = (
    Column("position", N_("No."), False),
    Column("activity", N_("Activity")),
    Column("output", N_("Output")),
    Column("indicator", N_("Indicator")),
    Column("target", N_("Target")),
    Column("first_year", N_("From")),
    Column("last_year", N_("To")),
    Column("stage", N_("Stage"), False),
    Column("opd", N_("Responsible OPD")),
    Column("partners", N_("Partners")),
    Column("funding", N_("Funding")),
    Column("budget", N_("Budget")),
    Column("status", N_("Status")),
    Column("depends_on", N_("Depends on"), False),
)
KEYS = [c.key for c in COLUMNS]
FIELD_COLUMN = {"opd_id": KEYS.index("opd"), "funding_source_id": KEYS.index("funding"),
                "status_id": KEYS.index("status")} | {k: n for n, k in enumerate(KEYS)}


class PlansModel(RowTableModel[ActionPlan]):
    """The plans of one innovation, in their order; every column but No., Stage and Depends on is editable."""

    refused = Signal(int, int, str, object)  # row, column, message, the value as typed
    headers = tuple(c.title for c in COLUMNS)

    def __init__(self, workshop: Workshop, parent=None):
        super().__init__(parent)
        self.ws = workshop
        self.innovation_id = ""
        self.depends: dict[str, str] = {}
        self.errors: dict[tuple[str, int], str] = {}  # (plan id, column) -> message shown at the cell
        self._names()

    def _names(self) -> None:
        self.stages = self.ws.plans.stages()
        self.opds = {o.id: o for o in self.ws.opds.list()}
        self.fundings = {f.id: f.display for f in self.ws.plans.funding_sources.list()}
        self.statuses = {s.id: s.display for s in self.ws.plans.statuses.list()}

    def load(self, innovation_id: str, *, names: bool = False) -> None:
        """Show the plans of ``innovation_id`` (read again from the file)."""
        self.beginResetModel()
        if names or innovation_id != self.innovation_id:
            self._names()
        if innovation_id != self.innovation_id:
            self.errors.clear()
        self.innovation_id = innovation_id
        self.rows = self.ws.plans.of(innovation_id) if innovation_id else []
        self.depends = {p.id: self._depends_text(p.id) for p in self.rows}
        self.endResetModel()

    def _depends_text(self, plan_id: str) -> str:
        own = {p.id: n for n, p in enumerate(self.rows, start=1)}
        parts = []
        for other in self.ws.plans.dependencies(plan_id):
            parts.append(f"#{own[other]}" if other in own else " ".join(self.ws.plans.describe(other).split(" ")[:2]))
        return ", ".join(parts)

    def plan_at(self, row: int) -> ActionPlan | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, plan_id: str) -> int:
        return next((n for n, p in enumerate(self.rows) if p.id == plan_id), -1)

    # --- Qt model ----------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and COLUMNS[index.column()].editable and not self.ws.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def display(self, plan: ActionPlan, key: str) -> str:
        if key == "position":
            return str(self.rows.index(plan) + 1)
        if key == "stage":
            return stage_label(plan.first_year, plan.last_year, self.stages)
        if key == "opd":
            opd = self.opds.get(plan.opd_id)
            return (opd.short_name or opd.name) if opd else ""
        if key == "funding":
            return self.fundings.get(plan.funding_source_id or "", "")
        if key == "status":
            return self.statuses.get(plan.status_id, "")
        if key == "budget":
            return format_rupiah(plan.budget)
        if key == "depends_on":
            return self.depends.get(plan.id, "")
        value = getattr(plan, key)
        return str(value).replace("\n", " ") if value is not None else ""

    def edit_value(self, plan: ActionPlan, key: str) -> Any:
        if key in ("first_year", "last_year"):
            return getattr(plan, key)
        if key == "opd":
            opd = self.opds.get(plan.opd_id)
            return opd_completion(opd) if opd else ""
        if key == "budget":
            return format_rupiah(plan.budget) if plan.budget else ""
        return self.display(plan, key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        plan = self.rows[index.row()]
        key = KEYS[index.column()]
        error = self.errors.get((plan.id, index.column()))
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(plan, key)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(plan, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if error:
                return error
            if key == "opd":
                opd = self.opds.get(plan.opd_id)
                return opd.name if opd else ""
            if key == "depends_on":
                return "\n".join(self.ws.plans.describe(d) for d in self.ws.plans.dependencies(plan.id)) or None
            text = self.display(plan, key)
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return ERROR_FILL
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key == "budget":
                return RIGHT
            if key in ("position", "first_year", "last_year"):
                return CENTER
        if role == Qt.ItemDataRole.FontRole and key == "activity":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Save one cell through the core; a refused value is reported with ``refused`` and nothing changes."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        plan = self.rows[index.row()]
        key = KEYS[index.column()]
        if value == self.edit_value(plan, key):
            self.errors.pop((plan.id, index.column()), None)
            return False
        try:
            saved = edit_field(self.ws, plan.id, key, value)
        except ValidationError as problem:
            column = FIELD_COLUMN.get(problem.field, index.column())
            self.errors[(plan.id, column)] = problem.message
            self.refused.emit(index.row(), column, problem.message, value)
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
            return False
        except FgdError as problem:
            self.errors[(plan.id, index.column())] = str(problem)
            self.refused.emit(index.row(), index.column(), str(problem), value)
            return False
        for column in range(len(COLUMNS)):
            self.errors.pop((plan.id, column), None)
        self.rows[index.row()] = saved
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        return True


class InnovationsModel(RowTableModel[InnovationRow]):
    """The innovations to plan: code, name, lead OPD and how many plans each has."""

    headers = (N_("Innovation"), "#")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: dict[str, int] = {}

    def set_rows(self, rows: list[InnovationRow], counts: dict[str, int] | None = None) -> None:
        """Show these innovations with their plan counts (one model reset)."""
        self.counts = {} if counts is None else counts
        super().set_rows(rows)

    def set_counts(self, counts: dict[str, int]) -> None:
        """Show new plan counts; only the rows whose count changed are redrawn."""
        old, self.counts = self.counts, counts
        for row, innovation in enumerate(self.rows):
            if old.get(innovation.id) != counts.get(innovation.id):
                self.dataChanged.emit(self.index(row, 1), self.index(row, 1))

    def row_of(self, innovation_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == innovation_id), -1)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:  # "#" is a sign, not a word: not translated
            return (tr(self.headers[0]), self.headers[1])[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 1:
            return tr("Number of action plans")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{row.code}  {row.name}".replace("\n", " "), str(self.counts.get(row.id, 0)))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.code} {row.name}\n{tr('Lead OPD')}: {row.lead_opd}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return CENTER
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and not self.counts.get(row.id):
            return QColor(theme.ERROR)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
