"""The editable quick-win criteria (``ws.quickwins.criteria``): names, descriptions, weights, direction, axis."""

from __future__ import annotations

import re
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.quickwins.rules import AXES, DIRECTIONS, Criterion
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, require
from fgd_app.core.store.writer import now_iso
from fgd_app.i18n import N_, tr

MAX_WEIGHT = 100.0


def parse_weight(value: Any, field: str = "weight") -> float:
    """Return a weight from 0 to 100 from a number or typed text ("12,5", "20 %")."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = re.sub(r"\s|%", "", clean_text(value)).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = -1.0
    if not 0 <= number <= MAX_WEIGHT or number != number:
        raise ValidationError(field, tr("A weight is a number from 0 to 100."))
    return round(number, 2)


class Criteria(RecordTable[Criterion]):
    """The criteria every innovation is scored on, in their order (``position``)."""

    table = "quickwin_criterion"
    record = Criterion
    order_by = "position, rowid"
    operation_names = {"add": N_("Add criterion \u201c{name}\u201d"),
                       "edit": N_("Edit criterion \u201c{name}\u201d"),
                       "delete": N_("Delete criterion \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        v = dict(values)
        v["name"] = " ".join(clean_text(v.get("name")).split())
        require("name", v["name"], tr("Criterion"))
        max_length("name", v["name"], 100, tr("Criterion"))
        twin = self.store.scalar("SELECT id FROM quickwin_criterion WHERE name = ? COLLATE NOCASE", (v["name"],))
        if twin is not None and twin != record_id:
            raise ValidationError("name", tr("A criterion named \u201c{name}\u201d already exists.", name=v["name"]))
        v["description"] = clean_text(v.get("description"), multiline=True)
        max_length("description", v["description"], 1000, tr("Description"))
        v["weight"] = parse_weight(v.get("weight"))
        if v.get("direction") not in DIRECTIONS:
            raise ValidationError("direction", tr("Choose whether more or less is better."))
        if v.get("axis") not in AXES:
            raise ValidationError("axis", tr("Choose the axis of the chart this criterion feeds."))
        if record_id is not None:
            current = self.get(record_id)
            if current.name != v["name"]:
                v["name_en"] = ""  # the English label described the old name
            if current.description != v["description"]:
                v["description_en"] = ""
        elif not v.get("position"):
            v["position"] = int(self.store.scalar("SELECT coalesce(max(position), 0) + 1 FROM quickwin_criterion"))
        v["key"] = v.get("key") or None
        return v

    def add(self, **values: Any) -> Criterion:
        values.setdefault("name", "")
        return super().add(**values)

    def scored(self, criterion_id: str) -> int:
        """Return how many scores (agreed and per group) use this criterion."""
        return int(self.store.scalar("SELECT count(*) FROM quickwin_score WHERE criterion_id = ?", (criterion_id,)))

    def delete(self, record_id: str) -> None:
        """Delete a criterion and its scores (one operation); the last criterion stays."""
        if self.count() <= 1:
            raise ValidationError("name", tr("At least one criterion is needed."))
        super().delete(record_id)

    def move(self, record_id: str, step: int) -> None:
        """Move a criterion up (-1) or down (+1) in the order, as one operation."""
        order = [c.id for c in self.list()]
        index = order.index(record_id)
        target = index + step
        if not 0 <= target < len(order):
            return
        order.insert(target, order.pop(index))
        name = self.get(record_id).display
        stamp = now_iso()
        with self.store.write(tr("Move criterion \u201c{name}\u201d", name=name)):
            for position, criterion_id in enumerate(order, start=1):
                self.store.execute("UPDATE quickwin_criterion SET position = ?, updated_at = ? "
                                   "WHERE id = ? AND position <> ?", (position, stamp, criterion_id, position))

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("name", ""))
