"""``fgd-app room FILE`` as its own process: acknowledged submissions survive SIGKILL; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

from room_phone import Phone, first_option

from fgd_app.core import Workshop


def _start(path) -> tuple[subprocess.Popen, int, str]:
    env = os.environ | {"FGD_LANG": "en", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "fgd_app", "room", str(path), "--host", "127.0.0.1",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        lines.append(line)
        if line.startswith("Press Ctrl-C"):
            break
    text = "".join(lines)
    port = int(re.search(r"Room open at http://127\.0\.0\.1:(\d+)/", text).group(1))
    code = re.search(r"Room code: (\w+)", text).group(1)
    return proc, port, code


def test_acknowledged_submissions_survive_a_kill_and_the_room_reopens_with_its_code(workshop_path):
    with Workshop.open(workshop_path) as ws:
        ws.opds.add(name="Dinas Kesehatan")
    proc, port, code = _start(workshop_path)
    try:
        phone = Phone(port)
        assert phone.join(code) == 303
        _, _, page = phone.get("/ideas")
        place = first_option(page, "e:")
        acknowledged = [f"Ide nomor {n}" for n in range(8) if phone.send_idea(place=place, name=f"Ide nomor {n}")[0]
                        == 303]
        assert phone.check_in(name="Peserta Terakhir", organisation="Komunitas")[0] == 303
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    assert len(acknowledged) == 8
    with Workshop.open(workshop_path) as ws:
        assert sorted(i.name for i in ws.room.ideas()) == sorted(acknowledged)
        assert [c.name for c in ws.room.checkins()] == ["Peserta Terakhir"]
    proc, port, again = _start(workshop_path)
    try:
        assert again == code
        phone.port = port  # port 0 picked another free port
        assert phone.get("/ideas")[0] == 200  # the phone's cookie still works after the restart
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0 and "Room closed." in out and "Traceback" not in err


def test_the_room_refuses_a_public_or_unspecified_address(workshop_path):
    result = subprocess.run([sys.executable, "-m", "fgd_app", "room", str(workshop_path), "--host", "0.0.0.0"],
                            capture_output=True, text=True, env=os.environ | {"FGD_LANG": "en"}, timeout=60)
    assert result.returncode == 2 and "never on \u201c0.0.0.0\u201d" in result.stderr
    assert "Traceback" not in result.stderr
