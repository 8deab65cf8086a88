"""The start-up path ``fgd-app FILE``: what it loads before the first page is painted (tests/perf/bench_startup.py
measures the time). A module-level import that drags a dialog, the region list or a second page into
every start makes this fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import atexit, gc, json, sys
def report():
    print("MODULES " + json.dumps(list(sys.modules)), flush=True)
    print(f"GC {gc.isenabled()} {gc.get_freeze_count()}", flush=True)
    print(f"QT_NAMESPACE {'Qt' in vars(sys.modules['PySide6.QtCore'])}", flush=True)
atexit.register(report)
sys.argv = ["fgd-app", sys.argv[1]]
from fgd_app.cli.commands import main
raise SystemExit(main())
"""

NOT_AT_START = [
    "fgd_app.core.people.records",  # second page
    "fgd_app.core.workshop.regions", "lokal",  # region list: only when a region is chosen
    "fgd_app.core.exchange.review", "sqlite_utils",  # read-only review, migrations
    "fgd_app.gui.widgets.message_box", "fgd_app.gui.shell.settings_dialog", "fgd_app.gui.workshop.new_dialog",  # dialogs
    "fgd_app.gui.people.page", "fgd_app.gui.shell.start_screen",
    "uuid", "platform", "reportlab",
]


def test_opening_a_file_paints_the_first_page_and_loads_only_what_it_needs(workshop_path, tmp_path):
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "FGD_QUIT_AFTER_SHOW": "1", "PYTHONPATH": str(ROOT),
                        "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
                        "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", PROBE, str(workshop_path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert any(line.startswith("shown ") for line in done.stdout.splitlines()), done.stdout
    modules = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))[8:])
    assert "fgd_app.gui.workshop.page" in modules
    assert [name for name in NOT_AT_START if name in modules] == []
    # the file is opened before Qt loads (PySide6 reads the source of every module imported after it)
    assert modules.index("fgd_app.core.workshop_file") < modules.index("PySide6.QtCore")
    # the garbage collector, off while starting, is on again; what start-up made is frozen
    enabled, frozen = next(line for line in done.stdout.splitlines() if line.startswith("GC ")).split()[1:]
    assert enabled == "True" and int(frozen) > 10_000
    # Qt's "Qt" namespace (93 enum classes, ~13 ms) is not built: the start path uses fgd_app.gui.widgets.qt_values
    assert "QT_NAMESPACE False" in done.stdout.splitlines()
    if sys.platform.startswith("linux"):  # the translation catalogue was cached in the user's cache folder
        assert list((tmp_path / "cache" / "fgd_app").glob("catalog-id.*.marshal"))
        assert list((tmp_path / "cache" / "fgd_app").glob("pyside-start.*.marshal"))  # fgd_app.gui.shell.pyside_start
