"""Import an edited workbook back into its workshop: a preview first, then one undoable operation.

``preview_import(ws, path)`` reads the workbook exported by ``excel.export_workbook``, compares every
editable sheet with the workshop (rows added, changed, deleted) and tries every change inside a
transaction that is rolled back, through the same repositories (``validate()``) the screens use, so each
row that would fail is listed with its reason. ``apply_import(ws, preview)`` then saves the rows that
passed as ONE undoable operation; if anything fails now, nothing is saved.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import inspect
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.exchange import cell_text, sheets, xlsx_limits
from fgd_app.core.exchange.excel_export import META_SHEET, WORKBOOK_FORMAT
from fgd_app.core.exchange.sheets import SheetSpec
from fgd_app.core.store import dictionary, known_schema
from fgd_app.core.store.known_schema import Column, Table
from fgd_app.core.store.writer import Store, _q, now_iso
from fgd_app.core.workshop_file import Workshop
from fgd_app.i18n import tr

_YES = {"ya", "yes", "y", "1", "true", "benar", "x", "\u2713", "v"}
_NO = {"tidak", "no", "n", "0", "false", "salah", "t"}


class WorkbookError(FgdError):
    """The workbook cannot be imported at all (not ours, another workshop's, unreadable)."""


WORKBOOK_LIMITS = xlsx_limits.Limits()


class _DryRun(Exception):
    pass


@dataclass
class RowChange:
    sheet: str
    table: str
    row: int  # the workbook row (0 for a deletion: the row is gone)
    kind: str  # "add", "change", "delete"
    key: tuple
    label: str
    values: dict[str, Any] = field(default_factory=dict)  # add: all given values; change: the changed ones
    before: dict[str, Any] = field(default_factory=dict)  # change: the old values of the changed columns
    error: str = ""
    shown: list[tuple[str, str, str]] = field(default_factory=list)  # change: (heading, old, new) for readers

    def describe(self) -> str:
        """Return "Singkatan: BKPSDM → BKPSDM Litbang; ..." for a change (names instead of IDs)."""
        return "; ".join(f"{heading}: {old} \u2192 {new}" for heading, old, new in self.shown)


@dataclass
class SheetPreview:
    sheet: str
    table: str
    changes: list[RowChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind and not c.error)

    @property
    def failed(self) -> list[RowChange]:
        return [c for c in self.changes if c.error]


@dataclass
class ImportPreview:
    path: Path
    sheets: list[SheetPreview] = field(default_factory=list)

    @property
    def changes(self) -> list[RowChange]:
        return [c for s in self.sheets for c in s.changes]

    @property
    def applicable(self) -> list[RowChange]:
        return [c for c in self.changes if not c.error]

    @property
    def failed(self) -> list[RowChange]:
        return [c for c in self.changes if c.error]

    def lines(self) -> list[str]:
        out = []
        for sheet in self.sheets:
            out.append(tr("{sheet}: {added} added, {changed} changed, {deleted} deleted, {failed} refused.",
                          sheet=sheet.sheet, added=sheet.count("add"), changed=sheet.count("change"),
                          deleted=sheet.count("delete"), failed=len(sheet.failed)))
            out += ["  " + note for note in sheet.notes]
            out += ["  " + tr("Row {row} ({label}): {error}", row=c.row or "-", label=c.label, error=c.error)
                    for c in sheet.failed]
        return out


# --- repositories ------------------------------------------------------------------------------------
def repositories(ws: Workshop) -> dict[str, Any]:
    """Return {table: the object of the workshop that validates and writes it}."""
    found: dict[str, Any] = {}

    def visit(obj: Any, depth: int) -> None:
        for value in vars(obj).values():
            if isinstance(value, Store) or not type(value).__module__.startswith("fgd_app.core"):
                continue
            table = getattr(value, "table", None)
            if isinstance(table, str) and all(callable(getattr(value, m, None))
                                              for m in ("add", "update", "delete", "validate")):
                found.setdefault(table, value)
            if depth < 2 and hasattr(value, "__dict__"):
                visit(value, depth + 1)

    for name, attribute in vars(type(ws)).items():  # parts built on first use (descriptors on the class)
        if not name.startswith("_") and hasattr(attribute, "__get__") and not inspect.isfunction(attribute) \
                and not isinstance(attribute, property | classmethod | staticmethod):
            getattr(ws, name)
    visit(ws, 0)
    for name in dictionary.table_order():
        attribute = dictionary.table_option(name, "repository")
        if attribute and hasattr(ws, attribute):
            found[name] = getattr(ws, attribute)
    return found


# --- cell values -------------------------------------------------------------------------------------
def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _integer(value: Any, kind: str) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if kind == "rupiah":
        text = re.sub(r"^Rp\.?\s*|[.\s]|,00$", "", text, flags=re.I)
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise ValueError(tr("\u201c{value}\u201d is not a whole number", value=value))


def to_db(column: Column, kind: str, value: Any) -> Any:
    """Return the stored form of a cell value for ``column``; raise ValueError with a message."""
    integer = "INT" in column.type.upper()
    if _blank(value):
        if not column.notnull:
            return None
        if column.default is not None:
            default = column.default.strip("'")
            return int(default) if integer and re.fullmatch(r"-?\d+", default) else default
        return "" if not integer else None
    if kind == "bool":
        text = str(value).strip().lower()
        if isinstance(value, bool | int) or text in _YES | _NO:
            return 1 if (value is True or text in _YES) else 0
        raise ValueError(tr("\u201c{value}\u201d is neither yes nor no", value=value))
    if integer:
        return _integer(value, kind)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if kind == "date" else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = cell_text.from_cell(value) if isinstance(value, str) else str(value)
    if kind == "date":
        match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", text)
        if match:
            with contextlib.suppress(ValueError):
                return _dt.date(int(match[3]), int(match[2]), int(match[1])).isoformat()
    return text.strip()


def _same(new: Any, old: Any) -> bool:
    """Return whether a value read from the workbook is the stored one (text cut at Excel's limit counts as it)."""
    if isinstance(new, str) and isinstance(old, str):
        return new.strip() == old.strip() or (len(old) > cell_text.CELL_LIMIT
                                              and new.strip() == cell_text.as_written(old).strip())
    return new == old


# --- reading the workbook ----------------------------------------------------------------------------
def _meta(book, ws: Workshop, name: str) -> dict[str, tuple[str, dict[str, tuple[str, str]]]]:
    """Return {sheet title: (table, {header: (column, role)})} from the hidden sheet; refuse a foreign workbook."""
    if META_SHEET not in book.sheetnames:
        raise WorkbookError(tr("This workbook was not exported by this app (its hidden sheet \u201c{name}\u201d is "
                               "missing).", name=META_SHEET))
    rows = [tuple(r) + (None,) * 5 for r in xlsx_limits.sheet_rows(book[META_SHEET], name, WORKBOOK_LIMITS,
                                                                     WorkbookError)]
    facts = {r[0]: r[1:] for r in rows[:4] if r and r[0]}
    if facts.get("format", ("",))[0] != WORKBOOK_FORMAT:
        raise WorkbookError(tr("This workbook was not exported by this app."))
    workshop_id, region = facts.get("workshop_id", ("", ""))[:2]
    if workshop_id != ws.info().id:
        raise WorkbookError(tr("This workbook was exported from another workshop ({region}); import it into that "
                               "workshop.", region=region or "?"))
    out: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {}
    for row in rows[5:]:
        if row and row[0]:
            out.setdefault(str(row[0]), (str(row[1]), {}))[1][str(row[2])] = (str(row[3]), str(row[4]))
    return out


def preview_import(ws: Workshop, path: str | os.PathLike) -> ImportPreview:
    """Read the workbook, list what would change per sheet, and try it all without saving anything."""
    path = Path(path).expanduser().absolute()
    try:
        size = path.stat().st_size
    except OSError as error:
        raise WorkbookError(tr("\u201c{name}\u201d cannot be read as an Excel workbook ({error}).",
                               name=path.name, error=error.strerror or error)) from None
    if size > WORKBOOK_LIMITS.unpacked_bytes:
        raise WorkbookError(tr("\u201c{name}\u201d is too large to read.", name=path.name))
    book = xlsx_limits.open_workbook(path, path.name, WORKBOOK_LIMITS, WorkbookError)
    try:
        return _preview(ws, path, book)
    finally:
        book.close()


def _preview(ws: Workshop, path: Path, book) -> ImportPreview:
    layout = _meta(book, ws, path.name)
    present = known_schema.introspect(ws.store.conn)
    preview = ImportPreview(path)
    for spec in sheets.build_specs(present, modes=("edit",)):
        title = next((t for t, (table, _) in layout.items() if table == spec.table.name), None)
        if title is None:
            continue
        if title not in book.sheetnames:
            missing = SheetPreview(title, spec.table.name)
            missing.notes.append(tr("The sheet \u201c{sheet}\u201d is missing; its records are left as they are.",
                                    sheet=title))
            preview.sheets.append(missing)
            continue
        preview.sheets.append(_read_sheet(ws, spec, book[title], layout[title][1], path.name))
    _dry_run(ws, preview)
    return preview


def _label(spec: SheetSpec, values: dict[str, Any], names: dict | None = None) -> str:
    """Return how the preview names a row: its code and name, else the names its keys point at."""
    display = dictionary.table_option(spec.table.name, "display", "")
    parts = [str(values[c]) for c in ("code", display) if c and values.get(c)]
    if not parts and names:
        parts = [str(names[c][0].get(values.get(c), "")) for c in spec.table.primary_key if c in names]
    text = " ".join(p for p in dict.fromkeys(parts) if p)
    return text or ", ".join(str(v) for v in values.values() if v)[:60]


def _read_sheet(ws: Workshop, spec: SheetSpec, sheet, layout: dict[str, tuple[str, str]], name: str) -> SheetPreview:
    table = spec.table
    preview = SheetPreview(sheet.title, table.name)
    rows = xlsx_limits.sheet_rows(sheet, name, WORKBOOK_LIMITS, WorkbookError)
    header = [None if _blank(v) else str(v).strip() for v in next(rows, ())]
    by_role = {(c.column, c.role): c for c in spec.columns}
    positions: dict[tuple[str, str], int] = {}
    for index, text in enumerate(header):
        if text in layout and layout[text] in by_role:
            positions[layout[text]] = index
    key_columns = list(table.primary_key)
    uuid = table.has_uuid_key
    current = {tuple(r[k] for k in key_columns): dict(r) for r in ws.store.query(f"SELECT * FROM {_q(table.name)}")}
    names = _name_lookup(ws, spec)
    keyed = ("id", "key") in positions if uuid else all((k, "value") in positions or (k, "ref") in positions
                                                        or (k, "name") in positions for k in key_columns)
    seen: set[tuple] = set()
    for row_number, cells in enumerate(rows, start=2):
        if all(_blank(v) for v in cells):
            continue
        cell = {spec_key: cells[i] if i < len(cells) else None for spec_key, i in positions.items()}
        key, change = _row_change(spec, cell, current, names, row_number, preview.sheet)
        if key and key in seen:
            change = change or RowChange(preview.sheet, table.name, row_number, "change", key, _label(spec, {}))
            change.error = tr("the same record appears twice in the sheet")
        seen.add(key)
        if change is not None:
            preview.changes.append(change)
    if keyed:
        for key, row in current.items():
            if key not in seen:
                preview.changes.append(RowChange(preview.sheet, table.name, 0, "delete", key,
                                                 _label(spec, row, names), before=row))
    else:
        preview.notes.append(tr("The ID column is missing, so no row of this sheet is deleted."))
    return preview


def _name_lookup(ws: Workshop, spec: SheetSpec) -> dict[str, tuple[dict[Any, str], dict[str, list[Any]]]]:
    """Return {ref column: ({key: name}, {normalised name: [keys]})}."""
    out = {}
    for column in spec.columns:
        if column.role == "ref" and column.ref_display and column.ref is not None:
            pairs = ws.store.query(f"SELECT {_q(column.ref.ref_columns[0])}, {_q(column.ref_display)} "
                                   f"FROM {_q(column.ref.table)}")
            by_name: dict[str, list[Any]] = {}
            for key, name in pairs:
                by_name.setdefault(" ".join(str(name).split()).casefold(), []).append(key)
            out[column.column] = ({k: n for k, n in pairs}, by_name)
    return out


def _row_change(spec: SheetSpec, cell: dict[tuple[str, str], Any], current: dict[tuple, dict[str, Any]],
                names: dict, row_number: int, sheet: str) -> tuple[tuple, RowChange | None]:
    """Return the row's key and what it changes (None: nothing)."""
    table = spec.table
    values: dict[str, Any] = {}
    problems: list[str] = []
    for column in spec.columns:
        if column.role not in ("value", "ref") or (column.column, column.role) not in cell:
            continue
        try:
            values[column.column] = to_db(table.column(column.column), column.kind, cell[(column.column, column.role)])
        except ValueError as error:
            problems.append(f"{column.header}: {error}")
    for column in spec.columns:  # a name typed beside a foreign key picks that row
        if column.role != "name" or (column.column, "name") not in cell or column.column not in names:
            continue
        typed = cell[(column.column, "name")]
        if isinstance(typed, _dt.datetime):
            typed = typed.date()
        if isinstance(typed, _dt.date):
            typed = typed.isoformat()
        by_key, by_name = names[column.column]
        shown = by_key.get(values.get(column.column))
        if _blank(typed) or (shown is not None and " ".join(str(typed).split()).casefold()
                             == " ".join(str(shown).split()).casefold()):
            continue
        matches = by_name.get(" ".join(str(typed).split()).casefold(), [])
        if len(matches) == 1:
            values[column.column] = matches[0]
        else:
            problems.append(tr("{column}: \u201c{name}\u201d is not in the list", column=column.header, name=typed)
                            if not matches else tr("{column}: \u201c{name}\u201d is ambiguous", column=column.header,
                                                   name=typed))
    if table.has_uuid_key:
        raw_id = cell.get(("id", "key"))
        key = (str(raw_id).strip(),) if not _blank(raw_id) else ()
    else:
        key = tuple(values.get(k) for k in table.primary_key)
    existing = current.get(key) if key else None
    label = _label(spec, existing or values, names)  # a changed row is named as it is now
    if existing is None:
        change = RowChange(sheet, table.name, row_number, "add", key, label, values)
    else:
        changed = {k: v for k, v in values.items() if k not in table.primary_key and not _same(v, existing.get(k))}
        if not changed:
            return key, (None if not problems else RowChange(sheet, table.name, row_number, "change", key, label,
                                                             error="; ".join(problems)))
        change = RowChange(sheet, table.name, row_number, "change", key, label, changed,
                           {k: existing.get(k) for k in changed})
        headings = {c.column: c.header for c in spec.columns if c.role in ("value", "ref")}
        headings |= {c.column: c.header for c in spec.columns if c.role == "name"}

        def text(column: str, value: Any) -> str:
            value = names[column][0].get(value, value) if column in names else value
            return "" if value is None else str(value)

        change.shown = [(headings.get(k, k), text(k, existing.get(k)), text(k, v)) for k, v in changed.items()]
    if problems:
        change.error = "; ".join(problems)
    return key, change


# --- applying ----------------------------------------------------------------------------------------
def _ordered(changes: list[RowChange]) -> list[RowChange]:
    order = {t.name: i for i, t in enumerate(known_schema.reference().record_tables)}
    writes = sorted((c for c in changes if c.kind != "delete"), key=lambda c: order.get(c.table, 0))
    deletes = sorted((c for c in changes if c.kind == "delete"), key=lambda c: -order.get(c.table, 0))
    return deletes + writes


def _apply_one(ws: Workshop, repos: dict[str, Any], tables: dict[str, Table], change: RowChange) -> None:
    repo = repos.get(change.table)
    table = tables[change.table]
    store = ws.store
    if repo is not None and table.has_uuid_key:
        if change.kind == "add":
            values = {k: v for k, v in change.values.items() if k != "id"}
            if change.key:
                values["id"] = change.key[0]
            repo.add(**values)
        elif change.kind == "change":
            repo.update(change.key[0], **change.values)
        else:
            repo.delete(change.key[0])
        return
    where = " AND ".join(f"{_q(k)} = ?" for k in table.primary_key)
    stamp = now_iso()
    if change.kind == "delete":
        store.execute(f"DELETE FROM {_q(table.name)} WHERE {where}", change.key)
    elif change.kind == "change":
        values = dict(change.values) | ({"updated_at": stamp} if table.has_updated_at else {})
        store.execute(f"UPDATE {_q(table.name)} SET {', '.join(f'{_q(k)} = ?' for k in values)} WHERE {where}",
                      (*values.values(), *change.key))
    else:
        values = dict(change.values)
        if table.has_uuid_key:
            values["id"] = change.key[0] if change.key else _new_id()
        values |= {k: stamp for k in ("created_at", "updated_at") if k in table.column_names}
        store.execute(f"INSERT INTO {_q(table.name)} ({', '.join(_q(k) for k in values)}) "
                      f"VALUES ({', '.join('?' for _ in values)})", tuple(values.values()))


def _new_id() -> str:
    from fgd_app.core.store.record_table import new_id

    return new_id()


def _message(error: BaseException) -> str:
    if isinstance(error, TypeError):
        return tr("a column of this sheet cannot be changed here ({error})", error=error)
    if isinstance(error, sqlite3.Error):
        return tr("refused by the file's rules ({error})", error=error)
    return str(error)


def _run(ws: Workshop, changes: list[RowChange], name: str, *, dry: bool) -> None:
    repos = repositories(ws)
    tables = known_schema.introspect(ws.store.conn)
    store = ws.store
    with store.write(name):
        for change in _ordered(changes):
            if change.error:
                continue
            store.execute("SAVEPOINT import_row")
            try:
                _apply_one(ws, repos, tables, change)
            except (FgdError, ValidationError, TypeError, KeyError, sqlite3.Error) as error:
                store.execute("ROLLBACK TO import_row")
                store.execute("RELEASE import_row")
                if not dry:
                    raise
                change.error = _message(error)
                continue
            store.execute("RELEASE import_row")
        if dry:
            _deferred_violations(ws, tables, changes)
            raise _DryRun()


def _deferred_violations(ws: Workshop, tables: dict[str, Table], changes: list[RowChange]) -> None:
    """Mark the changes whose rows break a deferred foreign key (checked only at COMMIT) as refused."""
    by_key = {(c.table, c.key): c for c in changes if not c.error}
    for table, rowid, parent, _fk in ws.store.query("PRAGMA foreign_key_check"):
        key_columns = tables[table].primary_key if table in tables else ()
        row = ws.store.query_one(f"SELECT {', '.join(_q(k) for k in key_columns) or 'rowid'} FROM {_q(table)} "
                                 "WHERE rowid = ?", (rowid,)) if key_columns else None
        change = by_key.get((table, tuple(row))) if row is not None else None
        if change is not None:
            change.error = tr("refused by the file's rules ({error})",
                              error=tr("no matching row in {table}", table=parent))


def _dry_run(ws: Workshop, preview: ImportPreview) -> None:
    if not preview.applicable:
        return
    with contextlib.suppress(_DryRun):
        _run(ws, preview.changes, "dry run", dry=True)


def apply_import(ws: Workshop, preview: ImportPreview) -> int:
    """Save every change of the preview that passed, as one undoable operation; return how many.

    Raise ``FgdError`` when a change fails now (the workshop changed since the preview): then nothing
    is saved.
    """
    changes = preview.applicable
    if not changes:
        return 0
    try:
        _run(ws, changes, tr("Import from Excel \u201c{name}\u201d", name=preview.path.name), dry=False)
    except (ValidationError, TypeError, KeyError, sqlite3.Error) as error:
        raise FgdError(tr("The import was not saved: {error}. Preview it again.", error=_message(error))) from error
    return len(changes)


