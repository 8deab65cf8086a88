"""Write a ``core.draft.model.Draft`` as an editable Word document (python-docx; no Qt).

Real Word structure, so the planners can go on writing in Word or LibreOffice:
- chapters and sections in the built-in styles Heading 1-3 (navigation pane, table of contents);
- a table of contents, a list of tables and a list of figures as TOC fields, filled in advance with the
  headings and captions (without page numbers) and updated by Word on opening (``updateFields``);
- captions in the Caption style with SEQ fields ("Tabel 3", "Gambar 2"), above tables and below figures;
- the region and the bimtek stage in the page header, the page number (PAGE field) in the footer;
- every table a Word table whose header row repeats on each page; charts as 200 dpi PNG pictures
  of the PDF reports' drawings;
- A4 or F4 paper; the risk chapter on landscape pages.

User text is written as text: XML escaping is lxml's, so ``<b>``, ``&`` and markup-like text come out as
typed; line breaks become Word line breaks, tabs Word tabs. XML cannot hold most control characters: each
is written as U+FFFD (the replacement character). Large tables are built directly as WordprocessingML
elements (python-docx's cell API is quadratic in the table size).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from fgd_app.core.draft.model import Draft, Figure, Heading, Paragraph, Table
from fgd_app.core.output_files import Staged, check_target
from fgd_app.core.risks.matrix import text_colour
from fgd_app.draft import charts
from fgd_app.i18n import tr

PAPER_CM = {"A4": (21.0, 29.7), "F4": (21.5, 33.0)}
MARGINS_CM = {"top": 2.5, "bottom": 2.5, "left": 3.0, "right": 2.5}
FONT = "Arial"
HEADING_COLOUR = RGBColor(0x1F, 0x3A, 0x5F)
NOTE_COLOUR = RGBColor(0x6E, 0x6E, 0x6E)
HEADER_FILL = "D9E2F3"
BAND_FILL = "EEF2F8"
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TWIPS_PER_CM = 566.93
Progress = Callable[[float, str], None]  # (fraction done, what is being written)


def clean(text: str) -> str:
    """Return ``text`` as XML can hold it: control characters become U+FFFD; CR LF and CR become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_IN_XML.sub("\ufffd", text)


# --- low-level XML helpers ----------------------------------------------------------------------------
def _el(tag: str, parent=None, **attrs):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    if parent is not None:
        parent.append(element)
    return element


def _text_run(parent, text: str, *, bold: bool = False, size_half_points: int | None = None, colour: str | None = None):
    """Append a ``w:r`` holding ``text`` literally (line breaks and tabs as Word's own)."""
    run = _el("w:r", parent)
    if bold or size_half_points or colour:
        rpr = _el("w:rPr", run)
        if bold:
            _el("w:b", rpr)
        if colour:
            _el("w:color", rpr, val=colour)
        if size_half_points:
            _el("w:sz", rpr, val=size_half_points)
            _el("w:szCs", rpr, val=size_half_points)
    for n, line in enumerate(clean(text).split("\n")):
        if n:
            _el("w:br", run)
        for k, piece in enumerate(line.split("\t")):
            if k:
                _el("w:tab", run)
            if piece:
                t = _el("w:t", run)
                t.text = piece
                if piece != piece.strip():
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def run_content(text: str) -> str:
    """Return the inside of a ``w:r`` for ``text`` as XML text: escaped, line breaks and tabs as Word's own."""
    out = []
    for n, line in enumerate(clean(text).split("\n")):
        if n:
            out.append("<w:br/>")
        for k, piece in enumerate(line.split("\t")):
            if k:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(out)


def _field(paragraph_element, instruction: str, cached: str = "") -> None:
    """Append a complex field (begin, instruction, separate, cached result, end) to a ``w:p``."""
    _el("w:fldChar", _el("w:r", paragraph_element), fldCharType="begin")
    instr = _el("w:instrText", _el("w:r", paragraph_element))
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    _el("w:fldChar", _el("w:r", paragraph_element), fldCharType="separate")
    if cached:
        _text_run(paragraph_element, cached)
    _el("w:fldChar", _el("w:r", paragraph_element), fldCharType="end")


class DocxWriter:
    """Builds the document from a ``Draft`` (``write_docx`` is the entry point)."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.doc = Document()
        self.body = self.doc.element.body
        self.table_count = 0
        self.figure_count = 0
        self.table_label = tr("Table")
        self.figure_label = tr("Figure")
        self.landscape = False
        self._setup_styles()
        self._setup_page(self.doc.sections[0])

    # --- page and styles ---------------------------------------------------------------------------
    def _setup_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(11)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = _el("w:rFonts", rpr)
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), FONT)
        lang = _el("w:lang", rpr, val="id-ID" if self.draft.language == "id" else "en-GB", bidi="ar-SA")
        del lang
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.color.rgb = HEADING_COLOUR
            style.font.bold = True
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), FONT)
            style.paragraph_format.space_before = Pt(18 if name == "Heading 1" else 12)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
        styles["Heading 1"].paragraph_format.page_break_before = True
        caption = styles["Caption"]
        caption.font.name = FONT
        caption.font.size = Pt(9)
        caption.font.bold = True
        caption.font.italic = False
        caption.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        for name in ("Title", "Subtitle"):
            styles[name].font.name = FONT
        settings = self.doc.settings.element
        _el("w:updateFields", settings, val="true")  # Word fills the TOC page numbers when it opens the file

    def _setup_page(self, section, *, landscape: bool = False) -> None:
        width, height = PAPER_CM.get(self.draft.paper, PAPER_CM["A4"])
        if landscape:
            width, height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(width), Cm(height)
        section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
        section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
        section.header_distance = section.footer_distance = Cm(1.2)

    def usable_width_cm(self) -> float:
        width, height = PAPER_CM.get(self.draft.paper, PAPER_CM["A4"])
        return (height if self.landscape else width) - MARGINS_CM["left"] - MARGINS_CM["right"]

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True  # the cover carries neither
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(clean(self.draft.header))
        run.font.size, run.font.color.rgb = Pt(8.5), NOTE_COLOUR
        _el("w:bottom", _el("w:pBdr", header._p.get_or_add_pPr()), val="single", sz=4, space=1, color="A0A0A0")
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _field(footer._p, "PAGE", "1")

    # --- blocks ------------------------------------------------------------------------------------
    def heading(self, block: Heading) -> None:
        self.doc.add_paragraph(clean(block.text), f"Heading {min(3, max(1, block.level))}")

    def paragraph(self, block: Paragraph) -> None:
        if block.style == "bullet":
            self.doc.add_paragraph(clean(block.text), "List Bullet")
            return
        p = self.doc.add_paragraph()
        run = p.add_run(clean(block.text))
        if block.style == "note":
            run.italic = True
            run.font.color.rgb = NOTE_COLOUR
        elif block.style == "label":
            run.bold = True
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_after = Pt(2)

    def caption(self, label: str, number: int, text: str, *, above: bool):
        p = self.doc.add_paragraph(style="Caption")
        _text_run(p._p, f"{label} ")
        _field(p._p, f"SEQ {label} \\* ARABIC", str(number))
        _text_run(p._p, f". {text}")
        if above:
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(8)
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def figure(self, block: Figure) -> None:
        self.figure_count += 1
        width = min(block.chart.width_cm, self.usable_width_cm())
        png = charts.render(block.chart, width)
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(png), width=Cm(width))
        self.caption(self.figure_label, self.figure_count, block.caption, above=False)

    def table(self, block: Table) -> None:
        self.table_count += 1
        self.caption(self.table_label, self.table_count, block.caption, above=True)
        columns = len(block.header)
        weights = (block.widths + [10] * columns)[:columns] if block.widths else [1] * columns
        total_twips = self.usable_width_cm() * TWIPS_PER_CM
        widths = [round(total_twips * w / sum(weights)) for w in weights]
        size = 15 if block.small else 18  # half-points: 7.5 pt or 9 pt
        fills: dict[int, dict[int, str]] = {}
        for (r, c), fill in block.fills.items():
            fills.setdefault(r, {})[c] = fill
        parts = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
                 f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar>'
                 '<w:top w:w="25" w:type="dxa"/><w:left w:w="70" w:type="dxa"/><w:bottom w:w="25" w:type="dxa"/>'
                 '<w:right w:w="70" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" '
                 'w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
                 '<w:tblGrid>', *[f'<w:gridCol w:w="{w}"/>' for w in widths], '</w:tblGrid>']
        self._row(parts, block.header, widths, size, header=True, right=block.right)
        for r, row in enumerate(block.rows):
            self._row(parts, row, widths, size, bold=r in block.bold_rows, band=r in block.band_rows,
                      right=block.right, fills=fills.get(r))
        parts.append("</w:tbl>")
        # one parse for the whole table: python-docx's element API costs ~20 us per element
        self.body.insert(len(self.body) - 1, parse_xml("".join(parts)))  # before the final sectPr
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    @staticmethod
    def _row(parts: list[str], values, widths, size, *, header=False, bold=False, band=False, right=(),
             fills=None) -> None:
        """Append one ``w:tr`` as XML text to ``parts`` (user text escaped)."""
        cells = list(values) + [""] * (len(widths) - len(values))
        parts.append("<w:tr><w:trPr>")
        if header or band or sum(len(str(v or "")) for v in cells) < 600:
            parts.append("<w:cantSplit/>")  # a short row stays on one page; a long one may run on (never clipped)
        if header:
            parts.append("<w:tblHeader/>")  # repeated at the top of every page the table runs onto
        parts.append("</w:trPr>")
        if band and not str(cells[-1] or ""):  # a group row without a total: the label spans the row
            spans = [(cells[0], len(widths), 0)]
        elif band:  # a group row (an innovation above its plans): the label spans all but the last column
            spans = [(cells[0], len(widths) - 1, 0), (cells[-1], 1, len(widths) - 1)]
        else:
            spans = [(cells[c], 1, c) for c in range(len(widths))]
        strong = header or bold or band
        for text, span, c in spans:
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{sum(widths[c:c + span])}" w:type="dxa"/>')
            if span > 1:
                parts.append(f'<w:gridSpan w:val="{span}"/>')
            fill = HEADER_FILL if header else BAND_FILL if band else (fills or {}).get(c)
            if fill:
                parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#").upper()}"/>')
            parts.append('</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')
            if c in right and not header and not (band and c == 0):
                parts.append('<w:jc w:val="right"/>')
            parts.append("</w:pPr><w:r><w:rPr>")
            if strong:
                parts.append("<w:b/>")
            if fill and not header and not band and text_colour(fill) == "#FFFFFF":
                parts.append('<w:color w:val="FFFFFF"/>')
            parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>')
            parts.append(run_content(str(text or "")))
            parts.append("</w:r></w:p></w:tc>")
        parts.append("</w:tr>")

    # --- front matter ------------------------------------------------------------------------------
    def cover(self) -> None:
        for _ in range(6):
            self.doc.add_paragraph()
        title = self.doc.add_paragraph(clean(self.draft.title), "Title")
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle = self.doc.add_paragraph(clean(self.draft.subtitle), "Subtitle")
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for block in self.draft.front:
            self.paragraph(block)
            self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def contents(self) -> None:
        """The table of contents and the lists of tables and figures, as fields Word updates."""
        headings = [b for b in self.draft.blocks() if isinstance(b, Heading)]
        tables = [b.caption for b in self.draft.blocks() if isinstance(b, Table)]
        figures = [b.caption for b in self.draft.blocks() if isinstance(b, Figure)]
        lists = [(tr("Contents"), 'TOC \\o "1-3" \\h \\z \\u', [(h.level, h.text) for h in headings]),
                 (tr("List of tables"), f'TOC \\h \\z \\c "{self.table_label}"',
                  [(1, f"{self.table_label} {n}. {c}") for n, c in enumerate(tables, start=1)]),
                 (tr("List of figures"), f'TOC \\h \\z \\c "{self.figure_label}"',
                  [(1, f"{self.figure_label} {n}. {c}") for n, c in enumerate(figures, start=1)])]
        for n, (title, instruction, entries) in enumerate(lists):
            head = self.doc.add_paragraph(clean(title), "TOC Heading")
            head.paragraph_format.page_break_before = n == 0 or len(entries) > 30
            self._toc_field(instruction, entries)

    def _toc_field(self, instruction: str, entries: list[tuple[int, str]]) -> None:
        """One TOC field whose cached result lists ``entries`` (one paragraph each, indented by level)."""
        first = self.doc.add_paragraph()
        p = first._p
        _el("w:fldChar", _el("w:r", p), fldCharType="begin")
        instr = _el("w:instrText", _el("w:r", p))
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        instr.text = f" {instruction} "
        _el("w:fldChar", _el("w:r", p), fldCharType="separate")
        if not entries:
            _text_run(p, tr("(none)"))
        for k, (level, text) in enumerate(entries):
            if k:
                p = self.doc.add_paragraph()._p
            ind = _el("w:ind", p.get_or_add_pPr(), left=round((level - 1) * 0.6 * TWIPS_PER_CM))
            del ind
            _text_run(p, text, bold=level == 1 and "TOC \\o" in instruction)
        _el("w:fldChar", _el("w:r", p), fldCharType="end")

    # --- the document ------------------------------------------------------------------------------
    def build(self, progress: Progress | None = None) -> None:
        """Build the document; ``progress(fraction, chapter title)`` before each chapter (it may raise to stop)."""
        self.cover()
        self.contents()
        for n, chapter in enumerate(self.draft.chapters):
            if progress is not None:
                progress(n / len(self.draft.chapters), chapter.title)
            if chapter.landscape != self.landscape:
                self._new_section(chapter.landscape)
            for block in chapter.blocks:
                if isinstance(block, Heading):
                    self.heading(block)
                elif isinstance(block, Paragraph):
                    self.paragraph(block)
                elif isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Figure):
                    self.figure(block)
        self._header_footer()
        props = self.doc.core_properties
        props.title = clean(self.draft.title)[:250]
        props.subject = clean(self.draft.subtitle)[:250]
        props.author = "fgd_app"
        props.language = "id-ID" if self.draft.language == "id" else "en-GB"

    def _new_section(self, landscape: bool) -> None:
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self.landscape = landscape
        self._setup_page(section, landscape=landscape)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def draft_bytes(draft: Draft, progress: Progress | None = None) -> bytes:
    """Return the draft as the bytes of a .docx file (``progress`` as for ``DocxWriter.build``)."""
    writer = DocxWriter(draft)
    writer.build(progress)
    return writer.to_bytes()


def docx_path(path: str | os.PathLike) -> Path:
    """Return ``path`` with the .docx extension (added when it has none; another one is refused)."""
    from fgd_app.core.output_files import OutputError

    path = Path(path).expanduser().absolute()
    if path.suffix.lower() == ".docx":
        return path
    if path.suffix and path.suffix.lower() not in (".docx",) and len(path.suffix) <= 5 and path.suffix[1:].isalpha():
        raise OutputError(tr("\u201c{path}\u201d: the draft is a Word document; give the file name the .docx "
                             "extension.", path=path))
    return path.with_name(path.name + ".docx")


def write_docx(draft: Draft, path: str | os.PathLike, *, replace: bool = False,
               progress: Progress | None = None) -> Path:
    """Write ``draft`` to ``path`` under a temporary name, renamed when complete; return the path.

    Raise ``OutputError`` when the target exists and ``replace`` is False, or cannot be written; the
    target is then unchanged (also when ``progress`` raises to stop: nothing is written before the end).
    """
    path = docx_path(path)
    check_target(path, replace=replace)
    content = draft_bytes(draft, progress)  # built in memory: a full disk then fails one plain write
    with Staged(replace=replace) as staged:
        staged.temporary(path).write_bytes(content)
        staged.commit()
    return path
