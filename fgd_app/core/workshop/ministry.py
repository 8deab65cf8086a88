"""The ministry behind the Smart City bimtek, as printed on the paperwork (berita acara, signatures).

The ministry was renamed in October 2024 (Kominfo became Komdigi, the Ministry of Communication and
Digital Affairs), so its name is data, never text in a document: every printout reads it through
``ministry_name``. A workshop setting for it can be wired in here without touching the documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fgd_app.core.store.writer import Store

DEFAULT_MINISTRY = "Kementerian Komunikasi dan Digital (Komdigi)"


def ministry_name(store: Store | None = None) -> str:
    """Return the ministry's current name as printed on the paperwork: the paperwork setting, else Komdigi."""
    if store is not None:
        full = store.scalar("SELECT value FROM document_setting WHERE key = 'ministry_name'")
        short = store.scalar("SELECT value FROM document_setting WHERE key = 'ministry_short'")
        if full or short:
            return f"{full} ({short})" if full and short else (full or short)
    return DEFAULT_MINISTRY
