"""The core: domain model, rules and the store. Never imports Qt (tests/test_core_headless.py)."""

from fgd_app.core.errors import FgdError, ValidationError, WorkshopFileError
from fgd_app.core.workshop_file import Workshop

__all__ = ["FgdError", "ValidationError", "Workshop", "WorkshopFileError"]
