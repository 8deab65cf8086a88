"""Benchmark: carry a ``demo --scale N`` file to the next stage (target: scale 10 in <= 3 s), against a bare
baseline (copying the same file's bytes).

    .venv/bin/python tests/perf/bench_next_stage.py [--scale 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fgd_app.core.demo import write_demo  # noqa: E402
from fgd_app.core.workshop.next_stage import carry_to_next_stage  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "demo.fgd.db"
        write_demo(source, args.scale)
        times, bare = [], []
        for n in range(args.rounds):
            started = time.perf_counter()
            report = carry_to_next_stage(source, Path(folder) / f"next{n}.fgd.db")
            times.append(time.perf_counter() - started)
            started = time.perf_counter()
            shutil.copyfile(source, Path(folder) / f"copy{n}.db")
            bare.append(time.perf_counter() - started)
        rows = sum(report.copied.values())
        median, base = statistics.median(times), statistics.median(bare)
        print(f"scale {args.scale}: {source.stat().st_size / 1e6:.1f} MB, {rows} rows written")
        print(f"carry to the next stage: median {median:.2f} s (target <= 3 s: {'ok' if median <= 3 else 'MISSED'}); "
              f"bare file copy {base * 1000:.0f} ms; ratio {median / base:.0f}x")


if __name__ == "__main__":
    main()
