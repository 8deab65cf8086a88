"""Room mode's web side: the phones' pages served from the laptop (aiohttp + Jinja2, no Qt).

- ``server.RoomServer``: the HTTP server in a thread of its own; every read and write is handed to the
  store owner's thread through ``fgd_app.core.room.desk.StoreDesk`` (see ``fgd_app.core.room``).
- ``network``: which address to listen on (private LAN ranges or loopback only; never 0.0.0.0), the port.
- ``guard``: CSRF tokens per form and rate limits; ``qr``: the QR code of the join link (segno).
- ``service.open_room(ws, desk, host, port)``: what the window and ``fgd-app room`` both call.
- Templates and static files are package data here (``templates/``, ``static/``); every visible word is
  ``t("English")`` in a template, translated through the app's catalogue (``resources/translations/id/room.po``).
"""
