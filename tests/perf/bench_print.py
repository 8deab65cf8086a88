"""Benchmark printing: the full report set of ``demo --scale 10`` against bare ReportLab, and the blank worksheets.

    .venv/bin/python tests/perf/bench_print.py [--scale 10] [--rounds 3]

1. Our documents: ``render(ws, None, ...)`` — every available document, data read from the file, safe
   text, letterhead, running headers, "Halaman X dari Y". Pages per second.
2. Bare platypus, same run: the same stories' tables and paragraphs rebuilt as plain ``Table``s of plain
   ``Paragraph``s (same column widths and spans, same text, one grid style) in a ``SimpleDocTemplate`` with
   the same page size and margins — no letterhead, no numbering canvas, no text cleaning; the stories are
   made before the clock starts, so no data loading either. Pages per second.
   The ratio (1) / (2) must be at least 0.5.
3. The blank worksheet set (every worksheet, ``blank=True``): at most 1 s.
Each figure is the best of ``--rounds``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fgd_app.core import Workshop  # noqa: E402
from fgd_app.core.demo import write_demo  # noqa: E402
from fgd_app.reports import available_documents, render  # noqa: E402
from fgd_app.reports.context import StoryContext  # noqa: E402
from fgd_app.reports.engine import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, page_size  # noqa: E402
from fgd_app.reports.flowables import AtLeast  # noqa: E402
from fgd_app.reports.fonts import FONT, register_fonts  # noqa: E402

PLAIN = ParagraphStyle("plain", fontName=FONT, fontSize=8.5, leading=10.5)
GRID = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")])


def bare_cell(value):
    """Return a cell of a bare table: the same text in a plain Paragraph."""
    if isinstance(value, AtLeast):
        return bare_cell(value.inner)
    if isinstance(value, Paragraph):
        return Paragraph(value.text, PLAIN)
    if isinstance(value, Table):
        return bare_table(value)
    if isinstance(value, list | tuple):
        return [bare_cell(v) for v in value]
    return value


def bare_table(table: Table) -> Table:
    data = [[bare_cell(v) for v in row] for row in table._cellvalues]
    bare = Table(data, colWidths=table._colWidths, repeatRows=table.repeatRows, style=GRID)
    bare.setStyle(TableStyle(table._spanCmds))  # spanned cells stay spanned (same layout)
    return bare


def bare_story(story: list) -> list:
    out = []
    for flowable in story:
        if isinstance(flowable, Table):
            out.append(bare_table(flowable))
        elif isinstance(flowable, Paragraph):
            out.append(Paragraph(flowable.text, PLAIN))
        elif isinstance(flowable, KeepTogether):
            out += bare_story(flowable._content)
        elif isinstance(flowable, PageBreak | Spacer):
            out.append(flowable)
    return out


def pages(paths) -> int:
    return sum(len(PdfReader(str(p)).pages) for p in paths)


def best(rounds: int, run) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        started = time.perf_counter()
        write_demo(tmp / "demo.fgd.db", args.scale)
        print(f"demo --scale {args.scale} written in {time.perf_counter() - started:.1f} s")
        ws = Workshop.open(tmp / "demo.fgd.db")
        specs = available_documents(ws)

        ours_time, paths = best(args.rounds, lambda: render(ws, None, tmp / "ours"))
        our_pages = pages(paths)

        def bare_stories() -> list[tuple[str, tuple[float, float], list]]:
            out = []
            for spec in specs:
                size = page_size(spec.paper or "A4", spec.orientation)
                ctx = StoryContext(ws, pagesize=size, blank=False, paper="A4", title=spec.title)
                out.append((spec.name, size, bare_story(spec.build(ctx))))
            return out

        bare_times, bare_paths = [], []
        for _ in range(args.rounds):
            stories = bare_stories()  # made outside the timing: only the layout and the writing count
            started = time.perf_counter()
            bare_paths = []
            for name, size, story in stories:
                target = tmp / f"bare-{name}.pdf"
                SimpleDocTemplate(str(target), pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                                  topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM).build(story)
                bare_paths.append(target)
            bare_times.append(time.perf_counter() - started)
        bare_time = min(bare_times)
        bare_pages = pages(bare_paths)

        worksheets = [s.name for s in specs if s.kind == "worksheet"]
        blank_time, blank_paths = best(args.rounds, lambda: render(ws, worksheets, tmp / "blank", blank=True))
        blank_pages = pages(blank_paths)
        ws.close()

    ours_rate, bare_rate = our_pages / ours_time, bare_pages / bare_time
    ratio = ours_rate / bare_rate
    print(f"report set ({len(specs)} documents): {our_pages} pages in {ours_time:.2f} s = {ours_rate:.1f} pages/s")
    print(f"bare platypus, same tables:   {bare_pages} pages in {bare_time:.2f} s = {bare_rate:.1f} pages/s")
    print(f"ratio ours / bare: {ratio:.2f} (target >= 0.50)")
    print(f"blank worksheet set ({len(worksheets)} documents): {blank_pages} pages in {blank_time:.2f} s "
          f"(target <= 1.00 s)")
    ok = ratio >= 0.5 and blank_time <= 1.0
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
