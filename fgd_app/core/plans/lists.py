"""The editable lists action plans pick from: funding sources and plan statuses; and rupiah input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.store.record_table import RecordTable, clean_text, max_length, require
from fgd_app.i18n import N_, language, tr

MAX_BUDGET = 10**15  # Rp 1.000 T: beyond any regional plan, well inside SQLite's 64-bit integers

_UNITS = {"rb": 10**3, "ribu": 10**3, "k": 10**3, "jt": 10**6, "juta": 10**6, "m": 10**9, "miliar": 10**9,
          "milyar": 10**9, "mly": 10**9, "bn": 10**9, "t": 10**12, "triliun": 10**12, "tn": 10**12}
_AMOUNT = re.compile(r"(\d[\d.,]*)([a-z]*)")


def _grouped(text: str, separator: str) -> bool:
    """Return True when ``separator`` splits ``text`` into thousands groups ("1.250.000")."""
    head, *groups = text.split(separator)
    return bool(groups) and 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def _number(text: str, has_unit: bool) -> Decimal:
    """Read "1.250.000", "1,250,000", "1,25", "1.250.000,00" as a decimal number."""
    if "." in text and "," in text:
        thousands, decimal = (".", ",") if text.rfind(",") > text.rfind(".") else (",", ".")
        whole, _, fraction = text.rpartition(decimal)
        if not _grouped(whole, thousands):
            raise ValueError(text)
        return Decimal(whole.replace(thousands, "") + "." + fraction)
    for separator in (".", ","):
        if separator in text:
            if _grouped(text, separator) and not (has_unit and separator == "," and text.count(",") == 1):
                return Decimal(text.replace(separator, ""))
            if text.count(separator) > 1:
                raise ValueError(text)
            return Decimal(text.replace(separator, "."))
    return Decimal(text)


def parse_rupiah(value: Any, field: str = "budget") -> int:
    """Return whole rupiah from typed text: "1.250.000.000", "1250000000", "Rp 1,25 M", "350 jt", "".

    Dots group thousands and a comma marks decimals (Indonesian usage); "M" is miliar, "jt" juta, "rb"
    ribu, "T" triliun. Empty text is 0. Negative, fractional or non-numeric input raises ValidationError.
    """
    if isinstance(value, bool):
        raise ValidationError(field, tr("\u201c{value}\u201d is not an amount of rupiah (e.g. 1.250.000.000 or "
                                        "Rp 1,25 M).", value=value))
    if isinstance(value, int):
        amount = Decimal(value)
    else:
        text = clean_text(value)
        compact = re.sub(r"\s+", "", text).lower()
        if compact.startswith(("-", "\u2212")) or "-rp" in compact or compact.startswith("(") or "rp-" in compact:
            raise ValidationError(field, tr("The budget must not be negative."))
        compact = re.sub(r"^(rp\.?|idr)", "", compact).removesuffix(",-").removesuffix(".-")
        if not compact:
            return 0
        match = _AMOUNT.fullmatch(compact)
        if match is None or (match.group(2) and match.group(2) not in _UNITS):
            raise ValidationError(field, tr("\u201c{value}\u201d is not an amount of rupiah (e.g. 1.250.000.000 or "
                                            "Rp 1,25 M).", value=text))
        unit = _UNITS.get(match.group(2), 1)
        try:
            amount = _number(match.group(1), unit > 1) * unit
        except (ValueError, InvalidOperation):
            raise ValidationError(field, tr("\u201c{value}\u201d is not an amount of rupiah (e.g. 1.250.000.000 "
                                            "or Rp 1,25 M).", value=text)) from None
    if amount < 0:
        raise ValidationError(field, tr("The budget must not be negative."))
    if amount != amount.to_integral_value():
        raise ValidationError(field, tr("The budget is in whole rupiah (no sen)."))
    if amount > MAX_BUDGET:
        raise ValidationError(field, tr("The budget is too large."))
    return int(amount)


@dataclass
class FundingSource:
    id: str
    name: str
    name_en: str = ""
    position: int = 0

    @property
    def display(self) -> str:
        return self.name_en if language() == "en" and self.name_en else self.name


@dataclass
class PlanStatus:
    id: str
    name: str
    code: str | None = None
    name_en: str = ""
    position: int = 0

    @property
    def display(self) -> str:
        return self.name_en if language() == "en" and self.name_en else self.name


class _NamedList(RecordTable):
    """An ordered, editable list of unique names that action plans refer to."""

    order_by = "position, name COLLATE NOCASE"
    column = ""  # action_plan column that refers to this list
    what = ""  # N_-marked field label

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        values["name"] = re.sub(r"\s+", " ", clean_text(values.get("name")))
        require("name", values["name"], tr(self.what))
        max_length("name", values["name"], 100, tr(self.what))
        twin = self.find(values["name"])
        if twin is not None and twin.id != record_id:
            raise ValidationError("name", tr("\u201c{name}\u201d is already in the list.", name=twin.name))
        if record_id is not None and self.get(record_id).name != values["name"]:
            values["name_en"] = ""  # the English label described the old name
        if record_id is None and not values.get("position"):
            values["position"] = int(self.store.scalar(f"SELECT coalesce(max(position), 0) + 1 FROM {self.table}"))
        return values

    def find(self, name: str) -> Any | None:
        """Return the entry named ``name`` (either language, ignoring case), or None."""
        key = re.sub(r"\s+", " ", (name or "").strip())
        if not key:
            return None
        rows = self.list("name = ? COLLATE NOCASE OR (name_en <> '' AND name_en = ? COLLATE NOCASE)", (key, key))
        return rows[0] if rows else None

    def usage(self, record_id: str) -> int:
        return int(self.store.scalar(f"SELECT count(*) FROM action_plan WHERE {self.column} = ?", (record_id,)))

    def delete(self, record_id: str) -> None:
        """Delete an entry no plan uses; refuse otherwise with a message."""
        entry = self.get(record_id)
        used = self.usage(record_id)
        if used:
            raise ValidationError("name", tr("\u201c{name}\u201d is used by {count} action plan(s); give them "
                                             "another value first.", name=entry.display, count=used))
        super().delete(record_id)


class FundingSources(_NamedList):
    table = "funding_source"
    record = FundingSource
    column = "funding_source_id"
    what = N_("Funding source")
    operation_names = {"add": N_("Add funding source \u201c{name}\u201d"),
                       "edit": N_("Edit funding source \u201c{name}\u201d"),
                       "delete": N_("Delete funding source \u201c{name}\u201d")}


class PlanStatuses(_NamedList):
    table = "plan_status"
    record = PlanStatus
    column = "status_id"
    what = N_("Status")
    operation_names = {"add": N_("Add plan status \u201c{name}\u201d"),
                       "edit": N_("Edit plan status \u201c{name}\u201d"),
                       "delete": N_("Delete plan status \u201c{name}\u201d")}

    def default(self) -> PlanStatus:
        """Return the status a new plan gets: "planned", else the first of the list."""
        found = self.list("code = 'planned'") or self.list()
        return found[0]

    def delete(self, record_id: str) -> None:
        if self.count() <= 1:
            raise ValidationError("name", tr("The list needs at least one status."))
        super().delete(record_id)
