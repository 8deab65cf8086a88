"""Sample OPDs, participants (all five pentahelix elements) and attendance on the workshop days."""

from __future__ import annotations

import random
from typing import Any

from fgd_app.core.demo.place import localiser
from fgd_app.core.store.record_table import new_id
from fgd_app.core.store.writer import now_iso
from fgd_app.core.workshop_file import Workshop
from fgd_app.i18n import tr

# The regional agencies of a regency like Kabupaten Serang (name, short name, kind); illustrative.
OPDS: tuple[tuple[str, str, str], ...] = (
    ("Sekretariat Daerah", "Setda", "sekretariat"),
    ("Sekretariat DPRD", "Setwan", "sekretariat"),
    ("Inspektorat Daerah", "Inspektorat", "inspektorat"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan"),
    ("Badan Pendapatan Daerah", "Bapenda", "badan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "badan"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "badan"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "badan"),
    ("Dinas Komunikasi, Informatika, Persandian dan Statistik", "Diskominfosatik", "dinas"),
    ("Dinas Pendidikan dan Kebudayaan", "Dindikbud", "dinas"),
    ("Dinas Kesehatan", "Dinkes", "dinas"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "dinas"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", "dinas"),
    ("Dinas Perhubungan", "Dishub", "dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "dinas"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "dinas"),
    ("Dinas Sosial", "Dinsos", "dinas"),
    ("Dinas Tenaga Kerja", "Disnaker", "dinas"),
    ("Dinas Koperasi dan Usaha Mikro", "Diskop UM", "dinas"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas"),
    ("Dinas Pariwisata, Pemuda dan Olahraga", "Disparpora", "dinas"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag", "dinas"),
    ("Dinas Pertanian", "Distan", "dinas"),
    ("Dinas Perikanan", "Diskan", "dinas"),
    ("Dinas Ketahanan Pangan", "DKP", "dinas"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "dinas"),
    ("Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak", "DP2KBP3A", "dinas"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "satuan"),
    ("Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar", "dinas"),
    ("RSUD dr. Drajat Prawiranegara", "RSDP", "rumah sakit"),
)

# OPDs that send more than one person to a Smart City bimtek.
KEY_OPDS = ("Diskominfosatik", "Bappeda", "Setda", "Dinkes", "Dindikbud", "Disdukcapil", "DPMPTSP")

MALE = ("Ahmad", "Agus", "Asep", "Budi", "Dede", "Deden", "Dedi", "Eko", "Endang", "Fajar", "Hendra",
        "Iwan", "Jajang", "Lukman", "Maman", "Muhamad", "Nanang", "Rahmat", "Ridwan", "Rudi", "Ujang",
        "Wahyu", "Yayan", "Yusuf", "Tubagus", "Hasan", "Irfan", "Dimas", "Rizky", "Arif")
FEMALE = ("Siti", "Nur", "Dewi", "Eka", "Ela", "Euis", "Fitri", "Ida", "Imas", "Lilis", "Lina", "Neneng",
          "Nining", "Ratna", "Rina", "Rini", "Sri", "Tuti", "Wulan", "Yuli", "Ayu", "Dian", "Ratu", "Intan",
          "Putri", "Nurul", "Anisa", "Maya", "Evi", "Tati")
FAMILY = ("Nurdin", "Hidayat", "Saputra", "Permana", "Kurniawan", "Setiawan", "Gunawan", "Hermawan",
          "Suhendar", "Sujana", "Mulyana", "Firmansyah", "Ramdani", "Sopian", "Syarifudin", "Hasanudin", "Fauzi",
          "Maulana", "Wijaya", "Pratama", "Sulaeman", "Hamdani", "Rohman", "Safei", "Juhaeni")
FAMILY_FEMALE = ("Rahayu", "Lestari", "Susanti", "Maryani", "Nurhayati", "Wahyuni", "Handayani", "Rosmawati",
                 "Kusumawati", "Apriani", "Komalasari", "Nurjanah", "Fitriani", "Yulianti", "Rohimah")
DEGREES_GOV = ("S.Kom.", "S.T.", "S.E.", "S.Sos.", "S.IP.", "S.H.", "S.Kom., M.T.", "S.E., M.Si.", "S.T., M.T.",
               "S.Sos., M.Si.", "A.Md.", "S.Pd., M.Pd.", "S.Si.", "S.STP., M.Si.", "", "")
# Positions any OPD sends (with weights: staff come more often than heads of division) ...
POSITIONS_GOV = (
    ("Sekretaris", 1), ("Kepala Subbagian Perencanaan dan Keuangan", 4), ("Kepala Subbagian Umum dan Kepegawaian", 1),
    ("Perencana Ahli Muda", 4), ("Perencana Ahli Pertama", 3), ("Pranata Komputer Ahli Pertama", 2),
    ("Analis Kebijakan Ahli Muda", 2), ("Analis Sistem Informasi", 2), ("Pengelola Data dan Informasi", 2),
)
# ... and the positions particular to some of them.
POSITIONS_OPD = {
    "Diskominfosatik": ("Kepala Dinas", "Kepala Bidang Aplikasi Informatika", "Kepala Bidang Persandian dan Statistik",
                        "Pranata Komputer Ahli Muda", "Sandiman Ahli Pertama", "Statistisi Ahli Pertama"),
    "Bappeda": ("Kepala Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                "Kepala Bidang Penelitian dan Pengembangan", "Perencana Ahli Madya"),
    "Setda": ("Kepala Bagian Organisasi", "Kepala Bagian Tata Pemerintahan", "Analis Kelembagaan Ahli Muda",
              "Kepala Bagian Perekonomian dan Sumber Daya Alam"),
    "Dinkes": ("Kepala Bidang Pelayanan Kesehatan", "Kepala Seksi Sistem Informasi Kesehatan"),
    "Dindikbud": ("Kepala Bidang Pembinaan Sekolah Dasar", "Pengembang Teknologi Pembelajaran Ahli Muda"),
    "Disdukcapil": ("Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan", "Kepala Seksi Pelayanan"),
    "DPMPTSP": ("Kepala Bidang Pelayanan Perizinan", "Kepala Seksi Pengaduan dan Informasi"),
    "Dishub": ("Kepala Bidang Lalu Lintas",),
    "DLH": ("Kepala Bidang Pengelolaan Sampah dan Limbah B3",),
    "BPBD": ("Kepala Pelaksana BPBD", "Kepala Seksi Kedaruratan dan Logistik"),
    "Disparpora": ("Kepala Bidang Destinasi Pariwisata",),
    "Inspektorat": ("Auditor Ahli Muda", "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Muda"),
}
OTHERS: dict[str, tuple[tuple[str, str, str], ...]] = {  # element -> (position, organisation, e-mail domain)
    "bisnis": (
        ("Direktur", "PT Serang Digital Nusantara", "example.co.id"),
        ("Manajer Area", "PT Telkom Indonesia Witel Banten", "example.co.id"),
        ("Ketua", "Kamar Dagang dan Industri Kabupaten Serang", "example.or.id"),
        ("Pimpinan Cabang", "Bank Banten Cabang Serang", "example.co.id"),
        ("Pemilik", "CV Anyer Kreatif Media", "example.com"),
        ("Ketua", "Himpunan Pengusaha Muda Indonesia Kabupaten Serang", "example.or.id"),
    ),
    "akademisi": (
        ("Dosen Teknik Informatika", "Universitas Sultan Ageng Tirtayasa", "example.ac.id"),
        ("Dosen Administrasi Publik", "Universitas Sultan Ageng Tirtayasa", "example.ac.id"),
        ("Dosen Sistem Informasi", "UIN Sultan Maulana Hasanuddin Banten", "example.ac.id"),
        ("Peneliti", "Pusat Kajian Kebijakan Publik Untirta", "example.ac.id"),
        ("Ketua Program Studi Informatika", "Universitas Bina Bangsa", "example.ac.id"),
    ),
    "komunitas": (
        ("Ketua", "Relawan TIK Kabupaten Serang", "example.or.id"),
        ("Koordinator", "Forum Pemuda Peduli Lingkungan Serang", "example.or.id"),
        ("Ketua", "Karang Taruna Kecamatan Kramatwatu", "example.or.id"),
        ("Pendamping Desa", "Forum Desa Digital Banten", "example.or.id"),
        ("Ketua", "Asosiasi UMKM Kabupaten Serang", "example.or.id"),
    ),
    "media": (
        ("Jurnalis", "Radar Banten", "example.com"),
        ("Redaktur", "Banten Raya", "example.com"),
        ("Kontributor", "TVRI Banten", "example.co.id"),
        ("Penyiar", "Radio Serang FM", "example.com"),
    ),
}
# How many of every 60 participants belong to each element.
SHARE = {"pemerintah": 40, "bisnis": 6, "akademisi": 6, "komunitas": 5, "media": 3}
MOBILE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0853", "0811", "0857", "0858", "0878", "0877",
                   "0896", "0895", "0881")
PRESENT_DAY_1 = 0.92
PRESENT_DAY_2 = 0.85


def populate(ws: Workshop, rng: random.Random, scale: int) -> None:
    """Add the ~32 OPDs, 60 x ``scale`` participants and their attendance on every workshop day."""
    opds = []
    for name, short_name, kind in OPDS:
        values = ws.opds.validate({"name": name, "short_name": short_name, "kind": kind, "notes": ""}, None)
        opds.append(values | {"id": new_id()})
    with ws.store.write(tr("Write sample OPDs")):
        for values in opds:
            ws.opds.insert_row(values)

    by_short = {o["short_name"]: o for o in opds}
    used_names: set[str] = set()
    people = []
    place = localiser(ws.info())
    for element, share in SHARE.items():
        for _ in range(share * scale):
            person = _person(rng, element, opds, by_short, used_names)
            people.append(person | {"organisation": place(person["organisation"])})
    rng.shuffle(people)
    stamp = now_iso()
    fields = ("id", "name", "position", "nip", "organisation", "opd_id", "pentahelix", "phone", "email", "notes")
    rows = []
    for person in people:
        values = ws.participants.validate(person, None) | {"id": new_id()}
        rows.append(tuple(values[f] for f in fields) + (stamp, stamp))
    attendance = []
    days = ws.days.list()
    for row in rows:
        for number, day in enumerate(days):
            if rng.random() < (PRESENT_DAY_1 if number == 0 else PRESENT_DAY_2):
                attendance.append((row[0], day.id, stamp))
    with ws.store.write(tr("Write sample participants")):
        ws.store.executemany(
            f"INSERT INTO participant ({', '.join(fields)}, created_at, updated_at) "
            f"VALUES ({', '.join('?' * (len(fields) + 2))})", rows)
        ws.store.executemany("INSERT INTO attendance (participant_id, day_id, created_at) VALUES (?, ?, ?)",
                             attendance)


def _person(rng: random.Random, element: str, opds: list[dict[str, Any]], by_short: dict[str, dict[str, Any]],
            used_names: set[str]) -> dict[str, Any]:
    female = rng.random() < 0.45
    name = _unique_name(rng, female, used_names)
    person: dict[str, Any] = {"pentahelix": element, "notes": "", "opd_id": None, "organisation": "", "nip": ""}
    local = name.lower().replace(" ", ".")
    if element == "pemerintah":
        opd = by_short[rng.choice(KEY_OPDS)] if rng.random() < 0.45 else rng.choice(opds)
        particular = POSITIONS_OPD.get(opd["short_name"], ())
        position = rng.choice(particular) if particular and rng.random() < 0.6 else _weighted(rng, POSITIONS_GOV)
        degree = rng.choice(DEGREES_GOV)
        person |= {"name": f"{name}, {degree}" if degree else name, "position": position, "opd_id": opd["id"],
                   "organisation": opd["name"], "nip": _nip(rng, female)}
        domain = "example.go.id"
    else:
        position, organisation, domain = rng.choice(OTHERS[element])
        if element == "akademisi":
            name = f"Dr. {name}, M.Kom." if rng.random() < 0.5 else f"{name}, M.T."
        person |= {"name": name, "position": position, "organisation": organisation}
    person["phone"] = _phone(rng) if rng.random() < 0.95 else ""
    person["email"] = f"{local}@{domain}" if rng.random() < 0.8 else ""
    return person


def _unique_name(rng: random.Random, female: bool, used: set[str]) -> str:
    first = FEMALE if female else MALE
    family = FAMILY + FAMILY_FEMALE if female else FAMILY
    for attempt in range(1000):
        parts = [rng.choice(first), rng.choice(family)]
        if attempt > 20 or rng.random() < 0.25:
            parts.insert(1, rng.choice(first if female or rng.random() < 0.5 else family))
        if attempt > 200:
            parts.append(rng.choice(family))
        name = " ".join(dict.fromkeys(parts))
        if name not in used:
            used.add(name)
            return name
    return name  # pragma: no cover - only at absurd scales


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _nip(rng: random.Random, female: bool) -> str:
    """Return a plausible 18-digit NIP: birth date, appointment year-month, sex (1/2), serial number."""
    birth_year = rng.randint(1968, 1996)
    birth = f"{birth_year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    appointed = f"{min(birth_year + rng.randint(22, 32), 2023)}{rng.choice((1, 2, 3, 4, 12)):02d}"
    return f"{birth}{appointed}{2 if female else 1}{rng.randint(1, 15):03d}"


def _phone(rng: random.Random) -> str:
    """Return a mobile number written the ways attendance lists write them."""
    digits = rng.choice(MOBILE_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(rng.choice((7, 8))))
    style = rng.random()
    if style < 0.6:
        return digits
    if style < 0.8:
        return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"
    return f"+62 {digits[1:4]} {digits[4:8]} {digits[8:]}"
