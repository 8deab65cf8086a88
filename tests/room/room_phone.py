"""Helpers of the room tests: a real server on 127.0.0.1 with its own store-owner thread, and a phone client."""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import tempfile
import threading
import urllib.parse
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from fgd_app.core import Workshop
from fgd_app.core.room.desk import StoreDesk
from fgd_app.room.server import Limits
from fgd_app.room.service import open_room

# where the room tests leave their screenshots to be looked at: $FGD_SHOTS, else a folder of the temp dir
SHOTS = Path(os.environ.get("FGD_SHOTS") or Path(tempfile.gettempdir()) / "fgd-room-shots")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed "
                                    "(bash packaging/setup.sh test installs it)")


@contextmanager
def phone_page(room):
    """Yield a Playwright page of a headless Chromium on a 360x740 touch screen; close it and ``room`` after."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                yield browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=1,
                                       is_mobile=True, has_touch=True)
            finally:
                browser.close()
    finally:
        room.close()


class OwnedRoom:
    """A workshop opened by a thread of its own (the store's owner), its desk and its running room server."""

    def __init__(self, path, limits: Limits | None = None):
        self._stop = threading.Event()
        ready: queue.Queue = queue.Queue()

        def own() -> None:
            try:
                ws = Workshop.open(path)
                desk = StoreDesk()
                server = open_room(ws, desk, host="127.0.0.1", port=0, limits=limits)
            except BaseException as error:  # noqa: BLE001 - handed to the test
                ready.put(error)
                return
            ready.put((ws, desk, server))
            desk.serve_until(self._stop)
            desk.close()
            server.stop()
            ws.close()

        self._thread = threading.Thread(target=own, daemon=True)
        self._thread.start()
        got = ready.get(timeout=20)
        if isinstance(got, BaseException):
            raise got
        self.ws, self.desk, self.server = got

    def run(self, fn, *args, **kwargs):
        """Run ``fn`` on the owner thread and return its result."""
        return self.desk.call(fn, *args, **kwargs).result(timeout=20)

    @property
    def code(self) -> str:
        return self.run(lambda: self.ws.room.ensure_session().code)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(20)


class Phone:
    """A browser on a phone: keeps its cookies, sends forms with their hidden fields."""

    def __init__(self, port: int, host: str = "127.0.0.1"):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.last_form: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        head = dict(headers or {})
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            head.setdefault("Content-Type", "application/x-www-form-urlencoded")
        conn.request(method, path, body=body, headers=head)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel.value == "" or morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        conn.close()
        return response.status, response.headers, text

    def get(self, path: str):
        status, headers, text = self.request("GET", path)
        self.last_form = hidden_fields(text)
        return status, headers, text

    def post(self, path: str, fields: dict[str, str], *, keep_hidden: bool = True):
        values = (dict(self.last_form) if keep_hidden else {}) | fields
        return self.request("POST", path, urllib.parse.urlencode(values).encode())

    def join(self, code: str) -> int:
        self.get("/")
        status, _, _ = self.post("/join", {"code": code})
        return status

    def send_idea(self, **fields) -> tuple[int, str]:
        self.get("/ideas")
        status, headers, text = self.post("/ideas", fields)
        return status, text if status != 303 else headers["Location"]

    def check_in(self, **fields) -> tuple[int, str]:
        self.get("/checkin")
        status, headers, text = self.post("/checkin", fields)
        return status, text if status != 303 else headers["Location"]


def in_thread(fn):
    """Run a phone's blocking requests off the GUI thread (the GUI thread answers them); return a result box."""
    box: dict = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            box["error"] = error

    threading.Thread(target=run, daemon=True).start()
    return box


def hidden_fields(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


def first_option(page: str, prefix: str) -> str:
    """Return the value of the first <option> whose value starts with ``prefix`` ("e:" an element)."""
    return re.search(rf'<option value="({re.escape(prefix)}[^"]*)"', page).group(1)


# --- fixtures (here, not in a conftest.py: a second "conftest" module would shadow tests/conftest.py) ------
@pytest.fixture
def room_file(workshop_path):
    """The Serang workshop with two OPDs and a participant who has a NIP and a phone number."""
    with Workshop.open(workshop_path) as ws:
        bappeda = ws.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
        ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
        ws.participants.add(name="Siti Rahmawati, S.Kom", nip="198703152010012003", opd_id=bappeda.id,
                            phone="0812 7777 1234", email="siti@serangkab.go.id")
    return workshop_path


@pytest.fixture
def room(room_file):
    """A running room on 127.0.0.1 over ``room_file`` (at most 8 sends at once per phone)."""
    owned = OwnedRoom(room_file, Limits(device_burst=8))
    yield owned
    owned.close()
