"""The notulen of each workshop day: ``MinutesBook`` holds each day's meeting fields and its discussion
items. Every change is one undoable operation.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.printing.paperwork import check_nip
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, new_id
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, tr


@dataclass
class Minutes:
    """The notulen of one workshop day (all fields empty until the facilitator writes them)."""

    day_id: str
    chair: str = ""
    chair_nip: str = ""
    note_taker: str = ""
    note_taker_nip: str = ""
    participants_count: int | None = None
    opening: str = ""
    conclusions: str = ""
    follow_up: str = ""
    place: str = ""  # empty: the workshop's venue
    start_time: str = ""  # empty: the day's start time (HH:MM)
    end_time: str = ""  # empty: the day's end time


MINUTES_TEXT = ("opening", "conclusions", "follow_up")


@dataclass
class MinutesItem:
    id: str
    day_id: str
    position: int
    speaker: str = ""
    summary: str = ""


class MinutesItems(RecordTable[MinutesItem]):
    table = "minutes_item"
    record = MinutesItem
    order_by = "day_id, position"
    operation_names = {"add": N_("Add discussion item"), "edit": N_("Edit discussion item"),
                       "delete": N_("Delete discussion item")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        values["speaker"] = clean_text(values.get("speaker"))
        values["summary"] = clean_text(values.get("summary"), multiline=True)
        max_length("speaker", values["speaker"], 300, tr("Speaker"))
        max_length("summary", values["summary"], 20000, tr("Summary"))
        if not values["speaker"] and not values["summary"]:
            raise ValidationError("summary", tr("Write who spoke or what was said."))
        if self.store.scalar("SELECT 1 FROM workshop_day WHERE id = ?", (values.get("day_id"),)) is None:
            raise ValidationError("day_id", tr("The chosen workshop day no longer exists."))
        if not values.get("position"):
            values["position"] = int(self.store.scalar(
                "SELECT coalesce(max(position), 0) + 1 FROM minutes_item WHERE day_id = ?", (values["day_id"],)))
        return values

    def of(self, day_id: str) -> list[MinutesItem]:
        return self.list("day_id = ?", (day_id,))

    def move(self, item_id: str, steps: int) -> list[MinutesItem]:
        """Move an item ``steps`` places down (negative: up) in its day's discussion (one undoable operation).

        The day's items are renumbered 1..N; return them in their new order.
        """
        item = self.get(item_id)
        items = self.of(item.day_id)
        old = next(i for i, x in enumerate(items) if x.id == item_id)
        new = max(0, min(len(items) - 1, old + steps))
        if new == old:
            return items
        items.insert(new, items.pop(old))
        with self.store.write(tr("Move discussion item")):
            for position, moved in enumerate(items, start=1):
                if moved.position != position:
                    self.update_row(moved.id, {"position": position})
        return self.of(item.day_id)


class MinutesBook:
    """The notulen of every workshop day: its fields and its discussion items."""

    def __init__(self, store: Store):
        self.store = store
        self.items = MinutesItems(store)

    def get(self, day_id: str) -> Minutes:
        row = self.store.query_one("SELECT * FROM minutes WHERE day_id = ?", (day_id,))
        if row is None:
            return Minutes(day_id)
        return Minutes(**{f.name: row[f.name] for f in dataclasses.fields(Minutes)})

    def update(self, day_id: str, **changes: Any) -> Minutes:
        """Validate and save notulen fields of one day (one undoable operation)."""
        if self.store.scalar("SELECT 1 FROM workshop_day WHERE id = ?", (day_id,)) is None:
            raise ValidationError("day_id", tr("The chosen workshop day no longer exists."))
        current = dataclasses.asdict(self.get(day_id))
        unknown = set(changes) - set(current) | ({"day_id"} & set(changes))
        if unknown:
            raise TypeError(f"unknown notulen fields: {sorted(unknown)}")
        values = current | changes
        for key in ("chair", "note_taker"):
            values[key] = clean_text(values[key])
            max_length(key, values[key], 300, tr("Name"))
        self._clean_place_and_time(day_id, values)
        for key in ("chair_nip", "note_taker_nip"):
            values[key] = check_nip(key, clean_text(values[key]))
        for key in MINUTES_TEXT:
            values[key] = clean_text(values[key], multiline=True)
            max_length(key, values[key], 20000, tr("Text"))
        count = values["participants_count"]
        if count in ("", None):
            values["participants_count"] = None
        else:
            try:
                values["participants_count"] = int(count)
            except (TypeError, ValueError):
                values["participants_count"] = -1
            if not 0 <= values["participants_count"] <= 10000:
                raise ValidationError("participants_count", tr("Enter a number of participants from 0 to 10000."))
        changed = {k: v for k, v in values.items() if v != current[k]}
        if not changed:
            return self.get(day_id)
        stamp = now_iso()
        cols = [f.name for f in dataclasses.fields(Minutes) if f.name != "day_id"]
        with self.store.write(tr("Edit notulen")):
            self.store.execute(
                f"INSERT INTO minutes (id, day_id, {', '.join(cols)}, created_at, updated_at) "
                f"VALUES (?, ?, {', '.join('?' for _ in cols)}, ?, ?) ON CONFLICT (day_id) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in cols) + ", updated_at = excluded.updated_at",
                (new_id(), day_id, *(values[c] for c in cols), stamp, stamp))
        return self.get(day_id)

    def defaults(self, day_id: str) -> dict[str, str]:
        """Return the place and time a notulen has while they are not written: the venue, the day's hours."""
        day = self.store.query_one("SELECT start_time, end_time FROM workshop_day WHERE id = ?", (day_id,))
        venue = self.store.scalar("SELECT venue FROM workshop") or ""
        return {"place": venue, "start_time": day["start_time"] if day else "",
                "end_time": day["end_time"] if day else ""}

    def effective(self, day_id: str) -> Minutes:
        """Return the notulen as printed: place and time filled in from the workshop where not written."""
        minutes = self.get(day_id)
        for key, value in self.defaults(day_id).items():
            if not getattr(minutes, key):
                setattr(minutes, key, value)
        return minutes

    def _clean_place_and_time(self, day_id: str, values: dict[str, Any]) -> None:
        """Clean place and times in ``values``; a value equal to the workshop's is stored empty (it follows)."""
        defaults = self.defaults(day_id)
        values["place"] = clean_text(values["place"])
        max_length("place", values["place"], 300, tr("Place"))
        for key in ("start_time", "end_time"):
            text = clean_text(values[key])
            if text and (not re.fullmatch(r"[0-2]\d:[0-5]\d", text) or int(text[:2]) > 23):
                raise ValidationError(key, tr("\u201c{value}\u201d is not a time (HH:MM).", value=text))
            values[key] = text
        if (values["end_time"] or defaults["end_time"]) < (values["start_time"] or defaults["start_time"]):
            raise ValidationError("end_time", tr("The end time must not be before the start time."))
        for key, default in defaults.items():
            if values[key] == default:
                values[key] = ""

    def participants(self, day_id: str) -> int:
        """Return the participant count the notulen prints: as written, else those marked present."""
        written = self.get(day_id).participants_count
        if written is not None:
            return written
        return int(self.store.scalar("SELECT count(*) FROM attendance WHERE day_id = ?", (day_id,)))
