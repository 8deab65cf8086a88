"""Benchmark the projector window with ``demo --scale 100`` (6,000 innovations, about 10,000 risks).

Run: ``.venv/bin/python tests/perf/bench_projector.py [--scale 100] [--file FILE] [--repeat 5]``.
No targets in the issues; the projector must not slow the laptop down. Printed (medians, with the worst):
opening the window; switching to each mode with the page already built, drawn at 1024x768; the risk map
after a change (taken from the risk page when it is on show, else read from the file); adding an
innovation with the projector open and closed; the few-times-a-second look at the page it mirrors. The "(CPU)" figures are this process's CPU time, which other programs' load does not inflate.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from fgd_app.core import Workshop  # noqa: E402
from fgd_app.core.demo import write_demo  # noqa: E402


def _timed(action, repeat: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def _report(name: str, walls: list[float], cpus: list[float]) -> None:
    print(f"{name:<44} {statistics.median(walls) * 1000:7.1f} ms (worst {max(walls) * 1000:7.1f}; "
          f"CPU {statistics.median(cpus) * 1000:6.1f} ms)")


def bench(ws: Workshop, app: QApplication, repeat: int) -> None:
    from fgd_app.gui.shell.main_window import MainWindow
    from fgd_app.gui.shell.settings import Settings

    window = MainWindow(ws, Settings())
    window.resize(1366, 768)
    window.show()
    for key in ("innovations", "risks", "quickwins"):
        window.page(key)  # the pages are built before: what is measured is the projector's part
    app.processEvents()
    hub = window.projector

    def open_close() -> None:
        hub.show(True)
        hub.window.resize(1024, 768)
        hub.window.grab()
        hub.show(False)
        app.processEvents()

    _report("open the projector (title screen), drawn", *_timed(open_close, repeat))
    hub.show(True)
    hub.window.resize(1024, 768)
    for key, mode in (("innovations", "innovations"), ("risks", "risks"), ("quickwins", "quickwins")):
        def switch(key: str = key) -> None:
            window.show_page("workshop")
            hub.set_hold_title(True)
            window.show_page(key)
            hub.set_hold_title(False)
            hub.window.grab()

        _report(f"switch to {mode}, drawn", *_timed(switch, repeat))
    window.show_page("risks")
    panel = hub.window.panels["risks"]
    page = window.page("risks")

    def page_changed() -> None:
        page.rows = list(page.rows)  # what the page's reload after a change leaves: a new register list
        panel.refresh()

    _report("risk map after a change, risk page on show", *_timed(page_changed, repeat))
    _report("risk map: look at the risk page (no change)", *_timed(panel.sync, repeat * 20))
    window.show_page("people")  # the projector keeps the risk map; the hidden risk page does not reload
    _report("risk map after a change, read by itself", *_timed(panel.refresh, repeat))
    capture = window.show_page("innovations")
    dimension_id = capture.dimension_id
    opd_id = ws.opds.list()[0].id
    counter = iter(range(10_000))

    def add_one() -> None:
        innovation = ws.innovations.add(dimension_id=dimension_id, name=f"Bench inovasi {next(counter)}",
                                        lead_opd_id=opd_id)
        capture._added(innovation.id)  # what the quick-add bar's Enter does after the save
        app.processEvents()
        hub.window.repaint() if hub.window is not None else None

    _report("add an innovation, projector open", *_timed(add_one, repeat))
    hub.show(False)
    _report("add an innovation, projector closed", *_timed(add_one, repeat))
    hub.show(True)
    hub.window.resize(1024, 768)
    window.show_page("quickwins")
    chart = hub.window.panels["quickwins"]
    _report("quick wins: look at the page (no change)", *_timed(chart.sync, repeat * 20))
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--file", help="an existing demo file (copied first)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.fgd.db"
        if args.file:
            path.write_bytes(Path(args.file).read_bytes())
        else:
            start = time.perf_counter()
            write_demo(path, args.scale)
            print(f"demo --scale {args.scale}: {time.perf_counter() - start:.1f} s")
        print(f"load average: {os.getloadavg()[0]:.1f} (2 cores: above 2 the wall-clock figures are inflated)")
        ws = Workshop.open(path)
        try:
            bench(ws, app, args.repeat)
        finally:
            ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
