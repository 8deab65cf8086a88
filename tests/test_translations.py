"""Every marked string has an Indonesian translation with the same {placeholders}; .po files parse."""

from __future__ import annotations

from i18n_extract import extract

from fgd_app import i18n
from fgd_app.resources import resource_path


def test_every_marked_string_has_an_indonesian_translation():
    catalog = i18n.catalog("id")
    missing = {msgid: places[0] for msgid, places in extract().items() if not catalog.get(msgid, "").strip()}
    assert missing == {}, "run `python tests/i18n_extract.py` for .po stubs"


def test_translations_keep_the_placeholders():
    catalog = i18n.catalog("id")
    wrong = {msgid: catalog[msgid] for msgid in extract()
             if msgid in catalog and i18n.placeholders(msgid) != i18n.placeholders(catalog[msgid])}
    assert wrong == {}


def test_every_po_file_has_entries_and_no_duplicate_msgid():
    for path in sorted(resource_path("translations", "id").glob("*.po")):
        text = path.read_text(encoding="utf-8")
        ids = [line for line in text.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
        assert ids, path.name
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert duplicates == [], f"{path.name}: {duplicates}"
