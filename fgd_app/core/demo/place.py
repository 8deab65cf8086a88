"""Place names of the sample: it is written about Kabupaten Serang (Banten); another region's demo names itself.

``fgd-app demo FILE --region CODE`` writes the sample for any regency or city; its innovations, partners and
analysis then speak of that region ("Mal Pelayanan Publik Kota Makassar", "Radar Sulawesi Selatan") instead
of Serang, so the ministry's desk and its cross-region search show one region per file.
"""

from __future__ import annotations

from collections.abc import Callable

from fgd_app.core.workshop.details import WorkshopInfo

HOME_REGION = "36.04"  # Kabupaten Serang, Banten: the place the sample texts are written about


def localiser(info: WorkshopInfo) -> Callable[[str], str]:
    """Return a function that moves a sample text from Serang and Banten to the workshop's own region."""
    if info.region_code == HOME_REGION or not info.region_name:
        return lambda text: text
    parts = info.region_name.split(" ", 1)
    short = parts[1] if len(parts) == 2 and parts[0].lower() in ("kabupaten", "kota") else info.region_name
    province = info.province_name or short
    pairs = (("Kabupaten Serang", info.region_name), ("Banten Lama", "kota lama"), ("Serang", short),
             ("Banten", province))

    def localise(text: str) -> str:
        for old, new in pairs:
            text = text.replace(old, new)
        return text

    return localise
