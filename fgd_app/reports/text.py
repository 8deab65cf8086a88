"""User text made safe for ReportLab: never markup, always printable, always wrappable.

A Paragraph reads its text as markup, so everything a user typed goes through ``markup()``:

* characters the font cannot print are replaced: emoji and other symbols it lacks are left out
  (they are decoration; "Wisata religi 🕌" prints "Wisata religi"), letters of scripts it lacks (Chinese,
  Thai, ...) print as "?" so the reader sees something was there; control characters are dropped;
* ``&``, ``<`` and ``>`` are escaped, so ``<b>``, ``a<b``, ``R&D`` and an unclosed ``<font`` print literally;
* line breaks become ``<br/>``.

Words of six letters or more get soft hyphens at their hyphenation points (``hyphenated``: Pyphen's
Indonesian dictionary, English when the app is in English), so a word breaks at a syllable with a hyphen;
codes (R-GOV-01-01), numbers and acronyms get none. Only a word longer than its column that has no such
point (a 300-character URL) is still cut by ReportLab's ``splitLongWords`` (on in every style).

Text with Arabic or Hebrew letters gets a style with ``shaping=1`` (HarfBuzz joins the
letters and orders the run right to left); shaping costs about ten times the time of a plain paragraph,
so only paragraphs that need it get it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from fgd_app.reports.fonts import coverage

_NO_BREAK = re.compile(r"[0-9_@/\\.:]|^[A-Z0-9-]+$")  # codes (R-GOV-01-01), numbers, addresses, acronyms
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MISSING_LETTER = "?"
_shaped_styles: dict[int, ParagraphStyle] = {}
_char_cache: dict[str, str] = {}


@functools.cache
def hyphenator(lang: str):
    """Return ReportLab's ``hyphenationLang`` callable for ``lang`` ("id", "en"): word -> [(head, tail), ...]."""
    import pyphen

    dictionary = pyphen.Pyphen(lang="id_ID" if lang == "id" else "en_US", left=2, right=3)

    @functools.lru_cache(maxsize=20000)
    def pairs(word: str) -> list[tuple[str, str]]:
        if len(word) < 6 or _NO_BREAK.search(word):
            return []
        return list(dictionary.iterate(word))

    return pairs


def needs_shaping(text: str) -> bool:
    """Return whether the text holds right-to-left letters that must be shaped (Arabic, Hebrew)."""
    return _RTL.search(text) is not None


def _replacement(char: str) -> str:
    """Return what prints for one character the font does not cover."""
    category = unicodedata.category(char)
    if category[0] in "LN":
        return _MISSING_LETTER
    if category in ("Zs", "Zl", "Zp"):
        return " "
    return ""  # emoji, symbols, modifiers, joiners, unassigned: left out


def printable(text: str | None) -> str:
    """Return ``text`` with only characters the font prints (see module doc); no escaping."""
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    have = coverage()
    if all(ord(c) in have or c == "\n" for c in text):
        return text
    out = []
    for char in text:
        if char == "\n" or ord(char) in have:
            out.append(char)
            continue
        rep = _char_cache.get(char)
        if rep is None:
            rep = _char_cache.setdefault(char, _replacement(char))
        out.append(rep)
    return re.sub(r"[ ]{2,}", " ", "".join(out))


_LONG_WORD = re.compile(r"[^\W\d_]{6,}")
SOFT_HYPHEN = "\u00ad"
# a word followed by more text; not the last word, nor one before an entity ("&amp;") or a tag: ReportLab
# 5.1 drops the space after a word with soft hyphens when a new text fragment follows ("Server&")
_TOKEN = re.compile(r"(?<!\S)\S{6,}(?=\s+[^\s&<])")
_TOKEN_OR_LAST = re.compile(r"(?<!\S)\S{6,}(?=\s+[^\s&<]|$)")
_WHOLE_TOKEN = re.compile(r"[/@_\\:&\d]|\.\w")


@functools.lru_cache(maxsize=50000)
def _soft_hyphens(word: str) -> str:
    if word.isupper():
        return word  # acronyms (DISKOMINFO) stay whole
    from fgd_app.i18n import language

    points = hyphenator(language())(word)
    if not points:
        return word
    cuts = sorted(len(head) for head, _tail in points)
    parts, last = [], 0
    for cut in cuts:
        if cut - last < 2 or len(word) - cut < 3:  # no one-letter piece ("Se-r-ver")
            continue
        parts.append(word[last:cut])
        last = cut
    parts.append(word[last:])
    return SOFT_HYPHEN.join(parts)


def hyphenated(text: str, *, last: bool = True) -> str:
    """Return ``text`` with soft hyphens at the hyphenation points of its long words.

    ReportLab hyphenates a word at the end of a line, but a word longer than a whole line (a narrow
    column: "pendanaan", "Diskominfosatik") it would cut anywhere without a hyphen; soft hyphens make it
    break at a syllable with a hyphen. They print only where a word breaks. ``last`` False leaves the last
    word whole (a value inside our markup: what follows it may be a tag, see ``_TOKEN``).
    """
    return (_TOKEN_OR_LAST if last else _TOKEN).sub(_hyphenate_token, text)


def _hyphenate_token(match: re.Match) -> str:
    token = match.group(0)
    if _WHOLE_TOKEN.search(token):  # paths, addresses, codes, numbers, escaped markup: never broken
        return token
    return _LONG_WORD.sub(lambda m: _soft_hyphens(m.group(0)), token)


def markup(text: str | None, *, last: bool = True) -> str:
    """Return user text as Paragraph markup that prints exactly what was typed."""
    clean = escape(printable(text))
    if not needs_shaping(clean):  # ReportLab cannot shape a text holding soft hyphens (uharfbuzz refuses it)
        clean = hyphenated(clean, last=last)
    # a space before the break: ReportLab 5.1 neither hyphenates nor keeps whole a word right before a
    # "<br/>" (it cuts "Negatif" to "Neg" / "atif"); followed by a space, the word breaks at its soft hyphens
    return clean.replace("\n", " <br/>")


def shaped_style(style: ParagraphStyle) -> ParagraphStyle:
    """Return the shaping twin of ``style`` (made once)."""
    twin = _shaped_styles.get(id(style))
    if twin is None or twin.parent is not style:
        twin = ParagraphStyle(style.name + "-shaped", parent=style, shaping=1)
        _shaped_styles[id(style)] = twin
    return twin


class Para(Paragraph):
    """A Paragraph that keeps its last line breaking: a table cell is measured, then drawn, at one width.

    ReportLab wraps a cell's Paragraph when the table measures its rows and again when it draws them
    (``Table._drawCell``), and a table's header cells on every page; line breaking is most of a long
    document's time, so a wrap at the width of the last one reuses its lines (the lines ReportLab would
    compute again: widths within 1e-6 pt, the same sum of column width and paddings in another order).
    """

    _laid_out: tuple[float, float, object] | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        done = self._laid_out
        if done is not None and abs(done[0] - availWidth) < 1e-6:  # the same width, summed in another order
            self.width, self.height, self.blPara = availWidth, done[1], done[2]
            return availWidth, done[1]
        width, height = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._laid_out = (availWidth, height, self.blPara)
        return width, height


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    """Return a Paragraph of user text (never read as markup)."""
    clean = markup(text)
    return Para(clean, shaped_style(style) if needs_shaping(clean) else style)


def para_markup(source: str, style: ParagraphStyle, **user_values: str | None) -> Paragraph:
    """Return a Paragraph from our own markup ``source`` with ``{name}`` slots filled by escaped user text.

    ``para_markup("<b>{name}</b>, NIP {nip}", style, name=..., nip=...)``: the template's tags work,
    the values print literally.
    """
    # a value's last word gets soft hyphens only when nothing of the template follows it (see ``_TOKEN``)
    values = {k: markup(v, last=source.endswith("{" + k + "}")) for k, v in user_values.items()}
    text = source.format(**values) if values else source
    return Para(text, shaped_style(style) if needs_shaping(text) else style)


def plain_line(text: str, font: str, size: float, width: float) -> str | None:
    """Return ``text`` printable as plain string lines within ``width`` points, or None when it needs a Paragraph.

    Table cells of a few short lines are drawn as strings: no markup parsing, no line breaking (the costly
    part of a long report), and no risk of overflow since every line's width is checked here.
    """
    if len(text) > 400:
        return None
    clean = printable(text)
    lines = clean.split("\n")
    if len(lines) > 8 or needs_shaping(clean) or any(stringWidth(x, font, size) > width for x in lines):
        return None
    return clean


def fit(text: str, font: str, size: float, width: float) -> str:
    """Return one line of printable text cut with "…" to fit ``width`` points (for canvas strings)."""
    text = printable(text).replace("\n", " ")
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "\u2026", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "\u2026"
