"""The draft's chapter "Analysis of the region" from the stage-I records, read back from the DOCX."""

from __future__ import annotations

import docx
import pytest

from fgd_app.core import Workshop
from fgd_app.core.draft import DraftChoices
from fgd_app.core.draft.gather import gather_draft
from fgd_app.draft.docx_writer import write_docx

HOSTILE = "<b>SWOT</b> & \"kutip\" </w:t> مسجد 🕌"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """The demo workshop (it holds a sample analysis with Smart Branding as focus) plus hostile text."""
    from fgd_app.core.demo import write_demo

    path = tmp_path_factory.mktemp("analysis") / "demo.fgd.db"
    write_demo(path)
    with Workshop.open(path) as ws:
        gov = next(d for d in ws.dimensions.list() if d.code == "GOV")
        ws.analysis.dimensions.save(gov.id, threats=HOSTILE)
        ws.analysis.problems.add(dimension_id=gov.id, description=f"Masalah {HOSTILE}", horizon="future")
    return path


def write(path, tmp_path, name="draf.docx", **choices):
    with Workshop.open(path, read_only=True) as ws:
        out = write_docx(gather_draft(ws, DraftChoices(**choices) if choices else None), tmp_path / name)
    return docx.Document(str(out))


def chapter_paragraphs(document, first: str, next_chapter: str) -> list[tuple[str, str]]:
    """Return (style, text) of the paragraphs from the heading ``first`` up to ``next_chapter``."""
    out, inside = [], False
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text.startswith(first) or (inside and not p.text.startswith(next_chapter))
        if inside:
            out.append((p.style.name, p.text))
    return out


def table_by_header(document, *header: str):
    """Return the tables whose header row starts with ``header``."""
    return [t for t in document.tables if tuple(c.text for c in t.rows[0].cells[:len(header)]) == header]


def rows_of(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_the_chapter_has_a_section_per_part_with_word_headings(demo_path, tmp_path):
    document = write(demo_path, tmp_path)
    paragraphs = chapter_paragraphs(document, "2. Analisis wilayah", "3.")
    headings = [text for style, text in paragraphs if style == "Heading 2"]
    assert headings == ["2.1 Kesiapan daerah", "2.2 Aplikasi dan layanan yang sudah berjalan",
                        "2.3 Masalah dan inovasi yang menjawabnya", "2.4 Sasaran per dimensi",
                        "2.5 Dimensi fokus dan SWOT"]
    assert [text for style, text in paragraphs if style == "Heading 3" and text.startswith("2.5")] == [
        "2.5.1 Smart Governance", "2.5.2 Smart Branding \u2014 dimensi fokus"]  # GOV: its SWOT only
    assert any("Dimensi fokus: Smart Branding." in text for _, text in paragraphs)
    assert any(text.startswith("Alasan fokus: Wisata religi Banten Lama") for _, text in paragraphs)


def test_readiness_per_aspect_and_items_are_word_tables(demo_path, tmp_path):
    document = write(demo_path, tmp_path)
    with Workshop.open(demo_path, read_only=True) as ws:
        aspects = ws.analysis.aspects.list()
        items = ws.analysis.items.list()
    (summary,) = table_by_header(document, "Aspek", "Pilar", "Butir")
    assert [r[0] for r in rows_of(summary)] == [a.name for a in aspects]
    regulation = next(r for r in rows_of(summary) if r[0] == "Regulasi")
    assert regulation[2] == "3" and regulation[3] == "3"  # three items rated 3, 2, 4
    (detail,) = table_by_header(document, "Uraian", "Nilai")
    names = [r[0] for r in rows_of(detail)]
    assert all(item.name in names for item in items)
    assert "Indeks SPBE" in names and "2,71 (Baik)" in [r[1] for r in rows_of(detail)]


def test_applications_problems_with_their_innovations_and_the_gaps(demo_path, tmp_path):
    document = write(demo_path, tmp_path)
    (apps,) = table_by_header(document, "Aplikasi / layanan")
    assert [r[0] for r in rows_of(apps)][:2] == ["SIPANDU (pengaduan warga)", "SIMPEG daerah"]
    assert "Terintegrasi" in [r[5] for r in rows_of(apps)]
    (problems,) = table_by_header(document, "Masalah atau potensi")
    rows = rows_of(problems)
    literacy = next(r for r in rows if r[0].startswith("Literasi digital"))
    assert literacy[3] == "(belum ada)"
    with Workshop.open(demo_path, read_only=True) as ws:
        problem = next(p for p in ws.analysis.problems.list() if p.description.startswith("Layanan perizinan"))
        linked = {i.id: i for i in ws.innovations.list()}
        codes = [linked[i].code for i in ws.analysis.problems.innovation_ids(problem.id)]
    permits = next(r for r in rows if r[0].startswith("Layanan perizinan"))
    assert codes and all(code in permits[3] for code in codes)
    assert f"Masalah {HOSTILE}" in [r[0] for r in rows]  # typed text, not markup
    paragraphs = [text for _, text in chapter_paragraphs(document, "2. Analisis wilayah", "3.")]
    assert "Masalah yang belum dijawab inovasi: 2." in paragraphs
    assert any(t.startswith("Inovasi yang tidak menjawab masalah yang tercatat:") for t in paragraphs)


def test_goals_per_dimension_and_the_swot_matrix(demo_path, tmp_path):
    document = write(demo_path, tmp_path)
    goals = table_by_header(document, "Sasaran", "Indikator", "Target")
    assert len(goals) >= 2  # the chapter's table and one per dimension in the masterplan chapter
    assert ["Transaksi non-tunai di pasar daerah", "Pasar dengan QRIS", "12 pasar"] in rows_of(goals[0])
    swot = table_by_header(document, "Kekuatan", "Kelemahan")
    assert len(swot) == 2  # Smart Governance (hostile threats only) and Smart Branding
    branding = next(t for t in swot if "Situs Banten Lama" in t.rows[1].cells[0].text)
    assert rows_of(branding)[1] == ["Peluang", "Ancaman"]
    assert rows_of(branding)[2][1] == "Kemacetan dan sampah saat puncak ziarah"
    assert any(HOSTILE in row[1] for t in swot for row in rows_of(t))


def test_only_the_chosen_dimensions(demo_path, tmp_path):
    with Workshop.open(demo_path, read_only=True) as ws:
        gov = next(d for d in ws.dimensions.list() if d.code == "GOV")
    document = write(demo_path, tmp_path, dimension_ids=[gov.id])
    (problems,) = table_by_header(document, "Masalah atau potensi")
    assert all(not r[0].startswith("Literasi digital") for r in rows_of(problems))
    assert all("Smart Branding" not in text for _, text in chapter_paragraphs(document, "2.", "3.")
               if not text.startswith("Dimensi fokus:"))


def test_an_empty_file_says_what_belongs_in_each_section(workshop, tmp_path):
    workshop.close()
    document = write(workshop.path, tmp_path)
    paragraphs = chapter_paragraphs(document, "2. Analisis wilayah", "3.")
    headings = [text for style, text in paragraphs if style == "Heading 2"]
    assert len(headings) == 5
    notes = [text for style, text in paragraphs if style not in ("Heading 1", "Heading 2")]
    assert any("penilaian dari 1 (lemah) sampai 5 (kuat)" in t for t in notes)
    assert any(t.startswith("Kekuatan, kelemahan, peluang dan ancaman") for t in notes)
    assert not table_by_header(document, "Aspek", "Pilar")


def test_the_quick_win_chapter_states_the_focus_rule(demo_path, tmp_path):
    document = write(demo_path, tmp_path, name="a.docx")
    texts = [p.text for p in document.paragraphs]
    assert "Dimensi fokus Smart Branding tidak mengubah peringkat (aturan tidak menempatkan dimensi fokus di " \
           "urutan pertama)." in texts
    with Workshop.open(demo_path) as ws:
        ws.quickwins.update_rule(focus_first=1)
    try:
        texts = [p.text for p in write(demo_path, tmp_path, name="b.docx").paragraphs]
        assert "Aturan menempatkan inovasi dimensi fokus Smart Branding di atas semua inovasi lain; skornya " \
               "tidak diubah." in texts
    finally:
        with Workshop.open(demo_path) as ws:
            ws.quickwins.update_rule(focus_first=0)
