"""Sample region analysis (stage I): readiness items per aspect, running applications, problems linked to
innovations, goals per dimension and Smart Branding as the focus dimension. The same small set at any scale
(a region has one analysis), written in one operation."""

from __future__ import annotations

import random

from fgd_app.core.demo.place import localiser
from fgd_app.core.workshop_file import Workshop

READINESS = {
    "regulation": [("Peraturan Bupati tentang Penyelenggaraan SPBE", "", "45", 2021, "berlaku", "JDIH", 3),
                   ("Peraturan Daerah tentang Smart City", "", "", None, "rancangan", "Bagian Hukum", 2),
                   ("Keputusan Bupati tentang Dewan Smart City", "", "800/Kep.112-Huk", 2024, "berlaku", "JDIH", 4)],
    "spbe_index": [("Indeks SPBE", "2,71 (Baik)", "", 2023, "", "Evaluasi SPBE KemenPANRB", 3)],
    "ict_infrastructure": [("Jaringan fiber optik antar-OPD", "41 dari 52 OPD", "", 2024, "", "Diskominfosatik", 3),
                           ("Desa dengan sinyal 4G", "289 dari 326 desa", "", 2024, "", "BAKTI", 3),
                           ("Pusat data daerah", "ruang server Tier 1", "", 2023, "", "Diskominfosatik", 2)],
    "human_resources": [("ASN berlatar TIK", "64 orang", "", 2024, "", "BKPSDM", 2),
                        ("Pranata komputer", "12 orang", "", 2024, "", "BKPSDM", 2)],
    "budget": [("APBD", "Rp 3,1 T", "", 2025, "", "BPKAD", 4),
               ("Belanja TIK", "0,9 % APBD", "", 2025, "", "Bappeda", 2)],
}
APPLICATIONS = [
    ("SIPANDU (pengaduan warga)", "Dinas Komunikasi", "GOV", "warga", "active", "partial"),
    ("SIMPEG daerah", "Badan Kepegawaian", "GOV", "ASN", "active", "integrated"),
    ("e-Retribusi pasar", "Dinas Perindustrian", "ECO", "pedagang", "development", "none"),
    ("Aplikasi Puskesmas (SIMPUS)", "Dinas Kesehatan", "LIV", "tenaga kesehatan", "active", "unknown"),
]
PROBLEMS = [
    ("BRD", "Data kunjungan wisata religi Banten Lama belum terkumpul", "today", "Disparbud 2024"),
    ("BRD", "Pelaku UMKM sekitar situs ziarah belum memakai pembayaran digital", "today", ""),
    ("GOV", "Layanan perizinan masih tatap muka di kecamatan", "today", "Ombudsman 2023"),
    ("LIV", "Kemacetan saat puncak ziarah akan bertambah", "future", "Dishub"),
    ("ENV", "Sampah di kawasan wisata religi", "today", "DLH"),
    ("SOC", "Literasi digital warga desa rendah", "future", ""),
]
GOALS = [("BRD", "Kunjungan wisata religi tercatat dan meningkat", "Jumlah kunjungan per tahun", "+20 % pada 2029"),
         ("GOV", "Layanan perizinan daring di semua kecamatan", "Kecamatan terlayani", "29 kecamatan"),
         ("ECO", "Transaksi non-tunai di pasar daerah", "Pasar dengan QRIS", "12 pasar")]


def populate(ws: Workshop, rng: random.Random, scale: int) -> None:
    """Write the sample analysis (about 40 rows) in one operation."""
    a = ws.analysis
    place = localiser(ws.info())
    aspects = {x.key: x.id for x in a.aspects.list()}
    dimensions = {d.code: d.id for d in ws.dimensions.list()}
    opds = ws.opds.list()
    innovations = ws.innovations.list()
    with ws.store.write("demo: region analysis"):
        for key, items in READINESS.items():
            for name, value, number, year, status, source, rating in items:
                a.items.add(aspect_id=aspects[key], name=name, value=value, number=number, year=year, status=status,
                            source=source, rating=rating)
        for name, opd_hint, dim, users, status, integration in APPLICATIONS:
            opd = next((o.id for o in opds if opd_hint.casefold() in o.name.casefold()), None)
            app = a.applications.add(name=name, opd_id=opd, dimension_id=dimensions.get(dim), users=users,
                                     status=status, spbe_integration=integration)
            running = [i for i in innovations if i.status == "running" and i.dimension_id == dimensions.get(dim)]
            if running:
                a.applications.set_innovations(app.id, [running[0].id])
        for dim, text, horizon, evidence in PROBLEMS:
            problem = a.problems.add(dimension_id=dimensions[dim], description=place(text), horizon=horizon, evidence=evidence)
            candidates = [i.id for i in innovations if i.dimension_id == dimensions[dim]]
            if candidates and dim != "SOC":  # one problem is left without an innovation
                a.problems.set_innovations(problem.id, rng.sample(candidates, min(2, len(candidates))))
        for dim, goal, indicator, target in GOALS:
            a.goals.add(dimension_id=dimensions[dim], goal=goal, indicator=indicator, target=target)
        a.dimensions.save(dimensions["BRD"], is_focus=1,
                          focus_reason=place("Wisata religi Banten Lama sebagai penggerak ekonomi daerah"),
                          strengths=place("Situs Banten Lama dan Masjid Agung dikenal nasional"),
                          weaknesses="Data kunjungan dan promosi digital masih lemah",
                          opportunities=place("Tol Serang-Panimbang, program wisata halal nasional"),
                          threats="Kemacetan dan sampah saat puncak ziarah")
