"""Open a consolidated file read-only, or explain in the user's language why it cannot be opened.

The file is opened with ``mode=ro&immutable=1`` (nothing is written to it or beside it); the full-text
index of the search lives in an attached memory database (``search.py``).
"""

from __future__ import annotations

import os
import sqlite3
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fgd_app import APP_ID
from fgd_app.core.errors import FgdError
from fgd_app.core.exchange.consolidated import APPLICATION
from fgd_app.core.store import migrations
from fgd_app.core.store.uri import sqlite_uri
from fgd_app.core.workshop_file import SQLITE_HEADER
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core.portfolio.rows import Dimension, Level, RegionStage
    from fgd_app.core.portfolio.search import InnovationSearch

REQUIRED_TABLES = ("metadata", "merge_source", "workshop", "workshop_day", "opd", "participant", "dimension",
                   "element", "innovation", "action_plan", "risk", "risk_level", "risk_category", "quickwin_choice")


class PortfolioError(FgdError):
    """The file cannot be opened as a consolidated file; ``str(error)`` says why, for the user."""

    def __init__(self, message: str, *, workshop_file: bool = False):
        super().__init__(message)
        self.message = message
        self.workshop_file = workshop_file  # True: it is a single workshop file (open it as one)


def _header(path: Path) -> bytes:
    if not path.exists():
        raise PortfolioError(tr("The file \u201c{path}\u201d does not exist.", path=path))
    if path.is_dir():
        raise PortfolioError(tr("\u201c{path}\u201d is a folder, not a consolidated file.", path=path))
    try:
        with open(path, "rb") as handle:
            data = handle.read(100)
    except OSError:
        raise PortfolioError(tr("The file \u201c{path}\u201d cannot be read (no permission).", path=path)) from None
    if not data.startswith(SQLITE_HEADER):
        raise PortfolioError(tr("\u201c{name}\u201d is not a consolidated file (it is not an SQLite database).",
                                name=path.name))
    if len(data) < 100:
        raise PortfolioError(tr("\u201c{name}\u201d is damaged: the file is truncated.", name=path.name))
    return data


def _connect(path: Path) -> sqlite3.Connection:
    params = {"mode": "ro"} if Path(f"{path}-wal").exists() else {"mode": "ro", "immutable": "1"}
    conn = sqlite3.connect(sqlite_uri(path, **params), uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA mmap_size = 1073741824")  # read in place: the portfolio scans every record table once
    return conn


def file_application(path: str | os.PathLike) -> str | None:
    """Return the ``application`` a file's metadata names (None when it is not one of this app's files)."""
    path = Path(path).expanduser().absolute()
    try:
        _header(path)
        conn = _connect(path)
    except (PortfolioError, sqlite3.Error):
        return None
    try:
        row = conn.execute("SELECT value FROM metadata WHERE key = 'application'").fetchone()
        return row[0] if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def is_consolidated_file(path: str | os.PathLike) -> bool:
    """Return True when ``path`` is a consolidated file written by ``fgd-app merge`` (whatever its version)."""
    return file_application(path) == APPLICATION


def open_portfolio(path: str | os.PathLike) -> Portfolio:
    """Open the consolidated file at ``path`` read-only; raise ``PortfolioError`` with the reason otherwise."""
    path = Path(path).expanduser().absolute()
    _header(path)
    try:
        conn = _connect(path)
    except sqlite3.Error as error:
        raise PortfolioError(tr("\u201c{name}\u201d is damaged and cannot be read ({error}).", name=path.name,
                                error=error)) from None
    try:
        _check(conn, path)
        portfolio = Portfolio(path, conn)
        portfolio.rows()  # read now: a damaged file is refused here, not half-shown
    except BaseException:
        conn.close()
        raise
    return portfolio


def _check(conn: sqlite3.Connection, path: Path) -> None:
    try:  # no quick_check (0.4 s for 500 regions): a damaged page read later raises, see Portfolio.rows
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        meta = dict(conn.execute("SELECT key, value FROM metadata")) if "metadata" in tables else {}
    except sqlite3.DatabaseError as error:
        raise PortfolioError(tr("\u201c{name}\u201d is damaged and cannot be read ({error}).", name=path.name,
                                error=error)) from None
    application = meta.get("application")
    if application == APP_ID:
        raise PortfolioError(tr(
            "\u201c{name}\u201d is the workshop file of one region, not a consolidated file. Open it as a "
            "workshop, or merge it with others first (fgd-app merge).", name=path.name), workshop_file=True)
    if application != APPLICATION:
        raise PortfolioError(tr("\u201c{name}\u201d is an SQLite database of another program, not a consolidated "
                                "file.", name=path.name))
    try:
        version = int(meta.get("format_version") or 0)
    except ValueError:
        version = 0
    if version > migrations.schema_version():
        raise PortfolioError(tr(
            "\u201c{name}\u201d was consolidated by a newer version of this app ({version}). Please update the "
            "app to open it; the file was not changed.", name=path.name, version=meta.get("app_version", "?")))
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing or version < 1:
        raise PortfolioError(tr(
            "\u201c{name}\u201d is not a complete consolidated file (missing: {tables}).", name=path.name,
            tables=", ".join(missing) or "format_version"))


class Portfolio:
    """An open consolidated file: rows per region and stage, comparisons and a search. Read-only."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self.read_only = True
        self._search: InnovationSearch | None = None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def metadata(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM metadata"))

    def damaged(self, error: sqlite3.Error) -> PortfolioError:
        """Return the refusal of a file found damaged while reading it."""
        return PortfolioError(tr("\u201c{name}\u201d is damaged and cannot be read ({error}).", name=self.path.name,
                                 error=error))

    @cached_property
    def _rows(self) -> list[RegionStage]:
        from fgd_app.core.portfolio.rows import load_rows

        try:
            return load_rows(self.conn)
        except sqlite3.DatabaseError as error:
            raise self.damaged(error) from None

    def rows(self) -> list[RegionStage]:
        """Return one row per region and stage (read once, then kept)."""
        return self._rows

    @cached_property
    def dimensions(self) -> list[Dimension]:
        from fgd_app.core.portfolio.rows import load_dimensions

        return load_dimensions(self.conn)

    @cached_property
    def levels(self) -> list[Level]:
        from fgd_app.core.portfolio.rows import load_levels

        return load_levels(self.conn)

    def provinces(self) -> list[tuple[str, str]]:
        """Return the (code, name) of the provinces present, by code."""
        return sorted({(r.province_code, r.province_name) for r in self.rows()})

    def search(self, text: str, limit: int = 200):
        """Return the innovations of every region matching ``text`` (see ``search.InnovationSearch``)."""
        if self._search is None:
            from fgd_app.core.portfolio.search import InnovationSearch

            self._search = InnovationSearch(self.conn)
        return self._search.find(text, limit)
