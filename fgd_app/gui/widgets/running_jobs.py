"""Background threads still running, kept without a parent and awaited when the application quits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread


class RunningJobs(set):
    """A set of running job threads (``cancel()`` + ``wait()``); the first ``add`` hooks ``stop_all`` to quit.

    Kept without a parent, so closing a window mid-job never destroys a running thread.
    """

    def __init__(self, timeout_ms: int):
        super().__init__()
        self.timeout_ms = timeout_ms
        self._hooked = False

    def add(self, job: QThread) -> None:  # noqa: D102 - set.add, and the quit hook once
        super().add(job)
        app = QCoreApplication.instance()
        if app is not None and not self._hooked:
            app.aboutToQuit.connect(self.stop_all)
            self._hooked = True

    def stop_all(self) -> None:
        """Cancel every running job and wait for it to end (the application is quitting)."""
        for job in list(self):
            job.cancel()
        for job in list(self):
            job.wait(self.timeout_ms)
            self.discard(job)
