"""The base of the table models over a Python list of rows, and the one ``Index`` type of the Qt model API.

A subclass names its column headers once (``headers``: English msgids, translated when shown; optional
``header_tips``) and maps roles in ``data()``; ``rowCount``, ``columnCount`` and ``headerData`` come from
here. ``set_rows`` replaces every row (one model reset); ``row(index)`` returns the row under an index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from fgd_app.i18n import tr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

RowT = TypeVar("RowT")


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat table: one row per item of ``rows``, one column per header."""

    headers: Sequence[str] = ()  # English msgids (N_-marked), translated by headerData
    header_tips: Sequence[str] = ()  # optional tooltip msgid per column ("" = none)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[RowT] = []

    def set_rows(self, rows: Iterable[RowT]) -> None:
        """Show these rows instead of the current ones (one model reset)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: Index) -> RowT | None:
        """Return the row item under ``index``, or None for an invalid index."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.headers[section]
            return tr(text) if text else ""
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.header_tips) and self.header_tips[section]:
            return tr(self.header_tips[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return nothing; subclasses map roles onto their rows."""
        return None
