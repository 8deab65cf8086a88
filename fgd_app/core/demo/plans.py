"""Sample action plans: most innovations get 2-5 steps across the 10-year horizon (study, regulation,
procurement, application development, socialisation, evaluation ...), with OPDs, funding and budgets.

About 200 plans at scale 1 and 20,000 at scale 100 (the roadmap benchmark). Steps follow one another in
time, often depend on the previous step, and the first often falls in the quick-win year.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from fgd_app.core.demo.innovations import _uuid
from fgd_app.core.store.writer import now_iso
from fgd_app.core.workshop_file import Workshop


class Step(NamedTuple):
    activity: str  # "{name}" is the innovation's short name
    output: str
    indicator: str
    target: str
    opd: str  # "lead" (the innovation's lead OPD) or an OPD short name
    years: tuple[int, int]  # duration in years, min..max
    budget: tuple[int, int]  # in juta rupiah, min..max
    funding: tuple[str, ...]  # funding source names, first the most likely
    partners: str = ""


ICT_STEPS: tuple[Step, ...] = (
    Step("Kajian kebutuhan dan proses bisnis {name}", "Dokumen kajian kebutuhan", "Dokumen kajian tersusun",
         "1 dokumen", "Bappeda", (1, 1), (75, 300), ("APBD", "APBD", "Hibah"), "Perguruan tinggi"),
    Step("Penyusunan Peraturan Bupati tentang {name}", "Peraturan Bupati", "Perbup ditetapkan", "1 Perbup",
         "Setda", (1, 1), (50, 150), ("APBD",)),
    Step("Penyusunan arsitektur dan standar data {name}", "Dokumen arsitektur SPBE", "Arsitektur disahkan",
         "1 dokumen", "Diskominfosatik", (1, 1), (100, 250), ("APBD", "APBN")),
    Step("Pengadaan perangkat keras dan jaringan untuk {name}", "Perangkat terpasang dan berfungsi",
         "Persentase perangkat terpasang", "100 %", "Diskominfosatik", (1, 2), (500, 3000), ("APBD", "DAK", "APBN")),
    Step("Pengembangan aplikasi {name}", "Aplikasi beroperasi", "Aplikasi lulus uji dan digunakan", "1 aplikasi",
         "Diskominfosatik", (1, 2), (300, 2500), ("APBD", "APBN", "KPBU"), "Pengembang lokal"),
    Step("Integrasi {name} dengan layanan SPBE nasional", "Layanan terintegrasi", "Jumlah layanan terintegrasi",
         "3 layanan", "Diskominfosatik", (1, 2), (150, 800), ("APBD", "APBN")),
    Step("Sosialisasi dan bimbingan teknis pengguna {name}", "Pengguna terlatih", "Jumlah pengguna terlatih",
         "500 orang", "lead", (1, 2), (50, 250), ("APBD", "CSR"), "Media lokal; komunitas"),
    Step("Perluasan {name} ke seluruh kecamatan", "Layanan tersedia di 29 kecamatan", "Jumlah kecamatan terlayani",
         "29 kecamatan", "lead", (2, 3), (400, 2000), ("APBD", "DAK", "CSR")),
    Step("Monitoring dan evaluasi {name}", "Laporan evaluasi tahunan", "Indeks kepuasan pengguna", ">= 80",
         "Inspektorat", (1, 3), (25, 100), ("APBD",)),
)

NON_ICT_STEPS: tuple[Step, ...] = (
    Step("Kajian dan pemetaan potensi {name}", "Dokumen kajian", "Dokumen kajian tersusun", "1 dokumen", "Bappeda",
         (1, 1), (75, 250), ("APBD", "Hibah"), "Perguruan tinggi"),
    Step("Penyusunan regulasi dan SOP {name}", "Peraturan Bupati dan SOP", "Regulasi ditetapkan", "1 Perbup",
         "Setda", (1, 1), (50, 150), ("APBD",)),
    Step("Pembentukan tim dan kelembagaan {name}", "SK tim pelaksana", "SK ditetapkan", "1 SK", "lead", (1, 1),
         (10, 50), ("APBD",)),
    Step("Pembangunan sarana dan prasarana {name}", "Sarana terbangun", "Persentase penyelesaian fisik", "100 %",
         "DPUPR", (1, 3), (800, 5000), ("APBD", "DAK", "APBN", "KPBU")),
    Step("Kemitraan dengan dunia usaha untuk {name}", "Perjanjian kerja sama", "Jumlah mitra", "5 mitra", "lead",
         (1, 2), (20, 100), ("CSR", "Swasta", "APBD"), "Dunia usaha; BUMD"),
    Step("Sosialisasi dan kampanye publik {name}", "Masyarakat terinformasi", "Jangkauan kampanye", "10.000 orang",
         "lead", (1, 2), (50, 300), ("APBD", "CSR"), "Media lokal"),
    Step("Pendampingan dan pelatihan pelaku {name}", "Pelaku terlatih", "Jumlah peserta pelatihan", "300 orang",
         "lead", (1, 3), (100, 600), ("APBD", "APBN", "CSR"), "Komunitas"),
    Step("Monitoring dan evaluasi {name}", "Laporan evaluasi", "Capaian indikator kinerja", ">= 90 %", "Bappeda",
         (1, 2), (25, 100), ("APBD",)),
)


def _short(name: str) -> str:
    """Return the innovation's name without its variant suffix or bracketed explanation, for activities."""
    base = name.split(" \u2014 ")[0]
    return base.split(" (")[0]


def populate(ws: Workshop, rng: random.Random, scale: int) -> None:
    """Give about nine in ten innovations 2-5 plans (about 3.3 on average)."""
    innovations = ws.store.query("SELECT id, name, lead_opd_id, is_ict FROM innovation ORDER BY rowid")
    if not innovations:
        return
    opds = {o.short_name: o.id for o in ws.opds.list()}
    sources = {s.name: s.id for s in ws.plans.funding_sources.list()}
    statuses = {s.code: s.id for s in ws.plans.statuses.list()}
    first, last = ws.plans.horizon()
    plans: list[dict] = []
    links: list[tuple[str, str]] = []
    for innovation in innovations:
        if rng.random() < 0.1:
            continue  # a few innovations have no plans yet
        steps = ICT_STEPS if innovation["is_ict"] else NON_ICT_STEPS
        count = rng.choice((2, 3, 3, 4, 4, 5, 5))
        chosen = sorted(rng.sample(range(len(steps)), count))
        year = first + rng.choice((0, 0, 0, 1, 1, 2, 3))
        previous = None
        for position, number in enumerate(chosen, start=1):
            step = steps[number]
            start = min(year, last)
            end = min(last, start + rng.randint(*step.years) - 1)
            budget = rng.randint(step.budget[0], step.budget[1]) * 1_000_000
            budget -= budget % 5_000_000 if budget >= 100_000_000 else 0
            funding = None if rng.random() < 0.05 else sources.get(rng.choice(step.funding))
            opd = innovation["lead_opd_id"] if step.opd == "lead" else opds.get(step.opd, innovation["lead_opd_id"])
            if end < first + 2:
                status = rng.choice(("running", "running", "planned", "done"))
            else:
                status = "postponed" if rng.random() < 0.05 else "planned"
            values = {"id": _uuid(rng), "innovation_id": innovation["id"], "position": position,
                      "activity": step.activity.format(name=_short(innovation["name"])), "output": step.output,
                      "indicator": step.indicator, "target": step.target, "first_year": start, "last_year": end,
                      "opd_id": opd, "partners": step.partners, "funding_source_id": funding, "budget": budget,
                      "status_id": statuses.get(status) or statuses["planned"], "notes": ""}
            if scale == 1:  # the sample is what the app itself accepts (checked once; larger scales repeat it)
                values = ws.plans.validate(values, None) | {"position": position}
            plans.append(values)
            if previous is not None and rng.random() < 0.6:
                links.append((values["id"], previous))
            previous = values["id"]
            year = end + rng.choice((0, 1, 1))
    _write(ws, plans, links)


COLUMNS = ("id", "innovation_id", "position", "activity", "output", "indicator", "target", "first_year",
           "last_year", "opd_id", "partners", "funding_source_id", "budget", "status_id", "notes")


def _write(ws: Workshop, plans: list[dict], links: list[tuple[str, str]]) -> None:
    stamp = now_iso()
    with ws.store.write("demo action plans"):
        ws.store.executemany(
            f"INSERT INTO action_plan ({', '.join(COLUMNS)}, created_at, updated_at) "
            f"VALUES ({', '.join('?' * len(COLUMNS))}, ?, ?)",
            [tuple(p[c] for c in COLUMNS) + (stamp, stamp) for p in plans])
        ws.store.executemany("INSERT INTO plan_dependency (plan_id, depends_on_id, created_at) VALUES (?, ?, ?)",
                             [(a, b, stamp) for a, b in links])
