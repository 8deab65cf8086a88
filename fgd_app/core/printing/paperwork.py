"""What the printed paperwork carries beyond the workshop data: who signs, and the berita acara.

``DocumentSettings`` holds named text fields (the ministry's name, the regional official and the ministry's expert who sign,
the berita acara's number, title and agreed points, ...); unset fields fall back to defaults drawn
from the workshop itself. Every change is one undoable operation.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.store.record_table import clean_text, max_length, new_id
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, roman, tr

# key -> (label msgid, max length, multiline)
SETTING_FIELDS: dict[str, tuple[str, int, bool]] = {
    "activity": (N_("Activity"), 500, False),
    "official_name": (N_("Regional official: name"), 300, False),
    "official_nip": (N_("Regional official: NIP"), 18, False),
    "official_position": (N_("Regional official: position"), 300, False),
    "ministry_name": (N_("Ministry: full name"), 300, False),
    "ministry_short": (N_("Ministry: short name"), 60, False),
    "expert_name": (N_("Ministry's expert: name"), 300, False),
    "expert_nip": (N_("Ministry's expert: NIP"), 18, False),
    "expert_position": (N_("Ministry's expert: position"), 300, False),
    "report_number": (N_("Berita acara: number"), 200, False),
    "report_title": (N_("Berita acara: title"), 500, False),
    "report_date": (N_("Berita acara: date"), 10, False),
    "report_place": (N_("Berita acara: place"), 300, False),
    "report_city": (N_("Place of signing"), 100, False),
    "report_agreements": (N_("Berita acara: agreed points (one per line)"), 20000, True),
    "attendance_blank_rows": (N_("Blank rows on the attendance list"), 3, False),
}
NIP_KEYS = ("official_nip", "expert_nip")
# the ministry that runs the programme (data: the facilitator can change it in the paperwork details)
MINISTRY_NAME = "Kementerian Komunikasi dan Digital"
MINISTRY_SHORT = "Komdigi"


def check_nip(field: str, value: str) -> str:
    """Return a NIP without blanks, or raise when it is not 18 digits (empty is allowed)."""
    nip = re.sub(r"\s", "", value)
    if nip and not (len(nip) == 18 and nip.isdigit()):
        raise ValidationError(field, tr("NIP must be 18 digits (or left empty)."))
    return nip


def region_city(region_name: str) -> str:
    """Return the place name used before a signing date ("Kabupaten Serang" -> "Serang")."""
    return re.sub(r"^(Kabupaten|Kota|Kab\.)\s+", "", region_name).strip() or region_name


def default_values(info, stored_ministry: str | None, last_day: str) -> dict[str, str]:
    """Return the defaults of the paperwork fields of one workshop: ``info`` is its workshop row (region_name,
    bimtek_stage, venue, facilitator, title; None when there is none), ``stored_ministry`` its stored
    ``ministry_short`` and ``last_day`` its last workshop day. ``DocumentSettings`` and the hand-over checklist
    of a consolidated file (one workshop after the other) share it."""
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
        "ministry_name": MINISTRY_NAME,
        "ministry_short": MINISTRY_SHORT,
        "expert_position": tr("Expert of {ministry}", ministry=stored_ministry or MINISTRY_SHORT),
        "report_number": "",
        "report_title": activity,
        "report_date": last_day,
        "report_place": info["venue"] if info else "",
        "report_city": region_city(region),
        "report_agreements": "",
        "attendance_blank_rows": "10",
    }


def merged_values(stored: dict[str, str], defaults: dict[str, str]) -> dict[str, str]:
    """Return every field: the stored value, or its default when unset or empty."""
    return {k: stored.get(k) or v for k, v in defaults.items()}


class DocumentSettings:
    """Named text fields of the paperwork; unset ones take defaults from the workshop."""

    def __init__(self, store: Store):
        self.store = store

    def stored(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.store.query("SELECT key, value FROM document_setting")}

    def defaults(self) -> dict[str, str]:
        """Return the value each field has while the facilitator has not set it."""
        info = self.store.query_one("SELECT region_name, bimtek_stage, venue, facilitator, title FROM workshop")
        stored_ministry = self.store.scalar("SELECT value FROM document_setting WHERE key = 'ministry_short'")
        last_day = self.store.scalar("SELECT max(day_date) FROM workshop_day") or ""
        return default_values(info, stored_ministry, last_day)

    def values(self) -> dict[str, str]:
        """Return every field: the stored value, or its default when unset or empty."""
        return merged_values(self.stored(), self.defaults())

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
