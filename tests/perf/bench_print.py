"""Benchmark printing: every document at demo scale 1, 10 (and 100) against bare ReportLab tables.

    .venv/bin/python tests/perf/bench_print.py [--scales 1 10] [--rounds 2] [--only NAME ...]
    FGD_BENCH_SCALE_100=1 .venv/bin/python tests/perf/bench_print.py      # adds scale 100 (several minutes)

For each scale a demo workshop is written, then for each document:

1. Ours: ``build_pdf`` — data read from the file, safe text, hyphenation, letterhead, running headers,
   "Halaman X dari Y", the page-break rules (``reports/tables.py``). Pages per second.
2. Bare: the same story made once outside the clock, every table rebuilt as ONE plain ReportLab ``Table``
   (all its rows, ``repeatRows`` = its header, a grid, no spans, no row styles) of plain ``Paragraph``s
   with the same text, and the same charts (ReportLab ``Drawing``s), in a ``SimpleDocTemplate`` with the same
   page size and margins. Pages per second.
   This is what a bare ReportLab script does; it grows slightly faster than linearly itself (ReportLab
   re-splits the rest of a long table at every page break).
   A bare script reads its data too: where reading is most of a document's time (``statistik``: 2-3 pages
   of counts over every innovation, plan and risk), the bare clock includes the SQL a bare script would run
   for the same figures (``BARE_READS``: GROUP BY counts and the plan rows for the budget per year).
The ratio of pages/s (1) / (2) per document must be at least 0.5 at every scale; "time ratio" is bare
time / our time for the same data (the two may lay out a different number of pages). Each figure is the best of
``--rounds`` (one round at scale 100), and of 5 rounds for a document made in under a second. Then the blank worksheet set (every worksheet, ``blank=True``):
at most 1 s.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
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
from fgd_app.reports.flowables import AtLeast, Label  # noqa: E402
from fgd_app.reports.fonts import FONT, register_fonts  # noqa: E402
from fgd_app.reports.render import build_pdf  # noqa: E402
from fgd_app.reports.tables import PagedTable, table_rows  # noqa: E402

PLAIN = ParagraphStyle("plain", fontName=FONT, fontSize=8.5, leading=10.5)
# the same cell geometry as ours (paddings, font of string cells), so both lay out about as many pages
GRID = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                   ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                   ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                   ("FONT", (0, 0), (-1, -1), FONT, 8.5, 10.5)])
TARGET = 0.5
SHORT, SHORT_ROUNDS = 1.0, 5  # a document made in under SHORT seconds is timed (both ways) best of SHORT_ROUNDS
# what a bare script reads for a document whose time is mostly reading (counted on the bare clock)
BARE_READS = {"statistik": [
    "SELECT dimension_id, status, is_ict, count(*) FROM innovation GROUP BY dimension_id, status, is_ict",
    "SELECT i.dimension_id, count(*) FROM action_plan p JOIN innovation i ON i.id = p.innovation_id "
    "GROUP BY i.dimension_id",
    "SELECT i.dimension_id, count(*) FROM risk r JOIN innovation i ON i.id = r.innovation_id GROUP BY i.dimension_id",
    "SELECT lead_opd_id, count(*) FROM innovation GROUP BY lead_opd_id",
    "SELECT opd_id, count(*), sum(budget) FROM action_plan GROUP BY opd_id",
    "SELECT status_id, count(*) FROM action_plan GROUP BY status_id",
    "SELECT level, residual_level, count(*) FROM risk GROUP BY level, residual_level",
    "SELECT i.dimension_id, p.first_year, p.last_year, p.budget, p.funding_source_id FROM action_plan p "
    "JOIN innovation i ON i.id = p.innovation_id",
]}


def bare_read(path: Path, name: str) -> None:
    """Run the queries a bare script needs for document ``name`` (none for most documents)."""
    if name not in BARE_READS:
        return
    with sqlite3.connect(path) as db:
        for sql in BARE_READS[name]:
            db.execute(sql).fetchall()


def bare_cell(value):
    """Return a cell of a bare table: the same text in a plain Paragraph."""
    if isinstance(value, AtLeast):
        return bare_cell(value.inner)
    if isinstance(value, Label):
        return value.text
    if isinstance(value, Paragraph):
        return Paragraph(value.text, PLAIN)
    if isinstance(value, Table):
        return bare_table(value._cellvalues, value._colWidths, 0)
    if isinstance(value, list | tuple):
        return [bare_cell(v) for v in value]
    return value


def bare_table(rows, widths, repeat: int, groups=()) -> Table:
    data = [[bare_cell(v) for v in row] for row in rows]
    if groups:  # no span: a group heading's text goes into the widest column
        widest = max(range(len(widths)), key=lambda i: widths[i])
        for index in groups:
            row = data[index]
            row[0], row[widest] = row[widest], row[0]
    return Table(data, colWidths=widths, repeatRows=repeat, style=GRID, splitInRow=1)


def bare_story(story: list) -> list:
    out = []
    for flowable in story:
        if isinstance(flowable, PagedTable):
            header, rows = table_rows(flowable)
            groups = [len(header) + i for i in flowable._s.groups]
            out.append(bare_table(header + rows, flowable._s.widths, len(header), groups))
            if flowable.tail is not None:
                out += bare_story([flowable.tail])
        elif isinstance(flowable, Table):
            out.append(bare_table(flowable._cellvalues, flowable._colWidths, flowable.repeatRows))
        elif isinstance(flowable, Paragraph):
            out.append(Paragraph(flowable.text, PLAIN))
        elif isinstance(flowable, KeepTogether):
            out += bare_story(flowable._content)
        elif isinstance(flowable, PageBreak | Spacer | CondPageBreak | Drawing):
            out.append(flowable)  # a chart: a bare script draws the same ReportLab Drawing
    return out


def best(rounds: int, run) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def bench_scale(scale: int, rounds: int, only: list[str], tmp: Path) -> tuple[bool, float, float]:
    started = time.perf_counter()
    path = tmp / f"demo{scale}.fgd.db"
    write_demo(path, scale)
    print(f"\n--scale {scale}: demo written in {time.perf_counter() - started:.1f} s")
    ws = Workshop.open(path)
    specs = [s for s in available_documents(ws) if not only or s.name in only]
    ok, ours_total, bare_total = True, 0.0, 0.0
    print(f"{'document':22s} {'pages':>6s} {'ours s':>8s} {'p/s':>7s} {'bare pages':>10s} {'bare s':>8s} "
          f"{'p/s':>7s} {'ratio':>6s} {'time ratio':>10s}")
    for spec in specs:
        target = tmp / f"{spec.name}-{scale}.pdf"
        ours_time, pages = best(rounds, lambda spec=spec, target=target: build_pdf(ws, spec, target))
        runs = rounds
        if ours_time < SHORT and rounds < SHORT_ROUNDS:  # a few milliseconds: one disturbed run would decide
            runs = SHORT_ROUNDS
            again, pages = best(runs - rounds, lambda spec=spec, target=target: build_pdf(ws, spec, target))
            ours_time = min(ours_time, again)
        size = page_size(spec.paper or "A4", spec.orientation)
        bare_times = []
        bare_target = tmp / f"bare-{spec.name}-{scale}.pdf"
        for _ in range(runs):
            ctx = StoryContext(ws, pagesize=size, blank=False, paper="A4", title=spec.title)
            story = bare_story(spec.build(ctx))  # made outside the clock: only layout and writing count
            started = time.perf_counter()
            bare_read(path, spec.name)
            SimpleDocTemplate(str(bare_target), pagesize=size, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                              topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM).build(story)
            bare_times.append(time.perf_counter() - started)
        bare_time = min(bare_times)
        bare_pages = len(PdfReader(str(bare_target)).pages)
        ours_rate, bare_rate = pages / ours_time, bare_pages / bare_time
        ratio = ours_rate / bare_rate
        ok &= ratio >= TARGET
        ours_total += ours_time
        bare_total += bare_time
        print(f"{spec.name:22s} {pages:6d} {ours_time:8.2f} {ours_rate:7.1f} {bare_pages:10d} {bare_time:8.2f} "
              f"{bare_rate:7.1f} {ratio:6.2f} {bare_time / ours_time:10.2f}{'' if ratio >= TARGET else '  < 0.5'}",
              flush=True)
    print(f"{'all':22s} {'':6s} {ours_total:8.2f} {'':7s} {'':10s} {bare_total:8.2f}")

    worksheets = [s.name for s in specs if s.kind == "worksheet"]
    if worksheets:
        blank_time, paths = best(rounds, lambda: render(ws, worksheets, tmp / "blank", blank=True))
        blank_pages = sum(len(PdfReader(str(p)).pages) for p in paths)
        print(f"blank worksheet set ({len(worksheets)} documents): {blank_pages} pages in {blank_time:.2f} s "
              f"(target <= 1.00 s)")
        ok &= blank_time <= 1.0
    ws.close()
    return ok, ours_total, bare_total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=None)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", nargs="+", default=[])
    args = parser.parse_args()
    scales = args.scales or ([1, 10, 100] if os.environ.get("FGD_BENCH_SCALE_100") == "1" else [1, 10])
    register_fonts()
    ok = True
    with tempfile.TemporaryDirectory() as tmp_name:
        for scale in scales:
            scale_ok, _ours, _bare = bench_scale(scale, 1 if scale >= 100 else args.rounds, args.only,
                                                 Path(tmp_name))
            ok &= scale_ok
    print(f"target: every document >= {TARGET:.2f} of bare pages/s")
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
