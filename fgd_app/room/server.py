"""The room's web server: aiohttp in a thread of its own, pages from Jinja2 templates (autoescaped).

Why these: aiohttp is a well-kept asyncio server that runs in any thread with its own event loop (no
second process, nothing to install on Windows), and serves hundreds of phones from one thread; Jinja2
escapes everything typed (autoescape on for every template); both are pure Python wheels that PyInstaller
bundles. Templates and static files are package data under ``fgd_app/room/``, found next to this module
in a checkout, a wheel and a frozen bundle.

The server never touches the workshop file: every read and write is a job for the store's owner thread
(``fgd_app.core.room.desk.StoreDesk``), awaited here; the phone's answer is sent after the job's write
committed. Rounds (votes, scores: part 2) add their routes and live channel from ``fgd_app.room.rounds``.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from fgd_app.core.errors import FgdError, ValidationError
from fgd_app.core.room.desk import DeskClosedError, StoreDesk
from fgd_app.core.room.records import IDEA_STATE_LABELS, Room, UnknownDeviceError
from fgd_app.core.store.record_table import new_id
from fgd_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, tr_in
from fgd_app.room import network
from fgd_app.room.guard import CsrfTokens, RateLimiter
from fgd_app.room.rounds import LiveChannel
from fgd_app.room.rounds import add_routes as add_round_routes

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
DEVICE_COOKIE = "fgd_room"
PRE_COOKIE = "fgd_pre"  # an anonymous id for the join form's CSRF token, before the phone has joined
LANG_COOKIE = "fgd_lang"
BODY_LIMIT = 16 * 1024  # bytes; the largest form (an idea with 4,000 characters of description) fits
OWNER_TIMEOUT = 15.0  # seconds a phone waits for the laptop before "try again"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
                               "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
CHECKIN_STATES = {"pending": N_("Received: the facilitator will confirm it"), "done": N_("Checked in: you are on "
                  "today's attendance list"), "rejected": N_("Set aside by the facilitator")}


@dataclass
class Limits:
    """Rate limits: sends per phone, requests per address, and wrong room codes per address."""

    device_rate: float = 30  # form submissions per minute per phone ...
    device_burst: int = 10  # ... at most this many at once
    address_rate: float = 600  # requests per minute per network address
    address_burst: int = 200
    join_failures: float = 10  # wrong room codes per minute per address (guessing the code)


class RoomServer:
    """Serve the room on ``host``:``port`` from a thread of its own until ``stop()``."""

    def __init__(self, room: Room, desk: StoreDesk, *, host: str, port: int = network.DEFAULT_PORT,
                 title: str = "", code: str = "", secret: str = "", limits: Limits | None = None):
        self.room, self.desk = room, desk
        self.host = network.check_host(host)
        self.port = port
        self.title = title
        self.code, self.secret = code, secret
        self.limits = limits or Limits()
        self.csrf = CsrfTokens()
        self.device_limiter = RateLimiter(self.limits.device_rate, 60, self.limits.device_burst)
        self.address_limiter = RateLimiter(self.limits.address_rate, 60, self.limits.address_burst)
        self.join_limiter = RateLimiter(self.limits.join_failures, 60, int(self.limits.join_failures))
        self.templates = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                                     autoescape=select_autoescape(default=True, default_for_string=True))
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._socket = None
        self.live = LiveChannel(self)  # rounds: what the phones' live channel carries

    # --- running ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://{network.url_host(self.host)}:{self.port}/"

    @property
    def join_url(self) -> str:
        """Return the link of the QR code: it carries the room's secret, so scanning it joins at once."""
        return f"{self.url}j/{quote(self.secret)}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> str:
        """Bind the socket (here, so a taken port or a refused address raises at once), start the thread;
        return the room's address."""
        self.live.attach(self.room.store)
        self._socket = network.bind_socket(self.host, self.port)
        self.port = self._socket.getsockname()[1]
        self._thread = threading.Thread(target=self._run, name="fgd-room-server", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error is not None:
            raise FgdError(str(self._error))
        return self.url

    def stop(self, timeout: float = 5.0) -> None:
        """Close every socket and end the thread (safe to call twice, from any thread but the server's)."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(self._stopping.set)
            thread.join(timeout)
        self.live.detach()
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        self._thread = None

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve())
        except BaseException as error:  # reported to start(); the thread ends quietly
            self._error = error
            self._ready.set()
            log.error("room server stopped: %r", error)
        finally:
            loop.close()

    async def _serve(self) -> None:
        self._stopping = asyncio.Event()
        self._runner = web.AppRunner(build_app(self), access_log=None, handle_signals=False,
                                     shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.SockSite(self._runner, self._socket)
        await site.start()
        self._ready.set()
        try:
            await self._stopping.wait()
        finally:
            self.live.close_all()
            await asyncio.sleep(0)
            await self._runner.cleanup()

    # --- helpers for the handlers ----------------------------------------------------------------
    async def owner(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn`` on the store owner's thread and return its result (its exception is raised here)."""
        future: Future = self.desk.call(fn, *args, **kwargs)
        return await asyncio.wait_for(asyncio.wrap_future(future), OWNER_TIMEOUT)

    def render(self, request: web.Request, name: str, status: int = 200, **context: Any) -> web.Response:
        lang = language_of(request)
        t = partial(tr_in, lang)
        values = {"joined": False, "page_title": t("Room")} | context | {
            "lang": lang, "t": t, "room_title": self.title or t("Smart City workshop"), "here": request.path_qs,
            "checkin_state": lambda state: t(CHECKIN_STATES.get(state, state)),
            "idea_state": lambda state, code="": t(IDEA_STATE_LABELS.get(state, state), code=code or "-")}
        page = self.templates.get_template(name).render(**values)
        return web.Response(text=page, content_type="text/html", charset="utf-8", status=status)

    def message(self, request: web.Request, heading: str, message: str, status: int) -> web.Response:
        return self.render(request, "message.html", status=status, heading=heading, message=message)


def _see_other(location: str) -> web.Response:
    """Return a 303 redirect (returned, not raised, so the middleware adds its headers)."""
    return web.Response(status=303, headers={"Location": location})


def language_of(request: web.Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _client_address(request: web.Request) -> str:
    return request.remote or "?"


def build_app(server: RoomServer) -> web.Application:
    """Return the aiohttp application of the room (the routes, the middlewares)."""
    app = web.Application(client_max_size=BODY_LIMIT, middlewares=[_guard_middleware(server)])
    pages = _Pages(server)
    app.router.add_get("/", pages.home)
    app.router.add_get("/j/{secret}", pages.join_by_link)
    app.router.add_post("/join", pages.join_by_code)
    app.router.add_get("/checkin", pages.checkin_form)
    app.router.add_post("/checkin", pages.checkin_send)
    app.router.add_get("/ideas", pages.ideas_form)
    app.router.add_post("/ideas", pages.ideas_send)
    app.router.add_get("/lang/{lang}", pages.set_language)
    add_round_routes(app, server)
    app.router.add_static("/static", str(HERE / "static"), append_version=False)
    return app


def _guard_middleware(server: RoomServer):
    @web.middleware
    async def guard(request: web.Request, handler):
        t = partial(tr_in, language_of(request))
        if not server.address_limiter.allow(_client_address(request)):
            response = server.message(request, t("Slow down"), t("Too many requests from this phone; wait a "
                                                                 "minute and try again."), 429)
        elif request.content_length is not None and request.content_length > BODY_LIMIT:
            response = server.message(request, t("Too long"), t("What you sent is too long."), 413)
        else:
            try:
                response = await handler(request)
            except web.HTTPRequestEntityTooLarge:
                response = server.message(request, t("Too long"), t("What you sent is too long."), 413)
            except web.HTTPException as http:
                if http.status >= 400:
                    response = server.message(request, t("Not found"), t("This page does not exist."), http.status)
                else:
                    raise
            except UnknownDeviceError:
                response = _see_other("/")
                response.del_cookie(DEVICE_COOKIE, path="/")
            except (DeskClosedError, TimeoutError):
                response = server.message(request, t("The laptop is busy"), t(
                    "Nothing was saved. Wait a moment and send again."), 503)
            except Exception as error:  # never a traceback on a phone (nor on the laptop's terminal)
                log.error("room request failed: %s %s: %r", request.method, request.path, error)
                response = server.message(request, t("Something went wrong"), t(
                    "Nothing was saved. Wait a moment and send again."), 500)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    return guard


class _Pages:
    """The handlers of the phone pages."""

    def __init__(self, server: RoomServer):
        self.s = server
        self.room = server.room

    # --- joining ---------------------------------------------------------------------------------
    async def home(self, request: web.Request) -> web.StreamResponse:
        token = request.cookies.get(DEVICE_COOKIE)
        if token:
            try:
                device_id, view = await self.s.owner(self._device_and_view, token)
            except UnknownDeviceError:
                response = self._join_page(request)
                response.del_cookie(DEVICE_COOKIE, path="/")
                return response
            return self.s.render(request, "home.html", joined=True, tab="home", view=view,
                                 notice=self._notice(request))
        return self._join_page(request)

    def _device_and_view(self, token: str) -> tuple[str, dict]:
        device_id = self.room.device_for_token(token)
        return device_id, self.room.phone_view(device_id)

    def _join_page(self, request: web.Request, *, error: str = "", typed_code: str = "",
                   status: int = 200) -> web.Response:
        pre = request.cookies.get(PRE_COOKIE) or ""
        if len(pre) != 32:
            pre = secrets.token_hex(16)
        t = partial(tr_in, language_of(request))
        response = self.s.render(request, "join.html", status=status, csrf=self.s.csrf.make(pre, "join"),
                                 error=error, typed_code=typed_code, page_title=t("Join the room"))
        response.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="Lax", path="/")
        return response

    async def join_by_link(self, request: web.Request) -> web.StreamResponse:
        joined = await self.s.owner(self.room.join, secret=request.match_info["secret"][:200])
        if joined is None:
            t = partial(tr_in, language_of(request))
            self.s.join_limiter.allow(_client_address(request))
            return self._join_page(request, error=t("This link is no longer valid. Type the room code."), status=403)
        return self._joined(joined[1])

    async def join_by_code(self, request: web.Request) -> web.StreamResponse:
        t = partial(tr_in, language_of(request))
        form = await request.post()
        if not self.s.csrf.check(request.cookies.get(PRE_COOKIE, ""), "join", form.get("csrf")):
            return self._join_page(request, error=t("The form is out of date; try again."), status=403)
        address = _client_address(request)
        code = str(form.get("code", ""))[:40]
        if self._join_blocked(address):
            return self._join_page(request, error=t("Too many wrong codes; wait a minute."), status=429)
        joined = await self.s.owner(self.room.join, code=code)
        if joined is None:
            self.s.join_limiter.allow(address)
            return self._join_page(request, error=t("Wrong room code. Look at the projector and try again."),
                                   typed_code=code, status=403)
        return self._joined(joined[1])

    def _join_blocked(self, address: str) -> bool:
        limiter = self.s.join_limiter
        with limiter._lock:
            tokens, _ = limiter._buckets.get(address, (float(limiter.burst), 0))
        return tokens < 1

    def _joined(self, token: str) -> web.StreamResponse:
        response = _see_other("/")
        response.set_cookie(DEVICE_COOKIE, token, httponly=True, samesite="Lax", path="/", max_age=7 * 24 * 3600)
        response.del_cookie(PRE_COOKIE, path="/")
        return response

    async def set_language(self, request: web.Request) -> web.StreamResponse:
        lang = request.match_info["lang"]
        target = request.query.get("next", "/")
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
            target = "/"  # never a redirect to another site
        response = _see_other(target)
        if lang in LANGUAGES:
            response.set_cookie(LANG_COOKIE, lang, samesite="Lax", path="/", max_age=365 * 24 * 3600)
        return response

    # --- forms -----------------------------------------------------------------------------------
    def _notice(self, request: web.Request) -> str:
        t = partial(tr_in, language_of(request))
        return t("Sent: saved on the facilitator's laptop.") if request.query.get("sent") else ""

    def _lists_and_view(self, token: str) -> tuple[str, dict, dict]:
        device_id = self.room.device_for_token(token)
        return device_id, self.room.phone_lists(), self.room.phone_view(device_id)

    async def _form(self, request: web.Request, name: str, form: str, *, typed: dict | None = None,
                    error: str = "", status: int = 200, client_id: str = "") -> web.StreamResponse:
        token = request.cookies.get(DEVICE_COOKIE)
        if not token:
            return _see_other("/")
        device_id, lists, view = await self.s.owner(self._lists_and_view, token)
        t = partial(tr_in, language_of(request))
        return self.s.render(
            request, name, status=status, joined=True, tab=form, lists=lists, view=view,
            csrf=self.s.csrf.make(device_id, form), client_id=client_id or new_id(), typed=typed or {},
            error=error, notice="" if error else self._notice(request),
            page_title=t("Check in") if form == "checkin" else t("Ideas"))

    async def checkin_form(self, request: web.Request) -> web.StreamResponse:
        return await self._form(request, "checkin.html", "checkin")

    async def ideas_form(self, request: web.Request) -> web.StreamResponse:
        return await self._form(request, "ideas.html", "ideas")

    async def _send(self, request: web.Request, form_name: str, store_job: Callable) -> web.StreamResponse:
        t = partial(tr_in, language_of(request))
        token = request.cookies.get(DEVICE_COOKIE)
        if not token:
            return _see_other("/")
        form = await request.post()
        typed = {k: str(v)[:5000] for k, v in form.items() if k not in ("csrf",)}
        device_id = await self.s.owner(self.room.device_for_token, token)
        template = f"{form_name}.html"
        if not self.s.csrf.check(device_id, form_name, form.get("csrf")):
            return await self._form(request, template, form_name, typed=typed, status=403,
                                    error=t("The form is out of date; check it and send again."),
                                    client_id=typed.get("client_id", ""))
        if not self.s.device_limiter.allow(device_id):
            return await self._form(request, template, form_name, typed=typed, status=429,
                                    error=t("You are sending too fast; wait a minute and send again."),
                                    client_id=typed.get("client_id", ""))
        try:
            await self.s.owner(store_job, device_id, typed.get("client_id", ""), typed)
        except ValidationError as invalid:
            # the message comes in the laptop's language from the core; the phone's own words frame it
            return await self._form(request, template, form_name, typed=typed, status=400,
                                    error=t("Please check the form: {problem}", problem=str(invalid)),
                                    client_id=typed.get("client_id", ""))
        return _see_other(f"/{form_name}?sent=1")

    async def checkin_send(self, request: web.Request) -> web.StreamResponse:
        return await self._send(request, "checkin", self.room.check_in)

    async def ideas_send(self, request: web.Request) -> web.StreamResponse:
        return await self._send(request, "ideas", self.room.submit_idea)
