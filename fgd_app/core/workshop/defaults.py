"""Editable default data written into a new workshop file (from the domain reference)."""

from __future__ import annotations

from fgd_app.i18n import tr

# (code, name, elements as (Indonesian, English)) — the six Smart City dimensions.
DIMENSIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("GOV", "Smart Governance", (("Pelayanan Publik", "Public service"),
                                 ("Manajemen Birokrasi", "Bureaucracy management"),
                                 ("Kebijakan Publik", "Public policy"))),
    ("BRD", "Smart Branding", (("Ekosistem Pariwisata", "Tourism ecosystem"),
                               ("Ekosistem Bisnis Daerah", "Regional business ecosystem"),
                               ("Wajah Kota", "City appearance"))),
    ("ECO", "Smart Economy", (("Ekosistem Industri", "Industry ecosystem"),
                              ("Kesejahteraan Rakyat", "People's welfare"),
                              ("Ekosistem Transaksi Keuangan", "Financial transaction ecosystem"))),
    ("LIV", "Smart Living", (("Harmonisasi Tata Ruang", "Spatial harmony"),
                             ("Sarana Transportasi", "Mobility"),
                             ("Sarana Kesehatan", "Health facilities"))),
    ("SOC", "Smart Society", (("Interaksi Masyarakat", "Community interaction"),
                              ("Ekosistem Belajar", "Learning ecosystem"),
                              ("Sistem Keamanan Masyarakat", "Community security"))),
    ("ENV", "Smart Environment", (("Proteksi Lingkungan", "Environmental protection"),
                                  ("Tata Kelola Sampah dan Limbah", "Waste management"),
                                  ("Tata Kelola Energi", "Energy management"))),
)

PENTAHELIX = ("pemerintah", "bisnis", "akademisi", "komunitas", "media")


def pentahelix_label(key: str) -> str:
    """Return the display name of a pentahelix element in the current language."""
    return {
        "pemerintah": tr("Government"),
        "bisnis": tr("Business"),
        "akademisi": tr("Academia"),
        "komunitas": tr("Community"),
        "media": tr("Media"),
    }.get(key, key)


def default_stages(first_year: int, last_year: int, count: int = 4) -> list[tuple[int, int, int]]:
    """Split the horizon into ``count`` stages (number, first, last); earlier stages take the extra years."""
    years = last_year - first_year + 1
    count = max(1, min(count, years))
    base, extra = divmod(years, count)
    stages, start = [], first_year
    for number in range(1, count + 1):
        length = base + (1 if number <= extra else 0)
        stages.append((number, start, start + length - 1))
        start += length
    return stages
