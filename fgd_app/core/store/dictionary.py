"""The data dictionary: what every table and column means, in Bahasa Indonesia and English.

The descriptions live in ``db/data_dictionary.json`` (data, not code); this module reads them, fills in the
shared descriptions of common columns (id, created_at, ...), and lists what is still undescribed. The
hand-over file carries the result as its ``data_dictionary`` table; Excel and CSV take their headings
from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from fgd_app.core.store import known_schema
from fgd_app.i18n import language
from fgd_app.resources import db_path

DICTIONARY_FILE = "data_dictionary.json"
EXCEL_MODES = ("edit", "read", "legend", "skip")


@cache
def _load() -> dict[str, Any]:
    return json.loads(db_path(DICTIONARY_FILE).read_text(encoding="utf-8"))


def reload() -> None:
    """Forget the cached dictionary (after the file was edited)."""
    _load.cache_clear()


@dataclass(frozen=True)
class Entry:
    """The description of one table (``column`` empty) or column."""

    table: str
    column: str
    id: str
    en: str
    label_id: str = ""
    label_en: str = ""
    kind: str = ""

    def description(self, lang: str | None = None) -> str:
        return self.en if (lang or language()) == "en" else self.id

    def label(self, lang: str | None = None) -> str:
        """Return the short heading; the column name when the dictionary gives none."""
        lang = lang or language()
        text = self.label_en if lang == "en" else self.label_id
        return text or self.label_en or self.column or self.table


def table_entry(table: str) -> Entry | None:
    raw = _load()["tables"].get(table)
    if raw is None:
        return None
    return Entry(table, "", raw.get("id", ""), raw.get("en", ""), raw.get("label_id", ""), raw.get("label_en", ""))


def column_entry(table: str, column: str) -> Entry | None:
    """Return the column's entry, or the common entry for that column name, or None."""
    data = _load()
    raw = data["tables"].get(table, {}).get("columns", {}).get(column)
    common = data.get("common_columns", {}).get(column)
    if raw is None and common is None:
        return None
    merged = (common or {}) | (raw or {})
    return Entry(table, column, merged.get("id", ""), merged.get("en", ""), merged.get("label_id", ""),
                 merged.get("label_en", ""), merged.get("kind", ""))


def table_option(table: str, key: str, default: Any = None) -> Any:
    """Return a per-table option (``excel``, ``display``, ``list``)."""
    return _load()["tables"].get(table, {}).get(key, default)


def column_option(table: str, column: str, key: str, default: Any = None) -> Any:
    """Return a per-column option (``computed``), looking at the common columns too."""
    data = _load()
    raw = data["tables"].get(table, {}).get("columns", {}).get(column) or data.get("common_columns", {}).get(column)
    return (raw or {}).get(key, default)


def excel_mode(table: str) -> str:
    """Return "edit", "read", "legend" or "skip" (tables not in the dictionary are exported read-only)."""
    mode = table_option(table, "excel", "read")
    return mode if mode in EXCEL_MODES else "read"


def kind(table: str, column: str) -> str:
    entry = column_entry(table, column)
    return entry.kind if entry else ""


def column_label(table: str, column: str, lang: str | None = None) -> str:
    entry = column_entry(table, column)
    return entry.label(lang) if entry else column


def table_label(table: str, lang: str | None = None) -> str:
    entry = table_entry(table)
    return entry.label(lang) if entry else table


def sheet_order() -> list[str]:
    """Return the tables in workbook order: ``excel_sheet_order`` first, then the dictionary's order."""
    first = [t for t in _load().get("excel_sheet_order", []) if t in _load()["tables"]]
    return first + [t for t in table_order() if t not in first]


def table_order() -> list[str]:
    """Return the tables in the order the dictionary lists them (the order sheets and docs use)."""
    return list(_load()["tables"])


def missing() -> list[str]:
    """Return "table" or "table.column" for every part of the known schema without both descriptions."""
    out = []
    for name, table in sorted(known_schema.reference().tables.items()):
        entry = table_entry(name)
        if entry is None or not entry.id.strip() or not entry.en.strip():
            out.append(name)
        for column in table.column_names:
            col = column_entry(name, column)
            if col is None or not col.id.strip() or not col.en.strip():
                out.append(f"{name}.{column}")
    return out


def stale() -> list[str]:
    """Return dictionary entries that name tables or columns the schema does not have."""
    tables = known_schema.reference().tables
    out = []
    for name, raw in _load()["tables"].items():
        if name not in tables:
            out.append(name)
            continue
        out += [f"{name}.{c}" for c in raw.get("columns", {}) if c not in tables[name].column_names]
    return out


def rows() -> list[tuple]:
    """Return the rows of the ``data_dictionary`` table of a hand-over file (see ``DICTIONARY_TABLE_SQL``)."""
    ref = known_schema.reference()
    order = {name: i for i, name in enumerate(table_order())}
    out = []
    for name in sorted(ref.tables, key=lambda n: (order.get(n, len(order)), n)):
        table = ref.tables[name]
        entry = table_entry(name) or Entry(name, "", "", "")
        out.append((name, "", "", "", entry.id, entry.en, entry.label_id, entry.label_en, ""))
        for column in table.columns:
            col = column_entry(name, column.name) or Entry(name, column.name, "", "")
            fk = table.reference_to(column.name)
            refers = f"{fk.table}.{fk.ref_columns[0]}" if fk else ""
            key = "PK" if column.pk else ""
            out.append((name, column.name, column.type, key, col.id, col.en, col.label_id, col.label_en, refers))
    return out


DICTIONARY_TABLE_SQL = """
CREATE TABLE data_dictionary (
    table_name     TEXT NOT NULL,
    column_name    TEXT NOT NULL DEFAULT '',  -- '' : the row describes the table itself
    data_type      TEXT NOT NULL DEFAULT '',
    key            TEXT NOT NULL DEFAULT '',  -- 'PK' for primary-key columns
    description_id TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    label_id       TEXT NOT NULL DEFAULT '',
    label_en       TEXT NOT NULL DEFAULT '',
    refers_to      TEXT NOT NULL DEFAULT '',  -- 'table.column' a foreign key points to
    PRIMARY KEY (table_name, column_name)
)
"""
