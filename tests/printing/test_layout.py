"""Layout read back from the PDFs (issue 17): page breaks, headers, codes, hyphenation, signatures, margins.

Every document of the demo workshop on A4 and F4, and the long worksheets of ``demo --scale 10``, are
printed and read back: the text in drawing order (pypdf) and every word's box (``pdftotext -bbox``).
"""

from __future__ import annotations

import functools
import re
import shutil
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo
from fgd_app.reports import render
from fgd_app.reports.engine import MARGIN_X
from fgd_app.resources import resource_path

GROUP_HEADING = re.compile(r"^[A-Z]{2,4}-\d{2,} · ")
BODY_ROW = re.compile(r"^(\d+\.|R-[A-Z]{2,4}-\d+-\d+)$")
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
# a header label that prints once in the column header of each document's main table
HEADER_LABEL = {"daftar-hadir": "Tanda tangan", "lembar-inovasi": "Nama inovasi",
                "lembar-rencana-aksi": "Kegiatan / tahapan", "lembar-risiko": "Kejadian risiko",
                "rencana-aksi": "Kegiatan / tahapan", "register-risiko": "Kejadian risiko",
                "peta-jalan": "Dimensi / inovasi / kegiatan"}
SIGNATURE_LABELS = {"daftar-hadir": "Mengetahui,", "notulen": "Pimpinan Rapat,", "berita-acara": "PIHAK KEDUA,"}


@functools.cache
def page_texts(path: Path) -> list[list[str]]:
    """Return each page's lines in drawing order (read once per file; ``pdftotext -raw``, 15x pypdf's speed)."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.strip() for line in unicodedata.normalize("NFKC", page).split("\n") if line.strip()]
            for page in pages]


def word_boxes(path: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Return per page (width, [(xMin, xMax, word), ...]) from ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in html.split("<page ")[1:]:
        width = float(re.search(r'width="([\d.]+)"', chunk).group(1))
        words = [(float(a), float(b), w) for a, b, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', chunk)]
        pages.append((width, words))
    return pages


def vocabulary(db_path: Path) -> set[str]:
    """Return every word of the workshop's text and of the translated labels (lower case)."""
    words: set[str] = set()
    with sqlite3.connect(db_path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in db.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        words.update(t.lower() for t in TOKEN.findall(value))
    for po in Path(resource_path("translations", "id")).glob("*.po"):
        words.update(t.lower() for t in TOKEN.findall(po.read_text(encoding="utf-8")))
    return words


def broken_words(lines: list[str], known: set[str]) -> list[str]:
    """Return "head|tail" where a known word is split over two lines without a hyphen."""
    found = []
    for a, b in zip(lines, lines[1:], strict=False):
        tails, heads = TOKEN.findall(a), TOKEN.findall(b)
        if not tails or not heads or a.endswith("-"):
            continue
        head, tail = tails[-1], heads[0]
        if head.lower() in known or not a.endswith(head):
            continue
        if re.search(r"[@/]|www", a.split()[-1] + b.split()[0]):
            continue  # an e-mail or web address is cut at any letter: a hyphen would change it
        if head.isdigit() and tail.isdigit():
            continue  # two numbers of neighbouring cells (a rank "7" above a score "1"), not one number cut
        if tail[:1].isupper() and not head.isupper():
            continue  # "Sum-ber" / "Daya": a capital after the cut starts a word ("berdaya" is a word too)
        if (head + tail).lower() in known and len(head) >= 1:
            found.append(f"{head}|{tail}")
    return found


@functools.cache
def _workshop(folder: Path, scale: int) -> Path:
    path = folder / f"demo{scale}.fgd.db"
    write_demo(path, scale)
    return path


@pytest.fixture(scope="session")
def layout_sets(tmp_path_factory):
    """Return ``get(scale, paper)`` -> (workshop file, {document: PDF}): every document printed once a session."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    folder = tmp_path_factory.mktemp("layout")
    cache: dict[tuple[int, str, str | None], tuple[Path, dict[str, Path]]] = {}

    def get(scale: int, paper: str, orientation: str | None = None) -> tuple[Path, dict[str, Path]]:
        """``orientation`` None: each document as designed; "portrait"/"landscape": every one turned so."""
        if (scale, paper, orientation) not in cache:
            path = _workshop(folder, scale)
            ws = Workshop.open(path)
            try:
                paths = render(ws, None, folder / f"pdf-{scale}-{paper}-{orientation}", paper=paper,
                               orientation=orientation)
            finally:
                ws.close()
            cache[scale, paper, orientation] = path, {p.stem: p for p in paths}
        return cache[scale, paper, orientation]

    return get


# the demo set on A4 and F4, and the --scale 10 set (about 1,700 pages each) on A4 and F4: the two scale-10
# sets take 40-60 s on a shared 2-core machine (one print per paper a session, read with pdftotext)
SETS = [pytest.param((1, "A4"), id="demo-A4"), pytest.param((1, "F4"), id="demo-F4"),
        pytest.param((10, "A4"), id="scale10-A4"),
        pytest.param((10, "F4"), id="scale10-F4")]


@pytest.fixture(params=SETS)
def printed_set(request, layout_sets) -> tuple[int, Path, dict[str, Path]]:
    scale, paper = request.param
    path, pdfs = layout_sets(scale, paper)
    return scale, path, pdfs


@pytest.fixture
def printed(printed_set) -> dict[str, Path]:
    return printed_set[2]


@pytest.fixture(params=["A4", "F4"])
def printed_demo(request, layout_sets) -> dict[str, Path]:
    return layout_sets(1, request.param)[1]


@pytest.fixture
def demo(layout_sets) -> Path:
    return _workshop_path(layout_sets)


def _workshop_path(layout_sets) -> Path:
    return layout_sets(1, "A4")[0]


@functools.cache
def _vocabulary(path: Path) -> frozenset[str]:
    return frozenset(vocabulary(path))


@pytest.fixture
def known(printed_set) -> frozenset[str]:
    return _vocabulary(printed_set[1])


@pytest.fixture
def demo_known(demo) -> frozenset[str]:
    return _vocabulary(demo)


def _first_marker_is_heading(lines: list[str]) -> bool:
    for line in lines:
        if GROUP_HEADING.match(line):
            return True
        if BODY_ROW.match(line):
            return False
    return True  # a page without rows (the criteria and matrix after the table)


WORKSHEETS = ("lembar-rencana-aksi", "lembar-risiko", "rencana-aksi")


def test_every_worksheet_page_starts_with_an_innovation_code(printed_set):
    """The plan and risk worksheets: the first row on every page is an innovation heading ("(lanjutan)")."""
    scale, _path, printed = printed_set
    for name in WORKSHEETS:
        pages = page_texts(printed[name])
        for number, lines in enumerate(pages, start=1):
            assert _first_marker_is_heading(lines), f"{name} page {number} starts without an innovation code"
        if scale >= 10:
            assert len(pages) > 100 and sum("(lanjutan)" in " ".join(lines) for lines in pages) > 10


def test_column_header_prints_once_per_page(printed):
    """A main table's column header prints at most once a page, and on every worksheet page with rows."""
    for name, label in HEADER_LABEL.items():
        for number, lines in enumerate(page_texts(printed[name]), start=1):
            count = " ".join(lines).count(label)
            assert count <= 1, f"{name} page {number}: header twice"
            if name in WORKSHEETS and any(GROUP_HEADING.match(x) or BODY_ROW.match(x) for x in lines):
                assert count == 1, f"{name} page {number}: rows without the column header"


def test_roadmap_pages_name_their_dimension_and_innovation(printed_set, layout_sets):
    """On A4 landscape across pages, every roadmap page's rows start under a dimension heading."""
    _scale, path, printed = printed_set
    ws = Workshop.open(path)
    try:
        dimensions = tuple(d.name for d in ws.dimensions.list())
    finally:
        ws.close()
    pages = page_texts(printed["peta-jalan"])
    assert page_size_of(printed["peta-jalan"])[0] > page_size_of(printed["peta-jalan"])[1]  # landscape
    table_pages = 0
    for number, lines in enumerate(pages, start=1):
        if HEADER_LABEL["peta-jalan"] not in lines:
            continue  # the budget table and chart after the roadmap
        table_pages += 1
        after = lines[lines.index(HEADER_LABEL["peta-jalan"]) + 1:]
        first = next(x for x in after if not re.fullmatch(r"[\d\s]+|(Penanggung)? ?(jawab \(OPD\))?", x))
        assert first.startswith(dimensions), f"peta-jalan page {number} starts with {first!r}"
        if number > 1:
            assert "(lanjutan)" in first or re.match(r"[A-Z]{2,4}-\d{2} ", after[after.index(first) + 1]), number
    assert table_pages >= 2


def page_size_of(path: Path) -> tuple[float, float]:
    box = PdfReader(str(path)).pages[0].mediabox
    return float(box.width), float(box.height)


def test_no_known_word_is_broken_without_a_hyphen(printed, known):
    problems = []
    for name, path in printed.items():
        for number, lines in enumerate(page_texts(path), start=1):
            problems += [f"{name} p{number}: {w}" for w in broken_words(lines, known)]
    assert problems == []


# every document turned portrait and landscape (the Print page's and the CLI's --orientation): a wide worksheet
# printed portrait gets its columns fitted to its words (reports/columns.py), never a word cut without a hyphen
TURNED = [pytest.param((1, paper, orientation), id=f"demo-{paper}-{orientation}")
          for paper in ("A4", "F4") for orientation in ("portrait", "landscape")]
TURNED += [pytest.param((10, paper, "portrait"), id=f"scale10-{paper}-portrait", marks=pytest.mark.slow)
           for paper in ("A4", "F4")]


@pytest.mark.parametrize("turned", TURNED)
def test_every_document_turned_either_way_breaks_no_word_and_keeps_its_margins(turned, layout_sets):
    scale, paper, orientation = turned
    path, printed = layout_sets(scale, paper, orientation)
    known = _vocabulary(path)
    problems = []
    for name, pdf in printed.items():
        width, height = page_size_of(pdf)
        assert (width < height) == (orientation == "portrait"), name
        for number, lines in enumerate(page_texts(pdf), start=1):
            problems += [f"{name} p{number}: {w}" for w in broken_words(lines, known)]
        for number, (page_width, words) in enumerate(word_boxes(pdf), start=1):
            problems += [f"{name} p{number}: {word!r} outside the margins" for x0, x1, word in words
                         if x0 < MARGIN_X - 1.5 or x1 > page_width - MARGIN_X + 1.5]
    assert problems == []
    assert len(printed) >= 13


def test_a_word_before_a_line_break_breaks_with_a_hyphen():
    """ReportLab 5.1 cuts a word right before "<br/>" anywhere ("Neg" / "atif"): user text keeps a space there."""
    from fgd_app.reports.styles import make_styles
    from fgd_app.reports.text import para

    paragraph = para("\u2612 Negatif\n\u2610 Positif", make_styles().cell)
    paragraph.wrap(30, 1000)
    lines = ["".join(f.text for f in line.words) for line in paragraph.blPara.lines]
    assert lines[:2] == ["\u2612 Ne-", "gatif"], lines


def test_columns_widen_to_their_widest_piece_and_the_font_shrinks_only_when_needed():
    from fgd_app.reports.columns import fit_widths, needed_scale

    # the short column gets its need, the others shrink alike (keeping their proportions)
    assert fit_widths([100, 20, 80], [30, 40, 30]) == pytest.approx([100 * 160 / 180, 40, 80 * 160 / 180])
    assert fit_widths([100, 20, 80], [95, 40, 30]) == pytest.approx([95, 40, 65])  # one factor would squeeze 0
    assert sum(fit_widths([100, 20, 80], [30, 40, 30])) == pytest.approx(200)
    assert needed_scale(200, [30, 40, 30], 1.5) == 1.0
    assert needed_scale(100, [60, 60], 1.5) == pytest.approx((100 - 7) / 120)


def test_codes_never_break(printed):
    """Innovation and risk codes print whole (R-GOV-01-01, GOV-03), never cut over two lines."""
    for name in ("lembar-risiko", "register-risiko", "rencana-aksi", "lembar-rencana-aksi"):
        text = "\n".join("\n".join(lines) for lines in page_texts(printed[name]))
        assert not re.search(r"R-[A-Z]{3}-\d*\n", text), name
        assert not re.search(r"\bR-[A-Z]{3}-\d{2}-\n", text), name


def test_the_broken_word_check_finds_a_cut_word(demo_known):
    """The check itself: "Sumber penda / naan" is found, "penda- / naan" is not."""
    assert broken_words(["Sumber penda", "naan"], demo_known) == ["penda|naan"]
    assert broken_words(["Sumber penda-", "naan"], demo_known) == []
    assert broken_words(["Sum- ber", "Daya Manusia"], demo_known) == []  # two words, not "berdaya" cut


def test_signatures_share_their_page_with_text_above(printed):
    for name, label in SIGNATURE_LABELS.items():
        seen = False
        for number, lines in enumerate(page_texts(printed[name]), start=1):
            for index, line in enumerate(lines):
                if line.startswith(label):
                    seen = True
                    # page furniture (running header, footer) and the place and date of signing do not count
                    body_above = [x for x in lines[:index] if not x.startswith(("Dicetak", "Halaman", "Serang,",
                                                                                 "Kabupaten Serang ·"))]
                    assert len(body_above) >= 1, f"{name} page {number}: signatures alone"
                    break
        assert seen, name


def test_no_text_leaves_the_margins(printed):
    for name, path in printed.items():
        for number, (width, words) in enumerate(word_boxes(path), start=1):
            for x0, x1, word in words:
                assert x0 >= MARGIN_X - 1.5 and x1 <= width - MARGIN_X + 1.5, f"{name} p{number}: {word!r}"


def test_risk_worksheet_lists_every_innovation_and_the_spbe_lists(printed_demo, demo):
    printed = printed_demo
    ws = Workshop.open(demo)
    try:
        codes = [i.code for i in ws.innovations.list()]
        categories = [c.name for c in ws.risks.categories.list()]
        areas = [a.name for a in ws.risks.impact_areas.list()]
        likelihood = [lv.name for lv in ws.risks.matrix().likelihood]
    finally:
        ws.close()
    text = re.sub(r"-\n", "", "\n".join("\n".join(lines) for lines in page_texts(printed["lembar-risiko"])))
    flat = " ".join(text.split())
    for code in codes:  # innovations with and without risks get a block
        assert f"{code} · " in flat
    for name in categories + areas + likelihood:
        assert name in flat, name
    for label in ("Pengendalian yang ada", "Opsi penanganan", "Jadwal", "Penanggung jawab", "Level residual"):
        assert label in flat, label


def test_quick_win_sheet_prints_the_weighted_rule_not_a_sum(printed_demo):
    printed = printed_demo
    flat = " ".join(" ".join(lines) for lines in page_texts(printed["lembar-quick-win"]))
    assert "Jumlah" not in flat and "Peringkat" not in flat
    assert "Nilai berbobot" in flat and "bobot" in flat
    assert "[" in flat  # agreed scores as plain bracketed digits
    for circled in "\u2460\u2461\u2462\u2463\u2464":
        assert circled not in flat


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_no_heading_is_the_last_line_of_a_page(demo, tmp_path, monkeypatch, paper):
    """Every heading (the documents' "fgd-heading" paragraphs, recorded as they are made) has text under it."""
    from fgd_app.reports import context

    headings: set[str] = set()
    made = context.para

    def recording(text, style):
        if style.name == "fgd-heading" and text:
            headings.add(" ".join(str(text).split()))
        return made(text, style)

    monkeypatch.setattr(context, "para", recording)
    ws = Workshop.open(demo)
    try:
        paths = render(ws, None, tmp_path, paper=paper)
    finally:
        ws.close()
    assert len(headings) > 20
    problems = []
    for path in paths:
        for number, lines in enumerate(page_texts(path), start=1):
            body = [x for x in lines if "Dicetak" not in x and not x.startswith("Kabupaten Serang ·")]
            if body and body[-1] in headings:
                problems.append(f"{path.stem} p{number}: {body[-1]!r}")
    assert problems == []
