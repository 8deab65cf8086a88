"""The core, translation and printing never import Qt: they run in scripts, the CLI and tests without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import fgd_app

HEADLESS_PACKAGES = ("fgd_app.core", "fgd_app.reports", "fgd_app.draft")
HEADLESS_MODULES = ("fgd_app", "fgd_app.i18n", "fgd_app.resources", "fgd_app.cli.commands")


def headless_modules() -> list[str]:
    """Return every module of the headless packages (found on disk, so new modules are included)."""
    root = Path(fgd_app.__file__).parent
    names = list(HEADLESS_MODULES)
    for package in HEADLESS_PACKAGES:
        folder = root.joinpath(*package.split(".")[1:])
        if not folder.is_dir():
            continue
        names.append(package)
        names += [info.name for info in pkgutil.walk_packages([str(folder)], prefix=package + ".")]
    return names


def test_headless_modules_exist():
    names = headless_modules()
    assert "fgd_app.core.workshop_file" in names and "fgd_app.core.demo.people" in names


def test_importing_every_headless_module_never_imports_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {headless_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "    assert not qt, f'{name} imported {qt[:3]}'\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_core_works_without_a_display(tmp_path):
    """Create, edit, undo and reopen a workshop in a process that has no Qt at all."""
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None  # importing Qt would now fail\n"
        "from fgd_app.core import Workshop\n"
        f"ws = Workshop.create({str(tmp_path / 'w.db')!r}, region_code='36.04', days=['2025-07-15'])\n"
        "ws.opds.add(name='Dinas Kesehatan'); ws.undo(); ws.redo(); ws.close()\n"
        f"ws = Workshop.open({str(tmp_path / 'w.db')!r}); assert ws.opds.count() == 1; ws.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
