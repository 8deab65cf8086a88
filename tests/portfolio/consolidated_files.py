"""A consolidated file of demo workshops of several regions, built once per test run (demo + merge).

Not a conftest.py (tests import ``conftest`` by name, so a second one would shadow the top one): each test
module imports the fixtures it uses from here; the file itself is built once and shared.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fgd_app.cli.commands import main
from fgd_app.core import Workshop

REGIONS = ("36.04", "36.73", "73.71", "11.01")  # Kab. Serang, Kota Serang (Banten), Kota Makassar, Aceh Selatan


def build_consolidated(folder: Path, regions=REGIONS, *, without_quick_win: str = "73.71",
                       signed: str = "36.73") -> Path:
    """Write ``fgd-app demo --region`` files for ``regions``, drop the quick wins of one, fill in the
    paperwork of another (so the regions' checklists differ), and merge them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for code in regions:
        path = folder / f"{code}.fgd.db"
        assert main(["demo", str(path), "--region", code]) == 0
        if code == without_quick_win:
            with Workshop.open(path) as ws:
                for innovation in ws.innovations.rows():
                    ws.quickwins.unchoose(innovation.id)
        if code == signed:
            with Workshop.open(path) as ws:
                ws.documents.update(official_name="Drs. H. Ahmad", official_position="Sekretaris Daerah",
                                    expert_name="Tenaga Ahli", report_number="BA/01/2025")
        files.append(path)
    out = folder / "nasional.db"
    assert main(["merge", str(out), *map(str, files)]) == 0
    return out


_BUILT: list[Path] = []


@pytest.fixture(scope="session")
def consolidated_master(tmp_path_factory) -> Path:
    """The shared consolidated file (do not change it: use ``consolidated`` for a private copy)."""
    if not _BUILT:
        _BUILT.append(build_consolidated(tmp_path_factory.mktemp("portfolio")))
    return _BUILT[0]


@pytest.fixture
def consolidated(consolidated_master, tmp_path) -> Path:
    """A private copy of the session's consolidated file (its demo sources stay beside the master)."""
    target = tmp_path / "nasional.db"
    shutil.copyfile(consolidated_master, target)
    return target


@pytest.fixture
def english():
    """Messages in English for the duration of a test (the suite's default is Bahasa Indonesia)."""
    from fgd_app import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("id")
