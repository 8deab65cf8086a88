"""OPDs, participants and attendance per workshop day."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, require
from fgd_app.core.store.references import count_references, describe_counts
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.core.workshop.defaults import PENTAHELIX
from fgd_app.i18n import N_, tr


@dataclass
class Opd:
    id: str
    name: str
    short_name: str = ""
    kind: str = ""
    notes: str = ""

    @property
    def display(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


@dataclass
class Participant:
    id: str
    name: str
    position: str = ""
    nip: str = ""
    organisation: str = ""
    opd_id: str | None = None
    pentahelix: str = "pemerintah"
    phone: str = ""
    email: str = ""
    notes: str = ""


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_phone(raw: str) -> str:
    """Return an Indonesian phone number in one form: mobiles as 08..., landlines keep their area code.

    "+62 813 1111 2222" -> "081311112222"; "0812-3456-7890" -> "081234567890"; "(0254) 123456" ->
    "0254123456". Text that holds no digits is returned trimmed as it was.
    """
    text = (raw or "").strip()
    digits = re.sub(r"\D", "", text)
    if not digits:
        return text
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    elif digits.startswith("8"):
        digits = "0" + digits
    return digits


class Opds(RecordTable[Opd]):
    table = "opd"
    record = Opd
    order_by = "name COLLATE NOCASE"
    operation_names = {"add": N_("Add OPD \u201c{name}\u201d"), "edit": N_("Edit OPD \u201c{name}\u201d"),
                       "delete": N_("Delete OPD \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        for key in ("name", "short_name", "kind", "notes"):
            values[key] = clean_text(values.get(key), multiline=key == "notes")
        values["name"] = re.sub(r"\s+", " ", values["name"])
        require("name", values["name"], tr("OPD name"))
        max_length("name", values["name"], 300, tr("OPD name"))
        max_length("short_name", values["short_name"], 60, tr("Short name"))
        twin = self.find_by_name(values["name"])
        if twin is not None and twin.id != record_id:
            raise ValidationError("name", tr("An OPD named \u201c{name}\u201d already exists.", name=twin.name))
        return values

    def find_by_name(self, name: str) -> Opd | None:
        """Return the OPD whose name or short name equals ``name`` (ignoring case and blanks)."""
        key = re.sub(r"\s+", " ", name.strip())
        if not key:
            return None
        rows = self.list("name = ? COLLATE NOCASE OR (short_name <> '' AND short_name = ? COLLATE NOCASE)",
                         (key, key))
        return rows[0] if rows else None

    def close_to(self, text: str, limit: int = 3) -> list[Opd]:
        """Return the OPDs whose name or short name is close to ``text`` (typos, punctuation), closest first.

        The dedupe check before a typed name becomes a new OPD: "Dinas Kesehatn" -> Dinas Kesehatan.
        """
        import difflib

        from fgd_app.core.people.importer import organisation_key

        key = organisation_key(text)
        if not key:
            return []
        scored: dict[str, tuple[float, Opd]] = {}
        for opd in self.list():
            for other in (opd.name, opd.short_name):
                other_key = organisation_key(other)
                if not other_key:
                    continue
                score = difflib.SequenceMatcher(None, key, other_key).ratio()
                if other_key in key or key in other_key and len(key) >= 4:
                    score = max(score, 0.8)
                if score >= 0.75 and score > scored.get(opd.id, (0.0, opd))[0]:
                    scored[opd.id] = (score, opd)
        return [opd for _, opd in sorted(scored.values(), key=lambda pair: -pair[0])][:limit]

    def participant_counts(self) -> dict[str, int]:
        """Return opd_id -> number of participants, for every OPD that has any (one query)."""
        rows = self.store.query("SELECT opd_id, count(*) FROM participant WHERE opd_id IS NOT NULL GROUP BY opd_id")
        return {r[0]: int(r[1]) for r in rows}

    def usage(self, opd_id: str) -> int:
        """Return how many records point at this OPD (participants, innovations, any later table)."""
        return sum(count_references(self.store, "opd", opd_id).values())

    def delete(self, record_id: str) -> None:
        self._refuse_if_needed([record_id])
        super().delete(record_id)

    def delete_many(self, record_ids: Iterable[str], op_name: str) -> int:
        ids = list(record_ids)
        self._refuse_if_needed(ids)
        return super().delete_many(ids, op_name)

    def _refuse_if_needed(self, opd_ids: list[str]) -> None:
        """Refuse to delete an OPD that records still need (e.g. the lead OPD of an innovation)."""
        for opd_id in opd_ids:
            needed = count_references(self.store, "opd", opd_id, blocking_only=True)
            if needed:
                raise ValidationError("id", tr(
                    "\u201c{name}\u201d cannot be deleted: it is still needed by {records}. Choose another OPD "
                    "there first.", name=self.get(opd_id).display, records=describe_counts(needed)))


class Participants(RecordTable[Participant]):
    table = "participant"
    record = Participant
    order_by = "name COLLATE NOCASE"
    operation_names = {"add": N_("Add participant \u201c{name}\u201d"), "edit": N_("Edit participant \u201c{name}\u201d"),
                       "delete": N_("Delete participant \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        for key in ("name", "position", "nip", "organisation", "phone", "email", "notes"):
            values[key] = clean_text(values.get(key), multiline=key == "notes")
        values["name"] = re.sub(r"\s+", " ", values["name"])
        require("name", values["name"], tr("Name"))
        max_length("name", values["name"], 300, tr("Name"))
        nip = re.sub(r"\s", "", values["nip"])
        if nip and not (len(nip) == 18 and nip.isdigit()):
            raise ValidationError("nip", tr("NIP must be 18 digits (or left empty)."))
        values["nip"] = nip
        values["pentahelix"] = (values.get("pentahelix") or "pemerintah").strip().lower()
        if values["pentahelix"] not in PENTAHELIX:
            raise ValidationError("pentahelix", tr("Unknown pentahelix element \u201c{name}\u201d.",
                                                   name=values["pentahelix"]))
        values["phone"] = normalise_phone(values["phone"])
        if values["email"] and not _EMAIL.match(values["email"]):
            raise ValidationError("email", tr("\u201c{value}\u201d is not an e-mail address.",
                                              value=values["email"]))
        if values.get("opd_id") in ("", None):
            values["opd_id"] = None
        elif self.store.scalar("SELECT 1 FROM opd WHERE id = ?", (values["opd_id"],)) is None:
            raise ValidationError("opd_id", tr("The chosen OPD no longer exists."))
        return values

    def organisation_of(self, participant: Participant, opds: dict[str, Opd]) -> str:
        """Return what the attendance list prints as the participant's organisation."""
        if participant.opd_id and participant.opd_id in opds:
            return opds[participant.opd_id].short_name or opds[participant.opd_id].name
        return participant.organisation


class Attendance:
    """Who was present on which workshop day (a row per participant and day present)."""

    def __init__(self, store: Store):
        self.store = store

    def present(self, day_id: str) -> set[str]:
        rows = self.store.query("SELECT participant_id FROM attendance WHERE day_id = ?", (day_id,))
        return {r[0] for r in rows}

    def all(self) -> set[tuple[str, str]]:
        """Return every (participant_id, day_id) pair marked present."""
        return {(r[0], r[1]) for r in self.store.query("SELECT participant_id, day_id FROM attendance")}

    def set(self, participant_id: str, day_id: str, present: bool, *, name: str = "") -> None:
        """Mark one participant present or absent on one day (an undoable operation)."""
        is_present = self.store.scalar(
            "SELECT 1 FROM attendance WHERE participant_id = ? AND day_id = ?", (participant_id, day_id)
        ) is not None
        if is_present == present:
            return
        op = tr("Mark \u201c{name}\u201d present", name=name) if present else tr(
            "Mark \u201c{name}\u201d absent", name=name)
        with self.store.write(op):
            if present:
                self.store.execute(
                    "INSERT INTO attendance (participant_id, day_id, created_at) VALUES (?, ?, ?)",
                    (participant_id, day_id, now_iso()),
                )
            else:
                self.store.execute(
                    "DELETE FROM attendance WHERE participant_id = ? AND day_id = ?", (participant_id, day_id)
                )
