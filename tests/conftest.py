"""Shared fixtures: real workshop files on disk, offscreen Qt, Bahasa Indonesia by default."""

from __future__ import annotations

import os

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
