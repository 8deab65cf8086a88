"""What a workbook sheet (or a CSV file) of a table holds: its columns, headings and roles.

Built from the known schema and the data dictionary alone, so every table a migration adds gets a sheet
without code. Shared by the Excel export, the Excel import and the CSV export.

Column roles:
- ``key``: the row's UUID (``id``); matched on import, never changed;
- ``value``: an editable column;
- ``ref``: a foreign key (an ID, kept for the round trip) — followed by its ``name`` column;
- ``name``: the readable name of the row a ``ref`` points at; typing another name there picks that row;
- ``info``: shown, never imported (timestamps, values the app computes, every column of a read-only sheet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fgd_app.core.store import dictionary, known_schema
from fgd_app.core.store.known_schema import ForeignKey, Table
from fgd_app.i18n import language

SHEET_NAME_LIMIT = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_TIMESTAMPS = ("created_at", "updated_at")


@dataclass
class ColumnSpec:
    column: str  # the table column ("" never: a ``name`` column names the ref column it belongs to)
    header: str
    role: str  # key, value, ref, name, info
    kind: str = ""  # rupiah, date, datetime, year, bool, code, text, int, ""
    choices: tuple[str, ...] = ()  # allowed values (CHECK ... IN (...)), for a drop-down list
    ref: ForeignKey | None = None
    ref_display: str = ""  # for ``ref`` and ``name``: the parent's column that names a row


@dataclass
class SheetSpec:
    table: Table
    title: str
    mode: str  # edit or read
    columns: list[ColumnSpec] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        return self.mode == "edit"

    def order_by(self) -> str:
        names = self.table.column_names
        for candidate in ("code", "position", "day_date", "number", "name"):
            if candidate in names:
                return f'"{candidate}", rowid'
        return "rowid"


def _choices(table: Table, column: str) -> tuple[str, ...]:
    match = re.search(rf"\b{re.escape(column)}\s+IN\s*\(([^)]*)\)", table.sql, re.I)
    if not match:
        return ()
    values = re.findall(r"'((?:[^']|'')*)'", match.group(1))
    return tuple(v.replace("''", "'") for v in values)


def _kind(table: Table, column: str) -> str:
    given = dictionary.kind(table.name, column)
    if given:
        return given
    declared = table.column(column).type.upper()
    return "int" if "INT" in declared else ""


def _name_header(table: str, column: str, lang: str) -> str:
    label = dictionary.column_label(table, column, lang)
    stripped = re.sub(r"^ID\s+|\s+ID$", "", label).strip()
    if not stripped or stripped == label:
        return label + " \u2014 " + ("nama" if lang == "id" else "name")
    return stripped[0].upper() + stripped[1:]


def sheet_title(table: str, used: set[str], lang: str) -> str:
    base = _BAD_SHEET_CHARS.sub("-", dictionary.table_label(table, lang))[:SHEET_NAME_LIMIT] or table
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[:SHEET_NAME_LIMIT - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def build_specs(tables: dict[str, Table] | None = None, *, lang: str | None = None,
                modes: tuple[str, ...] = ("edit", "read")) -> list[SheetSpec]:
    """Return a sheet spec for every table whose Excel mode is in ``modes``, in workbook order."""
    lang = lang or language()
    tables = tables if tables is not None else known_schema.reference().tables
    record_names = {t.name for t in known_schema.reference().record_tables}
    order = dictionary.sheet_order()
    names = [n for n in order if n in tables] + sorted(n for n in tables if n not in order)
    used: set[str] = {"_fgd"}
    specs = []
    for name in names:
        mode = dictionary.excel_mode(name)
        if name not in record_names or mode not in modes:
            continue
        table = tables[name]
        spec = SheetSpec(table, sheet_title(name, used, lang), mode)
        for column in table.columns:
            if column.hidden:
                continue
            col = column.name
            header = dictionary.column_label(name, col, lang)
            kind = _kind(table, col)
            fk = table.reference_to(col)
            parent = tables.get(fk.table) if fk else None
            display = dictionary.table_option(fk.table, "display", "") if fk else ""
            if col == "id" and table.has_uuid_key:
                role = "key"
            elif fk is not None and parent is not None and parent.primary_key == fk.ref_columns:
                role = "ref"
            elif (col in _TIMESTAMPS or dictionary.column_option(name, col, "computed")
                  or not spec.editable):
                role = "info"
            else:
                role = "value"
            if role == "ref" and not spec.editable:
                role = "ref"  # still shown with its name; the sheet as a whole is not imported
            spec.columns.append(ColumnSpec(col, header, role, kind, _choices(table, col), fk,
                                           display if role == "ref" else ""))
            if role == "ref" and display and parent is not None and display in parent.column_names:
                spec.columns.append(ColumnSpec(col, _name_header(name, col, lang), "name",
                                               _kind(parent, display), (), fk, display))
        _unique_headers(spec)
        specs.append(spec)
    return specs


def _unique_headers(spec: SheetSpec) -> None:
    seen: set[str] = set()
    for column in spec.columns:
        header, n = column.header, 2
        while header.lower() in seen:
            header, n = f"{column.header} ({n})", n + 1
        column.header = header
        seen.add(header.lower())
