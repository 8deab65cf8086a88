"""Benchmark the quick-win page with ``demo --scale 100`` (about 6,000 innovations, 29,000 scores).

Run: ``.venv/bin/python tests/perf/bench_quickwins.py [--scale 100] [--file FILE] [--repeat 5]``.
No target is set by the issue; printed: computing the board (core), opening the page, one keyboard score
(durable write + board recomputed + grid refreshed), painting the chart once, and a search keystroke.
Medians, with the worst.
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

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fgd_app.core import Workshop  # noqa: E402
from fgd_app.core.demo import write_demo  # noqa: E402


def timed(action, repeat: int) -> list[tuple[float, float]]:
    """Return (wall, CPU) seconds of each run; CPU time is not inflated by other programs' load."""
    out = []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        out.append((time.perf_counter() - start, time.process_time() - cpu))
    return out


def report(name: str, times: list[tuple[float, float]]) -> None:
    wall, cpu = [t[0] for t in times], [t[1] for t in times]
    print(f"{name:<48} median {statistics.median(wall) * 1000:7.1f} ms (CPU {statistics.median(cpu) * 1000:7.1f})"
          f"   worst {max(wall) * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--file")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    path = Path(args.file) if args.file else Path(tempfile.mkdtemp()) / "bench.fgd.db"
    if not path.exists():
        start = time.perf_counter()
        write_demo(path, scale=args.scale)
        print(f"demo --scale {args.scale}: {time.perf_counter() - start:.1f} s")
    from fgd_app.gui.quickwins.page import QuickWinPage

    ws = Workshop.open(path)
    board = ws.quickwins.board()
    print(f"{len(board.rows)} innovations, {sum(len(r.cells) for r in board.rows)} scored cells, "
          f"{len(board.candidates())} candidates")
    report("board() (core)", timed(ws.quickwins.board, args.repeat))
    pages: list[QuickWinPage] = []

    def open_page() -> None:
        page = QuickWinPage(ws)
        page.resize(1166, 708)
        page.show()
        app.processEvents()
        pages.append(page)

    report("open the page (shown)", timed(open_page, args.repeat))
    page = pages[-1]
    ws.store.add_listener(page.on_changes)
    page.focus_first()
    digits = iter("1234512345" * 10)
    report("type one score (saved, board + grid refreshed)",
            timed(lambda: (QTest.keyClick(page.grid, next(digits)), app.processEvents()), args.repeat * 2))
    page.tabs.setCurrentIndex(2)
    app.processEvents()
    report("paint the chart", timed(lambda: page.chart.grab(), args.repeat))
    letters = iter("sekolahdigital")
    page.search.setFocus()
    report("search keystroke (grid, ranking, chart)",
           timed(lambda: (QTest.keyClick(page.search, next(letters)), app.processEvents()), args.repeat))
    QTest.keyClick(page.search, Qt.Key.Key_Escape)
    for widget in pages:
        widget.close()
    ws.close()


if __name__ == "__main__":
    main()
