"""The phones' side of rounds (votes and scores): ``/round`` (the open round's form, a phone's own answer) and
``/events`` (the live channel: server-sent events from aiohttp, no extra library).

- The live channel carries only the round shown, its state and its number of answers (``Rounds.live_state``).
  A store listener on the owner thread sees every write touching the rounds, reads that state and hands it to
  the server's event loop; the loop sends it to every connected phone at most every ``FLUSH`` seconds (80
  phones answering do not mean 6,400 messages). A phone whose round opens or closes reloads its page; a phone
  that reconnects (``EventSource`` does so by itself) gets the current state at once and resumes its round:
  the page always shows the open round with this phone's own answer filled in.
- Answers are anonymous (``fgd_app.core.room.rounds``): the server hands the phone's token to the core, which
  keeps only its hash with the round's salt. Refusals come back with a reason, worded here in the phone's
  language.
"""

from __future__ import annotations

import asyncio
import json
from functools import partial
from typing import TYPE_CHECKING, Any

from aiohttp import web

from fgd_app.core.room.rounds import KIND_LABELS, RoundRefused, Rounds, reason_text
from fgd_app.core.store.record_table import new_id
from fgd_app.i18n import N_, tr_in

if TYPE_CHECKING:
    from fgd_app.room.server import RoomServer

FLUSH = 0.25  # seconds: the live channel sends at most this often
KEEPALIVE = 15.0  # seconds between comments that keep idle connections open
KIND_QUESTIONS = {"dot_vote": N_("Give your dots to the innovations you want as quick wins"),
                  "criteria": N_("Score the innovations on each criterion (1 to 5)"),
                  "risk": N_("Score the likelihood and impact of each risk")}


class LiveChannel:
    """The live state of the rounds and the phones listening to it (lives in the server's event loop)."""

    def __init__(self, server: RoomServer):
        self.server = server
        self.state: dict[str, Any] = {"round": None, "state": "none", "count": 0}
        self.version = 0
        self.listeners: set[asyncio.Queue] = set()
        self._pending = False
        self._store = None

    # --- the owner thread ------------------------------------------------------------------------
    def attach(self, store) -> None:
        """Listen to the store (call on the owner thread, before the server starts)."""
        self._store = store
        self.state = Rounds(store).live_state()
        store.add_listener(self._on_changes)

    def detach(self) -> None:
        if self._store is not None:
            self._store.remove_listener(self._on_changes)
            self._store = None

    def _on_changes(self, changes) -> None:
        if not changes.touches("room_rounds"):
            return
        state = Rounds(self._store).live_state()
        loop = self.server._loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(self.publish, state)
        else:
            self.state = state

    # --- the event loop --------------------------------------------------------------------------
    def publish(self, state: dict[str, Any]) -> None:
        self.state = state
        self.version += 1
        if not self._pending:
            self._pending = True
            asyncio.get_running_loop().call_later(FLUSH, self._flush)

    def close_all(self) -> None:
        """End every live connection (the room is closing): their handlers return at once."""
        for queue in list(self.listeners):
            queue.put_nowait(None)

    def _flush(self) -> None:
        self._pending = False
        for queue in list(self.listeners):
            if queue.qsize() < 4:
                queue.put_nowait(self.state)


def add_routes(app: web.Application, server: RoomServer) -> None:
    handlers = _RoundPages(server)
    app.router.add_get("/round", handlers.form)
    app.router.add_post("/round", handlers.send)
    app.router.add_get("/events", handlers.events)


def _phone_round(store, token: str, lang: str) -> dict[str, Any]:
    """Run on the owner thread: everything the phone's round page shows (no other phone's answer)."""
    from fgd_app.core.quickwins.criteria import Criteria
    from fgd_app.core.risks.register import Risks
    from fgd_app.core.room.records import Room

    device_id = Room(store).device_for_token(token)
    rounds = Rounds(store)
    r, mine, group = rounds.mine(token)
    shown = r or rounds.latest()
    view: dict[str, Any] = {"device_id": device_id, "round": None, "count": 0, "mine": mine, "group": group,
                            "closed": None}
    if shown is None:
        return view
    if r is None:  # the last round is closed: the phone sees its result
        view["closed"] = {"id": shown.id, "number": shown.number, "title": shown.title or tr_in(lang, KIND_LABELS[shown.kind]), "kind": shown.kind,
                          "result": rounds.result(shown.id)[:15]}
        return view
    items = rounds.item_infos(r)
    view |= {"round": {"id": r.id, "number": r.number, "kind": r.kind, "title": r.title or tr_in(lang, KIND_LABELS[r.kind]), "dots": r.dots,
                       "most": r.most, "groups": r.groups, "remaining": r.remaining(), "timer": r.timer_seconds},
             "entries": [{"id": i.id, "code": i.code, "name": i.name, "detail": i.detail} for i in items],
             "count": rounds.count(r.id)}
    if r.kind == "criteria":
        english = lang == "en"
        by_id = {c.id: c for c in Criteria(store).list()}
        view["criteria"] = [{"id": c.id, "name": (c.name_en if english and c.name_en else c.name),
                             "description": (c.description_en if english and c.description_en else c.description)}
                            for c in (by_id.get(i) for i in r.criteria) if c is not None]
    elif r.kind == "risk":
        matrix = Risks(store).matrix()
        view["likelihood"] = [{"number": lv.number, "name": lv.name, "description": lv.description}
                              for lv in matrix.likelihood]
        view["impact"] = [{"number": lv.number, "name": lv.name, "description": lv.description}
                          for lv in matrix.impact]
        events = {row[0]: row for row in store.query(
            f"SELECT id, cause, consequence FROM risk WHERE id IN ({','.join('?' * len(r.items))})", r.items)}
        for item in view["entries"]:
            row = events.get(item["id"])
            item["cause"], item["consequence"] = (row[1], row[2]) if row else ("", "")
    return view


def _typed_of(view: dict[str, Any]) -> dict[str, str]:
    """Return the phone's stored answer as form values (a phone that comes back sees what it sent)."""
    mine = view.get("mine") or {}
    typed: dict[str, str] = {"group": view.get("group") or ""}
    for item, n in mine.get("dots", {}).items():
        typed[f"dot_{item}"] = str(n)
    for item, cells in mine.get("scores", {}).items():
        for criterion, n in cells.items():
            typed[f"s_{item}_{criterion}"] = str(n)
    for item, (likelihood, impact) in mine.get("risks", {}).items():
        typed[f"l_{item}"], typed[f"i_{item}"] = str(likelihood), str(impact)
    return typed


class _RoundPages:
    def __init__(self, server: RoomServer):
        self.s = server
        self.store = server.room.store

    async def form(self, request: web.Request, *, typed: dict | None = None, error: str = "",
                   status: int = 200, notice: str = "") -> web.StreamResponse:
        from fgd_app.room.server import DEVICE_COOKIE, _see_other, language_of

        token = request.cookies.get(DEVICE_COOKIE)
        if not token:
            return _see_other("/")
        lang = language_of(request)
        t = partial(tr_in, lang)
        view = await self.s.owner(_phone_round, self.store, token, lang)
        if not notice and not error and request.query.get("sent"):
            notice = t("Sent: saved on the facilitator's laptop.")
        answered = view["mine"] is not None
        values = _typed_of(view) | (typed or {})
        kind = view["round"]["kind"] if view["round"] else ""
        return self.s.render(
            request, "round.html", status=status, joined=True, tab="round", view=view, typed=values,
            answered=answered, final=answered and kind == "dot_vote", error=error, notice=notice,
            csrf=self.s.csrf.make(view["device_id"], "round"), client_id=new_id(),
            question=t(KIND_QUESTIONS[kind]) if kind else "", page_title=t("Vote"),
            live_state=json.dumps(self.s.live.state))

    async def send(self, request: web.Request) -> web.StreamResponse:
        from fgd_app.room.server import DEVICE_COOKIE, _see_other, language_of

        t = partial(tr_in, language_of(request))
        token = request.cookies.get(DEVICE_COOKIE)
        if not token:
            return _see_other("/")
        form = await request.post()
        typed = {k: str(v)[:200] for k, v in form.items() if k != "csrf"}
        device_id = await self.s.owner(self.s.room.device_for_token, token)
        if not self.s.csrf.check(device_id, "round", form.get("csrf")):
            return await self.form(request, typed=typed, status=403,
                                   error=t("The form is out of date; check it and send again."))
        if not self.s.device_limiter.allow(device_id):
            return await self.form(request, typed=typed, status=429,
                                   error=t("You are sending too fast; wait a minute and send again."))
        try:
            await self.s.owner(Rounds(self.store).answer, token, typed.get("client_id", ""), typed,
                               typed.get("round_id") or None)
        except RoundRefused as refused:
            status = 409 if refused.reason in ("closed", "no_round", "double", "group_taken") else 400
            return await self.form(request, typed=typed, status=status,
                                   error=t(reason_text(refused.reason), **refused.values))
        return _see_other("/round?sent=1")

    async def events(self, request: web.Request) -> web.StreamResponse:
        """The live channel (text/event-stream): the current state at once, then every change."""
        from fgd_app.room.server import DEVICE_COOKIE, SECURITY_HEADERS

        token = request.cookies.get(DEVICE_COOKIE)
        if not token:
            raise web.HTTPForbidden()
        await self.s.owner(self.s.room.device_for_token, token)  # an unknown or ended phone: back to joining
        live = self.s.live
        queue: asyncio.Queue = asyncio.Queue()
        queue.put_nowait(live.state)
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store",
                                               "X-Accel-Buffering": "no", **SECURITY_HEADERS})
        await response.prepare(request)
        live.listeners.add(queue)
        try:
            await response.write(b"retry: 2000\n\n")
            while True:
                try:
                    state = await asyncio.wait_for(queue.get(), KEEPALIVE)
                except TimeoutError:
                    await response.write(b": keepalive\n\n")
                    continue
                if state is None:  # the room is closing
                    break
                await response.write(f"data: {json.dumps(state)}\n\n".encode())
        except ConnectionResetError:
            pass
        finally:
            live.listeners.discard(queue)
        return response
