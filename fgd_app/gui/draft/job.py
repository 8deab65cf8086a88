"""Writing the masterplan draft beside the window: a ``QThread`` with its own read-only connection.

The draft takes about a second for the demo workshop and several at scale 10 (gathering the tables and
building the Word XML), too long to freeze the window. As for printing (``fgd_app.gui.printing.job``),
the job opens the workshop file a second time, ``Workshop.open(path, read_only=True)``: the window's
connection stays on the GUI thread, the file is in WAL mode so the job sees every edit committed before it
started, and a read-only connection can never write to the file. The document is built in memory and
written under a temporary name only at the end, so a cancelled or failed job leaves no file.
Running jobs are kept in ``RUNNING`` (no parent), so closing the window mid-job never destroys a running
thread; ``stop_all`` waits for them when the application quits.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from fgd_app.core.draft.choices import DraftChoices
from fgd_app.gui.widgets.running_jobs import RunningJobs
from fgd_app.i18n import tr


@dataclass(frozen=True)
class DraftRequest:
    """What to write: the workshop file, the choices, the target and whether it may be replaced."""

    workshop_path: Path
    choices: DraftChoices
    target: Path
    replace: bool = False


@dataclass
class DraftOutcome:
    """What the job did: the path written, or why not (``error`` for the user, ``details`` for a report)."""

    path: Path | None = None
    error: str = ""
    details: str = ""
    cancelled: bool = False


class Cancelled(Exception):
    """Raised inside the job when the user cancelled (between two chapters)."""


RUNNING = RunningJobs(timeout_ms=30_000)


class DraftThread(QThread):
    """Run one ``DraftRequest``; ``progress(fraction, text)`` and ``outcome(DraftOutcome)`` arrive on the GUI thread."""

    progress = Signal(float, str)
    outcome = Signal(object)

    def __init__(self, request: DraftRequest):
        super().__init__()  # no parent: the job outlives a dialog or window closed while it runs
        self.request = request
        self._cancel = threading.Event()
        self._last_report = 0.0
        self.finished.connect(self._forget)

    def start(self) -> None:  # noqa: D102 - QThread.start, remembered in RUNNING
        RUNNING.add(self)
        super().start()

    def cancel(self) -> None:
        """Ask the job to stop before its next chapter; nothing is written."""
        self._cancel.set()

    def run(self) -> None:  # noqa: D102 - runs in the worker thread
        try:
            result = DraftOutcome(path=write_request(self.request, self._report))
        except Cancelled:
            result = DraftOutcome(cancelled=True)
        except Exception as error:  # noqa: BLE001 - an exception must never escape a QThread
            from fgd_app.core.errors import FgdError

            if isinstance(error, (FgdError, OSError)):
                result = DraftOutcome(error=str(error))
            else:
                result = DraftOutcome(error=tr("The draft could not be written because of an unexpected error."),
                                      details=traceback.format_exc())
        self.outcome.emit(result)

    def _report(self, fraction: float, text: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        now = time.monotonic()
        if now - self._last_report >= 0.05 or fraction >= 1.0:  # at most 20 updates a second
            self._last_report = now
            self.progress.emit(fraction, text)

    def _forget(self) -> None:
        RUNNING.discard(self)
        self.deleteLater()


def write_request(request: DraftRequest, report) -> Path:
    """Gather and write the draft from a read-only connection; ``report(fraction, text)`` may raise to stop."""
    from fgd_app.core import Workshop
    from fgd_app.core.draft import gather_draft
    from fgd_app.draft.docx_writer import write_docx

    report(0.0, tr("Reading the workshop\u2026"))
    with Workshop.open(request.workshop_path, read_only=True) as ws:
        draft = gather_draft(ws, request.choices)
    report(0.3, tr("Writing the chapters\u2026"))
    path = write_docx(draft, request.target, replace=request.replace,
                      progress=lambda fraction, title: report(0.3 + 0.65 * fraction,
                                                              tr("Writing \u201c{chapter}\u201d\u2026", chapter=title)))
    report(1.0, tr("Written."))
    return path


stop_all = RUNNING.stop_all
