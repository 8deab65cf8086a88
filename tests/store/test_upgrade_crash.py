"""An upgrade is all-or-nothing: a file killed at any point of it opens as it was or fully upgraded (issue 14, 5).

A child process opens a file made at schema step 1 and is killed with SIGKILL at the k-th SQL statement it
runs (a trace callback on every connection: each step, each record of a step, the metadata, the COMMIT).
Whatever k, the file is then either still at step 1 or at the last step, ``check`` finds it sound, and it
opens (and upgrades) normally.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from fgd_app.core import Workshop
from fgd_app.core.store import migrations
from fgd_app.core.store.check import check_file

UPGRADER = textwrap.dedent("""
    import os, signal, sqlite3, sys
    path, kill_at = sys.argv[1], int(sys.argv[2])
    real_connect, seen = sqlite3.connect, [0]

    def trace(sql):
        seen[0] += 1
        if seen[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(trace)
        return conn

    sqlite3.connect = connect
    from fgd_app.core import Workshop
    Workshop.open(path)  # not closed: as if the window were killed right after
    print(seen[0], flush=True)
""")


def make_step_one_file(path) -> None:
    """Write a workshop file as the first version of the app did (schema step 1 only)."""
    from sqlite_utils import Database

    conn = sqlite3.connect(path, isolation_level=None)
    steps = migrations.migrations()
    steps.apply(Database(conn), stop_before=[name for _, name, _ in migrations.migration_files()[1:]])
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", [
        ("application", "fgd_app"), ("app_version", "0.0.9"), ("schema_version", "1"),
        ("region_code", "36.04"), ("created_at", "2024-07-01T00:00:00.000Z")])
    conn.execute("INSERT INTO workshop (id, region_code, region_name, region_kind, province_code, created_at, "
                 "updated_at) VALUES ('w', '36.04', 'Kabupaten Serang', 'kabupaten', '36', '', '')")
    conn.execute("INSERT INTO opd (id, name, short_name, created_at, updated_at) "
                 "VALUES ('o1', 'Dinas Kesehatan', 'Dinkes', '', '')")
    conn.close()


def run_upgrader(path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", UPGRADER, str(path), str(kill_at)], capture_output=True,
                          text=True, timeout=60)


def applied(path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return migrations.applied_names(conn)
    finally:
        conn.close()


def test_an_upgrade_killed_at_any_statement_leaves_the_file_as_it_was_or_fully_upgraded(tmp_path):
    if migrations.schema_version() < 2:
        pytest.skip("only one schema step so far")
    template = tmp_path / "lama.fgd.db"
    make_step_one_file(template)
    everything = [name for _, name, _ in migrations.migration_files()]
    probe = tmp_path / "probe.fgd.db"
    probe.write_bytes(template.read_bytes())
    whole = run_upgrader(probe, 0)
    assert whole.returncode == 0, whole.stderr
    statements = int(whole.stdout.split()[-1])
    # every statement near the end (records, metadata, COMMIT) and a seeded sample of the rest
    rng = random.Random(14)
    kill_points = sorted(set(range(max(1, statements - 12), statements + 1))
                         | set(rng.sample(range(1, statements), min(16, statements - 1))))
    for kill_at in kill_points:
        path = tmp_path / f"lama-{kill_at}.fgd.db"
        path.write_bytes(template.read_bytes())
        result = run_upgrader(path, kill_at)
        assert result.returncode == -9, (kill_at, result.stderr)
        steps = applied(path)
        assert steps in (everything[:1], everything), (kill_at, steps)
        report = check_file(path)
        assert report.sound, (kill_at, report.problems)
        with Workshop.open(path) as ws:
            assert ws.schema_version() == len(everything)
            assert ws.opds.find_by_name("Dinkes") is not None
        report = check_file(path)
        assert report.sound, (kill_at, report.problems)


def test_a_file_left_with_a_stale_schema_version_by_an_older_build_is_repaired_when_opened(workshop_path):
    conn = sqlite3.connect(workshop_path)
    conn.execute("UPDATE metadata SET value = '1' WHERE key = 'schema_version'")  # killed before it was written
    conn.commit()
    conn.close()
    assert not check_file(workshop_path).sound
    Workshop.open(workshop_path).close()
    assert check_file(workshop_path).sound
