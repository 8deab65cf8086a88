"""Table models for OPDs and participants (with one attendance checkbox column per workshop day).

The models only map roles onto rows read from the core; edits go back through the core (one
undoable operation each). A ValidationError is reported through ``error`` and nothing is saved.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal

from fgd_app.core.errors import FgdError
from fgd_app.core.people.importer import OpdMatcher
from fgd_app.core.people.records import Opd, Participant
from fgd_app.core.workshop.defaults import PENTAHELIX, pentahelix_label
from fgd_app.core.workshop.details import WorkshopDay
from fgd_app.gui.widgets.table_model import Index, RowTableModel
from fgd_app.i18n import N_, day_name, format_date, month_name, tr

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3


def short_day(day: WorkshopDay) -> str:
    """Return a column header for a workshop day: "Sel 2 Jul"."""
    date = _dt.date.fromisoformat(day.day_date)
    return f"{day_name(date)[:3]} {date.day} {month_name(date.month)[:3]}"


class _RecordModel(RowTableModel[Any]):
    """Common part: rows with an ``id``, a list of (field, English header) columns, core saving."""

    error = Signal(str)  # a message in the UI language; nothing was saved
    saved = Signal(str)  # the name of the operation that was saved

    columns: tuple[tuple[str, str], ...] = ()
    editable: frozenset[str] = frozenset()

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws

    # --- shape -----------------------------------------------------------------------------------
    @property
    def headers(self) -> tuple[str, ...]:  # type: ignore[override]
        """The English headers of ``columns`` (a day column's is empty: ParticipantTableModel shows the date)."""
        return tuple(header for _, header in self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.ws.read_only and self.column_key(index.column()) in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def column_key(self, column: int) -> str:
        return self.columns[column][0] if 0 <= column < len(self.columns) else ""

    def column_of(self, key: str) -> int:
        return next(i for i, (k, _) in enumerate(self.columns) if k == key)

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == record_id), -1)

    # --- loading ---------------------------------------------------------------------------------
    def fetch(self) -> list[Any]:
        raise NotImplementedError

    def load(self) -> None:
        """Read the rows again; keep views' selection when the same rows are still there."""
        rows = self.fetch()
        if [r.id for r in rows] == [r.id for r in self.rows]:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def _replace_row(self, row: int, value: Any) -> None:
        self.rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _save(self, action) -> bool:
        try:
            action()
        except FgdError as error:
            self.error.emit(str(error))
            return False
        self.saved.emit(self.ws.store.undo_name() or "")
        return True


@dataclass
class OpdRow:
    opd: Opd
    participants: int = 0

    @property
    def id(self) -> str:
        return self.opd.id


class OpdTableModel(_RecordModel):
    columns = (("name", N_("OPD name")), ("short_name", N_("Short name")), ("kind", N_("Kind")),
               ("participants", N_("Participants")))
    editable = frozenset({"name", "short_name", "kind"})

    def fetch(self) -> list[OpdRow]:
        counts = self.ws.opds.participant_counts()
        return [OpdRow(o, counts.get(o.id, 0)) for o in self.ws.opds.list()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: OpdRow = self.rows[index.row()]
        key = self.column_key(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.participants if key == "participants" else getattr(row.opd, key)
        if role == Qt.ItemDataRole.ToolTipRole and key != "participants":
            return getattr(row.opd, key) or None
        if role == SORT_ROLE:
            return row.participants if key == "participants" else getattr(row.opd, key).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "participants":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        if role == SEARCH_ROLE:
            return " ".join((row.opd.name, row.opd.short_name, row.opd.kind)).casefold()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        key = self.column_key(index.column())
        if role != Qt.ItemDataRole.EditRole or key not in self.editable or self.ws.read_only:
            return False
        row: OpdRow = self.rows[index.row()]
        if str(value) == getattr(row.opd, key):
            return False

        def save() -> None:
            opd = self.ws.opds.update(row.id, **{key: str(value)})
            self._replace_row(index.row(), OpdRow(opd, row.participants))

        return self._save(save)


@dataclass
class ParticipantRow:
    person: Participant
    organisation: str = ""
    opd_name: str = ""
    present: set[str] = field(default_factory=set)  # day ids

    @property
    def id(self) -> str:
        return self.person.id


PERSON_COLUMNS = (("name", N_("Name")), ("position", N_("Position")), ("nip", N_("NIP")),
                  ("organisation", N_("OPD / organisation")), ("pentahelix", N_("Pentahelix")),
                  ("phone", N_("Phone")), ("email", N_("E-mail")))


class ParticipantTableModel(_RecordModel):
    """Participants; after the fixed columns, one checkable column per workshop day."""

    editable = frozenset({"name", "position", "nip", "organisation", "pentahelix", "phone", "email"})

    def __init__(self, ws, parent=None):
        super().__init__(ws, parent)
        self.days: list[WorkshopDay] = []
        self.opds: dict[str, Opd] = {}
        self.columns = PERSON_COLUMNS

    def fetch(self) -> list[ParticipantRow]:
        self.opds = {o.id: o for o in self.ws.opds.list()}
        days = self.ws.days.list()
        if [d.id for d in days] != [d.id for d in self.days]:
            self.beginResetModel()
            self.days, self.rows = days, []
            self.columns = PERSON_COLUMNS + tuple(("day:" + d.id, "") for d in days)
            self.endResetModel()
        present: dict[str, set[str]] = {}
        for person_id, day_id in self.ws.attendance.all():
            present.setdefault(person_id, set()).add(day_id)
        return [self._make_row(p, present.get(p.id, set())) for p in self.ws.participants.list()]

    def _make_row(self, person: Participant, present: set[str]) -> ParticipantRow:
        opd = self.opds.get(person.opd_id or "")
        return ParticipantRow(person, self.ws.participants.organisation_of(person, self.opds),
                              opd.name if opd else "", set(present))

    def day_of(self, column: int) -> WorkshopDay | None:
        key = self.column_key(column)
        return next((d for d in self.days if "day:" + d.id == key), None) if key.startswith("day:") else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        day = self.day_of(section) if orientation == Qt.Orientation.Horizontal else None
        if day is None:
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return short_day(day)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Present on {date}", date=format_date(day.day_date))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.day_of(index.column()) is not None and not self.ws.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: ParticipantRow = self.rows[index.row()]
        day = self.day_of(index.column())
        if day is not None:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if day.id in row.present else Qt.CheckState.Unchecked
            if role == SORT_ROLE:
                return int(day.id in row.present)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return tr("Present") if day.id in row.present else tr("Absent")
            return self._row_roles(row, role)
        key = self.column_key(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return row.organisation if key == "organisation" else getattr(row.person, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "organisation" and row.opd_name:
                return row.opd_name
            return self._display(row, key) or None
        if role == SORT_ROLE:
            return self._display(row, key).casefold()
        return self._row_roles(row, role)

    @staticmethod
    def _display(row: ParticipantRow, key: str) -> str:
        if key == "organisation":
            return row.organisation
        if key == "pentahelix":
            return pentahelix_label(row.person.pentahelix)
        return str(getattr(row.person, key))

    @staticmethod
    def _row_roles(row: ParticipantRow, role: int):
        if role == ID_ROLE:
            return row.id
        if role == SEARCH_ROLE:
            p = row.person
            return " ".join((p.name, p.position, p.nip, row.organisation, row.opd_name, p.phone, p.email,
                             pentahelix_label(p.pentahelix))).casefold()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.ws.read_only:
            return False
        row: ParticipantRow = self.rows[index.row()]
        day = self.day_of(index.column())
        if day is not None:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            present = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            return self.set_present(index.row(), day.id, present)
        key = self.column_key(index.column())
        if role != Qt.ItemDataRole.EditRole or key not in self.editable:
            return False
        changes = self.changes_for(key, value)
        if all(getattr(row.person, k) == v for k, v in changes.items()):
            return False

        def save() -> None:
            person = self.ws.participants.update(row.id, **changes)
            self._replace_row(index.row(), self._make_row(person, row.present))

        return self._save(save)

    def changes_for(self, key: str, value: Any) -> dict[str, Any]:
        """Return the fields to save when ``key`` is set to ``value`` (an organisation may name an OPD)."""
        if key == "organisation":
            if isinstance(value, dict):  # the delegate's choice: {"opd_id": ..., "organisation": ...}
                return dict(value)
            text = str(value or "").strip()
            opd = OpdMatcher(list(self.opds.values())).match(text)
            return {"opd_id": opd.id, "organisation": ""} if opd else {"opd_id": None, "organisation": text}
        if key == "pentahelix":
            value = value if value in PENTAHELIX else next(
                (k for k in PENTAHELIX if pentahelix_label(k).casefold() == str(value).casefold()), value)
        return {key: value}

    def set_present(self, row_number: int, day_id: str, present: bool) -> bool:
        """Mark one participant present or absent on one day (one undoable operation)."""
        row: ParticipantRow = self.rows[row_number]

        def save() -> None:
            self.ws.attendance.set(row.id, day_id, present, name=row.person.name)
            row.present = row.present | {day_id} if present else row.present - {day_id}
            self._replace_row(row_number, row)

        return self._save(save)

    def refresh_attendance(self) -> None:
        """Read attendance again (after an undo or redo of a tick) without reloading the rows."""
        present: dict[str, set[str]] = {}
        for person_id, day_id in self.ws.attendance.all():
            present.setdefault(person_id, set()).add(day_id)
        changed = [i for i, row in enumerate(self.rows) if row.present != present.get(row.id, set())]
        for i in changed:
            self.rows[i].present = present.get(self.rows[i].id, set())
        if changed and self.days:
            first = len(PERSON_COLUMNS)
            self.dataChanged.emit(self.index(min(changed), first), self.index(max(changed), self.columnCount() - 1))

    def present_counts(self) -> list[tuple[WorkshopDay, int]]:
        return [(d, sum(1 for r in self.rows if d.id in r.present)) for d in self.days]


class SearchProxy(QSortFilterProxyModel):
    """Filter rows by every word typed (in any column) and sort by the models' SORT_ROLE."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._terms = text.casefold().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._terms = text.casefold().split()
            self.invalidateFilter()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        """Number the rows as shown (1, 2, 3 ... after sorting and filtering)."""
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return super().headerData(section, orientation, role)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt override
        if not self._terms:
            return True
        model = self.sourceModel()
        haystack = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
        return all(term in haystack for term in self._terms)
