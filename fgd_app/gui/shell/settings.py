"""User settings (QSettings, organisation "fgd_app"): language, recent files, last folder.

The settings dialog is in fgd_app.gui.shell.settings_dialog, imported when it opens, not at start-up.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QSettings

from fgd_app import APP_ID, i18n

RECENT_LIMIT = 10
ZOOM_RANGE = (0.7, 1.8)
ZOOM_STEP = 0.1


class RecentFile(NamedTuple):  # not a dataclass: defined at every start, ~8x quicker
    path: str
    name: str  # the workshop's display name when it was last opened

    @property
    def exists(self) -> bool:
        return os.path.isfile(self.path)


class Settings:
    """Typed access to the app's QSettings."""

    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings or QSettings(APP_ID, APP_ID)

    # --- language --------------------------------------------------------------------------------
    def language(self) -> str:
        lang = str(self.q.value("language", i18n.DEFAULT_LANGUAGE))
        return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE

    def set_language(self, lang: str) -> None:
        if lang not in i18n.LANGUAGES:
            raise ValueError(lang)
        self.q.setValue("language", lang)

    # --- recent files ----------------------------------------------------------------------------
    def recent_files(self) -> list[RecentFile]:
        try:
            raw = json.loads(str(self.q.value("recent_files", "[]")))
            return [RecentFile(str(r["path"]), str(r.get("name", ""))) for r in raw][:RECENT_LIMIT]
        except (ValueError, TypeError, KeyError):
            return []

    def _store_recent(self, items: list[RecentFile]) -> None:
        data = [{"path": r.path, "name": r.name} for r in items[:RECENT_LIMIT]]
        self.q.setValue("recent_files", json.dumps(data, ensure_ascii=False))

    def add_recent(self, path: str | os.PathLike, name: str) -> None:
        """Put a file at the top of the recent list (nothing is written when it is there already).

        Reopening the same workshop is the usual start; QSettings would rewrite its file (two fdatasync
        calls) just before the window's first frame.
        """
        path = str(Path(path).absolute())
        recent = self.recent_files()
        if recent[:1] == [RecentFile(path, name)]:
            return
        self._store_recent([RecentFile(path, name), *(r for r in recent if r.path != path)])

    def remove_recent(self, path: str) -> None:
        self._store_recent([r for r in self.recent_files() if r.path != path])

    # --- folders ---------------------------------------------------------------------------------
    def last_folder(self) -> str:
        from PySide6.QtCore import QStandardPaths

        folder = str(self.q.value("last_folder", ""))
        if folder and os.path.isdir(folder):
            return folder
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return documents if documents and os.path.isdir(documents) else str(Path.home())

    def set_last_folder(self, folder: str | os.PathLike) -> None:
        self.q.setValue("last_folder", str(folder))

    # --- the laptop view -------------------------------------------------------------------------
    def zoom(self) -> float:
        """Return the laptop view's text zoom (1.0 = the system size), within ZOOM_RANGE."""
        try:
            value = float(self.q.value("view_zoom", 1.0))
        except (TypeError, ValueError):
            return 1.0
        return min(max(value, ZOOM_RANGE[0]), ZOOM_RANGE[1])

    def set_zoom(self, zoom: float) -> None:
        self.q.setValue("view_zoom", round(min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1]), 2))

    def compact_navigation(self) -> bool | None:
        """Return whether the page list shows numbers only; None while the facilitator has not chosen."""
        value = self.q.value("compact_navigation", None)
        if value is None:
            return None
        return str(value).lower() in ("true", "1")

    def set_compact_navigation(self, on: bool) -> None:
        self.q.setValue("compact_navigation", bool(on))

    # --- room mode -------------------------------------------------------------------------------
    def room_host(self) -> str:
        """Return the address the room last listened on ("" when never chosen)."""
        return str(self.q.value("room_host", "") or "")

    def set_room_host(self, host: str) -> None:
        self.q.setValue("room_host", host)
