"""What the facilitator types, matched to records: the shared rules of every keyboard-first entry line.

Text is compared without case, accents or repeated blanks (``match_key``). An OPD is recognised by short
name, name or its completion text "Dinkes — Dinas Kesehatan"; an exact match wins, else a unique
beginning, else a unique part. Several candidates or none: a ValidationError at the field, naming them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from fgd_app.core.errors import ValidationError
from fgd_app.core.people.records import Opd
from fgd_app.i18n import tr

SEPARATOR = " \u2014 "  # between short name and name in completion texts


class UnknownOpdError(ValidationError):
    """No OPD fits the typed text at all (``text``): a screen may offer to add it as a new OPD."""

    def __init__(self, field: str, message: str, text: str):
        super().__init__(field, message)
        self.text = text


@lru_cache(maxsize=4096)
def match_key(text: str) -> str:
    """Return ``text`` folded for matching: no case, no accents, single blanks."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip()


def opd_completion(opd: Opd) -> str:
    """Return the text offered by completion for an OPD ("Dinkes — Dinas Kesehatan")."""
    return f"{opd.short_name}{SEPARATOR}{opd.name}" if opd.short_name else opd.name


def resolve_opd(opds: Sequence[Opd], text: str, *, field: str, empty_message: str) -> Opd:
    """Return the OPD meant by ``text``; raise ValidationError(field) when none or several fit."""
    key = match_key(text)
    if not key:
        raise ValidationError(field, empty_message)
    k = match_key
    for matches in ([o for o in opds if key in (k(o.short_name), k(o.name), k(opd_completion(o)))],
                    [o for o in opds if k(o.short_name).startswith(key) or k(o.name).startswith(key)],
                    [o for o in opds if key in k(o.short_name) or key in k(o.name)]):
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(o.short_name or o.name for o in matches[:6])
            raise ValidationError(field, tr("\u201c{text}\u201d fits several OPDs: {names}. Type more of it.",
                                            text=text.strip(), names=names))
    raise UnknownOpdError(field, tr("No OPD is called \u201c{text}\u201d. Add it on the OPD page first, "
                                    "or choose one from the list.", text=text.strip()), text.strip())
