"""argparse's own words ("usage:", "options", its error messages) in the user's language, by public API.

argparse looks every one of its texts up with ``gettext.gettext``, that is in gettext's current domain
(the "Translating the argparse output" section of its documentation). ``argparse_in_user_language()``
writes the app's translations of those texts (from the same .po catalogue as every other string) as a
compiled catalogue (.mo) into the user's cache folder, and makes it gettext's current domain and
language while argparse parses; the previous domain and ``LANGUAGE`` come back afterwards. Nothing of
argparse or gettext is replaced. When the cache folder cannot be written, argparse speaks English.
"""

from __future__ import annotations

import array
import contextlib
import gettext
import os
import struct
from collections.abc import Iterator
from pathlib import Path

from fgd_app import i18n
from fgd_app.i18n import N_

DOMAIN = "fgd_app-argparse"

ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"), N_("not allowed with argument %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"), N_("ignored explicit argument %r"),
)
_HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"


def compile_catalogue(messages: dict[str, str]) -> bytes:
    """Return the GNU .mo file of ``messages`` (what the standard library's Tools/i18n/msgfmt.py writes)."""
    entries = sorted({"": _HEADER, **messages}.items())
    ids = strs = b""
    offsets = []
    for msgid, msgstr in entries:
        key, value = msgid.encode(), msgstr.encode()
        offsets.append((len(ids), len(key), len(strs), len(value)))
        ids += key + b"\0"
        strs += value + b"\0"
    keys_start = 7 * 4 + 16 * len(entries)
    values_start = keys_start + len(ids)
    table = [n for key_offset, key_length, _, _ in offsets for n in (key_length, key_offset + keys_start)]
    table += [n for _, _, value_offset, value_length in offsets for n in (value_length, value_offset + values_start)]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(entries), 7 * 4, 7 * 4 + len(entries) * 8, 0, 0)
    return header + array.array("i", table).tobytes() + ids + strs


def catalogue_path(lang: str) -> tuple[Path, Path]:
    """Return (locale folder, .mo path) of the compiled argparse catalogue of ``lang``."""
    from fgd_app.resources import user_cache_dir

    folder = user_cache_dir() / "locale"
    return folder, folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _write_catalogue(lang: str) -> str | None:
    """Write (or keep) the compiled catalogue of ``lang``; return its locale folder, None when impossible."""
    from fgd_app.resources import write_cache_file

    messages = {m: t for m in ARGPARSE_MESSAGES if (t := i18n.catalog(lang).get(m))}
    data = compile_catalogue(messages)
    folder, path = catalogue_path(lang)
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return str(folder)
    except OSError:
        pass
    write_cache_file(path, data)
    return str(folder) if path.is_file() else None


@contextlib.contextmanager
def argparse_in_user_language() -> Iterator[None]:
    """Let argparse speak the language of ``tr()`` inside the block (English needs nothing)."""
    lang = i18n.language()
    folder = _write_catalogue(lang) if lang != "en" else None
    if folder is None:
        yield
        return
    previous_domain, previous_language = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, folder)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language
