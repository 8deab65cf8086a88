"""The masterplan draft: written by ``fgd-app draft``, read back with python-docx (structure, tables, pictures, text)."""

from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from fgd_app.cli.commands import main
from fgd_app.core import Workshop
from fgd_app.core.draft import DraftChoices, gather_draft, load_choices, save_choices
from fgd_app.core.draft.model import Chapter, Draft, Paragraph, Table
from fgd_app.draft.docx_writer import draft_bytes

HOSTILE_NAME = "<b>R&D</b> & Co </w:t> \"kutip\""
LONG = ("Deskripsi panjang " * 600)[:10_000]
ARABIC = "مسجد السلطان"
EMOJI = "Rina 🕌 Wati"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo workshop with one hostile innovation and plan, and its draft (paths)."""
    from fgd_app.core.demo import write_demo

    folder = tmp_path_factory.mktemp("draft")
    path = folder / "demo.fgd.db"
    write_demo(path)
    with Workshop.open(path) as ws:
        dimension = ws.dimensions.list()[0]
        opd = ws.opds.list()[0]
        innovation = ws.innovations.add(dimension_id=dimension.id, name=HOSTILE_NAME, lead_opd_id=opd.id,
                                        description=f"{LONG}\n{ARABIC} {EMOJI}")
        ws.plans.add(innovation_id=innovation.id, activity="Rapat <i>koordinasi</i> & evaluasi", first_year=2025,
                     last_year=2026, opd_id=opd.id, budget=1_500_000)
        ws.participants.add(name=EMOJI, opd_id=opd.id)
    out = folder / "draf.docx"
    assert main(["draft", str(path), "--out", str(out)]) == 0
    return path, out


def paragraphs_of(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def all_cell_text(document) -> str:
    return "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_chapters_and_dimensions_are_word_headings(demo):
    path, out = demo
    document = docx.Document(str(out))
    chapters = paragraphs_of(document, "Heading 1")
    assert chapters == ["1. Wilayah dan kegiatan bimtek", "2. Analisis wilayah", "3. Masterplan per dimensi",
                        "4. Manajemen risiko", "5. Quick win", "6. Peta jalan dan anggaran", "7. Lampiran"]
    sections = paragraphs_of(document, "Heading 2")
    with Workshop.open(path, read_only=True) as ws:
        for n, dimension in enumerate(ws.dimensions.list(), start=1):
            assert f"3.{n} {dimension.name}" in sections
    assert "3.1.1 Sasaran" in paragraphs_of(document, "Heading 3")


def test_one_table_row_per_innovation_and_per_plan(demo):
    path, out = demo
    document = docx.Document(str(out))
    captions = paragraphs_of(document, "Caption")
    with Workshop.open(path, read_only=True) as ws:
        for dimension in ws.dimensions.list():
            innovations = ws.innovations.list(dimension.id)
            caption = f"Inovasi {dimension.name}"
            index = [c.split(". ", 1)[1] for c in captions if c.startswith("Tabel")].index(caption)
            table = document.tables[index]
            assert len(table.rows) == 1 + len(innovations)
            plans = [p for i in innovations for p in ws.plans.of(i.id)]
            with_plans = {p.innovation_id for p in plans}
            plan_table = document.tables[index + 1]
            assert len(plan_table.rows) == 1 + len(plans) + len(with_plans)


def test_every_table_has_a_caption_and_a_repeated_header_row(demo):
    _path, out = demo
    document = docx.Document(str(out))
    table_captions = [c for c in paragraphs_of(document, "Caption") if c.startswith("Tabel ")]
    assert len(table_captions) == len(document.tables) > 20
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert table_captions[0].startswith("Tabel 1. ")
    body = document.element.body.xml
    assert "SEQ Tabel" in body and "SEQ Gambar" in body


def test_charts_are_200_dpi_pictures_with_captions(demo):
    _path, out = demo
    document = docx.Document(str(out))
    figures = [c for c in paragraphs_of(document, "Caption") if c.startswith("Gambar ")]
    assert len(document.inline_shapes) == len(figures) == 5
    assert any("Inovasi per dimensi" in c for c in figures)
    assert any("sebelum dan sesudah penanganan" in c for c in figures)
    with zipfile.ZipFile(out) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(images) == 5
        for name in images:
            image = Image.open(io.BytesIO(archive.read(name)))
            assert image.format == "PNG"
            assert round(image.info["dpi"][0]) == 200


def test_toc_field_page_numbers_and_header_with_region_and_stage(demo):
    _path, out = demo
    document = docx.Document(str(out))
    body = document.element.body.xml
    assert 'TOC \\o "1-3"' in body
    section = document.sections[0]
    assert section.different_first_page_header_footer  # the cover has no header
    assert section.header.paragraphs[0].text == "Kabupaten Serang \u00b7 Bimtek tahap II"
    assert "PAGE" in section.footer._element.xml
    assert document.settings.element.find(qn("w:updateFields")) is not None
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert len(landscape) == 1  # the risk chapter
    assert all(s.header.is_linked_to_previous for s in document.sections[1:])


def test_user_text_comes_out_as_typed(demo):
    _path, out = demo
    document = docx.Document(str(out))
    cells = all_cell_text(document)
    assert f"{len(LONG)}" and LONG in cells  # 10,000 characters, whole
    assert HOSTILE_NAME in cells
    assert f"{ARABIC} {EMOJI}" in cells
    assert "Rapat <i>koordinasi</i> & evaluasi" in cells
    assert "<w:t>" not in cells


def test_control_characters_become_the_replacement_character_and_line_breaks_stay():
    draft = Draft("T", "S", "H", "A4", "id", [Chapter("x", "X", [
        Paragraph("bel\x07 nul\x00 cr\r\nlf"),
        Table("Cap", ["A"], [["baris 1\nbaris 2\tditab"], ["\x1b[31m"]])])])
    document = docx.Document(io.BytesIO(draft_bytes(draft)))
    texts = [p.text for p in document.paragraphs]
    assert "bel\ufffd nul\ufffd cr\nlf" in texts
    cells = [row.cells[0].text for row in document.tables[0].rows]
    assert cells[1:] == ["baris 1\nbaris 2\tditab", "\ufffd[31m"]


def test_an_empty_workshop_has_every_chapter_and_section_with_what_belongs_there(workshop, tmp_path):
    out = tmp_path / "kosong.docx"
    assert main(["draft", str(workshop.path), "--out", str(out)]) == 0
    document = docx.Document(str(out))
    assert len(paragraphs_of(document, "Heading 1")) == 7
    assert len(paragraphs_of(document, "Heading 2")) >= 6 + 3
    notes = [p.text for p in document.paragraphs if any(r.italic for r in p.runs)]
    assert any(n.startswith("Kesiapan daerah per aspek") for n in notes)
    assert any(n.startswith("Inovasi yang disepakati untuk dimensi ini") for n in notes)
    assert any(n.startswith("Setiap risiko inovasi sesuai formulir") for n in notes)
    assert any(n.startswith("Quick win yang dipilih") for n in notes)
    assert any(n.startswith("Kegiatan rencana aksi pada tahun-tahun jangka perencanaan") for n in notes)
    assert any(n.startswith("Notulen") or n.startswith("Pembukaan, pembahasan") for n in notes)


def test_english_is_selectable(workshop, tmp_path, monkeypatch):
    monkeypatch.setenv("FGD_LANG", "en")  # restored after the test (--lang sets it for the window)
    out = tmp_path / "en.docx"
    assert main(["--lang", "en", "draft", str(workshop.path), "--out", str(out)]) == 0
    document = docx.Document(str(out))
    assert paragraphs_of(document, "Heading 1")[0] == "1. The region and the workshop"
    assert document.sections[0].header.paragraphs[0].text == "Kabupaten Serang \u00b7 Bimtek stage II"


def test_choices_are_remembered_in_the_file_as_one_undoable_step(workshop):
    assert load_choices(workshop.store) == DraftChoices()
    dimension = workshop.dimensions.list()[1]
    chosen = DraftChoices(chapters=["dimensions", "roadmap"], dimension_ids=[dimension.id], paper="F4",
                          annexes=False)
    save_choices(workshop.store, chosen)
    assert load_choices(workshop.store) == chosen
    assert workshop.store.undo_name() == "Pilih isi draf masterplan"
    draft = gather_draft(workshop)
    assert [c.key for c in draft.chapters] == ["dimensions", "roadmap"] and draft.paper == "F4"
    headings = [b.text for b in draft.blocks() if getattr(b, "level", 0) == 2]
    assert f"1.1 {dimension.name}" in headings and len([h for h in headings if h.startswith("1.")]) == 1
    workshop.store.undo()
    assert load_choices(workshop.store) == DraftChoices()


@pytest.mark.parametrize("text", ["", "{", "[]", '{"chapters": "x", "paper": "A0", "annexes": "no"}'])
def test_unreadable_stored_choices_fall_back_to_the_defaults(text):
    choices = DraftChoices.from_json(text)
    assert choices.paper == "A4" and choices.dimension_ids is None


def test_cli_options_override_the_stored_choices_and_f4_paper(workshop, tmp_path):
    out = tmp_path / "f4.docx"
    code = main(["draft", str(workshop.path), "--out", str(out), "--paper", "f4", "--chapters", "risks",
                 "--dimensions", "gov", "--no-annexes"])
    assert code == 0
    document = docx.Document(str(out))
    assert paragraphs_of(document, "Heading 1") == ["1. Manajemen risiko"]
    portrait = document.sections[0]
    assert round(portrait.page_width.cm, 1) == 21.5 and round(portrait.page_height.cm, 1) == 33.0


def test_cli_refuses_without_force_and_never_changes_the_workshop_file(demo, tmp_path, capsys):
    path, _out = demo
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "sub" / "draf.docx"
    assert main(["draft", str(path), "--out", str(out)]) == 0
    assert main(["draft", str(path), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["draft", str(path), "--out", str(out), "--force"]) == 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert [p.name for p in out.parent.iterdir()] == ["draf.docx"]  # no temporary file left


def test_cli_errors_are_one_translated_line(tmp_path, demo, capsys):
    path, _out = demo
    assert main(["draft", str(tmp_path / "tidak-ada.db"), "--out", str(tmp_path / "a.docx")]) == 2
    assert main(["draft", str(path), "--out", str(tmp_path / "a.pdf")]) == 2
    assert main(["draft", str(path), "--out", str(tmp_path / "b.docx"), "--dimensions", "XYZ"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "tidak ada" in err and "berekstensi .docx" in err and "Kode dimensi \u201cXYZ\u201d" in err
    assert not list(tmp_path.glob("*.docx"))


def test_a_name_without_extension_gets_docx(workshop, tmp_path):
    assert main(["draft", str(workshop.path), "--out", str(tmp_path / "draf")]) == 0
    assert (tmp_path / "draf.docx").is_file()
