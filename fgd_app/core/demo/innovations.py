"""Sample innovations of a regency like Kabupaten Serang: ten per Smart City dimension, both statuses.

Invented for demonstration, in the style of what OPDs bring to a bimtek FGD. ``scale`` repeats the
list with varied names (6,000 innovations at scale 100) for benchmarks.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from fgd_app.core.demo.place import localiser
from fgd_app.core.innovations.records import COLUMNS, Partner
from fgd_app.core.store.writer import now_iso
from fgd_app.core.workshop_file import Workshop


class Sample(NamedTuple):
    dimension: str  # dimension code
    element: int  # 0..2, position within the dimension
    name: str
    lead: str  # OPD short name
    supporting: str  # comma-separated short names
    running: bool  # already running (to be improved) or new
    ict: bool
    problem: str
    description: str
    improvement: str = ""
    partners: str = ""  # "akademisi:Untirta; bisnis:" (element:name)
    districts: str = ""  # comma-separated kecamatan; empty = whole region


SAMPLES: tuple[Sample, ...] = (
    # --- Smart Governance ------------------------------------------------------------------------
    Sample("GOV", 0, "Si Dukcapil (layanan adminduk online)", "Disdukcapil", "Diskominfosatik", True, True,
           "Warga dari kecamatan jauh harus datang ke kantor dinas untuk KK dan akta.",
           "Permohonan KK, KTP-el, akta kelahiran dan pindah datang lewat aplikasi dan WhatsApp.",
           "Integrasi tanda tangan elektronik dan pencetakan mandiri di kecamatan.", "bisnis:Bank BJB"),
    Sample("GOV", 0, "Mal Pelayanan Publik Kabupaten Serang", "DPMPTSP", "Disdukcapil, Bapenda, Setda", True, False,
           "Layanan perizinan dan non-perizinan tersebar di banyak kantor.",
           "Satu gedung untuk layanan OPD, instansi vertikal dan BUMN.",
           "Tambah gerai instansi vertikal dan antrean daring.", "bisnis:BPJS Kesehatan; bisnis:Bank BJB"),
    Sample("GOV", 0, "Perizinan online terintegrasi OSS-RBA", "DPMPTSP", "Diskominfosatik, DPUPR", True, True,
           "Pelaku usaha tidak tahu status izinnya.", "Pelacakan izin dan notifikasi status lewat SMS/WA.",
           "Dasbor status izin per kecamatan."),
    Sample("GOV", 1, "Satu Data Kabupaten Serang", "Diskominfosatik", "Bappeda, Setda", False, True,
           "Data sektoral OPD berbeda-beda dan sulit dipakai untuk perencanaan.",
           "Portal data dengan walidata, metadata standar dan jadwal pemutakhiran.", "",
           "akademisi:Universitas Sultan Ageng Tirtayasa"),
    Sample("GOV", 1, "E-Kinerja dan presensi ASN berbasis lokasi", "BKPSDM", "Diskominfosatik, Inspektorat", True, True,
           "Rekap kinerja dan presensi manual, terlambat untuk TPP.",
           "Presensi dengan geotagging dan laporan kinerja harian terhubung TPP.",
           "Integrasi dengan aplikasi kepegawaian nasional."),
    Sample("GOV", 1, "Tata naskah dinas elektronik (e-Office)", "Setda", "Diskominfosatik, Dispusip", False, True,
           "Surat-menyurat antar-OPD memakan kertas dan waktu.", "Disposisi, surat dan arsip secara elektronik."),
    Sample("GOV", 2, "Musrenbang digital (e-Musrenbang)", "Bappeda", "DPMD, Diskominfosatik", True, True,
           "Usulan desa sulit dilacak sampai ke APBD.", "Usulan desa dan kecamatan diinput dan dipantau daring.",
           "Peta usulan dan umpan balik ke pengusul.", "komunitas:Forum Kepala Desa"),
    Sample("GOV", 2, "Kanal pengaduan SP4N-LAPOR! terpadu", "Diskominfosatik", "Inspektorat, Setda", True, True,
           "Pengaduan masuk lewat banyak saluran dan tidak ditindaklanjuti.",
           "Satu kanal pengaduan dengan batas waktu tindak lanjut per OPD.",
           "Admin pengaduan di setiap kecamatan.", "media:Radar Banten"),
    Sample("GOV", 2, "Peraturan bupati tentang SPBE dan Smart City", "Setda", "Diskominfosatik, Bappeda", False, False,
           "Belum ada dasar hukum tata kelola SPBE daerah.", "Perbup arsitektur SPBE, manajemen data dan tim koordinasi."),
    Sample("GOV", 0, "Pelayanan keliling adminduk di desa terpencil", "Disdukcapil", "DPMD", True, False,
           "Lansia dan difabel sulit datang ke kantor.", "Mobil pelayanan keliling terjadwal ke desa.",
           "Jadwal diumumkan lewat media sosial.", "", "Tunjung Teja, Cikeusal, Pamarayan"),
    # --- Smart Branding --------------------------------------------------------------------------
    Sample("BRD", 0, "Branding wisata religi Banten Lama", "Disparpora", "Dindikbud, Disperkim", True, False,
           "Peziarah banyak, tetapi lama tinggal dan belanja rendah.",
           "Paket ziarah, pemandu bersertifikat dan narasi sejarah Kesultanan Banten.",
           "Kalender acara dan kerja sama biro perjalanan.", "komunitas:Kenadziran Banten Lama; bisnis:ASITA Banten"),
    Sample("BRD", 0, "Aplikasi pariwisata Serang Explore", "Disparpora", "Diskominfosatik", False, True,
           "Informasi destinasi, homestay dan kuliner tersebar.", "Peta destinasi, ulasan dan pemesanan paket.", "",
           "bisnis:Asosiasi homestay; media:Komunitas fotografer"),
    Sample("BRD", 0, "Desa wisata Pantai Anyer–Cinangka", "Disparpora", "DPMD, DLH", True, False,
           "Pantai ramai tetapi desa sekitar belum mendapat manfaat.", "Pengelolaan desa wisata berbasis pokdarwis.",
           "Pelatihan pokdarwis dan standar kebersihan pantai.", "komunitas:Pokdarwis", "Anyar, Cinangka"),
    Sample("BRD", 1, "Galeri produk UMKM unggulan daerah", "Diskop UM", "Disperindag, Disparpora", True, False,
           "Produk UMKM kurang dikenal di luar daerah.", "Gerai produk di Mal Pelayanan Publik dan rest area tol.",
           "Kurasi kemasan dan label halal."),
    Sample("BRD", 1, "Katalog elektronik produk lokal", "Disperindag", "Diskop UM, Diskominfosatik", False, True,
           "Belanja pemerintah jarang menyerap produk lokal.", "Produk UMKM tayang di katalog elektronik daerah."),
    Sample("BRD", 1, "Festival Kuliner Khas Serang", "Disparpora", "Diskop UM", True, False,
           "Kuliner khas (rabeg, sate bandeng) kurang dikenal.", "Festival tahunan dengan lomba dan promosi daring.",
           "Siaran langsung dan kerja sama pemengaruh.", "media:Radar Banten; bisnis:"),
    Sample("BRD", 2, "Penataan wajah kawasan alun-alun dan pusat pemerintahan", "Disperkim", "DPUPR, DLH", False, False,
           "Kawasan pusat pemerintahan kurang tertata dan minim ruang publik.",
           "Desain kawasan, jalur pejalan kaki dan taman tematik."),
    Sample("BRD", 2, "Gerbang dan tugu identitas di batas kabupaten", "DPUPR", "Disparpora", False, False,
           "Pengendara tidak tahu sudah masuk Kabupaten Serang.", "Gerbang dengan ornamen khas Banten di jalur utama."),
    Sample("BRD", 2, "Logo dan tagline kabupaten untuk promosi", "Diskominfosatik", "Disparpora, Setda", False, False,
           "Promosi daerah tidak seragam.", "Panduan identitas visual untuk semua OPD.", "",
           "akademisi:Program Studi Desain Komunikasi Visual"),
    Sample("BRD", 0, "Kampung budaya debus dan pencak silat", "Dindikbud", "Disparpora", True, False,
           "Seni tradisi jarang tampil dan kurang regenerasi.", "Pentas rutin dan sanggar latihan.",
           "Jadwal pentas untuk wisatawan.", "komunitas:Paguyuban seni debus", "Ciomas, Padarincang"),
    # --- Smart Economy ---------------------------------------------------------------------------
    Sample("ECO", 2, "E-retribusi pasar", "Disperindag", "Bapenda, Diskominfosatik", False, True,
           "Retribusi pasar tunai dan rawan kebocoran.", "Pembayaran retribusi los dan kios dengan QRIS.", "",
           "bisnis:Bank BJB"),
    Sample("ECO", 2, "Pajak daerah online (e-PBB dan e-BPHTB)", "Bapenda", "BPKAD, Diskominfosatik", True, True,
           "Wajib pajak antre di kantor untuk membayar PBB.", "Cek tagihan dan bayar PBB lewat kanal digital.",
           "Tambah kanal pembayaran minimarket dan dompet digital.", "bisnis:Bank BJB; bisnis:PT Pos Indonesia"),
    Sample("ECO", 2, "Transaksi non-tunai belanja daerah (CMS)", "BPKAD", "Bapenda", True, True,
           "Belanja OPD masih banyak tunai.", "Cash management system dan kartu kredit pemerintah daerah.",
           "Perluasan ke sekolah dan puskesmas (BLUD)."),
    Sample("ECO", 1, "Pasar tani online", "Distan", "Disperindag, DKP", False, True,
           "Petani menjual lewat tengkulak dengan harga rendah.", "Pemesanan hasil tani langsung dari kelompok tani.",
           "", "komunitas:Gapoktan; bisnis:"),
    Sample("ECO", 1, "Data terpadu penerima bantuan sosial", "Dinsos", "Disdukcapil, Diskominfosatik", True, True,
           "Bantuan sosial salah sasaran.", "Pemutakhiran DTKS dengan verifikasi NIK dan kunjungan desa.",
           "Integrasi dengan data kependudukan setiap bulan."),
    Sample("ECO", 1, "Bursa kerja online dan job fair", "Disnaker", "DPMPTSP", True, True,
           "Lowongan industri Cikande–Kragilan tidak sampai ke pencari kerja lokal.",
           "Portal lowongan dan pencocokan dengan pencari kerja terdaftar.",
           "Kerja sama wajib lapor lowongan dengan kawasan industri.", "bisnis:Kawasan Industri Modern Cikande",
           "Cikande, Kibin, Kragilan"),
    Sample("ECO", 0, "Klinik UMKM dan inkubator bisnis", "Diskop UM", "Disperindag", False, False,
           "UMKM sulit naik kelas.", "Pendampingan legalitas, kemasan dan akses modal.", "",
           "akademisi:Universitas Sultan Ageng Tirtayasa; bisnis:"),
    Sample("ECO", 0, "Sentra industri emping melinjo", "Disperindag", "Diskop UM, Distan", True, False,
           "Perajin emping kecil-kecil dan tidak terstandar.", "Sentra produksi bersama dengan alat pengering.",
           "Sertifikasi PIRT dan halal.", "", "Baros, Petir"),
    Sample("ECO", 0, "Sistem informasi kawasan industri", "DPMPTSP", "DPUPR, DLH", False, True,
           "Calon investor tidak tahu lahan dan infrastruktur yang tersedia.",
           "Peta lahan industri, utilitas dan insentif investasi."),
    Sample("ECO", 1, "Kartu tani digital", "Distan", "Diskominfosatik", False, True,
           "Distribusi pupuk bersubsidi tidak tepat sasaran.", "Penebusan pupuk dengan kartu dan data e-RDKK."),
    # --- Smart Living ----------------------------------------------------------------------------
    Sample("LIV", 2, "Telemedicine puskesmas", "Dinkes", "Diskominfosatik, RSDP", False, True,
           "Dokter spesialis jauh dari desa.", "Konsultasi puskesmas ke dokter spesialis RSUD lewat video.", "",
           "akademisi:Fakultas Kedokteran; bisnis:Penyedia jaringan", "Tirtayasa, Tanara, Pontang"),
    Sample("LIV", 2, "Antrean online puskesmas dan RSUD", "Dinkes", "RSDP", True, True,
           "Pasien antre sejak subuh.", "Ambil nomor antrean dari rumah lewat aplikasi.",
           "Perluasan ke semua puskesmas dan notifikasi WA."),
    Sample("LIV", 2, "Ambulans desa siaga 24 jam", "Dinkes", "DPMD, BPBD", True, False,
           "Rujukan gawat darurat terlambat.", "Ambulans desa dan nomor panggilan tunggal.",
           "Pelacakan posisi ambulans."),
    Sample("LIV", 1, "Informasi angkutan umum dan jadwal bus", "Dishub", "Diskominfosatik", False, True,
           "Penumpang tidak tahu jadwal dan rute angkutan.", "Informasi rute, jadwal dan posisi angkutan di aplikasi.",
           "", "bisnis:Organda"),
    Sample("LIV", 1, "Penerangan jalan umum tenaga surya", "Dishub", "DPUPR", True, False,
           "Banyak ruas jalan desa gelap.", "PJU tenaga surya di ruas rawan kecelakaan.", "Pemantauan PJU rusak.",
           "", "Jawilan, Kopo, Cikande"),
    Sample("LIV", 1, "Parkir elektronik", "Dishub", "Bapenda", False, True,
           "Retribusi parkir bocor.", "Juru parkir dengan alat pembayaran non-tunai."),
    Sample("LIV", 0, "Sistem informasi tata ruang (SITARU)", "DPUPR", "DPMPTSP, Bappeda", True, True,
           "Warga tidak tahu peruntukan lahannya.", "Peta RTRW dan RDTR yang bisa dicek daring.",
           "Integrasi dengan perizinan bangunan (PBG)."),
    Sample("LIV", 0, "Rumah layak huni berbasis data", "Disperkim", "Dinsos, DPMD", True, False,
           "Bedah rumah belum berdasarkan data yang sama.", "Pendataan RTLH dengan foto dan koordinat.",
           "Pemutakhiran oleh desa."),
    Sample("LIV", 0, "Air minum perpipaan desa", "DPUPR", "Disperkim", False, False,
           "Desa pesisir kesulitan air bersih.", "SPAM perdesaan dikelola BUMDes.", "", "komunitas:BUMDes",
           "Pulo Ampel, Bojonegara"),
    Sample("LIV", 2, "Posyandu digital pencegahan stunting", "Dinkes", "DP2KBP3A, DPMD", False, True,
           "Data tumbuh kembang balita dicatat di buku.", "Kader mencatat pengukuran balita di aplikasi.", "",
           "komunitas:Kader posyandu; akademisi:"),
    # --- Smart Society ---------------------------------------------------------------------------
    Sample("SOC", 2, "CCTV kecamatan terintegrasi command center", "Diskominfosatik", "Satpol PP, Dishub", False, True,
           "Kejadian di jalan dan pasar terlambat diketahui.", "CCTV di titik rawan terhubung ruang kendali.", "",
           "", "Kramatwatu, Ciruas, Kragilan, Cikande"),
    Sample("SOC", 2, "Call center darurat 112", "Diskominfosatik", "BPBD, Damkar, Dinkes", False, True,
           "Nomor darurat berbeda-beda per instansi.", "Satu nomor darurat dengan operator terlatih."),
    Sample("SOC", 2, "Sistem peringatan dini bencana", "BPBD", "Diskominfosatik", True, True,
           "Banjir dan tsunami di pesisir tanpa peringatan cukup.", "Sirene dan pesan siaran ke warga.",
           "Tambah sensor muka air sungai Ciujung.", "pemerintah:BMKG", "Anyar, Cinangka, Pontang, Tanara"),
    Sample("SOC", 1, "Perpustakaan digital (iSerang)", "Dispusip", "Dindikbud", True, True,
           "Koleksi buku terbatas di desa.", "Pinjam buku elektronik lewat aplikasi.", "Pojok baca digital di desa."),
    Sample("SOC", 1, "Sekolah ramah digital", "Dindikbud", "Diskominfosatik", False, True,
           "Guru belum terbiasa mengajar dengan perangkat digital.", "Pelatihan guru dan akses internet sekolah.", "",
           "bisnis:Penyedia jaringan; akademisi:"),
    Sample("SOC", 1, "Kursus keterampilan di balai latihan kerja", "Disnaker", "Dindikbud", True, False,
           "Lulusan SMA sulit terserap industri.", "Pelatihan las, otomotif dan digital marketing.",
           "Sertifikasi kompetensi bersama industri."),
    Sample("SOC", 0, "Aplikasi relawan dan gotong royong warga", "DPMD", "Dinsos", False, True,
           "Kegiatan sosial warga tidak terkoordinasi.", "Warga mendaftar kegiatan relawan di desanya.", "",
           "komunitas:Karang Taruna"),
    Sample("SOC", 0, "Forum anak dan kota layak anak", "DP2KBP3A", "Dindikbud", True, False,
           "Suara anak belum masuk perencanaan.", "Forum anak di kecamatan ikut musrenbang.", "Forum anak di semua desa."),
    Sample("SOC", 0, "Media center dan PPID daerah", "Diskominfosatik", "Setda", True, True,
           "Informasi publik lambat dan tidak seragam.", "Situs berita dan layanan permohonan informasi.",
           "Siaran pers harian dan data terbuka.", "media:Persatuan Wartawan"),
    Sample("SOC", 2, "Siskamling berbasis aplikasi", "Satpol PP", "Kesbangpol", False, True,
           "Ronda malam tidak tercatat.", "Jadwal ronda dan laporan kejadian dari warga.", "", "komunitas:Linmas"),
    # --- Smart Environment -----------------------------------------------------------------------
    Sample("ENV", 1, "Aplikasi bank sampah", "DLH", "Diskominfosatik, DPMD", True, True,
           "Sampah rumah tangga menumpuk di TPS liar.", "Setoran sampah warga dicatat dan ditukar tabungan.",
           "Penjemputan sampah terpilah dan kerja sama pengepul.", "komunitas:Bank sampah induk; bisnis:"),
    Sample("ENV", 1, "TPS3R di setiap kecamatan", "DLH", "DPMD", False, False,
           "Sampah langsung dibuang ke TPA Cilowong yang hampir penuh.", "Tempat olah sampah reduce-reuse-recycle.",
           "", "komunitas:KSM pengelola", "Kramatwatu, Ciruas, Baros"),
    Sample("ENV", 1, "Pengolahan sampah menjadi RDF", "DLH", "DPUPR", False, False,
           "Volume sampah tinggi dan TPA penuh.", "Sampah diolah menjadi bahan bakar untuk industri semen.", "",
           "bisnis:Industri semen"),
    Sample("ENV", 0, "Pemantauan kualitas udara dan air sungai", "DLH", "Diskominfosatik", False, True,
           "Pencemaran industri dilaporkan terlambat.", "Sensor kualitas udara dan air dengan dasbor publik.", "",
           "akademisi:Universitas Sultan Ageng Tirtayasa", "Cikande, Kibin, Kragilan"),
    Sample("ENV", 0, "Rehabilitasi mangrove pesisir utara", "DLH", "Diskan", True, False,
           "Abrasi pantai utara.", "Penanaman mangrove bersama kelompok nelayan.", "Pemantauan tumbuh dengan drone.",
           "komunitas:Kelompok nelayan; bisnis:CSR industri", "Tanara, Tirtayasa, Pontang"),
    Sample("ENV", 0, "Lapor pencemaran lingkungan", "DLH", "Satpol PP", False, True,
           "Warga tidak tahu harus lapor ke mana.", "Laporan foto dan lokasi pencemaran."),
    Sample("ENV", 2, "PLTS atap gedung pemerintah", "DPUPR", "BPKAD, Setda", False, False,
           "Tagihan listrik kantor pemerintah tinggi.", "Panel surya atap di gedung pusat pemerintahan.", "",
           "bisnis:PLN"),
    Sample("ENV", 2, "Biogas kotoran ternak", "Distan", "DLH", True, False,
           "Kotoran ternak mencemari sungai.", "Digester biogas untuk kelompok peternak.", "Perluasan ke 10 desa.",
           "komunitas:Kelompok ternak", "Petir, Cikeusal"),
    Sample("ENV", 2, "Penghematan energi penerangan kantor", "Setda", "DPUPR", False, False,
           "Listrik kantor menyala di luar jam kerja.", "Lampu hemat energi dan sakelar waktu."),
    Sample("ENV", 1, "Pengelolaan limbah medis puskesmas", "Dinkes", "DLH", True, False,
           "Limbah medis puskesmas menumpuk.", "Pengangkutan limbah medis terjadwal bekerja sama pihak berizin.",
           "Pencatatan manifes elektronik.", "bisnis:Pengolah limbah B3"),
)

# Name variations for larger scales: "<name> — <qualifier>".
QUALIFIERS = ("tahap {n}", "wilayah {district}", "terpadu {n}", "untuk desa {district}", "versi {n}.0",
              "berbasis komunitas {n}", "kolaborasi pentahelix {n}", "percontohan {district}")
GROUPS = tuple(f"Meja {n}" for n in range(1, 7))


PLACE_FIELDS = ("name", "description", "problem", "improvement", "partners")  # texts that name the region


def populate(ws: Workshop, rng: random.Random, scale: int) -> None:
    """Add about 60 innovations (times ``scale``) over the six dimensions, with OPDs, partners and kecamatan."""
    opds = {o.short_name: o.id for o in ws.opds.list()}
    if not opds:
        return
    dimensions = {d.code: d for d in ws.dimensions.list()}
    elements = {code: ws.elements.of(d.id) for code, d in dimensions.items()}
    districts = {name: district_id for district_id, _code, name in ws.districts()}
    district_names = list(districts) or [""]
    numbers = dict.fromkeys(dimensions, 0)
    place = localiser(ws.info())
    rows: list[dict] = []
    for round_number in range(scale):
        for sample in SAMPLES:
            if sample.dimension not in dimensions:
                continue
            sample = sample._replace(**{f: place(getattr(sample, f)) for f in PLACE_FIELDS})
            name = sample.name
            if round_number:
                name = f"{name} \u2014 " + rng.choice(QUALIFIERS).format(n=round_number + 1,
                                                                         district=rng.choice(district_names))
            values = _values(sample, name, dimensions, elements, opds, districts, rng)
            values = ws.innovations.validate(values, None)
            numbers[sample.dimension] += 1
            values["code"] = f"{sample.dimension}-{numbers[sample.dimension]:02d}"
            values["position"] = numbers[sample.dimension]
            values["id"] = _uuid(rng)
            rows.append(values)
    _write(ws, rows, {dimensions[c].id: n for c, n in numbers.items() if n}, rng)


def _values(sample: Sample, name: str, dimensions, elements, opds, districts, rng: random.Random) -> dict:
    dim_elements = elements[sample.dimension]
    partners = []
    for item in filter(None, (p.strip() for p in sample.partners.split(";"))):
        kind, _, who = item.partition(":")
        partners.append(Partner(kind.strip(), who.strip()))
    chosen = [districts[d.strip()] for d in sample.districts.split(",") if d.strip() in districts]
    return {
        "dimension_id": dimensions[sample.dimension].id, "name": name, "lead_opd_id": opds.get(sample.lead),
        "element_id": dim_elements[sample.element].id if sample.element < len(dim_elements) else None,
        "description": sample.description, "problem": sample.problem,
        "status": "running" if sample.running else "new", "improvement": sample.improvement,
        "is_ict": sample.ict, "location_scope": "districts" if chosen else "region", "district_ids": chosen,
        "supporting_opd_ids": [opds[s.strip()] for s in sample.supporting.split(",") if s.strip() in opds],
        "partners": partners, "proposing_group": rng.choice(GROUPS),
        "beneficiaries": rng.choice(("Warga", "Pelaku UMKM", "ASN", "Pelajar dan guru", "Petani dan nelayan",
                                     "Wisatawan", "Pasien dan keluarga")),
        "notes": "",
    }


def _uuid(rng: random.Random) -> str:
    """Return a UUID4 drawn from the seeded generator (the same seed gives the same file)."""
    n = rng.getrandbits(128)
    n = (n & ~(0xF000 << 64)) | (0x4000 << 64)
    n = (n & ~(0xC000 << 48)) | (0x8000 << 48)
    h = f"{n:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _write(ws: Workshop, rows: list[dict], last_numbers: dict[str, int], rng: random.Random) -> None:
    stamp = now_iso()
    with ws.store.write("demo innovations"):
        ws.store.executemany(
            f"INSERT INTO innovation ({', '.join(COLUMNS)}, created_at, updated_at) "
            f"VALUES ({', '.join('?' * len(COLUMNS))}, ?, ?)",
            [tuple(int(r[c]) if c == "is_ict" else r[c] for c in COLUMNS) + (stamp, stamp) for r in rows])
        ws.store.executemany("INSERT INTO innovation_supporting_opd (innovation_id, opd_id) VALUES (?, ?)",
                             [(r["id"], o) for r in rows for o in r["supporting_opd_ids"]])
        ws.store.executemany(
            "INSERT INTO innovation_partner (id, innovation_id, pentahelix, name, position) VALUES (?, ?, ?, ?, ?)",
            [(_uuid(rng), r["id"], p.pentahelix, p.name, n) for r in rows for n, p in enumerate(r["partners"], 1)])
        ws.store.executemany("INSERT INTO innovation_district (innovation_id, district_id) VALUES (?, ?)",
                             [(r["id"], d) for r in rows for d in r["district_ids"]])
        ws.store.executemany("INSERT INTO innovation_code_counter (dimension_id, last_number) VALUES (?, ?)",
                             list(last_numbers.items()))
