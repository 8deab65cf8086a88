"""Every edit is on disk when it returns: a child process is killed with SIGKILL right after its edits.

The child prints ``begin`` before and ``ack`` after each edit (adds, updates, deletes, attendance). The
parent kills it (no close, no checkpoint: the WAL stays as the kill left it), reopens the file and
finds every acknowledged edit, and ``PRAGMA integrity_check`` ok. SIGKILL proves the edit was
committed, not left in an open transaction or a buffer, when the call returned; that the commit also
reached the disk (not only the OS cache) is what ``synchronous=FULL`` is for, and the strace test
below shows the WAL is fsync'ed before each acknowledgement.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from fgd_app.core import Workshop
from fgd_app.core.store.check import check_file

EDITOR = textwrap.dedent("""
    import json, random, sys, time, uuid
    from fgd_app.core import Workshop
    path, seed, count, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "hold"
    rng = random.Random(seed)
    ws = Workshop.open(path)
    days = [d.id for d in ws.days.list()]
    people, opds, present = [], [], set()

    def say(kind, edit):
        print(f"{kind} {json.dumps(edit)}", flush=True)

    for n in range(count):
        roll = rng.random()
        if not people or roll < 0.3:
            edit = {"op": "add_participant", "id": str(uuid.uuid4()), "name": f"Peserta {n:04d}",
                    "opd_id": rng.choice(opds) if opds and rng.random() < 0.5 else None}
            say("begin", edit)
            ws.participants.add(id=edit["id"], name=edit["name"], opd_id=edit["opd_id"])
            people.append(edit["id"])
        elif roll < 0.4:
            edit = {"op": "add_opd", "id": str(uuid.uuid4()), "name": f"Dinas Contoh {n:04d}"}
            say("begin", edit)
            ws.opds.add(id=edit["id"], name=edit["name"])
            opds.append(edit["id"])
        elif roll < 0.6:
            edit = {"op": "rename", "id": rng.choice(people), "name": f"Peserta {n:04d} (ubah)"}
            say("begin", edit)
            ws.participants.update(edit["id"], name=edit["name"])
        elif roll < 0.7:
            edit = {"op": "delete", "id": people.pop(rng.randrange(len(people)))}
            present = {(p, d) for p, d in present if p != edit["id"]}
            say("begin", edit)
            ws.participants.delete(edit["id"])
        else:
            key = (rng.choice(people), rng.choice(days))
            edit = {"op": "attend", "id": key[0], "day": key[1], "present": key not in present}  # a change
            (present.add if edit["present"] else present.discard)(key)
            say("begin", edit)
            ws.attendance.set(edit["id"], edit["day"], edit["present"])
        say("ack", edit)
    print("done", flush=True)
    if hold:
        time.sleep(600)  # the parent kills us here: no close, no checkpoint
""")


class Model:
    """What the file must hold after the acknowledged edits."""

    def __init__(self):
        self.people: dict[str, str] = {}
        self.opds: dict[str, str] = {}
        self.present: set[tuple[str, str]] = set()

    def apply(self, edit: dict) -> None:
        op = edit["op"]
        if op in ("add_participant", "rename"):
            self.people[edit["id"]] = edit["name"]
        elif op == "add_opd":
            self.opds[edit["id"]] = edit["name"]
        elif op == "delete":
            del self.people[edit["id"]]
            self.present = {(p, d) for p, d in self.present if p != edit["id"]}
        elif op == "attend":
            key = (edit["id"], edit["day"])
            (self.present.add if edit["present"] else self.present.discard)(key)

    def state(self) -> tuple:
        return dict(self.people), dict(self.opds), set(self.present)


def file_state(path) -> tuple:
    """Reopen the file after the kill and return what it holds (integrity and foreign keys ok)."""
    with Workshop.open(path) as ws:
        conn = ws.store.conn
        assert [tuple(r) for r in conn.execute("PRAGMA integrity_check")] == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return ({p.id: p.name for p in ws.participants.list()}, {o.id: o.name for o in ws.opds.list()},
                ws.attendance.all())


class Editor:
    """The child process; keeps every line it printed."""

    def __init__(self, path, seed: int, count: int, hold: bool, prefix: tuple[str, ...] = ()):
        self.process = subprocess.Popen([*prefix, sys.executable, "-c", EDITOR, str(path), str(seed), str(count),
                                         "hold" if hold else "go"], stdout=subprocess.PIPE, text=True)
        self.lines: list[str] = []

    def next_line(self) -> str:
        line = self.process.stdout.readline()
        assert line, f"the editor stopped early (exit {self.process.poll()})"
        self.lines.append(line.rstrip("\n"))
        return self.lines[-1]

    def wait_for_acks(self, count: int) -> None:
        acks = 0
        while acks < count:
            acks += self.next_line().startswith("ack ")

    def kill(self) -> None:
        """SIGKILL: no close, no checkpoint, no atexit; then collect what it printed before dying."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.lines += self.process.stdout.read().splitlines()
        self.process.stdout.close()
        assert self.process.returncode == -signal.SIGKILL

    def replay(self) -> tuple[Model, dict | None]:
        """Return the model of every acknowledged edit, and the edit begun but not acknowledged."""
        model, in_flight = Model(), None
        for line in self.lines:
            kind, _, payload = line.partition(" ")
            if kind == "begin":
                in_flight = json.loads(payload)
            elif kind == "ack":
                model.apply(json.loads(payload))
                in_flight = None
        return model, in_flight


def test_every_acknowledged_edit_survives_sigkill_right_after_the_last_ack(workshop_path):
    count = 120
    editor = Editor(workshop_path, seed=7, count=count, hold=True)
    try:
        editor.wait_for_acks(count)
        editor.kill()  # right after the last ack
    finally:
        editor.process.kill()
    assert os.path.getsize(f"{workshop_path}-wal") > 0, "the WAL was checkpointed away: nothing was tested"
    model, in_flight = editor.replay()
    assert in_flight is None
    assert len(model.people) > 20 and model.opds and model.present
    assert file_state(workshop_path) == model.state()
    assert check_file(workshop_path).exit_code == 0


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_kill_at_a_random_moment_keeps_every_acknowledged_edit(workshop_path, seed):
    rng = random.Random(seed)
    editor = Editor(workshop_path, seed=seed, count=100_000, hold=False)
    try:
        editor.wait_for_acks(rng.randint(20, 300))
        time.sleep(rng.random() * 0.005)  # somewhere in the middle of the following edits
        editor.kill()
    finally:
        editor.process.kill()
    model, in_flight = editor.replay()
    found = file_state(workshop_path)
    if found != model.state():
        assert in_flight is not None, "an acknowledged edit is missing"
        model.apply(in_flight)  # the edit under way at the kill may have committed before its ack
        assert found == model.state(), "the file differs from the acknowledged edits"
    assert check_file(workshop_path).exit_code == 0


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_wal_is_synced_to_disk_before_each_edit_returns(workshop_path, tmp_path):
    """Under strace: between two acknowledgements there is an fsync/fdatasync of the WAL."""
    trace = tmp_path / "trace.txt"
    count = 15
    editor = Editor(workshop_path, seed=5, count=count, hold=False,
                    prefix=("strace", "-f", "-qq", "-o", str(trace), "-e", "trace=fsync,fdatasync,write",
                            "-e", "signal=none", "-y"))
    out, _ = editor.process.communicate(timeout=60)
    if editor.process.returncode != 0 and "ptrace" in trace.read_text(errors="replace") + out:
        pytest.skip("ptrace is not permitted here")
    assert editor.process.returncode == 0
    calls = [line for line in trace.read_text().splitlines()
             if "fsync(" in line or "fdatasync(" in line or ('write(1<' in line and '"ack ' in line)]
    acks = [i for i, line in enumerate(calls) if '"ack ' in line]
    assert len(acks) == count
    previous = -1
    for index in acks:
        synced = [c for c in calls[previous + 1:index] if "sync(" in c and "-wal>" in c]
        assert synced, f"an edit returned without syncing the WAL: {calls[previous + 1:index + 1]}"
        previous = index
