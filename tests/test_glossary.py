"""One Bahasa Indonesia word per concept over the whole translation catalogue (issue 16): the glossary below is
what the app says; a translation that uses another word for the same concept fails here."""

from __future__ import annotations

import re

import pytest

from fgd_app import i18n

# English concept (a regular expression over the msgid) -> the word the Indonesian text must use
GLOSSARY = {
    r"\bundo\b|\bundone\b": r"batal",  # Batalkan, dibatalkan, membatalkan, pembatalan
    r"\bredo\b|\bredone\b": r"ulang",  # Ulangi, diulangi
    r"\breset\b": r"atur ulang",  # the timer: never "Ulangi" (that is Redo)
    r"\bhorizon\b": r"jangka perencanaan|tahun-tahun perencanaan",
    r"\bfile\b": r"berkas",
    r"\bprojector\b": r"proyektor",
    r"\bround timer\b(?!:)": r"timer ronde",  # "Round timer: 08:59" in the status bar reads "Waktu ronde: 08:59"
}
# words that must not appear: another word for a glossary concept, or the ministry's old name
FORBIDDEN = (r"\burungkan\b", r"\bcakrawala\b", r"\brekaman\b", r"\bfile\b", r"\bKominfo\b", r"pengatur waktu")


def _catalog() -> dict[str, str]:
    return {msgid: text for msgid, text in i18n.catalog("id").items() if msgid}


@pytest.mark.parametrize("concept, word", GLOSSARY.items())
def test_each_concept_has_one_indonesian_word(concept, word):
    wrong = {msgid: text for msgid, text in _catalog().items()
             if re.search(concept, re.sub(r"\{[^}]*\}", "", msgid), re.IGNORECASE)
             and not re.search(word, text, re.IGNORECASE)}
    assert wrong == {}


def test_no_other_word_for_a_glossary_concept_and_no_old_ministry_name():
    found = {text: pattern for text in _catalog().values() for pattern in FORBIDDEN
             if re.search(pattern, re.sub(r"\{[^}]*\}", "", text), re.IGNORECASE)}
    assert found == {}


def test_the_reset_of_the_timer_is_not_the_redo_of_an_edit():
    catalog = _catalog()
    assert catalog["&Redo"] == "&Ulangi"
    assert "Ulangi" not in catalog["Reset the round timer"] and "Ulangi" not in catalog["Reset timer"]
