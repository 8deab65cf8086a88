"""Benchmark (b): one edit committed durably, as a ratio to a bare sqlite3 INSERT + COMMIT. Target <= 2x.

    .venv/bin/python tests/perf/bench_edit.py [--rounds 300]

Both run in this process, on the same disk, with the same pragmas (WAL, synchronous=FULL, foreign keys),
interleaved round by round so that disk and CPU noise hit both alike. Reported: medians in ms.
The app's edits are full operations: validation, the undo log written by triggers, the durable commit,
the re-read of the saved row and the change notification.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fgd_app.core import Workshop  # noqa: E402
from fgd_app.core.demo import write_demo  # noqa: E402

TARGET = 2.0


def bare_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE item (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, position TEXT NOT NULL,"
                 " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)")
    return conn


def bare_insert(conn: sqlite3.Connection, n: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO item VALUES (?, ?, ?, ?, ?)",
                 (str(uuid.uuid4()), f"Peserta {n}", "Perencana Ahli Muda", "2025-07-15", "2025-07-15"))
    conn.execute("COMMIT")


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--dir", help="folder for the files (default: a temporary folder)")
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp(prefix="bench-edit-"))
    write_demo(folder / "app.fgd.db", overwrite=True)
    ws = Workshop.open(folder / "app.fgd.db")
    (folder / "bare.db").unlink(missing_ok=True)
    bare = bare_connection(folder / "bare.db")
    opd = ws.opds.list()[0]
    person = ws.participants.list()[0]
    day = ws.days.list()[0]
    samples: dict[str, list[float]] = {"bare INSERT+COMMIT": [], "opds.update (one field)": [],
                                       "participants.add": [], "attendance.set": []}
    for n in range(10):  # warm up caches and the WAL
        bare_insert(bare, -n)
        ws.opds.update(opd.id, notes=f"warm {n}")
    for n in range(args.rounds):
        samples["bare INSERT+COMMIT"].append(timed(lambda n=n: bare_insert(bare, n)))
        samples["opds.update (one field)"].append(timed(lambda n=n: ws.opds.update(opd.id, notes=f"catatan {n}")))
        samples["participants.add"].append(timed(lambda n=n: ws.participants.add(
            name=f"Peserta Uji {n:04d}", position="Perencana Ahli Muda", opd_id=opd.id, phone="0812-3456-7890")))
        toggled = person.id not in ws.attendance.present(day.id)  # always a change, never a no-op
        samples["attendance.set"].append(timed(lambda toggled=toggled: ws.attendance.set(
            person.id, day.id, toggled, name=person.name)))
    ws.close()
    bare.close()
    base = statistics.median(samples["bare INSERT+COMMIT"])
    print(f"Benchmark (b): one durable edit, median of {args.rounds} (WAL, synchronous=FULL), folder {folder}")
    print(f"{'operation':<26}{'median ms':>10}{'p90 ms':>9}{'ratio':>8}")
    worst = 0.0
    for name, values in samples.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        ratio = median / base
        if name != "bare INSERT+COMMIT":
            worst = max(worst, ratio)
        print(f"{name:<26}{median:>10.3f}{p90:>9.3f}{ratio:>7.2f}x")
    verdict = "met" if worst <= TARGET else "MISSED"
    print(f"worst ratio {worst:.2f}x, target <= {TARGET:.1f}x: {verdict}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
