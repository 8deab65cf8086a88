"""Benchmark: the ministry's desk over a consolidated file of N regions (one demo workshop per regency/city).

    .venv/bin/python tests/perf/bench_portfolio.py [--files 60] [--repeat 5]   # --files 514: every code

The demo files (``write_demo(region_code=...)``, the first N regency and city codes of the region list) are
made once into a cache folder (``$FGD_BENCH_CACHE`` or ``~/.cache/fgd_app``) and merged once. Then, with
their bare baselines:

- merge of the N files, vs ATTACH + INSERT ... SELECT of the same tables (bench_merge.py's baseline idea);
- opening the portfolio: ``open_portfolio`` + ``rows()`` (the page's data), vs a bare read-only connection
  running ``SELECT count(*)`` per table; and the Portofolio tab built and shown offscreen. Target <= 1 s;
- a cross-region search (median over queries, the index built on first use), vs one FTS5 MATCH on the same
  memory index. Target <= 100 ms;
- the national summary PDF of all regions. Target <= 20 s.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_merge import cache_dir  # noqa: E402

from fgd_app.core.exchange import consolidated  # noqa: E402
from fgd_app.core.exchange.merge import merge_files  # noqa: E402
from fgd_app.core.store import known_schema  # noqa: E402
from fgd_app.core.store.writer import _q  # noqa: E402

QUERIES = ("mal pelayanan publik", "sampah", "umkm", "wisata religi", "puskesmas", "aplikasi", "beasiswa", "cctv")


def region_codes(count: int) -> list[str]:
    from fgd_app.core.workshop import regions

    codes = [r.code for p in regions.provinces() for r in regions.regencies(p.code)]
    return codes[:count]


def _make(path: str, code: str) -> None:
    from fgd_app.core.demo import write_demo

    write_demo(path, region_code=code, overwrite=True)


def demo_files(count: int) -> list[Path]:
    folder = Path(str(cache_dir()).replace("bench_merge_", "bench_portfolio_"))
    folder.mkdir(parents=True, exist_ok=True)
    codes = region_codes(count)
    paths = [folder / f"{code}.fgd.db" for code in codes]
    missing = [(str(p), c) for p, c in zip(paths, codes, strict=True) if not p.exists()]
    if missing:
        print(f"writing {len(missing)} demo files into {folder} (once) ...", flush=True)
        started = time.perf_counter()
        with ProcessPoolExecutor() as pool:
            list(pool.map(_make, *zip(*missing, strict=True)))
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    return paths


def bare_merge(files: list[Path], out: Path) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    consolidated.prepare(conn, new=True)
    conn.execute("COMMIT")
    tables = known_schema.reference().record_tables
    for n, path in enumerate(files):
        conn.execute("ATTACH DATABASE ? AS src", (f"file:{path}?mode=ro&immutable=1",))
        conn.execute("BEGIN")
        for table in tables:
            cols = ", ".join(_q(c) for c in table.column_names if c in {x.name for x in table.columns if x.hidden == 0})
            conn.execute(f"INSERT OR IGNORE INTO main.{_q(table.name)} ({cols}, _workshop_id, _region_code, _source_id) "
                         f"SELECT {cols}, 'w{n}', '', 0 FROM src.{_q(table.name)}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
    conn.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = demo_files(args.files)
    print(f"load {os.getloadavg()[0]:.2f}; {len(files)} regions")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "nasional.db"
        started = time.perf_counter()
        merge_files(out, files)
        merged = time.perf_counter() - started
        bare = bare_merge(files, Path(folder) / "bare.db")
        print(f"merge: {merged:.2f} s vs bare ATTACH + INSERT {bare:.2f} s ({merged / bare:.2f}x); "
              f"{out.stat().st_size / 1e6:.1f} MB")
        from fgd_app.core.portfolio import open_portfolio

        opens, bares = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            conn = sqlite3.connect(f"file:{out}?mode=ro&immutable=1", uri=True)
            for table in ("workshop", "innovation", "action_plan", "risk", "participant", "opd", "quickwin_choice"):
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            conn.close()
            bares.append(time.perf_counter() - started)
            started = time.perf_counter()
            portfolio = open_portfolio(out)
            portfolio.rows()
            opens.append(time.perf_counter() - started)
            portfolio.close()
        print(f"open portfolio (core): {statistics.median(opens) * 1000:.0f} ms vs bare counts "
              f"{statistics.median(bares) * 1000:.0f} ms ({statistics.median(opens) / statistics.median(bares):.1f}x)")

        from PySide6.QtWidgets import QApplication

        from fgd_app.gui.portfolio.window import DeskWindow

        app = QApplication.instance() or QApplication([])
        shown = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            window = DeskWindow(open_portfolio(out))
            window.resize(1366, 768)
            window.show()
            app.processEvents()
            window.grab()  # painted
            shown.append(time.perf_counter() - started)
            window.close()
        print(f"portfolio window built and painted: {statistics.median(shown) * 1000:.0f} ms (target <= 1000 ms)")

        portfolio = open_portfolio(out)
        started = time.perf_counter()
        portfolio.search("x")
        print(f"search index built on first use: {(time.perf_counter() - started) * 1000:.0f} ms "
              f"({portfolio._search.build_seconds * 1000:.0f} ms of it FTS5 insert)")
        searches, matches = [], []
        for query in QUERIES * args.repeat:
            started = time.perf_counter()
            hits = portfolio.search(query)
            searches.append(time.perf_counter() - started)
            started = time.perf_counter()
            portfolio.conn.execute("SELECT rowid FROM desk.innovation_fts WHERE innovation_fts MATCH ? "
                                   "ORDER BY rank LIMIT 200", (f'"{query.split()[0]}"*',)).fetchall()
            matches.append(time.perf_counter() - started)
        print(f"search: median {statistics.median(searches) * 1000:.1f} ms, worst {max(searches) * 1000:.1f} ms "
              f"vs bare FTS5 MATCH {statistics.median(matches) * 1000:.1f} ms (target <= 100 ms; last: {len(hits)} hits)")

        from fgd_app.reports.portfolio import write_summary_pdf

        started = time.perf_counter()
        cpu = time.process_time()
        pages = write_summary_pdf(portfolio, portfolio.rows(), Path(folder) / "ringkasan.pdf")
        print(f"national summary PDF: {pages} pages in {time.perf_counter() - started:.2f} s "
              f"(CPU {time.process_time() - cpu:.2f} s; target <= 20 s)")
        portfolio.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
