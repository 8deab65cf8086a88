"""Hidden temporary files left by a crash are removed when a workshop in that folder is next opened (issue 14, 14c)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from conftest import SERANG

from fgd_app.core import Workshop

CREATOR = textwrap.dedent("""
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
    Workshop.create(path, region_code="36.04", bimtek_stage=2)
""")


def hidden(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


def test_a_new_workshop_killed_while_it_is_written_leaves_nothing_after_the_next_open(tmp_path, workshop_path):
    result = subprocess.run([sys.executable, "-c", CREATOR, str(tmp_path / "baru.fgd.db"), "40"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == -9, result.stderr
    assert hidden(tmp_path), "the kill should have left the half-written file"
    assert not (tmp_path / "baru.fgd.db").exists()
    Workshop.open(workshop_path).close()
    assert hidden(tmp_path) == []


def test_a_temporary_file_of_a_running_process_is_left_alone(tmp_path, workshop_path):
    busy = tmp_path / f".new-{os.getpid()}-abcd1234.db"
    busy.write_bytes(b"being written")
    Workshop.open(workshop_path).close()
    Workshop.create(tmp_path / "lain.fgd.db", **SERANG).close()
    assert busy.exists()
