"""Errors the core raises; each carries a message already in the user's language."""

from __future__ import annotations

from fgd_app.i18n import tr


class FgdError(Exception):
    """Base of every error the user may see; ``str(error)`` is the message to show."""


class ValidationError(FgdError):
    """Bad input for one field; nothing was saved."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class WorkshopFileError(FgdError):
    """A file that cannot be opened as a workshop; its bytes are left unchanged."""

    def __init__(self, path: object, message: str):
        super().__init__(message)
        self.path = str(path)
        self.message = message


class NotFoundError(WorkshopFileError):
    pass


class NotSQLiteError(WorkshopFileError):
    pass


class CorruptFileError(WorkshopFileError):
    pass


class NotWorkshopError(WorkshopFileError):
    pass


class NewerVersionError(WorkshopFileError):
    pass


class ReadOnlyPossible(WorkshopFileError):
    """Writing is impossible, but the file can be opened read-only (``Workshop.open(..., read_only=True)``)."""


class FileReadOnlyError(ReadOnlyPossible):
    pass


class FileInUseError(ReadOnlyPossible):
    pass


class ReadOnlyWorkshopError(FgdError):
    """An edit was attempted on a workshop opened read-only."""

    def __init__(self) -> None:
        super().__init__(tr("This workshop is open read-only; changes cannot be saved."))
