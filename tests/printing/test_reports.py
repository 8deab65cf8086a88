"""Printing: every document for an empty and a demo workshop, read back from the PDF; paper; CLI; cancel."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from fgd_app.cli.commands import main
from fgd_app.reports import PrintCancelled, documents, has_blank_form, render
from fgd_app.reports.paperwork import terbilang
from fgd_app.reports.render import output_name

MM = 72 / 25.4
SPECIAL = ["<b>", "a<b", "R&D", "<font"]


def pdf_text(path) -> str:
    reader = PdfReader(str(path))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def page_sizes(path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(str(path)).pages}


def fonts_used(path) -> set[str]:
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


@pytest.fixture
def filled(workshop):
    """The Serang workshop with OPDs, participants (special characters), signatories and notulen."""
    ws = workshop
    kominfo = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    names = ["Ahmad Fauzi", "R&D <b>Tim</b>", "Siti a<b", "Dewi <font Lestari", "مسجد السلطان", "Rina 🕌 Wati"]
    for index, name in enumerate(names):
        ws.participants.add(name=name, opd_id=kominfo.id, position="Kepala Bidang", phone=f"08123456789{index}",
                            nip="197001011990031001" if index == 0 else "")
    ws.documents.update(official_name="Drs. H. Entus Mahmud", official_nip="197001011990031001",
                        official_position="Sekretaris Daerah", expert_name="Dr. Andi Wijaya",
                        report_number="005/BA/VII/2024", report_agreements="Sepakat <b>12</b> inovasi\nR&D daerah")
    day = ws.days.list()[0]
    ws.minutes.update(day.id, chair="Kepala Bappeda", note_taker="Staf <i>", opening="Dibuka a<b & ditutup")
    ws.minutes.items.add(day_id=day.id, speaker="Tenaga Ahli", summary="Paparan <font dimensi")
    return ws


def test_every_document_prints_for_an_empty_workshop(workshop, tmp_path):
    for blank in (False, True):
        paths = render(workshop, None, tmp_path / str(blank), blank=blank)
        expected = [output_name(s, blank) for s in documents() if not blank or has_blank_form(s)]
        assert [p.name for p in paths] == expected
        for path in paths:
            text = pdf_text(path)
            assert "KABUPATEN SERANG" in text or "Kabupaten Serang" in text
            assert "Halaman 1 dari" in text


@pytest.fixture(scope="module")
def demo_with_risks(tmp_path_factory):
    """The demo workshop plus scored risks (path); made once for the report tests."""
    demo = pytest.importorskip("fgd_app.core.demo")
    from fgd_app.core import Workshop

    path = tmp_path_factory.mktemp("demo") / "demo.fgd.db"
    demo.write_demo(path)
    with Workshop.open(path) as ws:
        category, area = ws.risks.categories.list()[0], ws.risks.impact_areas.list()[0]
        for n, innovation in enumerate(ws.innovations.list()[:5], start=1):
            ws.risks.add(innovation_id=innovation.id, event=f"Server & <b>data</b> hilang {n}", likelihood=5,
                         impact=n, category_id=category.id, impact_area_id=area.id, treatment_decision="yes",
                         treatment_option="mitigate", treatment_action="Cadangan harian",
                         residual_likelihood=1, residual_impact=1)
    return path


def test_every_document_prints_for_the_demo_workshop_with_its_data(demo_with_risks, tmp_path):
    from fgd_app.core import Workshop

    with Workshop.open(demo_with_risks) as ws:
        every = render(ws, None, tmp_path)
        participant = ws.participants.list()[0].name
        risk = ws.risks.list()[0]
        chosen = ws.quickwins.board().chosen()
        innovation = ws.innovations.list()[0]
        plan = ws.plans.of(innovation.id)[0]
        count = ws.innovations.count()
    assert len(every) == len(documents())
    assert participant in pdf_text(tmp_path / "daftar-hadir.pdf")
    sheet = pdf_text(tmp_path / "lembar-inovasi.pdf")
    assert innovation.code in sheet and innovation.name.split()[0] in sheet
    names = ["katalog-inovasi", "rencana-aksi", "peta-jalan", "register-risiko", "statistik", "quick-win",
             "lembar-quick-win", "lembar-rencana-aksi", "lembar-risiko"]
    paths = [tmp_path / f"{name}.pdf" for name in names]
    catalogue, plans, roadmap_text, register, statistics, quick_wins, scoring, plan_sheet, risk_sheet = (
        pdf_text(p) for p in paths)
    assert plan.activity.split()[0] in plan_sheet and innovation.code in plan_sheet  # pre-filled, with codes
    assert risk.code in "".join(risk_sheet.split())  # the code may wrap inside its narrow cell
    assert innovation.code in catalogue and "KATALOG INOVASI" in catalogue
    assert plan.activity.split()[0] in plans and "RENCANA AKSI" in plans
    assert page_sizes(paths[2]) == {(842, 595)}  # the roadmap: A4 landscape across pages (A3 on request)
    assert "PETA JALAN" in roadmap_text and "Tahap 1" in roadmap_text and "2034" in roadmap_text
    flat = " ".join(re.sub(r"-\n", "", register).split())  # words hyphenated at a line end count whole
    assert "Server &" in flat and "<b>data</b>" in flat and "Risiko inheren" in flat
    assert "Sangat Tinggi" in register and "Mitigasi" in register
    assert "STATISTIK" in statistics and str(count) in statistics
    quick_wins = " ".join(quick_wins.split())
    assert "QUICK WIN" in quick_wins and "Dampak bagi warga" in quick_wins
    for row in chosen:
        assert row.code in quick_wins
    # the agreed scores print as plain digits in brackets ("1 2 [3] 4 5"), never as circled ③
    assert "LEMBAR PENILAIAN QUICK WIN" in scoring and re.search(r"\[[1-5]\]", scoring)
    assert not any(c in scoring for c in "\u2460\u2461\u2462\u2463\u2464")


def test_user_text_prints_literally_never_as_markup(filled, tmp_path):
    paths = render(filled, ["daftar-hadir", "berita-acara", "notulen"], tmp_path)
    attendance, report, minutes = (pdf_text(p) for p in paths)
    for special in SPECIAL:
        assert special in attendance
    assert "<b>Tim</b>" in attendance
    assert "Sepakat <b>12</b> inovasi" in report and "R&D daerah" in report
    assert "Dibuka a<b & ditutup" in minutes and "Paparan <font dimensi" in minutes and "Staf <i>" in minutes


def test_bold_markup_of_the_documents_uses_the_bold_face(filled, tmp_path):
    path = render(filled, ["daftar-hadir"], tmp_path)[0]
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts_used(path)


def test_arabic_prints_shaped_and_emoji_the_font_lacks_is_left_out(filled, tmp_path):
    text = pdf_text(render(filled, ["daftar-hadir"], tmp_path)[0])
    assert "مسجد" in text and "السلطان" in text  # shaped forms read back (NFKC) as the letters typed
    assert "Rina Wati" in text


def test_attendance_list_has_participants_blank_rows_staggered_signatures_and_the_official(filled, tmp_path):
    text = pdf_text(render(filled, ["daftar-hadir"], tmp_path)[0])
    assert "DAFTAR HADIR" in text and "Selasa, 2 Juli 2024" in text and "Rabu, 3 Juli 2024" in text
    assert "Ahmad Fauzi" in text and "19700101 199003 1 001" in text
    assert "16." in text  # 6 participants + 10 blank rows
    assert "Mengetahui," in text and "Drs. H. Entus Mahmud" in text and "Sekretaris Daerah" in text
    numbers = re.findall(r"Halaman (\d+) dari (\d+)", text)
    total = int(numbers[0][1])
    assert len(numbers) == 2 * total and numbers.count(("1", str(total))) == 2  # one set per day, own numbers


def test_berita_acara_spells_the_date_and_carries_both_signatories(filled, tmp_path):
    text = pdf_text(render(filled, ["berita-acara"], tmp_path)[0])
    assert "BERITA ACARA" in text and "Nomor: 005/BA/VII/2024" in text
    assert "tanggal tiga bulan Juli tahun dua ribu dua puluh empat" in " ".join(text.split())
    assert "Dr. Andi Wijaya" in text and "Drs. H. Entus Mahmud" in text
    assert "Demikian berita acara ini dibuat" in text
    assert "Lampiran: Daftar Hadir".upper() in text


def test_notulen_prints_the_stored_fields_and_dots_where_nothing_is_written(filled, tmp_path):
    text = pdf_text(render(filled, ["notulen"], tmp_path)[0])
    assert "NOTULEN" in text and "Kepala Bappeda" in text and "Tenaga Ahli" in text
    assert "I. Pembukaan" in text and "IV. Tindak lanjut" in text
    assert "......" in text  # the second day has nothing written yet


@pytest.mark.parametrize(("paper", "name", "size"), [
    ("A4", "daftar-hadir", (595, 842)),
    ("A4", "lembar-inovasi", (842, 595)),
    ("F4", "notulen", (round(215 * MM), round(330 * MM))),
    ("F4", "lembar-quick-win", (round(330 * MM), round(215 * MM))),
])
def test_paper_and_orientation(workshop, tmp_path, paper, name, size):
    assert page_sizes(render(workshop, [name], tmp_path, paper=paper)[0]) == {size}


def test_a3_paper_size_is_known():
    from fgd_app.reports.engine import page_size

    assert tuple(round(x) for x in page_size("A3", "landscape")) == (1191, 842)
    with pytest.raises(ValueError):
        page_size("Letter", "portrait")


def test_blank_worksheets_are_landscape_forms_with_group_and_dimension(workshop, tmp_path):
    paths = render(workshop, ["lembar-inovasi", "lembar-rencana-aksi", "lembar-risiko", "lembar-quick-win"],
                   tmp_path, blank=True)
    innovation = pdf_text(paths[0])
    assert "LEMBAR KERJA INOVASI" in innovation and "Kelompok" in innovation
    assert "Dimensi: Smart Governance" in innovation and "(1) Pelayanan Publik" in innovation
    risk = pdf_text(paths[2])
    assert "Hampir Pasti Terjadi" in risk and "Sangat Tinggi" in risk and "21–25" in risk
    assert "Dampak bagi warga" in pdf_text(paths[3])
    assert len(PdfReader(str(paths[0])).pages) == 6  # one page per dimension


def test_progress_reaches_one_and_cancel_discards_the_document_being_made(workshop, tmp_path):
    seen: list[float] = []
    render(workshop, ["daftar-hadir", "notulen"], tmp_path / "a", progress=lambda f, _m: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0
    pages = []

    def cancel() -> bool:
        pages.append(1)
        return len(pages) > 2

    with pytest.raises(PrintCancelled):
        render(workshop, ["daftar-hadir", "lembar-inovasi"], tmp_path / "b", blank=True, cancel=cancel)
    assert [p.name for p in (tmp_path / "b").iterdir()] == []


def test_unknown_document_name_is_refused(workshop, tmp_path):
    with pytest.raises(KeyError, match="daftar-hadir"):
        render(workshop, ["no-such-document"], tmp_path)


def test_cli_print_only_and_paper(workshop_path, tmp_path, capsys):
    assert main(["print", str(workshop_path), "--out", str(tmp_path), "--paper", "F4", "--only", "notulen"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "notulen.pdf")
    assert page_sizes(tmp_path / "notulen.pdf") == {(round(215 * MM), round(330 * MM))}
    assert main(["print", str(tmp_path / "missing.fgd.db"), "--out", str(tmp_path)]) == 2


def test_terbilang():
    assert terbilang(3) == "tiga"
    assert terbilang(11) == "sebelas"
    assert terbilang(17) == "tujuh belas"
    assert terbilang(100) == "seratus"
    assert terbilang(1000) == "seribu"
    assert terbilang(2024) == "dua ribu dua puluh empat"
    assert terbilang(31) == "tiga puluh satu"
