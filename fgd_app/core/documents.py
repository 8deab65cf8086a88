"""What the printed paperwork carries beyond the workshop data: signatories, berita acara, notulen.

``DocumentSettings`` holds named text fields (the regional official and the Kominfo expert who sign,
the berita acara's number, title and agreed points, ...); unset fields fall back to defaults drawn
from the workshop itself. ``MinutesBook`` holds the notulen of each workshop day and its discussion
items. Every change is one undoable operation.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.records import RecordTable, clean_text, max_length, new_id
from fgd_app.core.store import Store, now_iso
from fgd_app.i18n import N_, roman, tr

# key -> (label msgid, max length, multiline)
SETTING_FIELDS: dict[str, tuple[str, int, bool]] = {
    "activity": (N_("Activity"), 500, False),
    "official_name": (N_("Regional official: name"), 300, False),
    "official_nip": (N_("Regional official: NIP"), 18, False),
    "official_position": (N_("Regional official: position"), 300, False),
    "expert_name": (N_("Kominfo expert: name"), 300, False),
    "expert_nip": (N_("Kominfo expert: NIP"), 18, False),
    "expert_position": (N_("Kominfo expert: position"), 300, False),
    "report_number": (N_("Berita acara: number"), 200, False),
    "report_title": (N_("Berita acara: title"), 500, False),
    "report_date": (N_("Berita acara: date"), 10, False),
    "report_place": (N_("Berita acara: place"), 300, False),
    "report_city": (N_("Place of signing"), 100, False),
    "report_agreements": (N_("Berita acara: agreed points (one per line)"), 20000, True),
    "attendance_blank_rows": (N_("Blank rows on the attendance list"), 3, False),
}
NIP_KEYS = ("official_nip", "expert_nip")


def check_nip(field: str, value: str) -> str:
    """Return a NIP without blanks, or raise when it is not 18 digits (empty is allowed)."""
    nip = re.sub(r"\s", "", value)
    if nip and not (len(nip) == 18 and nip.isdigit()):
        raise ValidationError(field, tr("NIP must be 18 digits (or left empty)."))
    return nip


def region_city(region_name: str) -> str:
    """Return the place name used before a signing date ("Kabupaten Serang" -> "Serang")."""
    return re.sub(r"^(Kabupaten|Kota|Kab\.)\s+", "", region_name).strip() or region_name


class DocumentSettings:
    """Named text fields of the paperwork; unset ones take defaults from the workshop."""

    def __init__(self, store: Store):
        self.store = store

    def stored(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.store.query("SELECT key, value FROM document_setting")}

    def defaults(self) -> dict[str, str]:
        """Return the value each field has while the facilitator has not set it."""
        info = self.store.query_one("SELECT region_name, bimtek_stage, venue, facilitator, title FROM workshop")
        last_day = self.store.scalar("SELECT max(day_date) FROM workshop_day") or ""
        stage = tr("Stage {number}", number=roman(int(info["bimtek_stage"]))) if info else ""
        region = info["region_name"] if info else ""
        activity = (info["title"] if info and info["title"] else
                    tr("Technical guidance (bimtek) {stage} on the Smart City masterplan of {region}",
                       stage=stage, region=region))
        return {
            "activity": activity,
            "official_name": "",
            "official_nip": "",
            "official_position": "",
            "expert_name": info["facilitator"] if info else "",
            "expert_nip": "",
            "expert_position": tr("Kominfo expert"),
            "report_number": "",
            "report_title": activity,
            "report_date": last_day,
            "report_place": info["venue"] if info else "",
            "report_city": region_city(region),
            "report_agreements": "",
            "attendance_blank_rows": "10",
        }

    def values(self) -> dict[str, str]:
        """Return every field: the stored value, or its default when unset or empty."""
        stored = self.stored()
        return {k: stored.get(k) or v for k, v in self.defaults().items()}

    def get(self, key: str) -> str:
        if key not in SETTING_FIELDS:
            raise KeyError(key)
        return self.values()[key]

    def blank_rows(self) -> int:
        return int(self.get("attendance_blank_rows") or 0)

    def validate(self, values: dict[str, Any]) -> dict[str, str]:
        """Return cleaned values or raise ValidationError naming the first bad field."""
        out: dict[str, str] = {}
        for key, raw in values.items():
            if key not in SETTING_FIELDS:
                raise ValidationError(key, tr("Unknown document field \u201c{name}\u201d.", name=key))
            label, limit, multiline = SETTING_FIELDS[key]
            text = clean_text(raw, multiline=multiline)
            if key in NIP_KEYS:
                text = check_nip(key, text)
            elif key == "report_date" and text:
                try:
                    text = _dt.date.fromisoformat(text).isoformat()
                except ValueError:
                    raise ValidationError(key, tr("\u201c{value}\u201d is not a date (YYYY-MM-DD).",
                                                  value=text)) from None
            elif key == "attendance_blank_rows" and text:
                if not text.isdigit() or int(text) > 200:
                    raise ValidationError(key, tr("Enter a number of rows from 0 to 200."))
                text = str(int(text))
            max_length(key, text, limit, tr(label))
            out[key] = text
        return out

    def update(self, **values: Any) -> dict[str, str]:
        """Validate and save fields (one undoable operation); an empty value restores the default."""
        clean = self.validate(values)
        stored = self.stored()
        changed = {k: v for k, v in clean.items() if stored.get(k, "") != v}
        if changed:
            stamp = now_iso()
            with self.store.write(tr("Edit document details")):
                for key, value in changed.items():
                    self.store.execute(
                        "INSERT INTO document_setting (id, key, value, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                        "updated_at = excluded.updated_at", (new_id(), key, value, stamp, stamp))
        return self.values()


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
