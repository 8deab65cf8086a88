"""The projector's risk mode: the inherent and residual heat maps side by side, with the level legend.

It counts the risks the risk page's filters let through (dimension, OPD, level, treatment, search), so the
room sees the same map as the laptop; the heat-map cell picked on the laptop is framed. Without a risk
page it counts every risk.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget
from shiboken6 import isValid

from fgd_app.core.risks.matrix import text_colour
from fgd_app.core.risks.register_lines import RegisterFilter, RegisterRow
from fgd_app.gui.projector.panel import Heading, Panel
from fgd_app.gui.risks.heatmap import RISK_AREAS, ProjectorHeatMap
from fgd_app.gui.widgets import theme
from fgd_app.i18n import format_int, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.risks.matrix import RiskMatrix


class FilteredHeatMap(ProjectorHeatMap):
    """``ProjectorHeatMap`` counting only the risks ``register_filter`` lets through (its cell is framed)."""

    def refresh(self) -> None:
        """Read the matrix and the register again, then count."""
        self.matrix: RiskMatrix = self.ws.risks.matrix()
        self.rows: list[RegisterRow] = self.ws.risks.rows()
        self.recount()

    def recount(self) -> None:
        flt = getattr(self, "register_filter", None) or RegisterFilter()
        without_cell = dataclasses.replace(flt, cell=None)
        self.shown = [r for r in self.rows if without_cell.matches(r)] if without_cell.active else self.rows
        self.pair.set_rows(self.matrix, self.shown, flt.cell, flt.residual_cell)
        self.pair.legend.setText(legend_html(self.matrix))
        self.title.setText(tr("Risk map: {count} risks ({matrix})", count=format_int(len(self.shown)),
                              matrix=self.matrix.name))


class RisksPanel(Panel):
    """The heat-map pair in projector type; the header names the matrix and the filter."""

    WATCHED = (*RISK_AREAS, "dimensions")

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(workshop, parent)
        self.source: QWidget | None = None
        self.heat = FilteredHeatMap(workshop, background=theme.PROJECTOR_BACKGROUND, foreground=theme.PROJECTOR_TEXT)
        self.heat.register_filter = RegisterFilter()
        self.heat.title.hide()  # the window's header says it, beside the timer
        for heat_map in (self.heat.pair.inherent, self.heat.pair.residual):
            heat_map.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # no hand cursor, no tooltips
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heat)
        self.dirty = False  # ProjectorHeatMap read the file just now

    @property
    def pair(self):
        return self.heat.pair

    # --- following the risk page -------------------------------------------------------------------
    def follow(self, source: QWidget | None) -> None:
        self.source = source if source is not None and hasattr(source, "current_filter") else None
        self.sync()

    def _source(self) -> QWidget | None:
        source = self.source
        return source if source is not None and isValid(source) else None

    def sync(self) -> None:
        """Take the risk page's filter and, while it is on show (it reloads at every change), its register."""
        source = self._source()
        heat = self.heat
        changed = False
        mirrored = source is not None and source.isVisible() and hasattr(source, "rows")
        if mirrored and (source.rows is not heat.rows or source.matrix is not heat.matrix):
            heat.rows, heat.matrix = source.rows, source.matrix
            changed = True
        flt = source.current_filter() if source is not None else RegisterFilter()
        if changed or flt != heat.register_filter:
            heat.register_filter = flt
            heat.recount()
            self.heading_changed.emit()

    def refresh(self) -> None:
        self.dirty = False
        source = self._source()
        if source is not None and source.isVisible() and hasattr(source, "rows"):
            self.sync()  # the page has read the register again already: no second query
            return
        self.heat.refresh()
        self.heading_changed.emit()

    # --- panel contract ----------------------------------------------------------------------------
    def heading(self) -> Heading:
        heat = self.heat
        parts = []
        described = describe_filter(self.workshop, heat.matrix, heat.register_filter)
        if described:
            parts.append(tr("Filter: {what}", what=described))
        lacking = sum(1 for r in heat.shown if r.lacks_treatment)
        if lacking:
            parts.append(tr("{count} not treated yet (\u2265 appetite)", count=format_int(lacking)))
        return Heading(tr("Risk map"), "  \u00b7  ".join(parts), tr("{count} risks", count=format_int(len(heat.shown))))

    def apply_sizes(self, points: float) -> None:
        font = QFont(self.heat.font())
        font.setPointSizeF(points * 0.72)
        self.heat.pair.setFont(font)
        legend = QFont(font)
        legend.setPointSizeF(points * 0.8)
        self.heat.pair.legend.setFont(legend)


def legend_html(matrix: RiskMatrix) -> str:
    """Return the level swatches with their magnitude ranges; a level's name never breaks across lines."""
    swatches = []
    for level in matrix.levels:
        name = escape(level.name).replace(" ", "&nbsp;")
        swatches.append(f"<span style='background:{level.colour}; color:{text_colour(level.colour)}'>&nbsp;{name}"
                        f"&nbsp;</span>&nbsp;{level.min_magnitude}\u2013{level.max_magnitude}")
    return " &nbsp; ".join(swatches)


def describe_filter(workshop: Workshop, matrix: RiskMatrix, flt: RegisterFilter) -> str:
    """Return the filter in words ("Smart Governance, Dinkes, Tinggi"), "" when it lets everything through."""
    parts = []
    if flt.dimension_id:
        parts += [d.name for d in workshop.dimensions.list() if d.id == flt.dimension_id]
    if flt.opd_id:
        parts += [o.short_name or o.name for o in workshop.opds.list() if o.id == flt.opd_id]
    if flt.level is not None:
        parts += [lv.name for lv in matrix.levels if lv.number == flt.level]
    if flt.treated is True:
        parts.append(tr("treated"))
    elif flt.treated is False:
        parts.append(tr("needing a treatment"))
    if flt.text:
        parts.append(f"\u201c{flt.text}\u201d")
    return ", ".join(parts)
