"""The room's records (``ws.room``): its code, the joined devices, check-ins and the ideas inbox.

Phones' submissions (``check_in``, ``submit_idea``) are idempotent by their client id and written as
non-undoable operations; the facilitator's decisions (``accept_idea``, ``merge_idea``, ``reject_idea``,
``confirm_checkin``, ...) are ordinary undoable operations, one undo step each.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.innovations.search import normalise_name
from fgd_app.core.store.record_table import clean_text, max_length, new_id, require
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, tr

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector
CODE_LENGTH = 6
CLIENT_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
NAME_LIMIT = 300
DESCRIPTION_LIMIT = 4000
IDEA_STATES = ("inbox", "accepted", "merged", "rejected")
IDEA_STATE_LABELS = {"inbox": N_("Received, waiting for the facilitator"), "accepted": N_("Accepted as {code}"),
                     "merged": N_("Merged into {code}"), "rejected": N_("Not taken")}


def hash_token(token: str) -> str:
    """Return the SHA-256 (hex) of a device's cookie token: only the hash is kept in the file."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_code() -> str:
    """Return a fresh room code ("K7QW3M")."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(typed: str) -> str:
    """Return a typed room code as stored: upper case, blanks and dashes dropped, O read as 0 never needed."""
    return re.sub(r"[\s-]", "", typed or "").upper()[:20]


@dataclass(frozen=True)
class RoomSession:
    code: str
    secret: str


@dataclass(frozen=True)
class Device:
    id: str
    label: str
    revoked: bool
    created_at: str


@dataclass(frozen=True)
class CheckIn:
    id: str
    device_id: str | None
    day_id: str | None
    name: str
    nip: str
    position: str
    opd_id: str | None
    organisation: str
    contact: str
    participant_id: str | None
    matched_by: str
    state: str
    created_at: str
    opd_name: str = ""
    participant_name: str = ""
    day_date: str = ""


@dataclass(frozen=True)
class Idea:
    id: str
    device_id: str | None
    dimension_id: str | None
    element_id: str | None
    name: str
    description: str
    lead_opd_id: str | None
    lead_opd_text: str
    status: str
    proposing_group: str
    state: str
    innovation_id: str | None
    created_at: str
    dimension: str = ""
    element: str = ""
    lead_opd: str = ""
    innovation_code: str = ""


class UnknownDeviceError(FgdError):
    """The phone's token is unknown or its access was ended by the facilitator."""

    def __init__(self) -> None:
        super().__init__(tr("This phone is not (or no longer) in the room. Join again with the room code."))


class Room:
    """Room mode's records of one workshop (``ws.room``)."""

    def __init__(self, store: Store):
        self.store = store

    # --- the room itself -------------------------------------------------------------------------
    def session(self) -> RoomSession | None:
        row = self.store.query_one("SELECT code, secret FROM room_session")
        return None if row is None else RoomSession(row["code"], row["secret"])

    def ensure_session(self) -> RoomSession:
        """Return the room's code and secret, making them the first time (kept in the file)."""
        current = self.session()
        if current is not None:
            return current
        return self.new_session()

    def new_session(self) -> RoomSession:
        """Give the room a new code and secret (old QR codes and the old code stop working)."""
        code, secret, stamp = new_code(), secrets.token_urlsafe(18), now_iso()
        with self.store.write(tr("Change the room code"), undoable=False):
            self.store.execute(
                "INSERT INTO room_session (id, code, secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (singleton) DO UPDATE SET code = excluded.code, secret = excluded.secret, "
                "updated_at = excluded.updated_at", (new_id(), code, secret, stamp, stamp))
        return RoomSession(code, secret)

    # --- devices ---------------------------------------------------------------------------------
    def join(self, *, code: str = "", secret: str = "") -> tuple[str, str] | None:
        """Return (device id, cookie token) for a phone that gave the right code or secret, else None."""
        session = self.session()
        if session is None:
            return None
        ok = (code and secrets.compare_digest(normal_code(code), session.code)) or (
            secret and secrets.compare_digest(secret.encode(), session.secret.encode()))
        if not ok:
            return None
        token, device_id, stamp = secrets.token_urlsafe(32), new_id(), now_iso()
        with self.store.write(tr("A phone joined the room"), undoable=False):
            self.store.execute("INSERT INTO room_device (id, token_hash, created_at, updated_at) VALUES (?, ?, ?, ?)",
                               (device_id, hash_token(token), stamp, stamp))
        return device_id, token

    def device_for_token(self, token: str | None) -> str:
        """Return the id of the device holding ``token``; raise UnknownDeviceError when unknown or revoked."""
        if not token or len(token) > 200:
            raise UnknownDeviceError()
        row = self.store.query_one("SELECT id, revoked FROM room_device WHERE token_hash = ?", (hash_token(token),))
        if row is None or row["revoked"]:
            raise UnknownDeviceError()
        return row["id"]

    def devices(self) -> list[Device]:
        rows = self.store.query("SELECT d.id, coalesce(nullif(d.label, ''), (SELECT c.name FROM room_checkin c "
                                "WHERE c.device_id = d.id ORDER BY c.created_at DESC LIMIT 1), '') AS label, "
                                "d.revoked, d.created_at FROM room_device d ORDER BY d.created_at")
        return [Device(r["id"], r["label"], bool(r["revoked"]), r["created_at"]) for r in rows]

    def revoke(self, device_id: str) -> None:
        """End one phone's access (its cookie no longer works; what it sent stays)."""
        with self.store.write(tr("End a phone's access to the room")):
            self.store.execute("UPDATE room_device SET revoked = 1, updated_at = ? WHERE id = ?",
                               (now_iso(), device_id))

    # --- what a phone may see --------------------------------------------------------------------
    def phone_lists(self) -> dict[str, Any]:
        """Return the choice lists of the phone forms: dimensions with elements, and OPD names (no people)."""
        dimensions = [{"id": r["id"], "code": r["code"], "name": r["name"], "name_en": r["name_en"], "elements": []}
                      for r in self.store.query("SELECT id, code, name, name_en FROM dimension ORDER BY position")]
        by_id = {d["id"]: d for d in dimensions}
        for r in self.store.query("SELECT id, dimension_id, name, name_en FROM element ORDER BY position"):
            if r["dimension_id"] in by_id:
                by_id[r["dimension_id"]]["elements"].append({"id": r["id"], "name": r["name"], "name_en": r["name_en"]})
        opds = [{"id": r["id"], "name": r["name"], "short_name": r["short_name"]}
                for r in self.store.query("SELECT id, name, short_name FROM opd ORDER BY name COLLATE NOCASE")]
        return {"dimensions": dimensions, "opds": opds}

    def phone_view(self, device_id: str) -> dict[str, Any]:
        """Return what one phone sees of its own submissions: its check-ins (name, OPD, state) and its ideas
        with their fate. No NIP, phone number or e-mail address."""
        checkins = [{"name": r["name"], "opd": r["opd"] or r["organisation"], "state": r["state"],
                     "day_date": r["day_date"] or ""}
                    for r in self.store.query(
                        "SELECT c.name, c.organisation, c.state, coalesce(nullif(o.short_name, ''), o.name) AS opd, "
                        "d.day_date FROM room_checkin c LEFT JOIN opd o ON o.id = c.opd_id "
                        "LEFT JOIN workshop_day d ON d.id = c.day_id WHERE c.device_id = ? "
                        "ORDER BY c.created_at", (device_id,))]
        ideas = [{"name": i.name, "dimension": i.dimension, "state": i.state, "code": i.innovation_code}
                 for i in self.ideas(device_id=device_id)]
        return {"checkins": checkins, "ideas": ideas}

    # --- check-in --------------------------------------------------------------------------------
    def checkin_day(self, today: _dt.date | None = None) -> str | None:
        """Return the workshop day a check-in counts for: today when it is one, else the next, else the last."""
        today = (today or _dt.date.today()).isoformat()
        row = self.store.query_one("SELECT id FROM workshop_day WHERE day_date >= ? ORDER BY day_date LIMIT 1",
                                   (today,))
        if row is None:
            row = self.store.query_one("SELECT id FROM workshop_day ORDER BY day_date DESC LIMIT 1")
        return None if row is None else row["id"]

    def validate_checkin(self, values: dict[str, Any]) -> dict[str, Any]:
        v = {key: clean_text(values.get(key)) for key in ("name", "nip", "position", "organisation", "contact")}
        v["name"] = re.sub(r"\s+", " ", v["name"])
        require("name", v["name"], tr("Name"))
        for key, label in (("name", tr("Name")), ("position", tr("Position")), ("organisation", tr("Organisation")),
                           ("contact", tr("Contact"))):
            max_length(key, v[key], NAME_LIMIT, label)
        v["nip"] = re.sub(r"\s", "", v["nip"])
        if v["nip"] and not (len(v["nip"]) == 18 and v["nip"].isdigit()):
            raise ValidationError("nip", tr("NIP must be 18 digits (or left empty)."))
        opd_id = values.get("opd_id") or None
        if opd_id is not None and self.store.scalar("SELECT 1 FROM opd WHERE id = ?", (opd_id,)) is None:
            raise ValidationError("opd_id", tr("The chosen OPD no longer exists."))
        v["opd_id"] = opd_id
        if opd_id is None and not v["organisation"]:
            raise ValidationError("organisation", tr("Choose your OPD, or type your organisation."))
        return v

    def match_participant(self, values: dict[str, Any]) -> tuple[str | None, str]:
        """Return (participant id, "nip" or "name") of the existing participant these details are, else (None, "")."""
        if values.get("nip"):
            row = self.store.query_one("SELECT id FROM participant WHERE nip = ?", (values["nip"],))
            if row is not None:
                return row["id"], "nip"
        folded = normalise_name(values["name"])
        if not folded:
            return None, ""
        org = normalise_name(values.get("organisation") or "")
        for r in self.store.query("SELECT id, name, opd_id, organisation FROM participant"):
            if normalise_name(r["name"]) != folded:
                continue
            if values.get("opd_id"):
                if r["opd_id"] == values["opd_id"]:
                    return r["id"], "name"
            elif not r["opd_id"] and normalise_name(r["organisation"]) == org:
                return r["id"], "name"
        return None, ""

    def check_in(self, device_id: str | None, client_id: str, values: dict[str, Any], *,
                 today: _dt.date | None = None) -> CheckIn:
        """Store a phone's check-in once per ``client_id``: a known participant is marked present on the
        check-in day at once; a new one waits for the facilitator. Return the stored check-in."""
        if not CLIENT_ID.match(client_id or ""):
            raise ValidationError("client_id", tr("The form is out of date; open it again."))
        existing = self.checkin(client_id)
        if existing is not None:
            return existing
        v = self.validate_checkin(values)
        participant_id, matched_by = self.match_participant(v)
        day_id = self.checkin_day(today)
        stamp = now_iso()
        state = "done" if participant_id and day_id else "pending"
        with self.store.write(tr("Check-in of \u201c{name}\u201d", name=v["name"]), undoable=False):
            self.store.execute(
                "INSERT INTO room_checkin (id, device_id, day_id, name, nip, position, opd_id, organisation, contact, "
                "participant_id, matched_by, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (client_id, device_id, day_id, v["name"], v["nip"], v["position"], v["opd_id"], v["organisation"],
                 v["contact"], participant_id, matched_by, state, stamp, stamp))
            if state == "done":
                self._mark_present(participant_id, day_id)
        return self.checkin(client_id)

    def checkin(self, checkin_id: str) -> CheckIn | None:
        rows = self.checkins(where="c.id = ?", params=(checkin_id,))
        return rows[0] if rows else None

    def checkins(self, *, where: str = "", params: tuple = ()) -> list[CheckIn]:
        """Return check-ins (newest first) with the OPD, participant and day joined in."""
        rows = self.store.query(
            "SELECT c.*, coalesce(nullif(o.short_name, ''), o.name, '') AS opd_name, coalesce(p.name, '') AS "
            "participant_name, coalesce(d.day_date, '') AS day_date FROM room_checkin c "
            "LEFT JOIN opd o ON o.id = c.opd_id LEFT JOIN participant p ON p.id = c.participant_id "
            "LEFT JOIN workshop_day d ON d.id = c.day_id " + (f"WHERE {where} " if where else "")
            + "ORDER BY c.created_at DESC, c.rowid DESC", params)
        names = [f for f in CheckIn.__dataclass_fields__]
        return [CheckIn(**{k: r[k] for k in names}) for r in rows]

    def confirm_checkin(self, checkin_id: str, participant_id: str | None = None) -> str:
        """Confirm a check-in: as ``participant_id`` (fix or merge into an existing participant), or as a new
        participant made from what was typed. Mark the participant present; return the participant's id."""
        c = self.checkin(checkin_id)
        if c is None:
            raise KeyError(checkin_id)
        with self.store.write(tr("Confirm the check-in of \u201c{name}\u201d", name=c.name)):
            if participant_id is None:
                participant_id = new_id()
                email, phone = (c.contact, "") if "@" in c.contact else ("", c.contact)
                from fgd_app.core.people.records import normalise_phone

                stamp = now_iso()
                self.store.execute(
                    "INSERT INTO participant (id, name, position, nip, organisation, opd_id, pentahelix, phone, email, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (participant_id, c.name, c.position, c.nip, c.organisation, c.opd_id,
                     "pemerintah" if c.opd_id else "komunitas", normalise_phone(phone), email, stamp, stamp))
            elif self.store.scalar("SELECT 1 FROM participant WHERE id = ?", (participant_id,)) is None:
                raise ValidationError("participant_id", tr("The chosen participant no longer exists."))
            day_id = c.day_id or self.checkin_day()
            self.store.execute("UPDATE room_checkin SET participant_id = ?, matched_by = ?, state = 'done', day_id = ?, "
                               "updated_at = ? WHERE id = ?",
                               (participant_id, c.matched_by or "facilitator", day_id, now_iso(), checkin_id))
            if day_id:
                self._mark_present(participant_id, day_id)
        return participant_id

    def reject_checkin(self, checkin_id: str) -> None:
        """Set a check-in aside (a test, a duplicate); attendance already marked stays as it is."""
        c = self.checkin(checkin_id)
        if c is None:
            raise KeyError(checkin_id)
        with self.store.write(tr("Set aside the check-in of \u201c{name}\u201d", name=c.name)):
            self.store.execute("UPDATE room_checkin SET state = 'rejected', updated_at = ? WHERE id = ?",
                               (now_iso(), checkin_id))

    def _mark_present(self, participant_id: str, day_id: str) -> None:
        self.store.execute("INSERT OR IGNORE INTO attendance (participant_id, day_id, created_at) VALUES (?, ?, ?)",
                           (participant_id, day_id, now_iso()))

    # --- ideas -----------------------------------------------------------------------------------
    def validate_idea(self, values: dict[str, Any]) -> dict[str, Any]:
        """Return cleaned values or raise ValidationError. A phone's one list gives ``place``: "d:<dimension id>"
        or "e:<element id>" (its dimension follows)."""
        place = str(values.get("place") or "")
        if place.startswith("e:"):
            values = values | {"element_id": place[2:], "dimension_id": self.store.scalar(
                "SELECT dimension_id FROM element WHERE id = ?", (place[2:],))}
        elif place.startswith("d:"):
            values = values | {"dimension_id": place[2:], "element_id": None}
        v = {"name": re.sub(r"\s+", " ", clean_text(values.get("name"))),
             "description": clean_text(values.get("description"), multiline=True),
             "lead_opd_text": clean_text(values.get("lead_opd_text")),
             "proposing_group": clean_text(values.get("proposing_group"))}
        require("name", v["name"], tr("Innovation name"))
        max_length("name", v["name"], NAME_LIMIT, tr("Innovation name"))
        max_length("description", v["description"], DESCRIPTION_LIMIT, tr("Description"))
        max_length("lead_opd_text", v["lead_opd_text"], NAME_LIMIT, tr("Lead OPD"))
        max_length("proposing_group", v["proposing_group"], NAME_LIMIT, tr("Proposing group"))
        v["dimension_id"] = values.get("dimension_id") or None
        if v["dimension_id"] is None or self.store.scalar("SELECT 1 FROM dimension WHERE id = ?",
                                                          (v["dimension_id"],)) is None:
            raise ValidationError("dimension_id", tr("Choose the dimension."))
        v["element_id"] = values.get("element_id") or None
        if v["element_id"] is not None and self.store.scalar(
                "SELECT dimension_id FROM element WHERE id = ?", (v["element_id"],)) != v["dimension_id"]:
            raise ValidationError("element_id", tr("This element belongs to another dimension."))
        v["lead_opd_id"] = values.get("lead_opd_id") or None
        if v["lead_opd_id"] is not None and self.store.scalar("SELECT 1 FROM opd WHERE id = ?",
                                                              (v["lead_opd_id"],)) is None:
            raise ValidationError("lead_opd_id", tr("The chosen lead OPD no longer exists."))
        v["status"] = values.get("status") or "new"
        if v["status"] not in ("running", "new"):
            raise ValidationError("status", tr("Choose whether the innovation is already running or new."))
        return v

    def submit_idea(self, device_id: str | None, client_id: str, values: dict[str, Any]) -> Idea:
        """Store a phone's idea in the inbox once per ``client_id``; return it."""
        if not CLIENT_ID.match(client_id or ""):
            raise ValidationError("client_id", tr("The form is out of date; open it again."))
        existing = self.idea(client_id)
        if existing is not None:
            return existing
        v = self.validate_idea(values)
        stamp = now_iso()
        with self.store.write(tr("Idea \u201c{name}\u201d received", name=v["name"][:60]), undoable=False):
            self.store.execute(
                "INSERT INTO room_idea (id, device_id, dimension_id, element_id, name, description, lead_opd_id, "
                "lead_opd_text, status, proposing_group, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (client_id, device_id, v["dimension_id"], v["element_id"], v["name"], v["description"],
                 v["lead_opd_id"], v["lead_opd_text"], v["status"], v["proposing_group"], stamp, stamp))
        return self.idea(client_id)

    def idea(self, idea_id: str) -> Idea | None:
        rows = self.ideas(where="i.id = ?", params=(idea_id,))
        return rows[0] if rows else None

    def ideas(self, state: str | None = None, *, device_id: str | None = None, where: str = "",
              params: tuple = ()) -> list[Idea]:
        """Return ideas, oldest first, with dimension, element, OPD and innovation code joined in."""
        clauses, values = [], list(params)
        if where:
            clauses.append(where)
        if state is not None:
            clauses.append("i.state = ?")
            values.append(state)
        if device_id is not None:
            clauses.append("i.device_id = ?")
            values.append(device_id)
        rows = self.store.query(
            "SELECT i.*, coalesce(d.name, '') AS dimension, coalesce(e.name, '') AS element, "
            "coalesce(nullif(o.short_name, ''), o.name, i.lead_opd_text) AS lead_opd, coalesce(n.code, '') AS "
            "innovation_code FROM room_idea i LEFT JOIN dimension d ON d.id = i.dimension_id "
            "LEFT JOIN element e ON e.id = i.element_id LEFT JOIN opd o ON o.id = i.lead_opd_id "
            "LEFT JOIN innovation n ON n.id = i.innovation_id "
            + ("WHERE " + " AND ".join(clauses) + " " if clauses else "") + "ORDER BY i.created_at, i.rowid", values)
        names = [f for f in Idea.__dataclass_fields__]
        return [Idea(**{k: r[k] for k in names}) for r in rows]

    def inbox_count(self) -> int:
        return int(self.store.scalar("SELECT count(*) FROM room_idea WHERE state = 'inbox'"))

    def innovation_values(self, idea: Idea) -> dict[str, Any]:
        """Return the innovation fields an idea proposes (for the edit form before accepting)."""
        lead = idea.lead_opd_id
        if lead is None and idea.lead_opd_text:
            from fgd_app.core.people.records import Opds

            found = Opds(self.store).find_by_name(idea.lead_opd_text)
            lead = found.id if found else None
        return {"dimension_id": idea.dimension_id, "element_id": idea.element_id, "name": idea.name,
                "description": idea.description, "lead_opd_id": lead, "status": idea.status,
                "proposing_group": idea.proposing_group}

    def accept_idea(self, idea_id: str, **changes: Any) -> str:
        """Make the idea an innovation with the next code of its dimension (``changes``: the facilitator's
        edits first); one undoable operation. Return the new innovation's id."""
        from fgd_app.core.innovations.records import Innovations

        idea = self._inbox_idea(idea_id)
        values = self.innovation_values(idea) | changes
        if not values.get("lead_opd_id"):
            raise ValidationError("lead_opd_id", tr("Choose the lead OPD (OPD pengampu) before accepting: "
                                                    "\u201c{typed}\u201d is not in the OPD list.",
                                                    typed=idea.lead_opd_text or "-"))
        innovations = Innovations(self.store)
        with self.store.write(tr("Accept idea \u201c{name}\u201d", name=idea.name[:60])):
            innovation = innovations.add(**values)
            self._settle(idea_id, "accepted", innovation.id)
        return innovation.id

    def merge_idea(self, idea_id: str, innovation_id: str) -> None:
        """Join the idea's text into an existing innovation (one undoable operation)."""
        from fgd_app.core.innovations.records import Innovations

        idea = self._inbox_idea(idea_id)
        innovations = Innovations(self.store)
        target = innovations.get(innovation_id)
        note = tr("From the room: \u201c{name}\u201d.", name=idea.name)
        description = target.description
        if idea.description and idea.description not in description:
            description = (description + "\n\n" + idea.description).strip()
        notes = (target.notes + "\n" + note).strip() if note not in target.notes else target.notes
        with self.store.write(tr("Merge idea \u201c{name}\u201d into {code}", name=idea.name[:60], code=target.code)):
            innovations.update(innovation_id, description=description, notes=notes)
            self._settle(idea_id, "merged", innovation_id)

    def reject_idea(self, idea_id: str) -> None:
        idea = self._inbox_idea(idea_id)
        with self.store.write(tr("Reject idea \u201c{name}\u201d", name=idea.name[:60])):
            self._settle(idea_id, "rejected", None)

    def _inbox_idea(self, idea_id: str) -> Idea:
        idea = self.idea(idea_id)
        if idea is None:
            raise KeyError(idea_id)
        if idea.state != "inbox":
            raise FgdError(tr("This idea was already handled."))
        return idea

    def _settle(self, idea_id: str, state: str, innovation_id: str | None) -> None:
        self.store.execute("UPDATE room_idea SET state = ?, innovation_id = ?, updated_at = ? WHERE id = ?",
                           (state, innovation_id, now_iso(), idea_id))


def idea_state_text(state: str, code: str = "") -> str:
    """Return what a phone shows for an idea's fate ("Diterima sebagai GOV-04")."""
    return tr(IDEA_STATE_LABELS.get(state, state), code=code or "-")
