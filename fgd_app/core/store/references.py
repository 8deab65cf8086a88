"""Who points at a row: foreign keys read from the schema, so tables added by later migrations count too."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fgd_app.core.store.writer import Store, _q
from fgd_app.i18n import N_, tr


@dataclass(frozen=True)
class ForeignKey:
    """``child.column`` refers to ``parent.parent_column``; ``on_delete`` as declared ("CASCADE", ...)."""

    child: str
    column: str
    parent: str
    parent_column: str
    on_delete: str

    @property
    def blocks_delete(self) -> bool:
        return self.on_delete in ("RESTRICT", "NO ACTION")


# Human names of tables, for messages like "3 action plans, 1 risk". Other parts register theirs.
TABLE_LABELS: dict[str, str] = {
    "innovation": N_("innovation(s)"),
    "innovation_supporting_opd": N_("innovation(s) supported"),
    "participant": N_("participant(s)"),
}


def register_table_label(table: str, label: str) -> None:
    """Name a table in dependency messages (pass an ``N_``-marked plural such as "action plan(s)")."""
    TABLE_LABELS[table] = label


def foreign_keys_to(store: Store, parent: str) -> list[ForeignKey]:
    """Return every foreign key in the file that refers to ``parent``."""
    found = []
    for name in store.user_tables():
        for fk in store.query(f"PRAGMA foreign_key_list({_q(name)})"):
            if fk["table"] == parent:
                found.append(ForeignKey(name, fk["from"], parent, fk["to"] or "id", fk["on_delete"].upper()))
    return found


def count_references(store: Store, parent: str, record_id: str, *, exclude: Iterable[str] = (),
                     blocking_only: bool = False) -> dict[str, int]:
    """Return {table: number of rows pointing at ``record_id``} for tables with at least one such row."""
    skip = set(exclude)
    counts: dict[str, int] = {}
    for fk in foreign_keys_to(store, parent):
        if fk.child in skip or (blocking_only and not fk.blocks_delete):
            continue
        n = int(store.scalar(f"SELECT count(*) FROM {_q(fk.child)} WHERE {_q(fk.column)} = ?", (record_id,)))
        if n:
            counts[fk.child] = counts.get(fk.child, 0) + n
    return counts


def describe_counts(counts: dict[str, int]) -> str:
    """Return "3 rencana aksi, 1 risiko" for {table: count}."""
    parts = []
    for table, n in counts.items():
        label = TABLE_LABELS.get(table)
        parts.append(f"{n} {tr(label) if label else table.replace('_', ' ')}")
    return ", ".join(parts)
