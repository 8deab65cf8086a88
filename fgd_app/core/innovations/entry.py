"""Quick entry: turn what the facilitator typed (a name, an OPD, an element) into a new innovation.

OPDs are recognised by short name or name ("dinkes", "Dinas Kesehatan", or the completion text
"Dinkes — Dinas Kesehatan"), elements by name; a unique partial match is enough ("pelay" ->
"Pelayanan Publik"). Anything else is a ValidationError at that field, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Sequence

from fgd_app.core import typed_entry
from fgd_app.core.errors import ValidationError
from fgd_app.core.innovations.records import Innovation
from fgd_app.core.people.records import Opd
from fgd_app.core.store.record_table import new_id
from fgd_app.core.typed_entry import match_key as _key
from fgd_app.core.workshop.details import Element
from fgd_app.core.workshop_file import Workshop
from fgd_app.i18n import tr


def resolve_opd(opds: Sequence[Opd], text: str) -> Opd:
    """Return the lead OPD meant by ``text``; raise ValidationError("lead_opd_id") when none or several fit."""
    return typed_entry.resolve_opd(opds, text, field="lead_opd_id",
                                   empty_message=tr("Choose the lead OPD (OPD pengampu)."))


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


def quick_add(ws: Workshop, dimension_id: str, name: str, opd_text: str, element_text: str = "", *,
              new_opd: bool = False) -> Innovation:
    """Add an innovation from the quick-entry line; fields are checked in screen order (name first).

    An OPD nobody has registered yet raises ``UnknownOpdError`` (a ValidationError at "lead_opd_id");
    with ``new_opd=True`` the typed text becomes a new OPD, added with the innovation as ONE undoable
    operation (an OPD of that name or short name that exists already is used instead).
    """
    if not name.strip():
        raise ValidationError("name", tr("{field} must not be empty.", field=tr("Innovation name")))
    opd = resolve_opd(ws.opds.list(), opd_text) if not new_opd else ws.opds.find_by_name(opd_text)
    try:
        values = ws.opds.validate(ws.opds.defaults() | {"name": opd_text}, None) if opd is None else {}
    except ValidationError as problem:  # shown at the OPD field of the entry line
        raise ValidationError("lead_opd_id", problem.message) from None
    element = resolve_element(ws.elements.of(dimension_id), element_text)
    element_id = element.id if element else None
    if not new_opd or opd is not None:
        return ws.innovations.add(dimension_id=dimension_id, name=name, lead_opd_id=opd.id, element_id=element_id)
    values["id"] = new_id()
    with ws.store.write(tr("Add innovation \u201c{name}\u201d with the new OPD \u201c{opd}\u201d",
                           name=_short(name), opd=values["name"])):
        ws.opds.insert_row(values)
        return ws.innovations.add(dimension_id=dimension_id, name=name, lead_opd_id=values["id"],
                                  element_id=element_id)


def _short(name: str, limit: int = 60) -> str:
    one = " ".join(name.split())
    return one if len(one) <= limit else one[: limit - 1] + "\u2026"
