"""Sample risks: what an FGD in a regency typically names for its innovations, scored on the SPBE matrix.

About 100 risks at scale 1 (10,000 at scale 100): low adoption by citizens, data not integrated between
OPDs, budget cuts, vendor lock-in, weak internet in some kecamatan, data leaks, staff turnover, missing
regulation, floods, late procurement, and a few positive risks (CSR interest, national programmes,
university partners). Most risks at or above the appetite are treated and have a residual score; a few
are left open so the "still untreated" list has something to show. Some risks carry the scores of
several FGD groups, a few of them in real disagreement.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from fgd_app.core.demo.innovations import _uuid
from fgd_app.core.store.writer import now_iso
from fgd_app.core.workshop_file import Workshop


class Template(NamedTuple):
    event: str  # "{name}": the innovation's short name; "{district}": a kecamatan
    cause: str
    consequence: str
    category: str  # SPBE category name
    area: str  # impact area name
    controls: str
    score: tuple[int, int]  # typical likelihood, impact
    option: str
    action: str
    output: str
    owner: str  # OPD short name, or "lead"
    kind: str = "negative"
    ict_only: bool = False


TEMPLATES: tuple[Template, ...] = (
    Template("Rendahnya adopsi {name} oleh warga", "Sosialisasi terbatas dan literasi digital warga desa masih rendah",
             "Target pengguna tidak tercapai; anggaran kurang berdaya guna", "Layanan SPBE", "Kinerja",
             "Sosialisasi melalui akun media sosial OPD", (4, 3), "mitigate",
             "Sosialisasi dari pintu ke pintu oleh kader desa dan pendampingan di kantor kecamatan",
             "Jumlah pengguna aktif naik", "lead"),
    Template("Data {name} tidak terintegrasi antar-OPD", "Belum ada standar data dan interoperabilitas antar-OPD",
             "Data ganda dan tidak konsisten; layanan lambat", "Data dan Informasi", "Layanan Organisasi",
             "Rapat koordinasi data triwulanan", (4, 4), "mitigate",
             "Menetapkan standar data dan API lewat Forum Satu Data; menunjuk walidata di setiap OPD",
             "Katalog data dan API terbuka", "Diskominfosatik", ict_only=True),
    Template("Anggaran {name} dipotong pada APBD Perubahan", "Refocusing dan realokasi anggaran daerah",
             "Kegiatan tertunda ke tahun berikutnya", "Rencana dan Anggaran", "Finansial",
             "Usulan masuk RKPD dan Renja OPD", (3, 4), "mitigate",
             "Membagi kegiatan per tahap dan mengusulkan sumber lain (DAK, CSR, KPBU)",
             "Dokumen pendanaan alternatif", "Bappeda"),
    Template("Ketergantungan pada satu penyedia (vendor lock-in) untuk {name}",
             "Kode sumber dan hak cipta aplikasi dipegang penyedia", "Biaya pemeliharaan tinggi; sulit dikembangkan",
             "Pengadaan Barang dan Jasa", "Finansial", "Kontrak pemeliharaan tahunan", (3, 4), "mitigate",
             "Klausul serah terima kode sumber dan dokumentasi dalam kontrak; memakai standar terbuka",
             "Kode sumber dan dokumentasi diserahkan", "Diskominfosatik", ict_only=True),
    Template("Jaringan internet lemah di Kecamatan {district} mengganggu {name}",
             "Belum ada BTS dan jaringan serat optik di wilayah tersebut", "Layanan tidak dapat diakses; data terlambat",
             "Infrastruktur SPBE", "Operasional dan Aset TIK", "Modem seluler cadangan di kantor kecamatan", (4, 3),
             "escalate", "Mengusulkan BTS dan akses internet BAKTI Kominfo; mode luring dengan sinkronisasi",
             "Usulan titik akses internet", "Diskominfosatik", ict_only=True),
    Template("Kebocoran data pribadi warga pada {name}", "Hak akses belum berjenjang dan aplikasi belum diuji keamanan",
             "Kepercayaan publik turun; sanksi UU Pelindungan Data Pribadi", "Keamanan SPBE", "Reputasi",
             "Kata sandi dan antivirus", (2, 5), "mitigate",
             "Uji penetrasi bersama BSSN, enkripsi data, hak akses berjenjang dan log audit",
             "Laporan uji keamanan", "Diskominfosatik", ict_only=True),
    Template("Pengelola {name} kurang dan sering berganti", "Mutasi pegawai dan belum ada jabatan fungsional TIK",
             "Layanan berhenti saat operator dipindahkan", "Sumber Daya Manusia SPBE", "Sumber Daya Manusia",
             "Operator ditunjuk dengan SK Kepala OPD", (4, 2), "mitigate",
             "Bimtek berkala, SOP serah terima tugas dan formasi pranata komputer", "Operator cadangan terlatih",
             "BKPSDM"),
    Template("Regulasi pendukung {name} belum ditetapkan", "Rancangan Perbup belum dibahas Bagian Hukum",
             "Kegiatan tidak punya dasar hukum dan anggaran", "Kepatuhan terhadap Peraturan", "Hukum dan Regulasi",
             "Surat edaran Sekda", (3, 3), "mitigate", "Menyusun dan menetapkan Peraturan Bupati", "Perbup ditetapkan",
             "Setda"),
    Template("Banjir dan rob merusak sarana {name} di Kecamatan {district}", "Lokasi sarana di dataran rendah pesisir",
             "Sarana rusak dan layanan terhenti", "Bencana Alam", "Operasional dan Aset TIK",
             "Sarana ditempatkan di lantai dua", (2, 4), "transfer", "Asuransi barang milik daerah dan rencana kontingensi",
             "Polis asuransi BMD", "BPBD"),
    Template("Pengadaan {name} terlambat", "Rencana umum pengadaan disusun terlambat", "Jadwal pelaksanaan mundur",
             "Pengadaan Barang dan Jasa", "Kinerja", "Pemantauan oleh UKPBJ", (3, 3), "mitigate",
             "Menyusun RUP di awal tahun dan memakai e-katalog", "RUP terbit triwulan I", "Setda"),
    Template("Mitra swasta tertarik mendanai {name} lewat CSR", "Perusahaan di kawasan industri mencari program CSR",
             "Pendanaan di luar APBD bertambah", "Inovasi", "Finansial", "Forum CSR kabupaten", (3, 4), "exploit",
             "Menyusun proposal kerja sama dan skema CSR bersama Forum CSR", "Perjanjian kerja sama CSR", "Bappeda",
             kind="positive"),
    Template("Program nasional mendukung {name}", "Kementerian membuka program dan dana bantuan yang sejalan",
             "Kegiatan bisa dipercepat dan diperluas", "Rencana dan Anggaran", "Kinerja", "Koordinasi dengan provinsi",
             (3, 3), "enhance", "Menyelaraskan usulan dengan program kementerian dan mengajukan proposal",
             "Proposal diterima", "lead", kind="positive"),
    Template("Perguruan tinggi siap mendampingi {name}", "Untirta membuka program KKN tematik dan riset terapan",
             "Kajian dan tenaga pendamping tanpa biaya besar", "Sumber Daya Manusia SPBE", "Sumber Daya Manusia",
             "Nota kesepahaman dengan perguruan tinggi", (3, 3), "share",
             "Perjanjian kerja sama pendampingan dan KKN tematik", "Mahasiswa pendamping di lapangan", "lead",
             kind="positive"),
)

SCHEDULES = ("Triwulan I {year}", "Triwulan II {year}", "Semester II {year}", "Januari\u2013Juni {year}",
             "Sepanjang {year}")
GROUPS = ("Kelompok 1", "Kelompok 2", "Kelompok 3", "Kelompok 4")


def _short(name: str) -> str:
    """Return the innovation name without its qualifier or parenthesis ("Si Dukcapil")."""
    return name.split(" \u2014 ")[0].split(" (")[0]


def populate(ws: Workshop, rng: random.Random, scale: int) -> None:
    """Give most innovations 1-3 risks (about 1.7 on average), scored, mostly treated, some group-scored."""
    innovations = ws.store.query("SELECT id, code, name, lead_opd_id, is_ict FROM innovation ORDER BY rowid")
    if not innovations:
        return
    opds = {o.short_name: o.id for o in ws.opds.list()}
    categories = {c.name: c for c in ws.risks.categories.list()}
    areas = {a.name: a.id for a in ws.risks.impact_areas.list()}
    plans: dict[str, list[str]] = {}
    for plan_id, innovation_id in ws.store.query("SELECT id, innovation_id FROM action_plan ORDER BY rowid"):
        plans.setdefault(innovation_id, []).append(plan_id)
    districts = [name for _id, _code, name in ws.districts()] or ["Ciruas"]
    matrix = ws.risks.matrix()
    first_year = int(ws.info().horizon_first_year)
    risks: list[dict] = []
    scores: list[tuple] = []
    for innovation in innovations:
        count = rng.choice((0, 1, 1, 1, 2, 2, 2, 2, 3, 3))
        eligible = [t for t in TEMPLATES if innovation["is_ict"] or not t.ict_only]
        for number, template in enumerate(rng.sample(eligible, min(count, len(eligible))), start=1):
            values = _risk(template, innovation, number, rng, opds, categories, areas, plans, districts, matrix,
                           first_year)
            risks.append(ws.risks.validate(values, None))
            if rng.random() < 0.15:
                scores += _group_scores(values, rng, matrix.size)
    _write(ws, risks, scores)


def _risk(t: Template, innovation, number: int, rng: random.Random, opds, categories, areas, plans, districts,
          matrix, first_year: int) -> dict:
    top_l, top_i = matrix.size
    likelihood = max(1, min(top_l, t.score[0] + rng.choice((-1, 0, 0, 0, 1))))
    impact = max(1, min(top_i, t.score[1] + rng.choice((-1, 0, 0, 1))))
    category = categories.get(t.category)
    appetite = category.appetite(t.kind) if category else None
    plan_ids = plans.get(innovation["id"])
    values = {
        "id": _uuid(rng), "innovation_id": innovation["id"], "code": f"R-{innovation['code']}-{number:02d}",
        "risk_type": t.kind, "event": t.event.format(name=_short(innovation["name"]), district=rng.choice(districts)),
        "cause": t.cause, "consequence": t.consequence, "category_id": category.id if category else None,
        "impact_area_id": areas.get(t.area), "existing_controls": t.controls, "likelihood": likelihood,
        "impact": impact, "owner_opd_id": innovation["lead_opd_id"] if t.owner == "lead" else opds.get(t.owner),
        "action_plan_id": rng.choice(plan_ids) if plan_ids and rng.random() < 0.4 else None, "position": number,
    }
    above = appetite is not None and matrix.magnitude(likelihood, impact) >= appetite
    roll = rng.random()
    if roll < (0.85 if above else 0.3):
        values.update(treatment_decision="yes", treatment_option=t.option, treatment_action=t.action, output=t.output,
                      schedule=rng.choice(SCHEDULES).format(year=first_year + rng.choice((0, 0, 1, 1, 2))),
                      residual_likelihood=max(1, likelihood - rng.choice((1, 2, 2))),
                      residual_impact=max(1, impact - rng.choice((0, 1, 1))))
    elif not above:
        values["treatment_decision"] = "no"
    return values


def _group_scores(risk: dict, rng: random.Random, top: tuple[int, int]) -> list[tuple]:
    """Return 2-4 group scores near the agreed score; one time in four a group sees it quite differently."""
    out = []
    for group in rng.sample(GROUPS, rng.randint(2, 4)):
        dl, di = rng.choice((-1, 0, 0, 1)), rng.choice((-1, 0, 0, 1))
        if rng.random() < 0.25:
            dl = rng.choice((-2, 2))
        out.append((_uuid(rng), risk["id"], group, max(1, min(top[0], risk["likelihood"] + dl)),
                    max(1, min(top[1], risk["impact"] + di))))
    return out


def _write(ws: Workshop, risks: list[dict], scores: list[tuple]) -> None:
    stamp = now_iso()
    columns = [c for c in risks[0] if c != "created_at"] if risks else []
    with ws.store.write("demo risks"):
        ws.store.executemany(
            f"INSERT INTO risk ({', '.join(columns)}, created_at, updated_at) VALUES "
            f"({', '.join('?' * len(columns))}, ?, ?)", [tuple(r[c] for c in columns) + (stamp, stamp) for r in risks])
        ws.store.executemany("INSERT INTO risk_group_score VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [(*s, stamp, stamp) for s in scores])
