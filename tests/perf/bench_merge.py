"""Benchmark: consolidate 200 demo workshop files, as a ratio to a bare ATTACH + INSERT ... SELECT copy.

    .venv/bin/python tests/perf/bench_merge.py [--files 200] [--rounds 3]

The demo files (``write_demo``, one seed per file, so every file is its own workshop) are made once into
a cache folder (``$FGD_BENCH_CACHE`` or ``~/.cache/fgd_app``), keyed by the schema version and the demo
code. Each round times ``merge_files`` into a new output, and the baseline: one connection that ATTACHes
each file read-only and copies the same rows of the same tables into the same consolidated tables with
``INSERT ... SELECT``, with none of the merge's checks. Target: merge / baseline <= 1.5, on the best round
of each (the least disturbed by other processes); the median of the per-round ratios is printed too.
"""

from __future__ import annotations

import argparse
import hashlib
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

from fgd_app.core.exchange import consolidated  # noqa: E402
from fgd_app.core.exchange.merge import merge_files  # noqa: E402
from fgd_app.core.store import known_schema, migrations  # noqa: E402
from fgd_app.core.store.writer import _q  # noqa: E402

TARGET = 1.5


def cache_dir() -> Path:
    demo = sorted((ROOT / "fgd_app" / "core" / "demo").glob("*.py"))
    fingerprint = hashlib.sha256(b"".join(p.read_bytes() for p in demo)).hexdigest()[:10]
    base = Path(os.environ.get("FGD_BENCH_CACHE", Path.home() / ".cache" / "fgd_app"))
    return base / f"bench_merge_s{migrations.schema_version()}_{fingerprint}"


def _make(path: str, seed: int) -> None:
    from fgd_app.core.demo import write_demo

    write_demo(path, seed=seed, overwrite=True)


def demo_files(count: int) -> list[Path]:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"demo_{n:03d}.fgd.db" for n in range(count)]
    missing = [(str(p), 1000 + n) for n, p in enumerate(paths) if not p.exists()]
    if missing:
        print(f"writing {len(missing)} demo files into {folder} (once) ...", flush=True)
        started = time.perf_counter()
        with ProcessPoolExecutor() as pool:
            list(pool.map(_make, *zip(*missing, strict=True)))
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    return paths


def baseline(output: Path, inputs: list[Path]) -> None:
    """Copy the same rows into the same tables: ATTACH, INSERT ... SELECT per table, DETACH."""
    conn = sqlite3.connect(output, isolation_level=None)
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    consolidated.prepare(conn, new=True)
    conn.execute("COMMIT")
    tables = known_schema.reference().record_tables
    for n, path in enumerate(inputs):
        conn.execute("ATTACH DATABASE ? AS src", (f"file:{path}?mode=ro&immutable=1",))
        conn.execute("BEGIN")
        for table in tables:
            cols = ", ".join(_q(c) for c in table.column_names)
            conn.execute(f"INSERT INTO main.{_q(table.name)} ({cols}, _workshop_id, _region_code, _source_id) "
                         f"SELECT {cols}, ?, ?, ? FROM src.{_q(table.name)}", (f"w{n}", "36.04", n))
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    inputs = demo_files(args.files)
    rows = 0
    probe = sqlite3.connect(f"file:{inputs[0]}?mode=ro&immutable=1", uri=True)
    for table in known_schema.reference().record_tables:
        rows += probe.execute(f"SELECT count(*) FROM {_q(table.name)}").fetchone()[0]
    probe.close()
    size = sum(p.stat().st_size for p in inputs) / 1e6
    print(f"{len(inputs)} files, {size:.0f} MB, about {rows} rows each ({rows * len(inputs)} rows in all)")
    merged, bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            out_b = Path(tmp) / f"baseline{round_}.db"
            started = time.perf_counter()
            baseline(out_b, inputs)
            bare.append(time.perf_counter() - started)
            out_m = Path(tmp) / f"merged{round_}.db"
            started = time.perf_counter()
            report = merge_files(out_m, inputs)
            merged.append(time.perf_counter() - started)
            assert not report.skipped, [s.line() for s in report.skipped]
            print(f"  round {round_ + 1}: merge {merged[-1]:.2f} s, baseline {bare[-1]:.2f} s", flush=True)
    m, b = min(merged), min(bare)
    ratio = m / b
    paired = statistics.median(x / y for x, y in zip(merged, bare, strict=True))
    print(f"best of {args.rounds}: merge {m:.2f} s ({m / len(inputs) * 1000:.1f} ms per file), baseline {b:.2f} s "
          f"({b / len(inputs) * 1000:.1f} ms per file): ratio {ratio:.2f} (target <= {TARGET}); "
          f"median of the per-round ratios {paired:.2f}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
