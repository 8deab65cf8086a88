"""Benchmark the risk screen and the matrix recompute with ``demo --scale 100`` (about 10,000 risks).

Run: ``.venv/bin/python tests/perf/bench_risk.py [--scale 100] [--file FILE] [--repeat 5]``.
Targets (issue 5): opening the risk screen with its heat maps drawn <= 300 ms; recomputing every risk after a
matrix change <= 1 s for 20,000 risks (the demo's risks are copied until there are 20,000). Also printed,
without a target: a filter change, a heat-map click, and undoing the recompute. Medians, with the worst.
The "(CPU)" lines are this process's CPU time, which other programs' load on the machine does not inflate.
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

from fgd_app.core import Workshop
from fgd_app.core.demo import write_demo  # noqa: E402
from fgd_app.core.risks import matrix as riskmatrix  # noqa: E402
from fgd_app.core.store.record_table import new_id  # noqa: E402
from fgd_app.core.store.writer import now_iso  # noqa: E402

TARGETS = {"open": 0.300, "recompute": 1.000}
RISKS = 20_000


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def grow_to(ws: Workshop, total: int) -> None:
    """Copy existing risks (new ids and codes) until the register holds ``total`` risks."""
    columns = [r[1] for r in ws.store.query("PRAGMA table_info(risk)") if r[1] not in ("id", "code")]
    have = ws.risks.count()
    if have >= total:
        return
    rows = ws.store.query(f"SELECT {', '.join(columns)} FROM risk ORDER BY rowid")
    stamp = now_iso()
    copies = []
    for n in range(total - have):
        row = dict(rows[n % len(rows)])
        row.update(created_at=stamp, updated_at=stamp)
        copies.append((new_id(), f"R-BENCH-{n + 1:06d}", *(row[c] for c in columns)))
    with ws.store.write("bench: more risks"):
        ws.store.executemany(f"INSERT INTO risk (id, code, {', '.join(columns)}) VALUES "
                             f"({', '.join('?' * (len(columns) + 2))})", copies)
    ws.store.clear_undo()


def bench_screen(ws: Workshop, app: QApplication, repeat: int) -> dict[str, list[float]]:
    from fgd_app.gui.risks.page import RiskPage

    results: dict[str, list[float]] = {"open": [], "open (CPU)": [], "filter": [], "cell click": []}
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        page = RiskPage(ws)
        page.resize(1166, 708)
        page.show()
        for widget in (page.heatmap.inherent, page.heatmap.residual, page.table.viewport()):
            widget.repaint()
        app.processEvents()
        results["open"].append(time.perf_counter() - start)
        results["open (CPU)"].append(time.process_time() - cpu)
        for index in range(1, page.dimension.count()):
            start = time.perf_counter()
            page.dimension.setCurrentIndex(index)
            page.heatmap.inherent.repaint()
            page.table.viewport().repaint()
            results["filter"].append(time.perf_counter() - start)
        page.clear_filters()
        for cell in ((5, 5), (3, 3), (1, 1)):
            start = time.perf_counter()
            page.cell_clicked(*cell, False)
            page.table.viewport().repaint()
            results["cell click"].append(time.perf_counter() - start)
        pixmap = QPixmap(page.heatmap.inherent.size())
        page.heatmap.inherent.render(pixmap)
        page.close()
        page.deleteLater()
        app.processEvents()
    return results


def bench_recompute(ws: Workshop) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"recompute": [], "recompute (CPU)": [], "undo recompute": []}
    for target in (riskmatrix.spbe("B"), riskmatrix.plain_5x5(), riskmatrix.spbe("A"), riskmatrix.plain_3x3(),
                   riskmatrix.spbe("A")):
        start, cpu = time.perf_counter(), time.process_time()
        changed = ws.risks.setup.apply_change(target)
        seconds = time.perf_counter() - start
        results["recompute"].append(seconds)
        results["recompute (CPU)"].append(time.process_time() - cpu)
        print(f"  -> {target.key:9s} {changed:6d} of {ws.risks.count()} risks changed in {_ms(seconds)}")
    start = time.perf_counter()
    ws.undo()
    results["undo recompute"].append(time.perf_counter() - start)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--file", help="use (or keep) this demo file instead of a temporary one")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    path = Path(args.file) if args.file else Path(tempfile.mkdtemp()) / "bench.fgd.db"
    if not path.exists():
        start = time.perf_counter()
        write_demo(path, args.scale)
        print(f"demo --scale {args.scale}: {time.perf_counter() - start:.1f} s")
    results: dict[str, list[float]] = {}
    with Workshop.open(path) as ws:
        print(f"{ws.risks.count()} risks, {ws.innovations.count()} innovations: opening the risk screen")
        results |= bench_screen(ws, app, args.repeat)
    copy = path.with_name(path.stem + "-20k.fgd.db")
    copy.write_bytes(path.read_bytes())
    with Workshop.open(copy) as ws:
        grow_to(ws, RISKS)
        print(f"{ws.risks.count()} risks: changing the matrix")
        results |= bench_recompute(ws)
    copy.unlink()
    failed = False
    for name, values in results.items():
        median, worst = statistics.median(values), max(values)
        target = TARGETS.get(name)
        ok = target is None or median <= target
        failed |= not ok
        note = f"target {_ms(target)}  {'ok' if ok else 'MISSED'}" if target else "(no target)"
        print(f"{name:16s} median {_ms(median)}  max {_ms(worst)}  {note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
