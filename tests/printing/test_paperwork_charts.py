"""Issue 17 items 3, 5 and 9: the blank daftar hadir for the whole hall, the berita acara's parties, the
ministry's name as data, the charts (vector), and the roadmap on A4 or A3."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing

from fgd_app.core.workshop import ministry
from fgd_app.reports import charts, render
from fgd_app.reports.context import StoryContext
from fgd_app.reports.engine import page_size
from fgd_app.reports.paperwork import attendance_section
from fgd_app.reports.tables import PagedTable

MM = 72 / 25.4


def text_of(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return unicodedata.normalize("NFKC", out)


@pytest.fixture
def people(workshop):
    opd = workshop.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    for n in range(55):
        workshop.participants.add(name=f"Peserta {n + 1}", opd_id=opd.id, nip="199001012015031001")
    return workshop


def test_blank_attendance_has_a_row_for_every_registered_participant_and_the_margin(workshop, people, tmp_path):
    (path,) = render(workshop, ["daftar-hadir"], tmp_path, blank=True)
    first_day = text_of(path).split("DAFTAR HADIR")[1]
    numbers = [int(n) for n in re.findall(r"^(\d+)\b", first_day, re.M)]
    assert max(numbers) == 55 + workshop.documents.blank_rows()  # 55 registered + 10 to spare
    assert "Peserta 1" not in text_of(path)  # a blank form: no names


def test_blank_attendance_has_at_least_40_rows_and_room_for_an_18_digit_nip(workshop, tmp_path):
    (path,) = render(workshop, ["daftar-hadir"], tmp_path, blank=True)
    first_day = text_of(path).split("DAFTAR HADIR")[1]
    assert max(int(n) for n in re.findall(r"^(\d+)\b", first_day, re.M)) == 40
    # the NIP / position column on A4 portrait: 18 digits written by hand need 50 mm and more
    ctx = StoryContext(workshop, pagesize=page_size("A4", "portrait"), blank=True, paper="A4", title="")
    (table,) = [f for f in attendance_section(ctx, workshop.days.list()[0], title="") if isinstance(f, PagedTable)]
    assert table._s.widths[2] > 55 * MM


def test_berita_acara_names_both_parties_and_the_ministry(workshop, tmp_path):
    workshop.documents.update(expert_name="Dr. Andi Wijaya", expert_nip="198001012010011001",
                              official_name="Drs. H. Ahmad", official_nip="197001011990031001",
                              official_position="Sekretaris Daerah", report_date="2024-07-03")
    (path,) = render(workshop, ["berita-acara"], tmp_path)
    flat = " ".join(text_of(path).split())
    assert "selanjutnya disebut PIHAK PERTAMA" in flat and "selanjutnya disebut PIHAK KEDUA" in flat
    assert "PIHAK KEDUA, PIHAK PERTAMA," in flat  # the signature blocks
    assert "Dr. Andi Wijaya" in flat and "19800101 201001 1 001" in flat and "19700101 199003 1 001" in flat
    assert ministry.ministry_name(workshop.store) in flat and "Kominfo" not in flat
    assert "Tenaga Ahli Kementerian Komunikasi dan Digital" in flat


def test_berita_acara_never_signs_with_the_team_name(workshop, tmp_path):
    """The workshop's facilitator ("Tenaga Ahli Kominfo", a team) is no signatory: the name is left to fill in."""
    assert workshop.info().facilitator == "Tenaga Ahli Kominfo"
    (path,) = render(workshop, ["berita-acara"], tmp_path)
    assert "Tenaga Ahli Kominfo" not in " ".join(text_of(path).split())


def test_blank_berita_acara_asks_for_day_month_and_year(workshop, tmp_path):
    (path,) = render(workshop, ["berita-acara"], tmp_path, blank=True)
    flat = " ".join(text_of(path).split())
    assert re.search(r"Pada hari ini \.+ tanggal \.+ bulan \.+ tahun \.+ bertempat di", flat)


def test_chart_functions_return_drawings_from_plain_data():
    bars = charts.stacked_bars(["2025", "2026"], [charts.Series("A", [1, 2], "#2e75b6"),
                                                  charts.Series("B", [3, 0], "#c55a11")], width=300, height=200)
    hbars = charts.horizontal_bars(["Dinas A", "Dinas B"], [4, 2], width=300)
    scatter = charts.impact_effort([charts.Point("GOV-01", 4.5, 1.5, "#2e75b6", chosen=True),
                                    charts.Point("ECO-02", 2, 4, "#548235")], min_impact=4, max_effort=2,
                                   width=400, height=300, impact_label="Impact", effort_label="Effort",
                                   quadrant_labels=["Quick win", "Major", "Fill-in", "Reconsider"])
    for drawing in (bars, hbars, scatter):
        assert isinstance(drawing, Drawing) and drawing.width > 0 and drawing.height > 0
    assert charts.nice_step(36.3e9) == 1e10 and charts.nice_step(6, 4, integer=True) == 2


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory):
    from fgd_app.core import Workshop
    from fgd_app.core.demo import write_demo

    folder = tmp_path_factory.mktemp("charts")
    write_demo(folder / "demo.fgd.db")
    with Workshop.open(folder / "demo.fgd.db") as ws:
        a4 = {p.stem: p for p in render(ws, ["statistik", "quick-win", "peta-jalan"], folder / "a4")}
        a3 = render(ws, ["peta-jalan"], folder / "a3", paper="A3")[0]
    return a4, a3


def test_reports_carry_vector_charts(demo_reports):
    a4, _a3 = demo_reports
    statistics, quick_win = text_of(a4["statistik"]), text_of(a4["quick-win"])
    for title in ("Inovasi per dimensi", "Inovasi yang dipimpin per OPD", "Perkiraan anggaran per tahun dan dimensi"):
        assert title in statistics, title
    assert "Dampak dan upaya" in quick_win and "Pelengkap" in quick_win and "Pertimbangkan ulang" in quick_win
    for path in (a4["statistik"], a4["quick-win"]):  # drawn as vectors, not pasted pictures
        images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True).stdout
        assert len(images.strip().splitlines()) <= 2


def test_roadmap_prints_on_the_paper_chosen_and_a3_on_request(demo_reports):
    a4, a3 = demo_reports
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(str(a4["peta-jalan"])).pages}
    assert sizes == {(842, 595)}
    a3_pages = PdfReader(str(a3)).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in a3_pages} == {(1191, 842)}
    assert len(a3_pages) < len(PdfReader(str(a4["peta-jalan"])).pages)


# --- notulen: headings kept with what follows, signatures with the closing text (A4 and F4) ----------------
HEADINGS = ("I. Pembukaan", "II. Pembahasan", "III. Kesimpulan dan keputusan", "IV. Tindak lanjut")
FURNITURE = ("Dicetak", "Kabupaten Serang ·")


def notulen_pages(workshop, tmp_path, paper: str) -> list[list[str]]:
    """Return the notulen's pages (first day only) as lines without the running header and footer."""
    (path,) = render(workshop, ["notulen"], tmp_path / paper, paper=paper)
    pages = [[x.strip() for x in page.split("\n") if x.strip() and not x.strip().startswith(FURNITURE)]
             for page in text_of(path).split("\f") if page.strip()]
    first_day = [p for p in pages if "NOTULEN" in p]
    start = pages.index(first_day[0])
    end = pages.index(first_day[1]) if len(first_day) > 1 else len(pages)
    return pages[start:end]


def page_of(pages: list[list[str]], text: str) -> int:
    return next(n for n, lines in enumerate(pages, start=1) if any(text in x for x in lines))


def assert_no_heading_ends_a_page_and_signatures_have_the_follow_up(pages: list[list[str]]) -> None:
    for number, lines in enumerate(pages, start=1):
        assert not lines[-1].startswith(HEADINGS), f"page {number} ends with {lines[-1]!r}"
    assert page_of(pages, "Pimpinan Rapat,") == page_of(pages, "IV. Tindak lanjut")


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_notulen_without_minutes_is_two_full_pages_not_signatures_alone(workshop, tmp_path, paper):
    """No minutes: page 1 the head, opening and discussion rows; page 2 conclusions, follow-up, signatures."""
    pages = notulen_pages(workshop, tmp_path, paper)
    assert len(pages) == 2
    assert [page_of(pages, h) for h in HEADINGS] == [1, 1, 2, 2]
    assert page_of(pages, "Pimpinan Rapat,") == page_of(pages, "Notulis,") == 2
    assert pages[1][0] == "III. Kesimpulan dan keputusan"
    rows = [int(x[:-1]) for x in pages[0] if re.fullmatch(r"\d+\.", x)]
    assert rows == list(range(1, len(rows) + 1)) and len(rows) >= 6  # the discussion rows fill page 1
    assert_no_heading_ends_a_page_and_signatures_have_the_follow_up(pages)


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_notulen_with_short_minutes_is_one_page(workshop, tmp_path, paper):
    day = workshop.days.list()[0]
    workshop.minutes.update(day.id, chair="Kepala Bappeda", note_taker="Staf Bappeda", opening="Acara dibuka.",
                            conclusions="Rencana aksi disepakati.", follow_up="Draf dikirim pekan depan.")
    workshop.minutes.items.add(day_id=day.id, speaker="Tenaga Ahli", summary="Paparan dimensi smart city.")
    pages = notulen_pages(workshop, tmp_path, paper)
    assert len(pages) == 1
    text = "\n".join(pages[0])
    assert all(h in text for h in HEADINGS) and "Draf dikirim pekan depan." in text and "Pimpinan Rapat," in text


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_notulen_with_long_minutes_keeps_the_follow_up_with_the_signatures(workshop, tmp_path, paper):
    day = workshop.days.list()[0]
    workshop.minutes.update(day.id, chair="Kepala Bappeda", note_taker="Staf Bappeda",
                            opening="Acara dibuka oleh Sekretaris Daerah. " * 8,
                            conclusions="Peserta menyepakati rencana aksi tiap dimensi. " * 12,
                            follow_up="Draf masterplan dikirim pekan depan. " * 3)
    for n in range(14):
        workshop.minutes.items.add(day_id=day.id, speaker=f"Pembicara {n + 1}",
                                   summary="Paparan dan tanya jawab tentang inovasi daerah. " * 4)
    pages = notulen_pages(workshop, tmp_path, paper)
    assert len(pages) >= 2
    assert_no_heading_ends_a_page_and_signatures_have_the_follow_up(pages)
    signed = pages[page_of(pages, "Pimpinan Rapat,") - 1]
    assert any("Draf masterplan dikirim" in x for x in signed)


# --- berita acara: the closing sentence and the signatures share a page with the agreed points ---------------
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("paper", ["A4", "F4"])
@pytest.mark.parametrize("points", [0, 3, 24])
def test_berita_acara_signatures_share_their_page_with_the_agreed_points(workshop, tmp_path, paper, orientation,
                                                                         points):
    """Blank lines or 3 or 24 agreed points, either orientation: "... sebagai berikut:" heads the points and
    never ends a page; the signatures share their page with the closing sentence and points above it."""
    if points:
        workshop.documents.update(report_agreements="\n".join(f"Kesepakatan nomor {n + 1} tentang rencana aksi."
                                                              for n in range(points)))
    (path,) = render(workshop, ["berita-acara"], tmp_path, paper=paper, orientation=orientation)
    pages = [[x.strip() for x in page.split("\n") if x.strip() and not x.strip().startswith(FURNITURE)]
             for page in text_of(path).split("\f") if page.strip()]
    signed = page_of(pages, "PIHAK KEDUA,")
    assert page_of(pages, "Demikian berita acara") == signed
    intro = page_of(pages, "sebagai berikut:")
    text = "\n".join(pages[intro - 1])
    assert not pages[intro - 1][-1].endswith("sebagai berikut:")
    assert ("Kesepakatan nomor 1 " in text) if points else (intro == signed)
    if points:
        assert f"Kesepakatan nomor {points} " in "\n".join(pages[signed - 1])
