"""Benchmark: the masterplan draft (``fgd-app draft``) of the demo workshop and of ``demo --scale 10``.

    .venv/bin/python tests/perf/bench_draft.py [--scale 1 10] [--repeat 3]

Per size: the whole draft (open the file read-only, gather, draw the charts, build and save the DOCX),
its phases, and, as the bare baseline, python-docx's own API (``add_table`` + ``cell.text``) writing the
same tables' cells into an empty document. Target (issue 20): demo <= 3 s, ``--scale 10`` <= 30 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("FGD_LANG", "id")


def bare_tables(draft) -> float:
    """Write the draft's tables with python-docx's plain API; return the seconds."""
    import io

    import docx

    started = time.perf_counter()
    document = docx.Document()
    for table in draft.tables():
        t = document.add_table(rows=1, cols=len(table.header))
        for cell, text in zip(t.rows[0].cells, table.header, strict=False):
            cell.text = text
        for row in table.rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                cell.text = str(text or "")
    document.save(io.BytesIO())
    return time.perf_counter() - started


def measure(path: Path, out: Path) -> dict[str, float]:
    from fgd_app.core.draft import gather_draft
    from fgd_app.core.exchange.review import open_for_review
    from fgd_app.draft import charts
    from fgd_app.draft.docx_writer import DocxWriter, write_docx

    times: dict[str, float] = {}
    started = time.perf_counter()
    process = time.process_time()
    ws = open_for_review(path)
    try:
        t = time.perf_counter()
        draft = gather_draft(ws)
        times["gather"] = time.perf_counter() - t
    finally:
        ws.close()
    write_docx(draft, out, replace=True)
    times["total"] = time.perf_counter() - started
    times["cpu"] = time.process_time() - process
    t = time.perf_counter()
    for figure in draft.figures():
        charts.render(figure.chart)
    times["charts"] = time.perf_counter() - t
    t = time.perf_counter()
    writer = DocxWriter(draft)
    writer.build()
    times["build"] = time.perf_counter() - t
    t = time.perf_counter()
    writer.to_bytes()
    times["save"] = time.perf_counter() - t
    times["bare_tables"] = bare_tables(draft)
    times["rows"] = sum(len(x.rows) for x in draft.tables())
    times["size_mb"] = out.stat().st_size / 1e6
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from fgd_app.core.demo import write_demo

    targets = {1: 3.0, 10: 30.0}
    with tempfile.TemporaryDirectory() as folder:
        for scale in args.scale:
            path = Path(folder) / f"demo{scale}.fgd.db"
            write_demo(path, scale=scale)
            runs = [measure(path, Path(folder) / f"draft{scale}.docx") for _ in range(args.repeat)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            target = targets.get(scale, 3.0 * scale)
            mark = "\u2714" if med["total"] <= target else "\u2718"
            print(f"scale {scale}: {int(med['rows'])} table rows, {med['size_mb']:.2f} MB DOCX")
            print(f"  draft total {med['total']:.2f} s (CPU {med['cpu']:.2f} s)  target <= {target:.0f} s {mark}")
            print(f"  phases: gather {med['gather']:.2f} s, charts {med['charts']:.2f} s, build {med['build']:.2f} s, "
                  f"save {med['save']:.2f} s")
            print(f"  bare python-docx add_table/cell.text, same tables only: {med['bare_tables']:.2f} s "
                  f"(draft / bare = {med['total'] / med['bare_tables']:.2f})")
    print(f"load average: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
