"""fgd_app — the facilitator's desk for a Smart City masterplan bimtek (Komdigi)."""

from __future__ import annotations

__version__ = "0.1.0"
APP_ID = "fgd_app"
APP_NAME = "FGD Smart City"
