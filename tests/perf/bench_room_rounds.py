"""Benchmark room rounds: 80 simulated phones on loopback vote in one dot-vote round within 30 seconds.

Run: ``.venv/bin/python tests/perf/bench_room_rounds.py [--phones 80] [--seconds 30]``.
Targets (issue 19): p95 response <= 200 ms, every vote counted once, the projector showing the last vote
within 1 s of it, the GUI thread's largest frame gap <= 100 ms.

A shown main window's GUI thread owns the file and runs the phones' jobs, with the room window's Rounds tab
and the projector's round screen (live result) on show, as in the room. A QTimer ticks every 5 ms on the GUI
thread to measure gaps. The phones run in a child process (their threads would otherwise share the GIL with
the GUI thread being measured): each phone joins, keeps the live channel (/events) open as its page does,
then (all joined, not measured) at a random moment within ``--seconds`` loads the round form and sends 3 dots (at most 2 on one
innovation); one phone in ten sends the same form twice (a retry, which must be stored once). Bounded:
loopback only, at most 200 phones, stops after seconds + 60 s. Printed besides: a bare GET round trip on the
idle server (the baseline), the live messages received, the process's CPU time and the load average.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "room"), str(Path(__file__).resolve().parent)]

from bench_room import room_on_demo  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from room_phone import Phone  # noqa: E402


def listen(port, cookies, stop, messages):
    """A phone's open page: the live channel, read until the benchmark ends."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", "/events", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    response = conn.getresponse()
    while not stop.is_set():
        line = response.fp.readline()
        if not line:
            break
        if line.startswith(b"data: "):
            messages.append(1)
    conn.close()


def phone_run(port, code, items, seconds, seed, latencies, results, stop, messages, joined, go):
    rng = random.Random(seed)
    phone = Phone(port)
    assert phone.join(code) == 303
    threading.Thread(target=listen, args=(port, dict(phone.cookies), stop, messages), daemon=True).start()
    joined.release()
    go.wait()
    moment = rng.uniform(0, seconds)
    start = time.monotonic()
    time.sleep(max(0.0, start + moment - time.monotonic()))
    ballot: dict[str, int] = {}
    while sum(ballot.values()) < 3:
        item = rng.choice(items)
        if ballot.get(item, 0) < 2:
            ballot[item] = ballot.get(item, 0) + 1
    t0 = time.perf_counter()
    status, _, _ = phone.get("/round")
    t1 = time.perf_counter()
    fields = {f"dot_{item}": str(ballot.get(item, 0)) for item in items}
    status, _, _ = phone.post("/round", fields)
    t2 = time.perf_counter()
    latencies += [t1 - t0, t2 - t1]
    if seed % 10 == 0:  # a retry of the same form (the phone did not see the answer)
        t3 = time.perf_counter()
        again, _, _ = phone.post("/round", fields)
        latencies.append(time.perf_counter() - t3)
        assert again == 303, again
    results.append((seed, status, ballot, time.time()))


def phones_only(port: int, code: str, phones: int, seconds: float, items: list[str]) -> None:
    latencies: list[float] = []
    results: list = []
    messages: list = []
    stop, go, joined = threading.Event(), threading.Event(), threading.Semaphore(0)
    threads = [threading.Thread(target=phone_run, args=(port, code, items, seconds, n, latencies, results, stop,
                                                        messages, joined, go), daemon=True) for n in range(phones)]
    for t in threads:
        t.start()
    for _ in threads:  # every phone in the room, its page open, before the round's clock starts
        joined.acquire(timeout=60)
    print("ready", flush=True)
    sys.stdin.readline()
    go.set()
    for t in threads:
        t.join(seconds + 60)
    time.sleep(1.5)  # the last live messages
    stop.set()
    print(json.dumps({"latencies": latencies, "results": results, "messages": len(messages)}))


def bare_commits(folder: Path, n: int = 40) -> list[float]:
    """The baseline of a phone's write on the GUI thread: one durable INSERT+COMMIT with the store's pragmas."""
    import sqlite3

    conn = sqlite3.connect(folder / "bare.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    times = []
    for k in range(n):
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (v) VALUES (?)", (str(k) * 50,))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - t0)
    conn.close()
    return times


def main() -> int:
    if sys.argv[1:2] == ["--phones-only"]:
        port, code, phones, seconds, items = sys.argv[2:7]
        phones_only(int(port), code, int(phones), float(seconds), items.split(","))
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones", type=int, default=80)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    phones = min(args.phones, 200)
    app = QApplication.instance() or QApplication([])
    folder, ws, window, room, server, code = room_on_demo("bench-room-rounds-")
    window.show_room()
    panel = window.room_window.rounds_panel
    window.room_window.tabs.setCurrentWidget(panel)
    r = ws.rounds.open_round("dot_vote", dots=3, most=2, timer_seconds=int(args.seconds) + 30)
    panel.project.setChecked(True)
    projector = window.projector.window
    projector.showNormal()
    projector.resize(1024, 768)
    screen = projector.panel("round")

    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(5)
    base: list[float] = []
    baseline_phone = Phone(server.port)

    def baseline():
        baseline_phone.join(code)
        for _ in range(20):
            t0 = time.perf_counter()
            baseline_phone.get("/")
            base.append(time.perf_counter() - t0)

    b = threading.Thread(target=baseline)
    b.start()
    while b.is_alive():
        app.processEvents()
    commits = bare_commits(folder)
    child = subprocess.Popen([sys.executable, __file__, "--phones-only", str(server.port), code, str(phones),
                              str(args.seconds), ",".join(r.items)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(child.stdout), daemon=True)
    reader.start()
    joined_by = time.perf_counter() + 90
    while "ready\n" not in lines and time.perf_counter() < joined_by:  # the phones join (not measured)
        app.processEvents()
        time.sleep(0.001)
    cpu0 = time.process_time()
    gaps.clear()
    last[0] = time.perf_counter()
    started = time.perf_counter()
    child.stdin.write("go\n")
    child.stdin.flush()
    deadline = started + args.seconds + 60
    shown_all_at = None
    while child.poll() is None and time.perf_counter() < deadline:
        app.processEvents()
        if shown_all_at is None and screen.count >= phones:
            shown_all_at = time.time()
        time.sleep(0.001)
    if child.poll() is None:
        child.kill()
    reader.join(5)
    out = json.loads(lines[-1])
    for _ in range(200):  # the projector after the child's end (when it had not caught up yet)
        if shown_all_at is not None:
            break
        app.processEvents()
        if screen.count >= phones:
            shown_all_at = time.time()
        time.sleep(0.005)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    ticker.stop()
    latencies, results = sorted(out["latencies"]), out["results"]
    acknowledged = [res for res in results if res[1] == 303]
    last_vote = max((res[3] for res in acknowledged), default=float("nan"))
    expected: dict[str, int] = {}
    for res in acknowledged:
        for item, n in res[2].items():
            expected[item] = expected.get(item, 0) + n
    totals = {k: v for k, v in ws.rounds.dot_totals(r.id).items() if v}
    counted = ws.rounds.count(r.id)
    once = counted == len(acknowledged) == phones and totals == expected
    lag = (shown_all_at - last_vote) if shown_all_at is not None else float("inf")
    room.stop()
    window.close()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(f"phones {phones}, one dot vote each within {args.seconds:.0f} s ({len(r.items)} innovations); "
          f"done in {elapsed:.1f} s")
    print(f"requests {len(latencies)}, votes acknowledged {len(acknowledged)}, answers stored {counted}, dots "
          f"{sum(totals.values())} of {sum(expected.values())} sent: counted once {'yes' if once else 'NO'}; "
          f"live messages received {out['messages']}")
    print(f"response time per request: median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
          f"(target <= 200 ms); bare GET on an idle server {statistics.median(base) * 1000:.1f} ms "
          f"(ratio p95/bare {p95 / statistics.median(base):.1f}x)")
    print(f"projector showed all {phones} answers {max(0.0, lag) * 1000:.0f} ms after the last vote (target <= 1 s)")
    print(f"bare durable commit (sqlite3, WAL, synchronous=FULL, same disk): median "
          f"{statistics.median(commits) * 1000:.1f} ms, max {max(commits) * 1000:.1f} ms")
    print(f"GUI thread: largest frame gap {max(gaps) * 1000:.1f} ms (target <= 100 ms), p99 "
          f"{sorted(gaps)[int(0.99 * (len(gaps) - 1))] * 1000:.1f} ms, ticks {len(gaps)}; process CPU {cpu:.1f} s; "
          f"load average {os.getloadavg()[0]:.2f}")
    ok = p95 <= 0.2 and once and lag <= 1.0 and max(gaps) <= 0.1
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
