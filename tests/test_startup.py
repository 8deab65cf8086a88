"""The start-up path ``fgd-app FILE``: what it imports before the first page is painted.

A module-level import that drags another page, a dialog, the PDF reports, the region list or a heavy
library into every start makes this fail. The time is measured by tests/perf/bench_startup.py (a
benchmark, not a test); nothing here looks at PySide6's own modules or internals.
"""

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
atexit.register(report)
sys.argv = ["fgd-app", sys.argv[1]]
from fgd_app.cli.commands import main
raise SystemExit(main())
"""

# The workshop page is the first page; every other area loads when its page is first shown.
OTHER_AREAS = ["people", "innovations", "plans", "roadmap", "risks", "quickwins", "minutes", "printing",
               "exchange", "demo"]
# What the main window itself needs of other packages (its File menu, the projector hub and round timer).
SHELL_NEEDS = ["fgd_app.gui.exchange", "fgd_app.gui.exchange.menu_actions",
               "fgd_app.gui.projector", "fgd_app.gui.projector.hub", "fgd_app.gui.projector.round_timer"]

NOT_AT_START = [
    "fgd_app.reports",  # the PDF documents (ReportLab): only when printing
    "fgd_app.cli.printing", "fgd_app.cli.exchange",  # other subcommands
    "fgd_app.core.store.check",  # ``fgd-app check``
    "fgd_app.core.workshop.regions",  # the region list: only when a region is chosen
    "fgd_app.gui.shell.start_screen",  # a file was given: no start screen
    "fgd_app.gui.shell.settings_dialog", "fgd_app.gui.workshop.new_dialog",  # dialogs
    "fgd_app.gui.widgets.message_box",  # only when a message is shown
    "fgd_app.gui.projector.window",  # only when the projector is turned on
]
HEAVY_LIBRARIES = ["reportlab", "sqlite_utils", "openpyxl", "lokal", "pypdfium2", "pypdfium2_raw"]


def not_needed_at_start(module: str) -> bool:
    """Whether ``module`` belongs to a part of the app the first page of an opened file does not use."""
    if module in SHELL_NEEDS:
        return False
    if module.partition(".")[0] in HEAVY_LIBRARIES:
        return True
    if any(module == name or module.startswith(name + ".") for name in NOT_AT_START):
        return True
    parts = module.split(".")
    return parts[0] == "fgd_app" and len(parts) >= 3 and parts[1] in ("core", "gui") and parts[2] in OTHER_AREAS


def start(workshop_path: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``fgd-app FILE`` offscreen until its first frame is painted (FGD_QUIT_AFTER_SHOW, in gui.shell.app)."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "FGD_QUIT_AFTER_SHOW": "1", "PYTHONPATH": str(ROOT),
                        "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
                        "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("FGD_LANG", None)
    return subprocess.run([sys.executable, "-c", PROBE, str(workshop_path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_opening_a_file_paints_the_first_page_and_imports_only_what_it_needs(workshop_path, tmp_path):
    done = start(workshop_path, tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith("shown ") for line in lines), done.stdout
    modules = json.loads(next(line for line in lines if line.startswith("MODULES "))[8:])
    assert "fgd_app.gui.workshop.page" in modules and "fgd_app.gui.shell.main_window" in modules
    assert [name for name in modules if not_needed_at_start(name)] == []
    # the file is opened (and its integrity checked in a thread) before Qt loads
    assert modules.index("fgd_app.core.workshop_file") < modules.index("PySide6.QtCore")
    # the garbage collector, off while starting, is on again; what start-up made is frozen once
    enabled, frozen = next(line for line in lines if line.startswith("GC ")).split()[1:]
    assert enabled == "True" and int(frozen) > 10_000
    if sys.platform.startswith("linux"):  # the translation catalogue was cached in the user's cache folder
        assert list((tmp_path / "cache" / "fgd_app").glob("catalog-id.*.marshal"))


def test_the_rule_names_what_it_forbids():
    """The filter itself: other areas, dialogs and heavy libraries are caught; the shell's needs are not."""
    assert not_needed_at_start("fgd_app.core.people.records")
    assert not_needed_at_start("fgd_app.gui.risks.page")
    assert not_needed_at_start("fgd_app.reports.engine")
    assert not_needed_at_start("reportlab.platypus") and not_needed_at_start("sqlite_utils")
    assert not_needed_at_start("fgd_app.gui.shell.settings_dialog")
    assert not not_needed_at_start("fgd_app.gui.workshop.page")
    assert not not_needed_at_start("fgd_app.gui.exchange.menu_actions")
    assert not not_needed_at_start("fgd_app.core.store.writer")
