"""Column widths for tables that must fit a laptop (1366 px) and a projector (1024 px) without clipping.

Each column starts at the width of its longest text (header included). When that is too wide for the
view, the flexible columns shrink toward their minimum, then the least needed columns are hidden.
When there is room left, the flexible columns share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

MEASURED_ROWS = 300  # rows whose texts are looked at (a list of participants is rarely longer)
MEASURED_TEXTS = 4  # of those, the longest texts per column that are measured in pixels


@dataclass
class ColumnPlan:
    """How a table's columns may give way: ``minimum_chars`` (flexible columns), caps, hiding order."""

    minimum_chars: dict[str, int] = field(default_factory=dict)
    caps: dict[str, int] = field(default_factory=dict)
    hide_order: tuple[str, ...] = ()


def natural_widths(table: QTableView, keys: list[str], caps: dict[str, int]) -> dict[str, int]:
    """Return the width each column needs for its header and its longest text (first rows only)."""
    model = table.model()
    metrics = table.fontMetrics()
    header_metrics = table.horizontalHeader().fontMetrics()
    char = metrics.averageCharWidth()
    widths: dict[str, int] = {}
    rows = min(model.rowCount(), MEASURED_ROWS)
    for column, key in enumerate(keys):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = header_metrics.horizontalAdvance(title) + 30
        texts = {str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) or "") for row in range(rows)}
        for text in sorted(texts, key=len, reverse=True)[:MEASURED_TEXTS]:
            if text:
                width = max(width, metrics.horizontalAdvance(text) + 16)
        widths[key] = min(width, caps[key] * char) if key in caps else width
    return widths


def fit_columns(table: QTableView, keys: list[str], plan: ColumnPlan,
                user_shown: dict[str, bool] | None = None) -> list[str]:
    """Size (and where needed hide) the columns of ``table``; return the keys hidden to make room."""
    user_shown = user_shown or {}
    available = table.viewport().width()
    char = table.fontMetrics().averageCharWidth()
    natural = natural_widths(table, keys, plan.caps)
    minimum = {k: min(natural[k], plan.minimum_chars[k] * char) if k in plan.minimum_chars else natural[k]
               for k in keys}
    hidden = {k for k, shown in user_shown.items() if not shown}
    auto_hidden: list[str] = []
    for key in plan.hide_order:
        if sum(minimum[k] for k in keys if k not in hidden) <= available:
            break
        if key in keys and key not in hidden and key not in user_shown:
            hidden.add(key)
            auto_hidden.append(key)
    visible = [k for k in keys if k not in hidden]
    widths = {k: natural[k] for k in visible}
    flex = [k for k in visible if k in plan.minimum_chars]
    total = sum(widths.values())
    if flex and total < available:
        weights = sum(natural[k] for k in flex) or 1
        for k in flex:
            widths[k] += (available - total) * natural[k] // weights
    elif flex and total > available:
        room = sum(natural[k] - minimum[k] for k in flex)
        deficit = min(total - available, room)
        for k in flex:
            if room:
                widths[k] -= deficit * (natural[k] - minimum[k]) // room
    if flex:  # integer division leaves a few pixels: give or take them on the first flexible column
        widths[flex[0]] += max(available - sum(widths.values()), minimum[flex[0]] - widths[flex[0]])
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column, key in enumerate(keys):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnHidden(column, key in hidden)
        if key in widths:
            header.resizeSection(column, widths[key])
    return auto_hidden
