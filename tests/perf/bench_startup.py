"""Benchmark (a): the first painted frame of ``fgd-app FILE`` (a ``demo --scale 10`` workshop), as a ratio to
the first painted frame of a bare PySide6 QMainWindow started the same way in the same run. Target <= 2x.

    .venv/bin/python tests/perf/bench_startup.py [--rounds 15] [--profile]

Both are fresh processes (``python -m fgd_app FILE`` and ``python -c <bare window>``), offscreen, that
print ``time.monotonic()`` and ``time.process_time()`` and quit once their window is shown and its first
frame painted (a zero timer started at the first paint event; ``FGD_QUIT_AFTER_SHOW=1`` in the app);
measured from spawn to that moment (the clock is system-wide on Linux), alternating app and bare so that
noise hits both. Reported: medians of the wall time and of the CPU time each process used until then.
Bytecode caching is allowed (as after ``pip install``), even where PYTHONDONTWRITEBYTECODE is set; the
warm-up runs also fill the user cache (the compiled translation catalogue), as the first start after an
install does. PySide6 loads the same way in both: the app changes nothing in how it starts.
``--profile`` also prints the slowest imports of one app start (``python -X importtime``).
A benchmark, not a test: the exit code is 1 when the target is missed, nothing in the test suite runs it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = 2.0

BARE = """
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
class QuitAfterFirstPaint(QObject):  # the same as fgd_app.gui.shell.app._QuitAfterFirstPaint
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            window.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print(f"shown {time.monotonic():.6f} {time.process_time():.6f}", flush=True)
        app.quit()
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1366, 768)
window.show()
quitter = QuitAfterFirstPaint(app)
window.installEventFilter(quitter)
app.exec()
"""


def timed_run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return (ms from spawning the process to its window shown, CPU ms the process used until then).

    The child prints ``shown <time.monotonic()> <time.process_time()>``.
    """
    started = time.monotonic()
    try:
        done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as error:
        raise SystemExit(f"{args[1:3]} did not quit within 60 s:\n{(error.stderr or b'').decode()[-3000:]}") from None
    if done.returncode != 0:
        raise SystemExit(f"{args[1:3]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    shown = [line.split() for line in done.stdout.splitlines() if line.startswith("shown ")]
    if not shown:
        raise SystemExit(f"{args[1:3]} did not report its window shown:\n{done.stdout[-500:]}{done.stderr[-1500:]}")
    return (float(shown[0][1]) - started) * 1000, float(shown[0][2]) * 1000


def slowest_imports(args: list[str], env: dict[str, str], count: int = 15) -> list[tuple[int, str]]:
    done = subprocess.run([args[0], "-X", "importtime", *args[1:]], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line[len("import time:"):].split("|")
            if cumulative.strip().isdigit():
                rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="print the slowest imports of one app start")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-start-"))
    path = folder / "serang-scale.fgd.db"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "FGD_QUIT_AFTER_SHOW": "1", "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1",
                        "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data"),
                        "XDG_CACHE_HOME": str(folder / "cache")}
    subprocess.run([sys.executable, "-m", "fgd_app", "demo", str(path), "--scale", str(args.scale)], env=env,
                   cwd=ROOT, check=True, capture_output=True)
    app_cmd = [sys.executable, "-m", "fgd_app", str(path)]
    bare_cmd = [sys.executable, "-c", BARE]
    # An installed app has its bytecode compiled (pip does it); let the warm-up runs write it here too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for _ in range(2):  # warm the file cache for both
        timed_run(app_cmd, env)
        timed_run(bare_cmd, env)
    app, bare, app_cpu, bare_cpu = [], [], [], []
    for _ in range(args.rounds):
        wall, cpu = timed_run(app_cmd, env)
        app.append(wall)
        app_cpu.append(cpu)
        wall, cpu = timed_run(bare_cmd, env)
        bare.append(wall)
        bare_cpu.append(cpu)
    app_ms, bare_ms = statistics.median(app), statistics.median(bare)
    ratio = app_ms / bare_ms
    cpu_ratio = statistics.median(app_cpu) / statistics.median(bare_cpu)
    print(f"Benchmark (a): spawn to first painted frame, demo --scale {args.scale} open, medians of {args.rounds}"
          " rounds, app and bare alternating")
    print(f"  bare PySide6 QMainWindow   {bare_ms:8.0f} ms  (min {min(bare):.0f}), CPU {statistics.median(bare_cpu):.0f} ms")
    print(f"  {'fgd-app FILE':<27}{app_ms:8.0f} ms  (min {min(app):.0f}), CPU {statistics.median(app_cpu):.0f} ms")
    print(f"  ratio app / bare {ratio:.2f}x (CPU time {cpu_ratio:.2f}x), target <= {TARGET:.1f}x: {'met' if ratio <= TARGET else 'MISSED'}")
    if args.profile:
        print("Slowest imports of one app start (cumulative ms):")
        for micros, name in slowest_imports(app_cmd, env):
            print(f"  {micros / 1000:8.1f}  {name}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
