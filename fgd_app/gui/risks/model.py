"""The register table: a model over the core's register lines that filters and sorts in Python.

Filtering (``RegisterFilter`` from the core) and sorting happen on the plain list of rows, so 10,000
risks filter and sort in milliseconds; ``data()`` only maps roles.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from fgd_app.core.risks.matrix import RiskMatrix, text_colour
from fgd_app.core.risks.register import RISK_TYPES, option_label
from fgd_app.core.risks.register_lines import RegisterFilter, RegisterRow
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, tr

# (key, header msgid, tooltip msgid)
COLUMNS = (
    ("code", N_("Code"), N_("Risk code: R-<innovation code>-<number>")),
    ("event", N_("Risk event"), ""),
    ("level", N_("Level"), N_("Magnitude and level looked up in the matrix (likelihood \u00d7 impact in the tooltip)")),
    ("treatment", N_("Treatment"), ""),
    ("residual", N_("Residual"), N_("Residual magnitude and level after treatment")),
    ("owner", N_("Owner"), N_("OPD responsible for the risk")),
    ("category", N_("Category"), ""),
    ("type", N_("Type"), N_("Negative or positive risk")),
    ("innovation", N_("Innovation"), ""),
)
KEYS = [c[0] for c in COLUMNS]
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RiskTableModel(RowTableModel[RegisterRow]):
    """Visible register lines (after the filter, in the chosen order)."""

    headers = tuple(c[1] for c in COLUMNS)
    header_tips = tuple(c[2] for c in COLUMNS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.all_rows: list[RegisterRow] = []
        self.matrix: RiskMatrix | None = None
        self.filter = RegisterFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._level_cache: dict[int, tuple[str, QBrush, QBrush]] = {}

    # --- data in -----------------------------------------------------------------------------------
    def set_rows(self, matrix: RiskMatrix, rows: list[RegisterRow]) -> None:  # type: ignore[override]
        """Show these register lines (the filter and order stay) with the levels of ``matrix``."""
        self.matrix = matrix
        self._level_cache = {lv.number: (lv.name, QBrush(QColor(lv.colour)), QBrush(QColor(text_colour(lv.colour))))
                             for lv in matrix.levels}
        self.all_rows = rows
        self._rebuild()

    def set_filter(self, flt: RegisterFilter) -> None:
        self.filter = flt
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        flt = self.filter
        self.rows = [r for r in self.all_rows if flt.matches(r)] if flt.active else list(self.all_rows)
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows (column -1: back to register order)."""
        self._sort = (column, order) if column >= 0 else None
        self.layoutAboutToBeChanged.emit()
        if column >= 0:
            self._apply_sort(column, order)
        else:
            order_of = {r.id: n for n, r in enumerate(self.all_rows)}
            self.rows.sort(key=lambda r: order_of[r.id])
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        key = KEYS[column]
        low = -1
        keys = {
            "code": lambda r: r.code,
            "innovation": lambda r: (r.innovation_code, r.code),
            "event": lambda r: r.event.casefold(),
            "type": lambda r: r.risk_type,
            "category": lambda r: r.category.casefold(),
            "owner": lambda r: r.owner_opd.casefold(),
            "level": lambda r: (r.magnitude or low, r.code),
            "treatment": lambda r: (r.lacks_treatment, r.treated, r.treatment_option),
            "residual": lambda r: (r.residual_magnitude or low, r.code),
        }
        self.rows.sort(key=keys[key], reverse=order == Qt.SortOrder.DescendingOrder)

    # --- model API ---------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == ID_ROLE:
            return row.id
        if key == "level" and row.level is not None and role in (
                Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            _name, background, ink = self._level_cache.get(row.level, ("", None, None))
            return background if role == Qt.ItemDataRole.BackgroundRole else ink
        if key == "residual" and row.residual_level is not None and role in (
                Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            _name, background, ink = self._level_cache.get(row.residual_level, ("", None, None))
            return background if role == Qt.ItemDataRole.BackgroundRole else ink
        if key == "treatment" and role == Qt.ItemDataRole.ForegroundRole and row.lacks_treatment:
            return QBrush(QColor(theme.ERROR))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        return None

    def _text(self, row: RegisterRow, key: str) -> str:
        if key == "code":
            return row.code
        if key == "innovation":
            return f"{row.innovation_code} {row.innovation_name}"
        if key == "event":
            return row.event
        if key == "type":
            return tr(RISK_TYPES[row.risk_type])
        if key == "category":
            return row.category
        if key == "owner":
            return row.owner_opd
        if key == "level":
            if row.magnitude is None:
                return "\u2013"
            name = self._level_cache[row.level][0] if row.level in self._level_cache else ""
            return f"{row.magnitude} {name}"
        if key == "treatment":
            if row.lacks_treatment:
                return tr("Needs treatment")
            if row.treatment_decision == "no":
                return tr("Not treated")
            return option_label(row.treatment_option) if row.treatment_option else ""
        if key == "residual":
            if row.residual_magnitude is None:
                return ""
            name = self._level_cache[row.residual_level][0] if row.residual_level in self._level_cache else ""
            return f"{row.residual_magnitude} {name}"
        return ""

    def _tooltip(self, row: RegisterRow, key: str) -> str | None:
        if key in ("event", "innovation", "code"):
            return f"{row.innovation_code} {row.innovation_name}\n{row.event}"
        if key == "level" and row.likelihood is not None:
            return tr("Likelihood {l} \u00d7 impact {i} \u2192 magnitude {m}", l=row.likelihood, i=row.impact,
                      m=row.magnitude)
        if key == "residual" and row.residual_likelihood is not None:
            return tr("Likelihood {l} \u00d7 impact {i} \u2192 magnitude {m}", l=row.residual_likelihood,
                      i=row.residual_impact, m=row.residual_magnitude)
        if key == "treatment" and row.treatment_action:
            return row.treatment_action
        return None

    # --- helpers -----------------------------------------------------------------------------------
    def row_of(self, risk_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r.id == risk_id), -1)

    def risk_at(self, row: int) -> RegisterRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
