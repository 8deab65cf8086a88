"""The workshop's own data: identity and region, days, horizon stages, dimensions and their elements."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from fgd_app.core.errors import ValidationError
from fgd_app.core.store.record_table import RecordTable, clean_text, require
from fgd_app.core.years import year_span
from fgd_app.i18n import N_, roman, tr


@dataclass
class WorkshopInfo:
    id: str
    region_code: str
    region_name: str
    region_kind: str = "kabupaten"
    province_code: str = ""
    province_name: str = ""
    title: str = ""
    bimtek_stage: int = 1
    venue: str = ""
    facilitator: str = ""
    horizon_first_year: int = 2025
    horizon_last_year: int = 2034
    notes: str = ""

    @property
    def stage_label(self) -> str:
        return tr("Stage {number}", number=roman(self.bimtek_stage))

    @property
    def display_name(self) -> str:
        """Return "Kabupaten Serang — Bimtek Tahap II" (or the title when one is set)."""
        title = self.title or tr("Bimtek {stage}", stage=self.stage_label)
        return f"{self.region_name} \u2014 {title}"


@dataclass
class WorkshopDay:
    id: str
    day_date: str
    label: str = ""
    start_time: str = "08:00"
    end_time: str = "16:00"


@dataclass
class HorizonStage:
    id: str
    number: int
    name: str
    first_year: int
    last_year: int


@dataclass
class Dimension:
    id: str
    code: str
    name: str
    name_en: str = ""
    position: int = 0
    description: str = ""


@dataclass
class Element:
    id: str
    dimension_id: str
    name: str
    name_en: str = ""
    position: int = 0


def validate_info(values: dict[str, Any]) -> dict[str, Any]:
    """Clean and check the workshop identity; fill region names from the code."""
    from fgd_app.core.workshop import regions  # here: opening a file and showing it never needs the region list

    values = dict(values)
    for key in ("title", "venue", "facilitator", "region_code", "region_name", "province_code",
                "province_name", "notes"):
        values[key] = clean_text(values.get(key), multiline=key == "notes")
    code = values["region_code"]
    if not re.fullmatch(r"\d\d\.\d\d", code):
        raise ValidationError("region_code", tr("Choose the regency or city."))
    known = regions.region(code)
    if known is not None:
        values["region_name"] = known.name
        values["region_kind"] = known.kind
        province = regions.region(code[:2])
        values["province_code"] = code[:2]
        values["province_name"] = province.name if province else values["province_name"]
    require("region_name", values["region_name"], tr("Region"))
    values["province_code"] = values["province_code"] or code[:2]
    values["region_kind"] = values.get("region_kind") or ("kota" if int(code[3:]) >= 71 else "kabupaten")
    if values["region_kind"] not in ("kabupaten", "kota"):
        raise ValidationError("region_kind", tr("A region is a kabupaten or a kota."))
    try:
        stage = int(values.get("bimtek_stage") or 1)
    except (TypeError, ValueError):
        stage = 0
    if not 1 <= stage <= 4:
        raise ValidationError("bimtek_stage", tr("The bimtek stage is 1 to 4."))
    values["bimtek_stage"] = stage
    first, last = year_span(values.get("horizon_first_year"), values.get("horizon_last_year"),
                            fields=("horizon_first_year", "horizon_last_year"))
    if last - first >= 30:
        raise ValidationError("horizon_last_year", tr("The planning horizon is at most 30 years."))
    values["horizon_first_year"], values["horizon_last_year"] = first, last
    return values


class Days(RecordTable[WorkshopDay]):
    table = "workshop_day"
    record = WorkshopDay
    order_by = "day_date"
    operation_names = {"add": N_("Add workshop day {name}"), "edit": N_("Edit workshop day {name}"),
                       "delete": N_("Delete workshop day {name}")}

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("day_date", ""))

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        raw = values.get("day_date")
        try:
            day = raw if isinstance(raw, _dt.date) else _dt.date.fromisoformat(str(raw).strip())
        except ValueError:
            raise ValidationError("day_date", tr("\u201c{value}\u201d is not a date (YYYY-MM-DD).",
                                                 value=raw)) from None
        values["day_date"] = day.isoformat()
        twin = self.store.scalar("SELECT id FROM workshop_day WHERE day_date = ?", (values["day_date"],))
        if twin is not None and twin != record_id:
            raise ValidationError("day_date", tr("This day is already a workshop day."))
        for key in ("start_time", "end_time"):
            text = clean_text(values.get(key))
            if not re.fullmatch(r"[0-2]\d:[0-5]\d", text) or int(text[:2]) > 23:
                raise ValidationError(key, tr("\u201c{value}\u201d is not a time (HH:MM).", value=text))
            values[key] = text
        if values["end_time"] < values["start_time"]:
            raise ValidationError("end_time", tr("The end time must not be before the start time."))
        values["label"] = clean_text(values.get("label"))
        return values


class Stages(RecordTable[HorizonStage]):
    table = "horizon_stage"
    record = HorizonStage
    order_by = "number"
    operation_names = {"add": N_("Add stage \u201c{name}\u201d"), "edit": N_("Edit stage \u201c{name}\u201d"),
                       "delete": N_("Delete stage \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        values["name"] = clean_text(values.get("name"))
        require("name", values["name"], tr("Stage name"))
        values["first_year"], values["last_year"] = year_span(values.get("first_year"), values.get("last_year"))
        return values


class Dimensions(RecordTable[Dimension]):
    table = "dimension"
    record = Dimension
    order_by = "position"
    operation_names = {"edit": N_("Edit dimension \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        values["name"] = clean_text(values.get("name"))
        values["description"] = clean_text(values.get("description"), multiline=True)
        require("name", values["name"], tr("Dimension name"))
        return values

    def by_code(self, code: str) -> Dimension:
        found = self.list("code = ?", (code,))
        if not found:
            raise KeyError(code)
        return found[0]


class Elements(RecordTable[Element]):
    table = "element"
    record = Element
    order_by = "position"
    operation_names = {"add": N_("Add element \u201c{name}\u201d"), "edit": N_("Edit element \u201c{name}\u201d"),
                       "delete": N_("Delete element \u201c{name}\u201d")}

    def validate(self, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
        values = dict(values)
        values["name"] = clean_text(values.get("name"))
        require("name", values["name"], tr("Element name"))
        if values.get("position") in (None, 0) and record_id is None:
            values["position"] = int(self.store.scalar(
                "SELECT coalesce(max(position), 0) + 1 FROM element WHERE dimension_id = ?",
                (values["dimension_id"],)))
        return values

    def of(self, dimension_id: str) -> list[Element]:
        return self.list("dimension_id = ?", (dimension_id,))
