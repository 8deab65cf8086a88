"""Benchmark the coverage page and the hand-over checklist on ``demo --scale 10``.

Run: ``.venv/bin/python tests/perf/bench_coverage.py [--scale 10] [--file FILE] [--repeat 7]``.
Targets (issue 16): opening the coverage page (board and checklist built, first frame painted) <= 150 ms;
the completeness check (``check_completeness``, the same as ``fgd-app check FILE --completeness``) <= 300 ms.
The bare baseline, in the same process on the same file: plain sqlite3 counts per OPD and dimension of
innovations, action plans and risks (three GROUP BY queries, rows fetched, nothing built), i.e. the least
any board must read. Medians, with the worst.
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

from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fgd_app.core import Workshop  # noqa: E402
from fgd_app.core.coverage.board import build_board  # noqa: E402
from fgd_app.core.coverage.completeness import check_completeness  # noqa: E402
from fgd_app.core.demo import write_demo  # noqa: E402

TARGETS = {"open": 0.150, "check": 0.300}
BARE_SQL = ("SELECT (SELECT count(*) FROM innovation), (SELECT count(*) FROM action_plan), "
            "(SELECT count(*) FROM risk), (SELECT count(*) FROM attendance)")


BARE_GROUPS = (
    "SELECT lead_opd_id, dimension_id, count(*) FROM innovation GROUP BY 1, 2",
    "SELECT p.opd_id, i.dimension_id, count(*) FROM action_plan p JOIN innovation i ON i.id = p.innovation_id "
    "GROUP BY 1, 2",
    "SELECT r.owner_opd_id, i.dimension_id, count(*) FROM risk r JOIN innovation i ON i.id = r.innovation_id "
    "GROUP BY 1, 2",
)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def timed(run, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--file", help="reuse this demo file")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = tempfile.TemporaryDirectory()
    path = Path(args.file) if args.file else Path(folder.name) / "demo.fgd.db"
    if not args.file:
        write_demo(path, scale=args.scale)
    ws = Workshop.open(path)
    counts = ws.store.query_one(BARE_SQL)
    print(f"file: {path.name}, scale {args.scale}: {counts[0]} innovations, {counts[1]} plans, {counts[2]} risks, "
          f"{counts[3]} attendance ticks, {ws.opds.count()} OPDs")
    conn = ws.store.conn
    bare = timed(lambda: [conn.execute(sql).fetchall() for sql in BARE_GROUPS], args.repeat)
    board = timed(lambda: build_board(ws.store), args.repeat)
    check = timed(lambda: check_completeness(ws.store), args.repeat)
    cpu_start = time.process_time()
    check_completeness(ws.store)
    check_cpu = time.process_time() - cpu_start

    from fgd_app.gui.coverage.page import CoveragePage

    def open_page() -> None:
        page = CoveragePage(ws)
        page.resize(1366 - 230, 700)
        page.show()
        pixmap = page.grab()  # the first frame, painted
        assert isinstance(pixmap, QPixmap)
        app.processEvents()
        page.close()
        page.deleteLater()

    open_page()  # imports and first-use caches out of the measure
    opened = timed(open_page, args.repeat)
    result = check_completeness(ws.store)
    ws.close()

    med = statistics.median
    print(f"bare SQL counts per OPD x dim.    {_ms(med(bare))}  (worst {_ms(max(bare))})")
    print(f"board (core)                      {_ms(med(board))}  (worst {_ms(max(board))})  "
          f"= {med(board) / med(bare):.1f}x bare")
    print(f"completeness check (core)         {_ms(med(check))}  (worst {_ms(max(check))})  "
          f"= {med(check) / med(bare):.1f}x bare; CPU {_ms(check_cpu)}; target <= {_ms(TARGETS['check'])} "
          f"{'OK' if med(check) <= TARGETS['check'] else 'MISSED'}")
    print(f"open the coverage page (painted)  {_ms(med(opened))}  (worst {_ms(max(opened))})  "
          f"= {med(opened) / med(bare):.1f}x bare; target <= {_ms(TARGETS['open'])} "
          f"{'OK' if med(opened) <= TARGETS['open'] else 'MISSED'}")
    print(f"gaps: {', '.join(f'{g.key}={g.count}' for g in result.gaps)}")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
