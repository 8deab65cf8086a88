"""User text in print: never markup, always printable, long words and long cells never leave the page."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from fgd_app.reports import render
from fgd_app.reports.context import StoryContext
from fgd_app.reports.engine import PageDecor, PrintDocTemplate, canvas_class, page_size
from fgd_app.reports.fonts import coverage
from fgd_app.reports.styles import make_styles
from fgd_app.reports.text import fit, markup, needs_shaping, para, printable

ARABIC = "مسجد السلطان حسن"


@pytest.mark.parametrize(("typed", "expected"), [
    ("<b>", "&lt;b&gt;"),
    ("a<b", "a&lt;b"),
    ("R&D", "R&amp;D"),
    ("<font name=x", "&lt;font name=x"),
    ("<img src='/etc/passwd'/>", "&lt;img src='/etc/passwd'/&gt;"),
    ("baris 1\nbaris 2", "baris 1 <br/>baris 2"),
    ("tab\there", "tab here"),
    ("bell\x07", "bell"),
])
def test_markup_escapes_everything_a_user_can_type(typed, expected):
    assert markup(typed) == expected


def test_paragraph_of_markup_like_text_builds_and_keeps_its_characters():
    style = make_styles().body
    for typed in ("<b>", "a<b", "R&D", "<font", "</para>", "&nbsp;", "<br/>"):
        p = para(typed, style)
        assert "".join(frag.text for frag in p.frags) == typed
        assert p.wrap(200, 100)[1] > 0


def test_emoji_the_font_lacks_are_left_out_and_missing_letters_become_question_marks():
    assert printable("Wisata religi 🕌 ✓") == "Wisata religi ✓"
    assert printable("👍🏽 Setuju") == " Setuju"
    assert printable("Kota 北京") == "Kota ??"
    assert printable("“Kutip” – em — dash …") == "“Kutip” – em — dash …"


def test_arabic_is_covered_by_the_font_and_is_shaped():
    assert all(ord(c) in coverage() for c in ARABIC if not c.isspace())
    assert printable(ARABIC) == ARABIC
    assert needs_shaping(ARABIC) and not needs_shaping("Kabupaten Serang")
    style = make_styles().body
    assert para(ARABIC, style).style.shaping == 1
    assert para("Serang", style).style is style  # plain text is not shaped (shaping is ten times slower)


def test_fit_cuts_a_line_with_an_ellipsis():
    line = fit("x" * 500, "FgdSans", 8, 100)
    assert line.endswith("\u2026") and len(line) < 100


def _lines_fit(paragraph, width: float) -> bool:
    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines
    return all(getattr(line, "extraSpace", 0) >= -0.01 for line in lines)


def test_a_300_character_word_wraps_inside_a_narrow_cell():
    style = make_styles().cell
    word = "https://serangkab.go.id/" + "a" * 300
    paragraph = para(word, style)
    assert _lines_fit(paragraph, 30 * mm)
    assert len(paragraph.blPara.lines) > 5


def _build(tmp_path, story_of, size=None) -> PdfReader:
    size = size or page_size("A4", "portrait")
    target = tmp_path / "long.pdf"
    doc = PrintDocTemplate(str(target), size, title="t")
    doc.build(story_of(size), canvasmaker=canvas_class(PageDecor("x.fgd.db", "today", "Kabupaten Serang")))
    return PdfReader(str(target))


def test_a_table_row_taller_than_a_page_splits_across_pages(workshop, tmp_path):
    description = ("Kalimat panjang tentang inovasi layanan publik di kecamatan. " * 170)[:10_000]
    word = "W" * 300

    def story(size):
        ctx = StoryContext(workshop, pagesize=size, blank=False, paper="A4", title="t")
        rows = [["1", "Inovasi", description, word], ["2", "Pendek", "singkat", "x"]]
        return ctx.section("Uji") + [ctx.grid(["No", "Nama", "Deskripsi", "Kata"], rows, [8, 30, 110, 30])]

    reader = _build(tmp_path, story)
    assert len(reader.pages) >= 3
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Pendek" in text and text.count("W") >= 300
    assert "baris ini bersambung ke halaman berikutnya" in reader.pages[0].extract_text()  # the split-row marker


def test_a_10000_character_description_flows_across_pages(workshop, tmp_path):
    text = ("Deskripsi " * 1000)[:10_000]

    def story(size):
        ctx = StoryContext(workshop, pagesize=size, blank=False, paper="A4", title="t")
        return ctx.section("Uji") + [ctx.p(text, "justify")]

    reader = _build(tmp_path, story)
    assert len(reader.pages) >= 2
    assert "".join(p.extract_text() for p in reader.pages).count("Deskripsi") == 1000


def test_long_text_in_the_notulen_prints_without_error(workshop, tmp_path):
    day = workshop.days.list()[0]
    workshop.minutes.update(day.id, opening="Pembukaan " * 1000, conclusions="X" * 300)
    workshop.minutes.items.add(day_id=day.id, speaker="Y" * 300, summary=("Ringkasan panjang. " * 600)[:10_000])
    path = render(workshop, ["notulen"], tmp_path)[0]
    reader = PdfReader(str(path))
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    text = re.sub(r"-\n ?", "", text)  # words hyphenated at a line end count whole
    assert text.count("Pembukaan") >= 1000 and text.count("Ringkasan") >= 10_000 // 19
    for page in reader.pages:  # no page larger than A4: nothing pushed the layout out
        assert round(float(page.mediabox.width)) == 595


def test_arabic_venue_and_running_header_print_shaped(workshop, tmp_path):
    workshop.update_info(venue=f"{ARABIC} 🕌 <b>")

    def story(size):
        ctx = StoryContext(workshop, pagesize=size, blank=False, paper="A4", title="t")
        return ctx.section(f"حوكمة ذكية {ARABIC}") + [ctx.p("Teks " * 2000)]

    reader = _build(tmp_path, story)
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    assert len(reader.pages) >= 2  # the running header (drawn on the canvas) is on page 2
    assert text.count("مسجد") >= 2 and "ذكية" in text
    venue_line = next(line for line in text.splitlines() if "مسجد" in line)
    assert "<" in venue_line and "b>" in venue_line  # printed literally (the extractor reorders it in RTL)
