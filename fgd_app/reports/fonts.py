"""The embedded font: DejaVu Sans (resources/fonts, Bitstream Vera licence), registered once as a family."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fgd_app.resources import resource_path

FONT = "FgdSans"
FONT_BOLD = "FgdSans-Bold"
FONT_ITALIC = "FgdSans-Oblique"
FONT_BOLD_ITALIC = "FgdSans-BoldOblique"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


@cache
def register_fonts() -> str:
    """Register the four faces and their family (so ``<b>``/``<i>`` switch face); return the family name."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD_ITALIC)
    return FONT


@cache
def coverage() -> frozenset[int]:
    """Return the code points the regular and the bold face both print (user text is never set oblique)."""
    register_fonts()
    points: set[int] | None = None
    for name in (FONT, FONT_BOLD):
        face = pdfmetrics.getFont(name).face
        have = set(face.charToGlyph)
        points = have if points is None else points & have
    return frozenset(points or ())
