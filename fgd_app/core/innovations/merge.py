"""Merging two innovations that turned out to be the same: one undoable operation.

Texts are joined, OPDs, partners and kecamatan united, and every record that points at the absorbed
innovation — found through the foreign keys of every table, so action plans, risks and whatever later
tables add are covered — is moved to the kept one; then the absorbed innovation is deleted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fgd_app.core.errors import FgdError
from fgd_app.core.innovations.records import LONG_FIELDS, PART_TABLES, Innovation
from fgd_app.core.store.references import foreign_keys_to
from fgd_app.core.store.writer import _q
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core.innovations.records import Innovations


@dataclass
class MergeResult:
    kept: Innovation
    moved: dict[str, int]  # table -> rows moved from the absorbed innovation
    dropped: dict[str, int]  # table -> rows that duplicated the kept one's and were removed


def merge(innovations: Innovations, keep_id: str, absorb_id: str) -> MergeResult:
    """Merge ``absorb_id`` into ``keep_id``; return the kept innovation and what moved."""
    if keep_id == absorb_id:
        raise FgdError(tr("Choose two different innovations to merge."))
    store = innovations.store
    keep, absorb = innovations.get(keep_id), innovations.get(absorb_id)
    current = dataclasses.asdict(keep)
    current["partners"] = list(keep.partners)
    values = merged_values(keep, absorb)
    values = innovations.validate(current | values, keep_id)
    moved: dict[str, int] = {}
    dropped: dict[str, int] = {}
    with store.write(tr("Merge {absorbed} into {kept}", absorbed=absorb.code, kept=keep.code)):
        for fk in foreign_keys_to(store, "innovation"):
            if fk.child in PART_TABLES:
                continue
            table, column = _q(fk.child), _q(fk.column)
            # a row that would duplicate one of the kept innovation's (a UNIQUE rule) stays behind ...
            n = store.execute(f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?",
                              (keep_id, absorb_id)).rowcount
            # ... and is removed with the absorbed innovation
            left = store.execute(f"DELETE FROM {table} WHERE {column} = ?", (absorb_id,)).rowcount
            if n:
                moved[fk.child] = n
            if left:
                dropped[fk.child] = left
        store.execute("DELETE FROM innovation WHERE id = ?", (absorb_id,))
        innovations._save(keep_id, {k: values[k] for k in values if k in current and values[k] != current[k]})
    return MergeResult(innovations.get(keep_id), moved, dropped)




def _join_text(kept: str, absorbed: str, separator: str = "\n\n") -> str:
    if not absorbed or absorbed == kept or absorbed in kept:
        return kept
    if not kept or kept in absorbed:
        return absorbed
    return kept + separator + absorbed


def merged_values(keep: Innovation, absorb: Innovation) -> dict[str, Any]:
    """Return the kept innovation's values after absorbing the other (texts joined, sets united)."""
    note = tr("Merged from {code} \u201c{name}\u201d.", code=absorb.code, name=absorb.name)
    values: dict[str, Any] = {key: _join_text(getattr(keep, key), getattr(absorb, key)) for key in LONG_FIELDS}
    values["notes"] = _join_text(values["notes"], note)
    values["proposing_group"] = _join_text(keep.proposing_group, absorb.proposing_group, ", ")
    values["element_id"] = keep.element_id or (absorb.element_id if absorb.dimension_id == keep.dimension_id else None)
    values["status"] = "running" if "running" in (keep.status, absorb.status) else "new"
    values["is_ict"] = keep.is_ict or absorb.is_ict
    supporting = [*keep.supporting_opd_ids, absorb.lead_opd_id, *absorb.supporting_opd_ids]
    values["supporting_opd_ids"] = [o for o in dict.fromkeys(supporting) if o != keep.lead_opd_id]
    values["partners"] = list(dict.fromkeys([*keep.partners, *absorb.partners]))
    if "region" in (keep.location_scope, absorb.location_scope):
        values["location_scope"], values["district_ids"] = "region", []
    else:
        values["location_scope"] = "districts"
        values["district_ids"] = list(dict.fromkeys([*keep.district_ids, *absorb.district_ids]))
    return values
