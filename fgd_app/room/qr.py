"""The QR code of the room's join link (segno: pure Python, no Pillow)."""

from __future__ import annotations

import io


def qr_svg(url: str, *, scale: int = 8, dark: str = "#000000", light: str = "#ffffff") -> bytes:
    """Return the QR code of ``url`` as SVG bytes (error correction M, a quiet zone of 4 modules)."""
    import segno

    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="svg", scale=scale, dark=dark, light=light, border=4)
    return buffer.getvalue()


def qr_png(url: str, *, scale: int = 8) -> bytes:
    """Return the QR code of ``url`` as PNG bytes."""
    import segno

    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_text(url: str) -> str:
    """Return the QR code as text for a terminal (two modules per character)."""
    import segno

    buffer = io.StringIO()
    segno.make_qr(url, error="m").terminal(out=buffer, compact=True)
    return buffer.getvalue()
