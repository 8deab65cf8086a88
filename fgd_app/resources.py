"""Resolve every file the app reads at run time: checkout, installed wheel or frozen bundle.

In a checkout the folders sit beside the package (``db/``, ``resources/``). An installed wheel carries
them under ``fgd_app/_data/``; a PyInstaller bundle unpacks them under ``sys._MEIPASS/fgd_app/_data``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """Return the folder that holds ``db/`` and ``resources/``."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "fgd_app" / "_data")
    candidates += [_PACKAGE_DIR / "_data", _PACKAGE_DIR.parent]
    for root in candidates:
        if (root / "db" / "migrations").is_dir() and (root / "resources").is_dir():
            return root
    raise FileNotFoundError("fgd_app data folders (db/, resources/) not found in: " + ", ".join(map(str, candidates)))


def db_path(*parts: str) -> Path:
    """Return a path inside ``db/`` (migrations, data dictionary)."""
    return data_root().joinpath("db", *parts)


def resource_path(*parts: str) -> Path:
    """Return a path inside ``resources/`` (fonts, translations, icons)."""
    return data_root().joinpath("resources", *parts)


def user_cache_dir() -> Path:
    """Return this user's cache folder for the app (may not exist yet; anything in it can be rebuilt)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "fgd_app" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "fgd_app"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fgd_app"


def write_cache_file(path: Path, data: bytes) -> None:
    """Write a file of the user cache atomically (a rename); one that cannot be written is simply not used."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
