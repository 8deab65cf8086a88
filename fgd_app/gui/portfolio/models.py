"""Table models of the desk: regions, a comparison table, search hits. ``data()`` only maps roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from fgd_app.core.portfolio.compare import Comparison
from fgd_app.core.portfolio.rows import Dimension, Level, RegionStage
from fgd_app.core.portfolio.search import Hit
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, format_date, format_int, format_rupiah, roman, tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY, TOOLTIP, ALIGN, FOREGROUND = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                       Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RegionModel(RowTableModel[RegionStage]):
    """One row per region and stage; the dimension columns follow the file's dimensions."""

    # completeness early: what the ministry looks for first is who still owes what
    before = (N_("Code"), N_("Region"), N_("Province"), N_("Stage"), N_("Completeness"), N_("Dates"), N_("OPDs"),
              N_("Participants"), N_("Innovations"))
    after = (N_("Action plans"), N_("Budget estimate"), N_("Risks by level"), N_("Quick wins"), N_("Facilitator"),
             N_("SHA-256"), N_("Merged at"))

    def __init__(self, dimensions: list[Dimension], levels: list[Level], parent=None):
        super().__init__(parent)
        self.dimensions, self.levels = dimensions, levels
        self.headers = [*self.before, *("" for _ in dimensions), *self.after]
        self.first_dimension = len(self.before)

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt override
        d = section - self.first_dimension
        if orientation == Qt.Orientation.Horizontal and 0 <= d < len(self.dimensions):
            if role == DISPLAY:
                return self.dimensions[d].code
            if role == TOOLTIP:
                return tr("Innovations in {dimension}", dimension=self.dimensions[d].name)
            return None
        if orientation == Qt.Orientation.Horizontal and role == TOOLTIP and self.headers[section] == N_("Risks by level"):
            return " \u00b7 ".join(lv.name for lv in self.levels)
        return super().headerData(section, orientation, role)

    def _value(self, r: RegionStage, column: int) -> tuple[Any, Any]:
        """Return (shown text or number, sort key) of one cell."""
        d = column - self.first_dimension
        if 0 <= d < len(self.dimensions):
            n = r.per_dimension.get(self.dimensions[d].code, 0)
            return format_int(n), n
        name = self.headers[column]
        if name == N_("Code"):
            return r.region_code, r.region_code
        if name == N_("Region"):
            return r.region_name, r.region_name
        if name == N_("Province"):
            return r.province_name, (r.province_name, r.region_code)
        if name == N_("Stage"):
            return roman(r.stage) if r.stage else "", r.stage
        if name == N_("Dates"):
            days = [format_date(x, weekday=False) for x in dict.fromkeys((r.first_day, r.last_day)) if x]
            return " \u2013 ".join(days), r.first_day
        if name == N_("Facilitator"):
            return r.facilitator, r.facilitator
        if name in (N_("OPDs"), N_("Participants"), N_("Innovations"), N_("Action plans"), N_("Quick wins")):
            n = {N_("OPDs"): r.opds, N_("Participants"): r.participants, N_("Innovations"): r.innovations,
                 N_("Action plans"): r.plans, N_("Quick wins"): r.quick_wins}[name]
            return format_int(n), n
        if name == N_("Budget estimate"):
            return format_rupiah(r.budget), r.budget
        if name == N_("Risks by level"):
            return " \u00b7 ".join(str(r.per_level.get(lv.number, 0)) for lv in self.levels), r.risks
        if name == N_("Completeness"):
            return (tr("complete") if r.complete else "; ".join(r.missing)), len(r.missing)
        if name == N_("SHA-256"):
            return r.sha256[:12], r.sha256
        return r.merged_at.replace("T", " ")[:16], r.merged_at

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        r = self.row(index)
        if r is None:
            return None
        column = index.column()
        if role == DISPLAY:
            return self._value(r, column)[0]
        if role == SORT_ROLE:
            return self._value(r, column)[1]
        name = self.headers[column]
        if role == ALIGN and (column >= self.first_dimension and name not in (N_("Facilitator"), N_("SHA-256"),
                                                                                N_("Merged at"))
                              or name in (N_("OPDs"), N_("Participants"), N_("Innovations"))):
            return RIGHT
        if role == FOREGROUND and name == N_("Completeness"):
            return QColor(theme.SUCCESS if r.complete else theme.ERROR)
        if role == TOOLTIP:
            if name == N_("Completeness") and r.missing:
                return "\n".join(r.missing)
            if name == N_("SHA-256"):
                return tr("{sha} \u2014 file {name}", sha=r.sha256, name=r.file_name)
            if name == N_("Risks by level"):
                return "\n".join(f"{lv.name}: {r.per_level.get(lv.number, 0)}" for lv in self.levels)
        return None


class ComparisonModel(RowTableModel[list]):
    """A ``Comparison`` shown as it is: its column titles are already translated."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: Comparison | None = None

    def set_table(self, table: Comparison) -> None:
        self.beginResetModel()
        self.table, self.headers, self.rows = table, list(table.columns), list(table.rows)
        self.endResetModel()

    def headerData(self, section, orientation, role=DISPLAY):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        line = self.row(index)
        if line is None or self.table is None:
            return None
        kind, value = self.table.kinds[index.column()], line[index.column()]
        if role == DISPLAY:
            return format_int(value) if kind == "int" else format_rupiah(value) if kind == "rupiah" else str(value)
        if role == SORT_ROLE:
            return value
        if role == ALIGN and kind != "text":
            return RIGHT
        return None


class HitModel(RowTableModel[Hit]):
    headers = (N_("Region"), N_("Stage"), N_("Dimension"), N_("Code"), N_("Innovation"), N_("Problem or potential"),
               N_("Description"))

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        hit = self.row(index)
        if hit is None:
            return None
        values = (hit.region_name, roman(hit.stage) if hit.stage else "", hit.dimension, hit.code, hit.name,
                  hit.problem, hit.description)
        if role in (DISPLAY, SORT_ROLE):
            return values[index.column()]
        if role == TOOLTIP and index.column() >= 4:
            return values[index.column()]
        return None
