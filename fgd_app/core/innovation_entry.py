"""Quick entry: turn what the facilitator typed (a name, an OPD, an element) into a new innovation.

OPDs are recognised by short name or name ("dinkes", "Dinas Kesehatan", or the completion text
"Dinkes — Dinas Kesehatan"), elements by name; a unique partial match is enough ("pelay" ->
"Pelayanan Publik"). Anything else is a ValidationError at that field, and nothing is saved.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from fgd_app.core.errors import ValidationError
from fgd_app.core.innovations import Innovation
from fgd_app.core.people import Opd
from fgd_app.core.setup import Element
from fgd_app.core.workshop import Workshop
from fgd_app.i18n import tr

SEPARATOR = " \u2014 "  # between short name and name in completion texts


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip()


def opd_completion(opd: Opd) -> str:
    """Return the text offered by completion for an OPD ("Dinkes — Dinas Kesehatan")."""
    return f"{opd.short_name}{SEPARATOR}{opd.name}" if opd.short_name else opd.name


def resolve_opd(opds: Sequence[Opd], text: str) -> Opd:
    """Return the OPD meant by ``text``; raise ValidationError("lead_opd_id") when none or several fit."""
    key = _key(text)
    if not key:
        raise ValidationError("lead_opd_id", tr("Choose the lead OPD (OPD pengampu)."))
    exact = [o for o in opds if key in (_key(o.short_name), _key(o.name), _key(opd_completion(o)))]
    if len(exact) == 1:
        return exact[0]
    starts = [o for o in opds if _key(o.short_name).startswith(key) or _key(o.name).startswith(key)]
    if len(starts) == 1:
        return starts[0]
    contains = [o for o in opds if key in _key(o.short_name) or key in _key(o.name)]
    if len(contains) == 1:
        return contains[0]
    candidates = starts or contains
    if candidates:
        names = ", ".join(o.short_name or o.name for o in candidates[:6])
        raise ValidationError("lead_opd_id", tr("\u201c{text}\u201d fits several OPDs: {names}. Type more of it.",
                                                text=text.strip(), names=names))
    raise ValidationError("lead_opd_id", tr("No OPD is called \u201c{text}\u201d. Add it on the OPD page first, "
                                            "or choose one from the list.", text=text.strip()))


def resolve_element(elements: Sequence[Element], text: str) -> Element | None:
    """Return the element meant by ``text`` (None for blank text); raise ValidationError("element_id")."""
    key = _key(text)
    if not key:
        return None
    for matches in ([e for e in elements if _key(e.name) == key or _key(e.name_en) == key],
                    [e for e in elements if _key(e.name).startswith(key)],
                    [e for e in elements if key in _key(e.name) or (e.name_en and key in _key(e.name_en))]):
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValidationError("element_id", tr(
                "\u201c{text}\u201d fits several elements: {names}. Type more of it.", text=text.strip(),
                names=", ".join(e.name for e in matches)))
    raise ValidationError("element_id", tr("This dimension has no element \u201c{text}\u201d. Choose one of: {names}.",
                                           text=text.strip(), names=", ".join(e.name for e in elements)))


def quick_add(ws: Workshop, dimension_id: str, name: str, opd_text: str, element_text: str = "") -> Innovation:
    """Add an innovation from the quick-entry line; fields are checked in screen order (name first)."""
    if not name.strip():
        raise ValidationError("name", tr("{field} must not be empty.", field=tr("Innovation name")))
    opd = resolve_opd(ws.opds.list(), opd_text)
    element = resolve_element(ws.elements.of(dimension_id), element_text)
    return ws.innovations.add(dimension_id=dimension_id, name=name, lead_opd_id=opd.id,
                              element_id=element.id if element else None)
