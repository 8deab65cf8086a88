"""Shared fixtures: real workshop files on disk, offscreen Qt, Bahasa Indonesia by default, a home of its own."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path


def _isolate_home() -> Path:
    """Point HOME and the XDG folders at a new temporary folder; return it (removed when the run ends).

    Settings (QSettings, Qt's QtProject.conf), error logs, the translation cache and anything else the app, Qt
    or a subprocess started by a test writes under ``~`` land there, never in the user's real folders. Done
    before PySide6 or fgd_app is imported: Qt reads these folders once, at the first QSettings.
    """
    home = Path(tempfile.mkdtemp(prefix="fgd-test-home-")).resolve()
    folders = {"HOME": home, "XDG_CONFIG_HOME": home / ".config", "XDG_CACHE_HOME": home / ".cache",
               "XDG_DATA_HOME": home / ".local" / "share", "XDG_STATE_HOME": home / ".local" / "state",
               "XDG_CONFIG_DIRS": home / "etc-xdg",  # no system-wide fgd_app.conf changes what a test sees
               "XDG_RUNTIME_DIR": home / "runtime"}
    if sys.platform == "win32":
        folders |= {"USERPROFILE": home, "APPDATA": home / "AppData" / "Roaming",
                    "LOCALAPPDATA": home / "AppData" / "Local"}
    for name, folder in folders.items():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # Qt wants its runtime folder private
        os.environ[name] = str(folder)
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    return home


TEST_HOME = _isolate_home()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QLocale  # noqa: E402

# as the app does for Bahasa Indonesia (fgd_app.gui.shell.app.set_language): "4,5", "Selasa"
QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))

from fgd_app import i18n  # noqa: E402
from fgd_app.core import Workshop  # noqa: E402

SERANG = {"region_code": "36.04", "bimtek_stage": 2, "venue": "Aula Setda Kabupaten Serang",
          "facilitator": "Tenaga Ahli Kominfo", "days": ["2024-07-02", "2024-07-03"]}


@pytest.fixture(autouse=True)
def _indonesian():
    """Every test starts in Bahasa Indonesia (the default) and leaves it so."""
    i18n.set_language("id")
    yield
    i18n.set_language("id")


@pytest.fixture
def isolated_home() -> Path:
    """The temporary folder this test run uses as HOME (and for the XDG folders)."""
    return TEST_HOME


@pytest.fixture
def settings(tmp_path):
    """App settings of this test alone, in an INI file in its tmp_path."""
    from PySide6.QtCore import QSettings

    from fgd_app.gui.shell.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def workshop_path(tmp_path):
    """Path of a new Kabupaten Serang workshop file (closed)."""
    path = tmp_path / "serang.fgd.db"
    Workshop.create(path, **SERANG).close()
    return path


@pytest.fixture
def workshop(workshop_path):
    """An open Kabupaten Serang workshop (bimtek stage II, two days), closed after the test."""
    ws = Workshop.open(workshop_path)
    yield ws
    ws.close()


def pytest_collection_modifyitems(config, items):
    """Skip the tests marked slow (minutes: the bundle build) unless FGD_SLOW=1."""
    if os.environ.get("FGD_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: set FGD_SLOW=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
