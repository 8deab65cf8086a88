"""Quick entry (name, OPD and element as typed) and the change tracking screens refresh from."""

from __future__ import annotations

import pytest

from fgd_app.core import ValidationError
from fgd_app.core.innovations.entry import quick_add, resolve_element, resolve_opd
from fgd_app.core.typed_entry import opd_completion


@pytest.fixture
def ws(workshop):
    for name, short in (("Dinas Kesehatan", "Dinkes"), ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
                        ("Dinas Komunikasi dan Informatika", "Diskominfo"), ("Dinas Koperasi dan UMKM", "Diskop"),
                        ("Sekretariat Daerah", "")):
        workshop.opds.add(name=name, short_name=short)
    return workshop


@pytest.mark.parametrize("text, short", [
    ("Dinkes", "Dinkes"), ("dinkes", "Dinkes"), ("  DINKES ", "Dinkes"), ("Dinas Kesehatan", "Dinkes"),
    ("Dinkes \u2014 Dinas Kesehatan", "Dinkes"), ("disduk", "Disdukcapil"), ("kesehatan", "Dinkes"),
    ("sekretariat", ""), ("pencatatan sipil", "Disdukcapil"), ("diskomi", "Diskominfo"),
])
def test_opds_are_recognised_by_short_name_name_or_completion(ws, text, short):
    assert resolve_opd(ws.opds.list(), text).short_name == short


@pytest.mark.parametrize("text, message", [("", "pengampu"), ("disk", "Diskominfo, Diskop"), ("bappeda", "“bappeda”")])
def test_unknown_or_ambiguous_opds_are_refused_with_a_message(ws, text, message):
    with pytest.raises(ValidationError) as caught:
        resolve_opd(ws.opds.list(), text)
    assert caught.value.field == "lead_opd_id" and message in caught.value.message


def test_completion_text_pairs_short_name_and_name(ws):
    assert opd_completion(ws.opds.find_by_name("Dinkes")) == "Dinkes \u2014 Dinas Kesehatan"
    assert opd_completion(ws.opds.find_by_name("Sekretariat Daerah")) == "Sekretariat Daerah"


def test_elements_by_name_or_unique_part(ws):
    elements = ws.elements.of(ws.dimensions.by_code("GOV").id)
    assert resolve_element(elements, "") is None
    assert resolve_element(elements, "pelay").name == "Pelayanan Publik"
    assert resolve_element(elements, "KEBIJAKAN PUBLIK").name == "Kebijakan Publik"
    assert resolve_element(elements, "birokrasi").name == "Manajemen Birokrasi"
    with pytest.raises(ValidationError, match="Pelayanan Publik, Kebijakan Publik"):
        resolve_element(elements, "publik")
    with pytest.raises(ValidationError) as caught:
        resolve_element(elements, "pariwisata")
    assert caught.value.field == "element_id"


def test_quick_add_checks_fields_in_screen_order_and_saves_nothing_on_error(ws):
    gov = ws.dimensions.by_code("GOV").id
    with pytest.raises(ValidationError) as caught:
        quick_add(ws, gov, "  ", "nobody", "nothing")
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        quick_add(ws, gov, "Si Dukcapil", "nobody", "nothing")
    assert caught.value.field == "lead_opd_id"
    with pytest.raises(ValidationError) as caught:
        quick_add(ws, gov, "Si Dukcapil", "disduk", "nothing")
    assert caught.value.field == "element_id"
    assert ws.innovations.count() == 0
    item = quick_add(ws, gov, "Si Dukcapil", "disduk", "pelay")
    assert (item.code, item.name) == ("GOV-01", "Si Dukcapil")
    assert ws.elements.get(item.element_id).name == "Pelayanan Publik"


def test_changes_since_a_token_report_adds_edits_deletes_undo_and_supporting_opds(ws):
    gov = ws.dimensions.by_code("GOV").id
    dinkes = ws.opds.find_by_name("Dinkes").id
    ids, first = ws.innovations.changed_since(-1)
    assert ids is None  # first call: unknown, reload everything
    assert ws.innovations.changed_since(first) == (set(), first)
    a = ws.innovations.add(dimension_id=gov, name="A", lead_opd_id=dinkes)
    b = ws.innovations.add(dimension_id=gov, name="B", lead_opd_id=dinkes)
    ids, second = ws.innovations.changed_since(first)
    assert ids == {a.id, b.id}
    ws.innovations.update(a.id, supporting_opd_ids=[ws.opds.find_by_name("Diskop").id])
    ids, third = ws.innovations.changed_since(second)
    assert ids == {a.id}
    assert ws.innovations.changed_since(first)[0] == {a.id, b.id}  # another screen with an older token
    ws.innovations.delete(b.id)
    ws.undo()
    assert ws.innovations.changed_since(third)[0] == {b.id}
    ws.store.install_undo_triggers()  # re-installs only the undo triggers: change tracking goes on
    ids, fresh = ws.innovations.changed_since(third)
    assert ids == {b.id} and fresh > third
    assert ws.innovations.changed_since(fresh) == (set(), fresh)


def test_an_unknown_opd_is_told_apart_and_can_be_added_with_the_innovation_as_one_step(ws):
    """Issue 16, item 6: a new OPD typed while capturing is added with the innovation; one Ctrl+Z undoes both."""
    from fgd_app.core.typed_entry import UnknownOpdError

    gov = ws.dimensions.list()[0]
    with pytest.raises(UnknownOpdError) as caught:
        quick_add(ws, gov.id, "Festival budaya digital", "Dinas Pariwisata")
    assert caught.value.text == "Dinas Pariwisata" and caught.value.field == "lead_opd_id"
    opds_before, undo_before = ws.opds.count(), len(ws.store._undo)
    item = quick_add(ws, gov.id, "Festival budaya digital", "Dinas Pariwisata", new_opd=True)
    opd = ws.opds.get(item.lead_opd_id)
    assert opd.name == "Dinas Pariwisata" and ws.opds.count() == opds_before + 1
    assert len(ws.store._undo) == undo_before + 1  # one step
    ws.undo()
    assert ws.opds.count() == opds_before and ws.innovations.count() == 0
    # the OPD exists meanwhile (another table added it): it is used, not added twice
    ws.opds.add(name="Dinas Pariwisata", short_name="Dispar")
    again = quick_add(ws, gov.id, "Festival budaya digital", "dispar", new_opd=True)
    assert ws.opds.get(again.lead_opd_id).short_name == "Dispar" and ws.opds.count() == opds_before + 1


def test_a_bad_element_adds_no_new_opd(ws):
    gov = ws.dimensions.list()[0]
    with pytest.raises(ValidationError) as caught:
        quick_add(ws, gov.id, "Festival", "Dinas Pariwisata", "no such element", new_opd=True)
    assert caught.value.field == "element_id"
    assert ws.opds.find_by_name("Dinas Pariwisata") is None


@pytest.mark.parametrize("typed, close", [("Dinas Kesehatn", "Dinkes"), ("dinas kesehatan kab", "Dinkes"),
                                          ("Diskominfo.", "Diskominfo"), ("Dinas Pariwisata", None)])
def test_close_opds_are_found_before_a_new_one_is_offered(ws, typed, close):
    found = ws.opds.close_to(typed)
    assert (found[0].short_name if found else None) == close
