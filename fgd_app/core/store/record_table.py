"""A small generic repository: typed rows of one table, validated writes, each an undoable operation."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from fgd_app.core.errors import ValidationError
from fgd_app.core.store.writer import Store, _q, now_iso
from fgd_app.i18n import tr

T = TypeVar("T")


def new_id() -> str:
    """Return a new stable key: a random UUID (version 4) as text, like ``str(uuid.uuid4())``.

    Built from ``os.urandom`` as uuid4 does; the ``uuid`` module is not imported because it imports
    ``platform`` (~3 ms of every start).
    """
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def clean_text(value: Any, *, multiline: bool = False) -> str:
    """Return text as typed, minus surrounding blanks; single-line fields lose line breaks' ends only."""
    if value is None:
        return ""
    text = str(value)
    return text.strip() if not multiline else text.strip("\r\n\t ")


def require(field: str, value: str, label: str) -> None:
    """Refuse an empty required field with a message naming it."""
    if not value.strip():
        raise ValidationError(field, tr("{field} must not be empty.", field=label))


def max_length(field: str, value: str, limit: int, label: str) -> None:
    if len(value) > limit:
        raise ValidationError(field, tr("{field} is too long (at most {limit} characters).", field=label,
                                        limit=limit))


class RecordTable(Generic[T]):
    """Rows of ``table`` as dataclass ``record`` instances; ``validate`` cleans a full set of values."""

    table: str
    record: type
    order_by: str = "rowid"
    operation_names: dict[str, str] = {}

    def __init__(self, store: Store):
        self.store = store
        self._fields = [f.name for f in dataclasses.fields(self.record)]

    # --- hooks for subclasses --------------------------------------------------------------------
    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        """Return cleaned values or raise ValidationError; ``record_id`` is None for a new row."""
        return values

    def label(self, values: dict[str, Any]) -> str:
        """Return a short name for operation names ("Add OPD “Bappeda”")."""
        return str(values.get("name", ""))

    def op_name(self, verb: str, values: dict[str, Any]) -> str:
        template = self.operation_names.get(verb, verb)
        return tr(template, name=self.label(values))

    # --- reading ---------------------------------------------------------------------------------
    def _row(self, row) -> T:
        return self.record(**{k: row[k] for k in self._fields})

    def get(self, record_id: str) -> T:
        row = self.store.query_one(f"SELECT * FROM {_q(self.table)} WHERE id = ?", (record_id,))
        if row is None:
            raise KeyError(record_id)
        return self._row(row)

    def list(self, where: str = "", params: Iterable = ()) -> list[T]:
        sql = f"SELECT * FROM {_q(self.table)}"
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {self.order_by}"
        return [self._row(r) for r in self.store.query(sql, tuple(params))]

    def count(self) -> int:
        return int(self.store.scalar(f"SELECT count(*) FROM {_q(self.table)}"))

    # --- writing ---------------------------------------------------------------------------------
    def defaults(self) -> dict[str, Any]:
        out = {}
        for f in dataclasses.fields(self.record):
            if f.name == "id":
                continue
            if f.default is not dataclasses.MISSING:
                out[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
                out[f.name] = f.default_factory()  # type: ignore[misc]
        return out

    def add(self, **values: Any) -> T:
        """Validate and insert one row; return it."""
        unknown = set(values) - set(self._fields)
        if unknown:
            raise TypeError(f"unknown fields for {self.table}: {sorted(unknown)}")
        full = self.defaults() | values
        full = self.validate(full, None)
        full["id"] = values.get("id") or new_id()
        with self.store.write(self.op_name("add", full)):
            self.insert_row(full)
        return self.get(full["id"])

    def insert_row(self, values: dict[str, Any]) -> None:
        """Insert already validated values (inside an open write)."""
        stamp = now_iso()
        row = {k: values[k] for k in self._fields if k in values} | {"created_at": stamp, "updated_at": stamp}
        cols = ", ".join(_q(k) for k in row)
        marks = ", ".join("?" for _ in row)
        self.store.execute(f"INSERT INTO {_q(self.table)} ({cols}) VALUES ({marks})", tuple(row.values()))

    def update(self, record_id: str, **changes: Any) -> T:
        """Validate and save changed fields of one row; return the row as saved."""
        unknown = set(changes) - set(self._fields) | ({"id"} & set(changes))
        if unknown:
            raise TypeError(f"cannot change fields of {self.table}: {sorted(unknown)}")
        current = dataclasses.asdict(self.get(record_id))
        full = self.validate(current | changes, record_id)
        changed = {k: full[k] for k in full if k != "id" and full[k] != current.get(k)}
        if not changed:
            return self.get(record_id)
        with self.store.write(self.op_name("edit", full)):
            self.update_row(record_id, changed)
        return self.get(record_id)

    def update_row(self, record_id: str, changed: dict[str, Any]) -> None:
        sets = ", ".join(f"{_q(k)} = ?" for k in changed)
        self.store.execute(
            f"UPDATE {_q(self.table)} SET {sets}, updated_at = ? WHERE id = ?",
            (*changed.values(), now_iso(), record_id),
        )

    def delete(self, record_id: str) -> None:
        """Delete one row (its dependants follow the foreign keys' rules)."""
        current = dataclasses.asdict(self.get(record_id))
        with self.store.write(self.op_name("delete", current)):
            self.store.execute(f"DELETE FROM {_q(self.table)} WHERE id = ?", (record_id,))

    def delete_many(self, record_ids: Iterable[str], op_name: str) -> int:
        ids = list(record_ids)
        with self.store.write(op_name):
            for record_id in ids:
                self.store.execute(f"DELETE FROM {_q(self.table)} WHERE id = ?", (record_id,))
        return len(ids)
