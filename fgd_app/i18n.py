"""One translation mechanism for the whole program: screens, Qt's own strings and printed documents.

Source strings are English and written as ``tr("...")``; ``resources/translations/<lang>/*.po`` hold the
translations (one file per area of the program, merged on load). Bahasa Indonesia is the default language. The GUI installs a QTranslator that routes Qt's
strings through this same catalogue (see ``fgd_app.gui.shell.translator``). No Qt import here.
"""

from __future__ import annotations

import datetime as _dt
import marshal
import re
import sys
from functools import cache

from fgd_app.resources import resource_path, user_cache_dir, write_cache_file

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"

_state = {"lang": DEFAULT_LANGUAGE}
_missing: set[str] = set()
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(s: str) -> str:
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    inner = s[1:-1]
    if "\\" not in inner:  # the common case, kept fast: catalogues are read at every start
        return inner
    return re.sub(r'\\(.)', lambda m: _ESCAPES.get(m.group(1), m.group(1)), inner)


def parse_po(text: str) -> dict[str, str]:
    """Return msgid -> msgstr from the text of a .po file (no plurals, no contexts)."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                entries[key] = value

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            msgid, msgstr = [_unquote(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_unquote(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
    flush()
    return entries



@cache
def catalog(lang: str) -> dict[str, str]:
    """Return the translation table for ``lang`` (empty for English, the source language).

    The merged table is kept in the user's cache folder in marshal form, keyed by the name, size,
    modification time and inode of every .po file; any change to them rebuilds it (parsing all
    catalogues takes ~5-10 ms at every start, loading the cached table ~0.5 ms).
    """
    if lang == "en":
        return {}
    paths = sorted(resource_path("translations", lang).glob("*.po"))
    key = []
    for path in paths:
        stat = path.stat()
        key.append((path.name, stat.st_size, stat.st_mtime_ns, stat.st_ino))
    key = (str(resource_path("translations", lang)), tuple(key))
    cached = user_cache_dir() / f"catalog-{lang}.{sys.implementation.cache_tag}.marshal"
    try:
        with open(cached, "rb") as handle:
            stored_key, entries = marshal.loads(handle.read())
        if stored_key == key and isinstance(entries, dict):
            return entries
    except (OSError, EOFError, ValueError, TypeError):
        pass
    entries = {}
    for path in paths:
        entries.update(parse_po(path.read_text(encoding="utf-8")))
    write_cache_file(cached, marshal.dumps((key, entries)))
    return entries


def set_language(lang: str) -> None:
    """Switch the language used by tr() from now on."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _state["lang"] = lang


def language() -> str:
    """Return the language in use ("id" or "en")."""
    return _state["lang"]


def tr(text: str, /, **values: object) -> str:
    """Return ``text`` in the current language, with ``{name}`` placeholders filled from ``values``."""
    lang = _state["lang"]
    if lang != "en":
        translated = catalog(lang).get(text)
        if translated is None:
            _missing.add(text)
            translated = text
        text = translated
    return text.format(**values) if values else text


def tr_in(lang: str, text: str, /, **values: object) -> str:
    """Return ``text`` in ``lang`` whatever the current language (the room's phones each pick theirs)."""
    if lang != "en":
        text = catalog(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).get(text, text)
    return text.format(**values) if values else text


def N_(text: str) -> str:
    """Mark a string for the catalogue where it is translated later with ``tr(variable)``."""
    return text


def missing_translations() -> set[str]:
    """Return the source strings looked up this run that had no translation."""
    return set(_missing)


def lookup(text: str) -> str | None:
    """Return the translation of ``text`` in the current language, or None when there is none."""
    if _state["lang"] == "en":
        return text
    return catalog(_state["lang"]).get(text)


# --- dates, numbers, money -------------------------------------------------------------------------
_DAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
         N_("Sunday"))
_MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
           N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def day_name(day: _dt.date) -> str:
    """Return the weekday of ``day`` in the current language ("Selasa")."""
    return tr(_DAYS[day.weekday()])


def month_name(month: int) -> str:
    """Return the month name in the current language ("Juli")."""
    return tr(_MONTHS[month - 1])


def format_date(day: _dt.date | str | None, *, weekday: bool = True) -> str:
    """Return ``day`` as "Selasa, 2 Juli 2024" (or without the weekday)."""
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = _dt.date.fromisoformat(day)
    text = f"{day.day} {month_name(day.month)} {day.year}"
    return f"{day_name(day)}, {text}" if weekday else text


def format_rupiah(amount: int | None) -> str:
    """Return whole rupiah as "Rp 1.250.000.000"."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")


def format_int(value: int) -> str:
    """Return an integer with Indonesian thousands dots ("12.500")."""
    return f"{int(value):,}".replace(",", ".")


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Return ``n`` in Roman numerals (bimtek stages are written "Tahap II")."""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    """Return the ``{name}`` placeholders in a string (used by the catalogue test)."""
    return set(_PLACEHOLDER.findall(text))
