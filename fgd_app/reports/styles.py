"""The shared look of every printout: paragraph styles, colours and table styles."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from fgd_app.reports.fonts import FONT, FONT_BOLD, register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#333333")
GRID = colors.HexColor("#6b6b6b")
HEADER_FILL = colors.HexColor("#dde4ee")
BAND_FILL = colors.HexColor("#f2f4f7")
ACCENT = colors.HexColor("#1f4e79")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    justify: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_small: ParagraphStyle
    cell_right: ParagraphStyle
    cell_compact: ParagraphStyle
    head: ParagraphStyle
    title: ParagraphStyle
    form_title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    letter_region: ParagraphStyle
    letter_line: ParagraphStyle
    letter_small: ParagraphStyle
    sign: ParagraphStyle
    sign_name: ParagraphStyle
    right: ParagraphStyle


def make_styles() -> Styles:
    """Return the paragraph styles: DejaVu Sans; nothing essential in grey or below 8 pt (it must survive a
    photocopy); words break at soft hyphens (``text.hyphenated``), a word longer than its cell is cut as a
    last resort, so nothing runs off a cell."""
    register_fonts()
    base = ParagraphStyle("fgd-body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK,
                          splitLongWords=1, allowWidows=0, allowOrphans=0,
                          embeddedHyphenation=0, uriWasteReduce=0)
    cell = ParagraphStyle("fgd-cell", parent=base, fontSize=8.5, leading=10.5)
    return Styles(
        body=base,
        justify=ParagraphStyle("fgd-justify", parent=base, alignment=TA_JUSTIFY),
        small=ParagraphStyle("fgd-small", parent=base, fontSize=8.5, leading=10.5),
        note=ParagraphStyle("fgd-note", parent=base, fontSize=8.5, leading=10.5),
        cell=cell,
        cell_center=ParagraphStyle("fgd-cell-center", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("fgd-cell-right", parent=cell, alignment=TA_RIGHT),
        cell_compact=ParagraphStyle("fgd-cell-compact", parent=cell, fontSize=8, leading=9.6),
        cell_small=ParagraphStyle("fgd-cell-small", parent=cell, fontSize=8, leading=9.6),
        head=ParagraphStyle("fgd-head", parent=cell, fontName=FONT_BOLD, fontSize=8, leading=10, alignment=TA_CENTER),
        title=ParagraphStyle("fgd-title", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18,
                             alignment=TA_CENTER, spaceBefore=2, spaceAfter=2),
        form_title=ParagraphStyle("fgd-form-title", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16,
                                  spaceAfter=2),
        subtitle=ParagraphStyle("fgd-subtitle", parent=base, fontSize=10.5, leading=13.5,
                                alignment=TA_CENTER, spaceAfter=4),
        heading=ParagraphStyle("fgd-heading", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=13.5,
                               spaceBefore=8, spaceAfter=3),
        letter_region=ParagraphStyle("fgd-letter-region", parent=base, fontName=FONT_BOLD, fontSize=15,
                                     leading=18, alignment=TA_CENTER),
        letter_line=ParagraphStyle("fgd-letter-line", parent=base, fontName=FONT_BOLD, fontSize=10.5,
                                   leading=13, alignment=TA_CENTER),
        letter_small=ParagraphStyle("fgd-letter-small", parent=base, fontSize=8.5, leading=11,
                                    alignment=TA_CENTER, textColor=MUTED),
        sign=ParagraphStyle("fgd-sign", parent=base, alignment=TA_CENTER),
        sign_name=ParagraphStyle("fgd-sign-name", parent=base, fontName=FONT_BOLD, alignment=TA_CENTER),
        right=ParagraphStyle("fgd-right", parent=base, alignment=TA_RIGHT),
    )


def grid_style(header_rows: int = 1) -> list[tuple]:
    """Return the TableStyle commands of a ruled table with a tinted header."""
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, GRID),
        ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), 0.5, GRID),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    return commands


LEFT, CENTER = TA_LEFT, TA_CENTER
