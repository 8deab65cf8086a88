"""The store owner's in-tray: other threads hand it functions, the owner thread runs them one by one.

The workshop's SQLite connection and its ``Store`` belong to one thread (the GUI thread in the window, the
main thread of ``fgd-app room``). The room's web server runs in its own thread; for every read or write it
calls ``desk.call(fn, ...)`` and awaits the returned ``concurrent.futures.Future``. The owner runs the jobs
in ``drain()`` (the GUI calls it when ``wake`` fires; ``serve_until`` blocks for a command-line owner).
A job's write has committed (``synchronous=FULL``) before its future resolves, so the phone is told
"terkirim" only for what is on disk.

Group commit: given ``transaction`` (the store's outer write) and ``savepoint`` (one job's part of it), a
drain runs its whole batch in one transaction, each job in a savepoint of its own (a job that fails leaves
nothing behind), and resolves the futures after the one commit: one disk flush and one change notice per
batch instead of one per phone, so the owner's thread (the GUI) spends less time waiting for the disk.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from typing import Any


class DeskClosedError(RuntimeError):
    """The desk no longer takes jobs (room mode turned off, the workshop closed)."""


class StoreDesk:
    """A thread-safe queue of jobs for the store's owner thread."""

    def __init__(self, wake: Callable[[], None] | None = None, *,
                 transaction: Callable[[], AbstractContextManager] | None = None,
                 savepoint: Callable[[], AbstractContextManager] | None = None):
        self._transaction = transaction or nullcontext
        self._savepoint = savepoint or nullcontext
        self._jobs: queue.SimpleQueue[tuple[Future, Callable, tuple, dict] | None] = queue.SimpleQueue()
        self._wake = wake
        self._lock = threading.Lock()
        self._signalled = False
        self._closed = False
        self.owner = threading.get_ident()

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Queue ``fn(*args, **kwargs)`` for the owner thread; return its future (any thread)."""
        future: Future = Future()
        if self._closed:
            future.set_exception(DeskClosedError())
            return future
        self._jobs.put((future, fn, args, kwargs))
        if self._wake is not None:
            with self._lock:  # one wake-up signal per batch, not one per job
                signal, self._signalled = not self._signalled, True
            if signal:
                self._wake()
        return future

    def drain(self, budget: float = 0.03) -> int:
        """Run queued jobs on this (the owner) thread for at most ``budget`` seconds; return how many ran.

        When jobs are left over, the desk wakes its owner again, so a GUI thread keeps painting between
        batches.
        """
        with self._lock:
            self._signalled = False
        deadline = time.perf_counter() + budget
        settled: list[tuple[Future, bool, Any]] = []
        try:
            with self._transaction():
                while time.perf_counter() < deadline or not settled:
                    try:
                        job = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if job is None or not job[0].set_running_or_notify_cancel():
                        continue
                    future, fn, args, kwargs = job
                    try:
                        with self._savepoint():
                            settled.append((future, True, fn(*args, **kwargs)))
                    except BaseException as error:  # handed to the waiting thread, which answers the phone
                        settled.append((future, False, error))
        except BaseException as error:  # the batch did not commit: every phone of it is told to send again
            settled = [(future, False, error) for future, _ok, _value in settled]
        for future, ok, value in settled:  # only now is the batch on disk
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        if not self._jobs.empty() and self._wake is not None:
            with self._lock:
                signal, self._signalled = not self._signalled, True
            if signal:
                self._wake()
        return len(settled)

    def serve_until(self, stop: threading.Event, poll: float = 0.2) -> None:
        """Run jobs as they come until ``stop`` is set (a command-line owner's main loop)."""
        while not stop.is_set():
            try:
                job = self._jobs.get(timeout=poll)
            except queue.Empty:
                continue
            if job is not None:
                self._run(job)

    def close(self) -> None:
        """Refuse new jobs and fail the waiting ones (their phones get "try again")."""
        self._closed = True
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None and not job[0].done():
                job[0].set_exception(DeskClosedError())
        self._jobs.put(None)  # wakes a serve_until that is waiting

    @staticmethod
    def _run(job) -> None:
        if job is None:
            return
        future, fn, args, kwargs = job
        if not future.set_running_or_notify_cancel():
            return
        try:
            result = fn(*args, **kwargs)
        except BaseException as error:  # handed to the waiting thread, which answers the phone
            future.set_exception(error)
        else:
            future.set_result(result)
