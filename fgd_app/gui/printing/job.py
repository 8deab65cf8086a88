"""A print job that runs beside the window: its own read-only connection, cancellable, never half-written.

Why a thread: the full report set of a large workshop takes tens of seconds, and ReportLab spends most of
it before the first page exists (building the story), where no progress callback could pump the event
loop. The job therefore runs in a ``QThread`` and opens the workshop file a second time,
``Workshop.open(path, read_only=True)``: the window's connection stays on the GUI thread, the file is in
WAL mode so this reader sees every edit committed before the job started, and a read-only connection can
never write to the file (read-only workshops print the same way). The window may keep editing while the
job runs; a document shows the data as it was read at that moment.

Cancel sets an event that the engine checks before every page; the document being made is discarded by
the engine (it is written beside its final name and renamed into place only when complete), so a
cancelled or failed job never leaves a half-written PDF. Running jobs are kept in ``RUNNING`` (not
parented to the page) so closing the window mid-job cannot destroy a running thread; the page cancels
its job when it goes away and ``stop_all`` waits for the rest when the application quits.
"""

from __future__ import annotations

import errno
import os
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from fgd_app.gui.widgets.running_jobs import RunningJobs
from fgd_app.i18n import tr


@dataclass(frozen=True)
class PrintTask:
    """One document to print: its registry name and whether it is the blank form."""

    name: str
    blank: bool = False


@dataclass(frozen=True)
class PrintRequest:
    """What to print, from which workshop file, into which folder, on which paper."""

    workshop_path: Path
    tasks: tuple[PrintTask, ...]
    out_dir: Path
    paper: str = "A4"
    orientation: str | None = None  # None: each document as designed; A3 documents always keep theirs


@dataclass
class PrintOutcome:
    """What a job did: files written, documents that failed, whether it was cancelled or stopped."""

    written: list[Path] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (document title, reason)
    cancelled: bool = False
    fatal: str = ""  # why the whole job stopped (folder, disk, file), empty when it did not
    details: str = ""  # technical details (tracebacks) for the error dialog and the log
    seconds: float = 0.0


def folder_problem(folder: Path) -> str:
    """Return why PDF files cannot be written into ``folder`` (created when missing), or "" when they can."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".print-check-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as error:
        return write_error_message(error, folder)
    return ""


def write_error_message(error: OSError, folder: Path) -> str:
    """Return what a failed write means for the facilitator, in the UI language."""
    if error.errno == errno.ENOSPC:
        return tr("The disk is full: the PDF files do not fit in \u201c{folder}\u201d. Free some space or "
                  "choose another folder (a USB stick, for example).", folder=folder)
    if error.errno == errno.EROFS:
        return tr("\u201c{folder}\u201d is on a write-protected medium. Choose another folder.", folder=folder)
    if error.errno in (errno.EACCES, errno.EPERM):
        return tr("The app may not write in \u201c{folder}\u201d, or a PDF of the same name is open in another "
                  "program. Close the PDF viewer or choose another folder.", folder=folder)
    return tr("The PDF files could not be written in \u201c{folder}\u201d: {error}",
              folder=folder, error=error.strerror or error)


def run_request(request: PrintRequest, progress, cancel) -> PrintOutcome:
    """Print ``request`` with its own read-only workshop connection; report with ``progress(fraction, text)``.

    Plain Python (no Qt): the thread below runs it, and so can a test. A document that fails is reported
    and the others still print; a folder or disk problem stops the job.
    """
    from fgd_app.core import Workshop
    from fgd_app.core.errors import WorkshopFileError
    from fgd_app.core.store.rules import unusable_file_error
    from fgd_app.reports import PrintCancelled, document, render

    outcome = PrintOutcome()
    started = time.perf_counter()
    try:
        ws = Workshop.open(request.workshop_path, read_only=True)
    except WorkshopFileError as error:
        outcome.fatal = error.message
        return outcome
    try:
        count = max(1, len(request.tasks))
        for index, task in enumerate(request.tasks):
            if cancel():
                outcome.cancelled = True
                break
            spec = document(task.name)
            orientation = None if spec.paper else request.orientation

            def step(fraction: float, text: str, index: int = index) -> None:
                progress((index + min(fraction, 1.0)) / count, text)

            try:
                outcome.written += render(ws, [task.name], request.out_dir, paper=request.paper, blank=task.blank,
                                          orientation=orientation, progress=step, cancel=cancel)
            except PrintCancelled:
                outcome.cancelled = True
                break
            except OSError as error:
                outcome.fatal = write_error_message(error, request.out_dir)
                outcome.details = traceback.format_exc()
                break
            except Exception as error:  # one broken document must not cost the others
                planted = unusable_file_error(ws.store.conn, request.workshop_path, error)
                outcome.failures.append((tr(spec.title), str(planted) if getattr(planted, "planted", False)
                                         else f"{type(error).__name__}: {error}"))
                outcome.details += traceback.format_exc()
    finally:
        ws.close()
        outcome.seconds = time.perf_counter() - started
    return outcome


RUNNING = RunningJobs(timeout_ms=10_000)


class PrintThread(QThread):
    """Run one ``PrintRequest``; ``progress(fraction, text)`` and ``outcome(PrintOutcome)`` arrive on the GUI thread."""

    progress = Signal(float, str)
    outcome = Signal(object)

    def __init__(self, request: PrintRequest):
        super().__init__()  # no parent: the job outlives a page closed while it runs
        self.request = request
        self._cancel = threading.Event()
        self._last_report = 0.0
        self.finished.connect(self._forget)

    def start(self) -> None:  # noqa: D102 - QThread.start, remembered in RUNNING
        RUNNING.add(self)
        super().start()

    def cancel(self) -> None:
        """Ask the job to stop before its next page."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # noqa: D102 - runs in the worker thread
        try:
            result = run_request(self.request, self._report, self._cancel.is_set)
        except BaseException:  # an exception must never escape a QThread
            result = PrintOutcome(fatal=tr("Printing stopped because of an unexpected error."),
                                  details=traceback.format_exc())
        self.outcome.emit(result)

    def _report(self, fraction: float, text: str) -> None:
        now = time.monotonic()
        if now - self._last_report >= 0.05 or fraction >= 1.0:  # at most 20 updates a second
            self._last_report = now
            self.progress.emit(fraction, text)

    def _forget(self) -> None:
        RUNNING.discard(self)
        self.deleteLater()


stop_all = RUNNING.stop_all
