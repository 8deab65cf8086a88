"""Import OPDs or participants from a CSV/XLSX list: map columns, clean, flag duplicates, apply as one step.

>>> preview = ImportPreview.from_file(ws, "peserta_contoh.csv")   # target and mapping guessed
>>> preview.counts()   # {"new": 9, "duplicate": 0, "file_duplicate": 1, "empty": 1, "rejected": 0}
>>> preview.apply()    # one undoable operation "Impor 9 peserta dari peserta_contoh.csv"
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fgd_app.core.errors import ValidationError
from fgd_app.core.people.list_files import ImportFileError, SourceTable, read_table
from fgd_app.core.people.records import Opd, normalise_phone
from fgd_app.core.store.record_table import new_id
from fgd_app.core.workshop.defaults import PENTAHELIX
from fgd_app.i18n import N_, tr

if TYPE_CHECKING:
    from fgd_app.core.workshop_file import Workshop

__all__ = ["ImportFileError", "ImportPreview", "OpdMatcher", "PreviewRow", "SourceTable", "read_table"]

OPDS, PARTICIPANTS = "opd", "participant"
NEW, DUPLICATE, FILE_DUPLICATE, EMPTY, REJECTED = "new", "duplicate", "file_duplicate", "empty", "rejected"
STATUSES = (NEW, DUPLICATE, FILE_DUPLICATE, EMPTY, REJECTED)
STATUS_LABELS = {NEW: N_("New"), DUPLICATE: N_("Already registered"), FILE_DUPLICATE: N_("Repeated in the file"),
                 EMPTY: N_("Empty row"), REJECTED: N_("Rejected")}


@dataclass(frozen=True)
class TargetField:
    key: str
    label: str  # English msgid (N_), shown with tr()
    aliases: tuple[str, ...]  # normalised header words, Indonesian and English


FIELDS: dict[str, tuple[TargetField, ...]] = {
    OPDS: (
        TargetField("name", N_("OPD name"), ("nama", "nama opd", "nama instansi", "nama perangkat daerah", "opd",
                                           "instansi", "perangkat daerah", "name", "agency", "organisation",
                                           "organization")),
        TargetField("short_name", N_("Short name"), ("singkatan", "akronim", "nama singkat", "short name",
                                                     "abbreviation", "acronym", "short")),
        TargetField("kind", N_("Kind"), ("jenis", "jenis opd", "tipe", "kategori", "bentuk", "kind", "type",
                                         "category")),
        TargetField("notes", N_("Notes"), ("keterangan", "catatan", "notes", "note", "remarks")),
    ),
    PARTICIPANTS: (
        TargetField("name", N_("Name"), ("nama", "nama lengkap", "nama peserta", "name", "full name")),
        TargetField("position", N_("Position"), ("jabatan", "posisi", "position", "job title", "title")),
        TargetField("nip", N_("NIP"), ("nip", "nip nik", "nomor induk pegawai")),
        TargetField("organisation", N_("OPD / organisation"), (
            "instansi", "opd", "asal instansi", "nama instansi", "nama opd", "unit kerja", "organisasi",
            "lembaga", "perangkat daerah", "asal", "organisation", "organization", "agency", "institution")),
        TargetField("pentahelix", N_("Pentahelix element"), ("unsur", "unsur pentahelix", "pentahelix",
                                                             "kelompok", "sektor", "element", "sector")),
        TargetField("phone", N_("Phone"), ("no hp", "hp", "nomor hp", "no telp", "no telepon", "telp", "telepon",
                                          "nomor telepon", "no wa", "wa", "whatsapp", "ponsel", "phone", "mobile",
                                          "phone number")),
        TargetField("email", N_("E-mail"), ("email", "e mail", "surel", "alamat email", "mail")),
        TargetField("notes", N_("Notes"), ("keterangan", "catatan", "notes", "note", "remarks")),
    ),
}

PENTAHELIX_WORDS = {
    "pemerintah": "pemerintah", "pemerintahan": "pemerintah", "pemda": "pemerintah", "government": "pemerintah",
    "bisnis": "bisnis", "dunia usaha": "bisnis", "usaha": "bisnis", "swasta": "bisnis", "industri": "bisnis",
    "business": "bisnis", "akademisi": "akademisi", "akademik": "akademisi", "perguruan tinggi": "akademisi",
    "academia": "akademisi", "academic": "akademisi", "komunitas": "komunitas", "masyarakat": "komunitas",
    "community": "komunitas", "media": "media", "pers": "media", "press": "media",
}

# Academic and religious titles (lower case, dots removed) ignored when comparing names.
TITLES = frozenset({
    "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "ust", "st", "se", "sh", "sp", "spd", "mpd", "mm", "mt",
    "mh", "msi", "mkom", "skom", "ssos", "ssi", "sip", "sap", "map", "mak", "ak", "phd", "amd", "skm", "sked",
    "mkes", "sstp", "msc", "mba", "ma", "ba", "bsc", "mcs", "meng", "sag", "mag", "mpa", "sds", "ssn", "amk",
    "skep", "ns", "sfarm", "apt", "mars", "sgz", "spt", "mp", "stp", "sth", "shi", "mhum", "shum", "sikom",
    "mikom", "sthi", "sei", "mei", "lc", "sars", "skg", "dipl"
})
_DEGREE = re.compile(r"^[SMDA]\.[A-Za-z]{1,5}(\.[A-Za-z]{1,5})*\.?$")
_LEADING_TITLES = frozenset({"dr", "drs", "dra", "ir", "prof", "hj", "kh"})
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")


def header_key(text: str) -> str:
    """Return a header reduced to lower-case words ("No. HP" -> "no hp")."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def squeeze(text: object) -> str:
    """Trim a cell and collapse the blanks inside it to single spaces."""
    return re.sub(r"\s+", " ", str(text or "")).strip()


def tidy_name(name: str) -> str:
    """Turn a name typed in capitals into Title Case ("AHMAD FAUZI S.KOM" -> "Ahmad Fauzi S.Kom")."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return name
    return _WORD.sub(lambda m: m.group(0).capitalize(), name.lower())


def name_key(name: str) -> str:
    """Return a name as compared for duplicates: lower case, without titles ("Dr. Budi, M.T." -> "budi")."""
    text = name.split(",")[0] if "," in name else name
    words = text.split()
    kept = []
    for position, word in enumerate(words):
        bare = re.sub(r"[^a-z]", "", word.lower())
        if _DEGREE.match(word) or (bare in TITLES and ("." in word or (position == 0 and bare in _LEADING_TITLES)
                                                       or (position >= 2 and word.isupper() and len(bare) <= 3))):
            continue
        kept.append(re.sub(r"[^\w]", "", word.lower()))
    key = " ".join(w for w in kept if w)
    return key or re.sub(r"[^\w ]", "", name.lower()).strip()


def organisation_key(text: str) -> str:
    """Return an organisation name as compared: lower case, no punctuation, '&' read as 'dan'."""
    text = text.lower().replace("&", " dan ")
    return re.sub(r"[^\w]+", " ", text).strip()


class OpdMatcher:
    """Find the OPD a free-text organisation means: by name or short name, tolerant of punctuation."""

    def __init__(self, opds: list[Opd]):
        self.opds = opds
        self._by_key: dict[str, Opd] = {}
        for opd in opds:
            for text in (opd.short_name, opd.name):
                if text:
                    self._by_key.setdefault(organisation_key(text), opd)
        self._names = {organisation_key(o.name): o for o in opds}

    def match(self, text: str) -> Opd | None:
        """Return the OPD ``text`` names, or None."""
        key = organisation_key(text)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        import difflib

        close = difflib.get_close_matches(key, list(self._names), n=1, cutoff=0.92)
        return self._names[close[0]] if close else None


def guess_mapping(columns: list[str], target: str) -> list[str | None]:
    """Return, per source column, the field it most likely holds (or None); each field used once."""
    fields = FIELDS[target]
    keys = [header_key(c) for c in columns]
    mapping: list[str | None] = [None] * len(columns)
    taken: set[str] = set()
    for exact in (True, False):
        for index, key in enumerate(keys):
            if mapping[index] is not None or not key:
                continue
            best: tuple[int, str] | None = None
            for f in fields:
                if f.key in taken:
                    continue
                for alias in f.aliases:
                    hit = key == alias if exact else f" {alias} " in f" {key} "
                    if hit and (best is None or len(alias) > best[0]):
                        best = (len(alias), f.key)
            if best is not None:
                mapping[index] = best[1]
                taken.add(best[1])
    return mapping


def guess_target(columns: list[str]) -> str:
    """Return OPDS when the headers look like an OPD list, else PARTICIPANTS."""
    def score(target: str) -> int:
        return sum(1 for m in guess_mapping(columns, target) if m not in (None, "name", "notes"))

    return OPDS if score(OPDS) > score(PARTICIPANTS) else PARTICIPANTS


@dataclass
class PreviewRow:
    """One source row as it would be imported."""

    line: int
    values: dict[str, str]
    status: str = NEW
    reason: str = ""  # why it is skipped or rejected, in the user's language
    note: str = ""  # extra information for a new row (the OPD matched, ...)
    opd: Opd | None = None
    record: dict[str, object] = field(default_factory=dict)  # validated values to insert
    id: str = field(default_factory=new_id)

    @property
    def message(self) -> str:
        return self.reason or self.note


_EMPTY_WORDS = frozenset({"-", "--", "\u2014", "\u2013", "n/a", "na", "tidak ada", "tdk ada", "none", "nihil"})
_DUPLICATE_MESSAGES = {
    "name": (N_("Same name as \u201c{name}\u201d, already registered."), N_("Same name as row {line}.")),
    "short_name": (N_("Same short name as \u201c{name}\u201d, already registered."),
                   N_("Same short name as row {line}.")),
    "email": (N_("Same e-mail as \u201c{name}\u201d, already registered."), N_("Same e-mail as row {line}.")),
    "phone": (N_("Same phone number as \u201c{name}\u201d, already registered."),
              N_("Same phone number as row {line}.")),
    "nip": (N_("Same NIP as \u201c{name}\u201d, already registered."), N_("Same NIP as row {line}.")),
}


class ImportPreview:
    """What importing a list would do, row by row; the mapping and the target can be changed."""

    def __init__(self, ws: Workshop, table: SourceTable, target: str | None = None,
                 mapping: list[str | None] | None = None):
        self.ws = ws
        self.table = table
        self.target = target or guess_target(table.columns)
        self.mapping = list(mapping) if mapping is not None else guess_mapping(table.columns, self.target)
        self.rows: list[PreviewRow] = []
        self.refresh()

    @classmethod
    def from_file(cls, ws: Workshop, path: str | os.PathLike, *, sheet: str | None = None,
                  target: str | None = None) -> ImportPreview:
        """Read ``path`` and preview it (raise ImportFileError when it cannot be read)."""
        return cls(ws, read_table(path, sheet), target)

    # --- the choices the facilitator can change --------------------------------------------------
    @property
    def fields(self) -> tuple[TargetField, ...]:
        return FIELDS[self.target]

    def set_target(self, target: str) -> None:
        """Import into OPDS or PARTICIPANTS; the mapping is guessed again."""
        self.target = target
        self.mapping = guess_mapping(self.table.columns, target)
        self.refresh()

    def set_mapping(self, column: int, field_key: str | None) -> None:
        """Let source ``column`` fill ``field_key`` (None: ignore it); a field takes one column only."""
        if field_key is not None:
            self.mapping = [None if m == field_key else m for m in self.mapping]
        self.mapping[column] = field_key
        self.refresh()

    def problem(self) -> str:
        """Return why nothing can be imported with this mapping, or ""."""
        if "name" not in self.mapping:
            label = tr(next(f.label for f in self.fields if f.key == "name"))
            return tr("No column of the file was recognised as \u201c{field}\u201d. Choose which column holds "
                      "it.", field=label)
        return ""

    # --- results ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            out[row.status] += 1
        return out

    def new_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status == NEW]

    def can_apply(self) -> bool:
        return not self.ws.read_only and not self.problem() and bool(self.new_rows())

    def operation_name(self, count: int | None = None) -> str:
        count = len(self.new_rows()) if count is None else count
        if self.target == OPDS:
            return tr("Import {count} OPDs from {file}", count=count, file=self.table.name)
        return tr("Import {count} participants from {file}", count=count, file=self.table.name)

    def apply(self) -> int:
        """Insert the new rows as ONE undoable operation; return how many were added."""
        self.refresh()  # the workshop may have changed since the preview was made
        problem = self.problem()
        if problem:
            raise ValidationError("mapping", problem)
        rows = self.new_rows()
        if not rows:
            return 0
        repo = self.ws.opds if self.target == OPDS else self.ws.participants
        with self.ws.store.write(self.operation_name(len(rows))):
            for row in rows:
                repo.insert_row(row.record | {"id": row.id})
        return len(rows)

    # --- computing the rows ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute every row's cleaned values and status against the workshop as it is now."""
        existing: dict[tuple[str, str], str] = {}
        if self.target == OPDS:
            for opd in self.ws.opds.list():
                self._index(existing, self._opd_keys(opd.name, opd.short_name), opd.name)
            matcher = None
        else:
            for person in self.ws.participants.list():
                self._index(existing, self._person_keys(person.name, person.email, person.phone, person.nip),
                            person.name)
            matcher = OpdMatcher(self.ws.opds.list())
        seen: dict[tuple[str, str], str] = {}
        self.rows = []
        for index, cells in enumerate(self.table.rows):
            row = PreviewRow(self.table.lines[index], self._values(index, cells))
            self.rows.append(row)
            name = row.values.get("name", "")
            if name and not _LETTER.search(name):  # "-", ";;;", "123": a placeholder, not a name
                if any(v for k, v in row.values.items() if k != "name"):
                    self._reject(row, tr("\u201c{value}\u201d is not a name (it has no letters).", value=name))
                else:
                    row.status = EMPTY
                continue
            if not any(row.values.values()):
                row.status = EMPTY
                continue
            if self.target == OPDS:
                keys = self._clean_opd(row)
            else:
                keys = self._clean_participant(row, index, matcher)
            if row.status == REJECTED:
                continue
            if self._is_duplicate(row, keys, existing, seen):
                continue
            self._validate(row)
            if row.status == NEW:
                self._index(seen, keys, str(row.line))

    def _values(self, index: int, cells: list[str]) -> dict[str, str]:
        values = {}
        for column, key in enumerate(self.mapping):
            if key is None or column >= len(cells):
                continue
            text = squeeze(cells[column])
            if key != "name" and text.lower() in _EMPTY_WORDS:
                text = ""
            values[key] = tidy_name(text) if key == "name" else text
        return values

    @staticmethod
    def _index(index: dict[tuple[str, str], str], keys: list[tuple[str, str]], label: str) -> None:
        for key in keys:
            index.setdefault(key, label)

    @staticmethod
    def _opd_keys(name: str, short_name: str) -> list[tuple[str, str]]:
        keys = [("name", organisation_key(name))]
        if short_name:
            keys.append(("short_name", organisation_key(short_name)))
        return [k for k in keys if k[1]]

    @staticmethod
    def _person_keys(name: str, email: str, phone: str, nip: str) -> list[tuple[str, str]]:
        keys = [("name", name_key(name)), ("email", email.lower()), ("nip", nip)]
        if len(phone) >= 8:
            keys.append(("phone", phone))
        return [k for k in keys if k[1]]

    def _clean_opd(self, row: PreviewRow) -> list[tuple[str, str]]:
        row.values["kind"] = row.values.get("kind", "").lower()
        return self._opd_keys(row.values.get("name", ""), row.values.get("short_name", ""))

    def _clean_participant(self, row: PreviewRow, index: int, matcher: OpdMatcher | None) -> list[tuple[str, str]]:
        v = row.values
        v["email"] = v.get("email", "").lower()
        raw_phone = v.get("phone", "")
        v["phone"] = normalise_phone(raw_phone)
        raw_nip = v.get("nip", "").replace(" ", "")
        nip = v["nip"] = re.sub(r"[.\-]", "", raw_nip)
        nip_column = self.mapping.index("nip") if "nip" in self.mapping else -1
        if nip and (_SCIENTIFIC.match(raw_nip) or (index, nip_column) in self.table.lossy):
            self._reject(row, tr("The NIP was stored as a number and lost its last digits; format the NIP "
                                 "column as text in the spreadsheet and import again."))
        elif raw_phone and not (v["phone"].isdigit() and 7 <= len(v["phone"]) <= 15):
            self._reject(row, tr("\u201c{value}\u201d is not a phone number.", value=raw_phone))
        element = header_key(v.get("pentahelix", ""))
        v["pentahelix"] = PENTAHELIX_WORDS.get(element, element) or PENTAHELIX[0]
        organisation = v.get("organisation", "")
        row.opd = matcher.match(organisation) if matcher is not None else None
        if row.opd is not None:
            row.note = tr("OPD: {name}", name=row.opd.short_name or row.opd.name)
        elif organisation and v["pentahelix"] == PENTAHELIX[0]:
            row.note = tr("Not a registered OPD; kept as written.")
        return self._person_keys(v.get("name", ""), v["email"], v["phone"], nip)

    @staticmethod
    def _reject(row: PreviewRow, reason: str) -> None:
        row.status, row.reason = REJECTED, reason

    @staticmethod
    def _is_duplicate(row: PreviewRow, keys: list[tuple[str, str]], existing: dict[tuple[str, str], str],
                      seen: dict[tuple[str, str], str]) -> bool:
        for status, index, param in ((DUPLICATE, existing, "name"), (FILE_DUPLICATE, seen, "line")):
            for key in keys:
                if key in index:
                    template = _DUPLICATE_MESSAGES[key[0]][0 if status == DUPLICATE else 1]
                    row.status, row.reason = status, tr(template, **{param: index[key]})
                    return True
        return False

    def _validate(self, row: PreviewRow) -> None:
        if self.target == OPDS:
            repo, values = self.ws.opds, row.values
        else:
            repo = self.ws.participants
            values = dict(row.values)
            if row.opd is not None:
                values["opd_id"], values["organisation"] = row.opd.id, ""
        try:
            row.record = repo.validate(repo.defaults() | values, None)
        except ValidationError as error:
            self._reject(row, error.message)
