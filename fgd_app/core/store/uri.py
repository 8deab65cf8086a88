"""SQLite URIs built one way for the whole app: every ``sqlite3.connect(..., uri=True)`` goes through here.

A path is quoted before it becomes a URI: ``#`` would end the path (``Serah #2`` would open ``Serah ``),
``?`` would start the parameters, and ``%41`` would be read as ``A``. On Windows the drive letter gets
the leading slash SQLite expects (``file:/C:/...``).
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path


def sqlite_uri(path: str | os.PathLike, **params: str) -> str:
    """Return the ``file:`` URI of ``path`` with the query ``params`` (``mode="ro"``, ``immutable="1"``, ...)."""
    text = Path(path).absolute().as_posix()
    if not text.startswith("/"):  # Windows: C:/folder -> /C:/folder
        text = "/" + text
    uri = "file:" + urllib.parse.quote(text, safe="/")
    return f"{uri}?{urllib.parse.urlencode(params)}" if params else uri

