"""A test run lives in its own home: it never changes the user's settings, logs or cache (see tests/conftest.py)."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from fgd_app import APP_ID
from fgd_app.gui.shell.app import log_dir, write_error_log
from fgd_app.gui.shell.settings import Settings
from fgd_app.resources import user_cache_dir, write_cache_file

REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir).resolve()  # not $HOME: the conftest changed that
FOLDERS = ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")
Location = QStandardPaths.StandardLocation


def inside(path: str | os.PathLike, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder)


@pytest.fixture
def as_the_app(qapp):
    """The application named as ``fgd-app`` names it, so Qt's folders are the app's own (restored after)."""
    names = qapp.organizationName(), qapp.applicationName()
    qapp.setOrganizationName(APP_ID)
    qapp.setApplicationName(APP_ID)
    yield qapp
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])


def test_home_and_xdg_folders_are_a_temporary_folder_outside_the_real_home(isolated_home):
    assert not inside(isolated_home, REAL_HOME)
    for name in FOLDERS:
        assert inside(os.environ[name], isolated_home), name
    assert Path.home() == isolated_home and Path(os.path.expanduser("~")) == isolated_home


def test_qt_settings_log_and_cache_folders_resolve_inside_the_test_home(as_the_app, isolated_home):
    for location in (Location.HomeLocation, Location.GenericConfigLocation, Location.AppConfigLocation,
                     Location.GenericDataLocation, Location.AppLocalDataLocation, Location.GenericCacheLocation,
                     Location.CacheLocation, Location.GenericStateLocation, Location.RuntimeLocation,
                     Location.DocumentsLocation):
        assert inside(QStandardPaths.writableLocation(location), isolated_home), location
    assert inside(Settings().q.fileName(), isolated_home)  # ~/.config/fgd_app/fgd_app.conf
    assert inside(QSettings(QSettings.Scope.UserScope, "QtProject").fileName(), isolated_home)  # file dialogs
    assert inside(log_dir(), isolated_home)
    assert inside(user_cache_dir(), isolated_home)  # the translation catalogue cache


def test_writing_settings_a_log_and_the_cache_leaves_the_real_home_untouched(as_the_app, isolated_home):
    marker = f"isolation-{uuid.uuid4().hex}"
    settings = Settings()
    settings.add_recent(f"/nowhere/{marker}.fgd.db", marker)
    settings.set_last_folder(f"/nowhere/{marker}")
    settings.q.sync()
    dialogs = QSettings(QSettings.Scope.UserScope, "QtProject")
    dialogs.setValue(marker, marker)
    dialogs.sync()
    try:
        raise RuntimeError(marker)
    except RuntimeError as error:
        log = write_error_log(type(error), error, error.__traceback__)
    cache = user_cache_dir() / f"{marker}.marshal"
    write_cache_file(cache, marker.encode())

    written = [Path(settings.q.fileName()), Path(dialogs.fileName()), log, cache]
    for path in written:
        assert path is not None and marker in path.read_text(encoding="utf-8"), path
        assert inside(path, isolated_home), path
        same_in_real_home = REAL_HOME / path.resolve().relative_to(isolated_home)
        assert not same_in_real_home.exists() or marker not in same_in_real_home.read_text("utf-8", "replace"), (
            f"the test run wrote into the user's {same_in_real_home}")


def test_a_subprocess_started_by_a_test_inherits_the_test_home(isolated_home):
    probe = ("from PySide6.QtCore import QSettings; from fgd_app.resources import user_cache_dir; "
             "print(QSettings('fgd_app', 'fgd_app').fileName()); print(user_cache_dir())")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    config, cache = result.stdout.splitlines()
    assert inside(config, isolated_home) and inside(cache, isolated_home)
