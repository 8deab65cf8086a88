"""The innovation table: ONE source model over all innovations, and filter proxies (dimension, element,
search matches) for the capture table and the projector.

The model refreshes only the innovations the core reports as changed (``Innovations.changed_since``), so
a quick-add among 6,000 innovations inserts one row instead of reloading them all.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.innovations.records import InnovationRow, status_short
from fgd_app.core.store.changes import Changes
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, tr

IdRole = Qt.ItemDataRole.UserRole + 1
DimensionRole = Qt.ItemDataRole.UserRole + 2
# Plain ints and flags computed once: data() and flags() run for every painted cell.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ID = int(IdRole)
_DIMENSION = int(DimensionRole)
_READ_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDIT_FLAGS = _READ_FLAGS | Qt.ItemFlag.ItemIsEditable
NEWEST_BACKGROUND = QColor(theme.NEWEST_ROW)  # the row just added, until the next one

# (key, header msgid, field saved by inline edits or "")
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("code", N_("Code"), ""),
    ("name", N_("Innovation"), "name"),
    ("element", N_("Element"), "element_id"),
    ("lead_opd", N_("Lead OPD"), "lead_opd_id"),
    ("supporting", N_("Supporting OPDs"), ""),
    ("status", N_("Status"), "status"),
    ("is_ict", N_("ICT"), "is_ict"),
    ("proposing_group", N_("Group"), "proposing_group"),
)
COLUMN = {key: number for number, (key, _, _) in enumerate(COLUMNS)}
_EDIT_VALUE = {"name": "name", "element": "element_id", "lead_opd": "lead_opd_id", "status": "status",
               "is_ict": "is_ict", "proposing_group": "proposing_group"}


def ict_label(is_ict: bool) -> str:
    return tr("ICT") if is_ict else tr("Non-ICT")


def one_line(text: str) -> str:
    """Return text for a table cell or list line: line breaks shown as spaces."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


class InnovationModel(RowTableModel[InnovationRow]):
    """All innovations, ordered by dimension and code number; inline edits go through the core."""

    edit_failed = Signal(str)  # message of a refused inline edit
    headers = tuple(header for _, header, _ in COLUMNS)

    def __init__(self, workshop: Workshop, parent=None):
        super().__init__(parent)
        self.workshop = workshop
        self.newest_id = ""
        self._token = 0
        self._position: dict[str, int] = {}
        self._keys: list[tuple[int, int, str]] = []
        self.reload()

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read every innovation again (after OPD or element renames, or when changes are unknown)."""
        self.beginResetModel()
        self._token = self.workshop.innovations.change_token()  # follow changes from here
        self.rows = self.workshop.innovations.rows()
        self._reindex()
        self.endResetModel()

    def refresh(self, changes: Changes) -> set[str]:
        """Bring the rows up to date after a commit, undo or redo; return the ids that changed."""
        if changes.touches("opds", "dimensions"):
            self.reload()
            return set(self._position)
        if not changes.touches("innovations"):
            return set()
        ids, self._token = self.workshop.innovations.changed_since(self._token)
        if ids is None:
            self.reload()
            return set(self._position)
        self.apply(ids)
        return ids

    def apply(self, ids: set[str]) -> None:
        """Insert, update or remove the rows of these innovations."""
        fresh = {r.id: r for r in self.workshop.innovations.rows(ids)} if ids else {}
        for innovation_id in ids:
            row = fresh.get(innovation_id)
            at = self._position.get(innovation_id)
            if at is not None and row is not None and row.sort_key == self._keys[at]:
                self.rows[at] = row
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))
                continue
            if at is not None:
                self.beginRemoveRows(QModelIndex(), at, at)
                del self.rows[at]
                del self._keys[at]
                self._reindex(keys=False)
                self.endRemoveRows()
            if row is not None:
                key = row.sort_key
                at = bisect.bisect_left(self._keys, key)
                self.beginInsertRows(QModelIndex(), at, at)
                self.rows.insert(at, row)
                self._keys.insert(at, key)
                self._reindex(keys=False)
                self.endInsertRows()

    def _reindex(self, *, keys: bool = True) -> None:
        self._position = {r.id: n for n, r in enumerate(self.rows)}
        if keys:
            self._keys = [r.sort_key for r in self.rows]

    def row_of(self, innovation_id: str) -> int | None:
        return self._position.get(innovation_id)

    # --- Qt model --------------------------------------------------------------------------------
    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        role = int(role)
        if role == _DISPLAY:
            return self.display(self.rows[index.row()], COLUMNS[index.column()][0])
        if role == _BACKGROUND:
            return NEWEST_BACKGROUND if self.newest_id and self.rows[index.row()].id == self.newest_id else None
        if role == _EDIT:
            key = COLUMNS[index.column()][0]
            return getattr(self.rows[index.row()], _EDIT_VALUE.get(key, key), None)
        if role == _TOOLTIP:
            key = COLUMNS[index.column()][0]
            return (getattr(self.rows[index.row()], key) or None) if key in ("name", "supporting") else None
        if role == _ID:
            return self.rows[index.row()].id
        if role == _DIMENSION:
            return self.rows[index.row()].dimension_id
        return None

    def set_newest(self, innovation_id: str) -> None:
        """Mark the innovation just added (its row is tinted until the next one)."""
        previous, self.newest_id = self.newest_id, innovation_id
        for tinted in (previous, innovation_id):
            at = self._position.get(tinted) if tinted else None
            if at is not None:
                self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1), [_BACKGROUND])

    @staticmethod
    def display(row: InnovationRow, key: str) -> str:
        if key == "status":
            return status_short(row.status)
        if key == "is_ict":
            return ict_label(row.is_ict)
        value = getattr(row, key)
        return one_line(value) if key == "name" else value

    def flags(self, index: Index) -> Qt.ItemFlag:
        if COLUMNS[index.column()][2] and not self.workshop.read_only:
            return _EDIT_FLAGS
        return _READ_FLAGS

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = COLUMNS[index.column()][2]
        if not field or self.workshop.read_only:
            return False
        row = self.rows[index.row()]
        if value == getattr(row, _EDIT_VALUE[COLUMNS[index.column()][0]]):
            return True
        try:
            self.workshop.innovations.update(row.id, **{field: value})
        except ValidationError as problem:
            self.edit_failed.emit(problem.message)
            return False
        except FgdError as problem:
            self.edit_failed.emit(str(problem))
            return False
        return True


class InnovationFilter(QSortFilterProxyModel):
    """Rows of one dimension (or all), optionally one element, optionally only search matches."""

    def __init__(self, source: InnovationModel, parent=None, *, dimension_id: str | None = None):
        super().__init__(parent)
        self.dimension_id: str | None = dimension_id  # set before the source: rows are filtered once
        self.element_id: str | None = None
        self.matches: set[str] | None = None
        self._model = source
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)
        self.setSortRole(Qt.ItemDataRole.EditRole)

    def source(self) -> InnovationModel:
        return self._model

    def set_scope(self, dimension_id: str | None, element_id: str | None = None) -> None:
        if (dimension_id, element_id) != (self.dimension_id, self.element_id):
            self.beginFilterChange()
            self.dimension_id, self.element_id = dimension_id, element_id
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_matches(self, matches: set[str] | None) -> None:
        """Show only these innovation ids (None: no search)."""
        if matches != self.matches:
            self.beginFilterChange()
            self.matches = matches
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt API
        row = self._model.rows[source_row]
        if self.matches is not None:
            return row.id in self.matches
        if self.dimension_id is not None and row.dimension_id != self.dimension_id:
            return False
        return self.element_id is None or row.element_id == self.element_id

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802 - Qt API
        rows = self._model.rows
        a, b = rows[left.row()], rows[right.row()]
        key = COLUMNS[left.column()][0]
        if key == "code":
            return (a.code[:3], a.number) < (b.code[:3], b.number)
        return InnovationModel.display(a, key).casefold() < InnovationModel.display(b, key).casefold()

    def innovation_id(self, row: int) -> str:
        return self.source().rows[self.mapToSource(self.index(row, 0)).row()].id

    def row_of(self, innovation_id: str) -> int | None:
        """Return the proxy row showing the innovation, or None when it is filtered out."""
        source_row = self.source().row_of(innovation_id)
        if source_row is None:
            return None
        mapped = self.mapFromSource(self.source().index(source_row, 0))
        return mapped.row() if mapped.isValid() else None
