"""Output files written one way everywhere: PDF, XLSX, CSV, the hand-over copy and its .sha256, the merged
database and the sample workshop.

- **Temporary name, then rename.** Each file is written as ``.<name>.<random>.part`` in its target folder and
  renamed into place only when it is complete (``Staged``); a set of files (the CSV files, a print run, a
  hand-over file and its checksum) is renamed together. An error or Ctrl-C removes the temporary files and
  leaves every target as it was. Ctrl-C during the renames takes effect once they are done, so a set is
  never half renamed.
- **Existing targets** are replaced only when the caller says so (``replace=True``); otherwise
  ``OutputExistsError``.
- **Permissions** are those of a workshop file: ``0o666`` less the umask (``mkstemp`` alone gives 0600).
- **Errors** are ``OutputError``: an ``FgdError`` (message in the user's language, naming the file and the
  reason, mapped from the errno, never the system's English text) that is also an ``OSError`` with the
  original ``errno``, so callers that handle ``OSError`` keep working.

No Qt here; the command line and the window both use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from fgd_app.core.errors import FgdError
from fgd_app.i18n import N_, tr

PART_SUFFIX = ".part"

# errno -> why the file cannot be written; "{path}" is the file or folder concerned
_REASONS = {
    errno.EACCES: N_("\u201c{path}\u201d cannot be written: permission denied (is the folder or the USB stick "
                     "write-protected?)."),
    errno.EROFS: N_("\u201c{path}\u201d cannot be written: the disk is read-only (a locked USB stick?)."),
    errno.ENOSPC: N_("\u201c{path}\u201d cannot be written: the disk is full. Free some space or choose another "
                     "disk."),
    errno.ENOTDIR: N_("\u201c{path}\u201d cannot be written: part of the path is a file, not a folder."),
    errno.EISDIR: N_("\u201c{path}\u201d is a folder; a file name is needed here."),
    errno.EEXIST: N_("\u201c{path}\u201d already exists."),
    errno.ENOENT: N_("\u201c{path}\u201d cannot be written: the folder does not exist."),
    errno.ENAMETOOLONG: N_("\u201c{path}\u201d cannot be written: the name is too long."),
    errno.EIO: N_("\u201c{path}\u201d cannot be written: the disk reported an error (was the USB stick "
                  "removed?)."),
}
_SAME_AS = {errno.EPERM: errno.EACCES, errno.EDQUOT: errno.ENOSPC, errno.EFBIG: errno.ENOSPC}
# SQLite's result codes for the same situations (``sqlite3.Error.sqlite_errorcode``, primary code)
_SQLITE_ERRNO = {3: errno.EACCES, 8: errno.EROFS, 10: errno.EIO, 13: errno.ENOSPC, 14: errno.EACCES}


class OutputError(FgdError, OSError):
    """An output could not be written; its target was left as it was. ``str(error)`` is the message."""

    def __init__(self, message: str, code: int | None = None, path: str | os.PathLike | None = None):
        if code is None:
            OSError.__init__(self, message)
        else:
            OSError.__init__(self, code, message, None if path is None else str(path))
        self.message = message

    def __str__(self) -> str:
        return self.message


class OutputExistsError(OutputError):
    """The target exists and replacing it was not asked for."""

    def __init__(self, path: str | os.PathLike):
        super().__init__(tr("\u201c{path}\u201d already exists.", path=path), errno.EEXIST, path)


def reason(code: int | None, path: str | os.PathLike) -> str:
    """Return the message for an errno about ``path``, in the user's language."""
    code = _SAME_AS.get(code, code)
    text = _REASONS.get(code) if code is not None else None
    if text is not None:
        return tr(text, path=path)
    name = errno.errorcode.get(code, str(code)) if code is not None else "?"
    return tr("\u201c{path}\u201d cannot be written (system error {code}).", path=path, code=name)


def output_error(error: OSError | sqlite3.Error, path: str | os.PathLike | None = None) -> OutputError:
    """Return ``error`` as an ``OutputError`` about ``path`` (default: the file the error names)."""
    if isinstance(error, OutputError):
        return error
    if isinstance(error, sqlite3.Error):
        code = _SQLITE_ERRNO.get(getattr(error, "sqlite_errorcode", 0) & 0xFF, errno.EIO)
    else:
        code = error.errno
    where = path if path is not None else getattr(error, "filename", None) or tr("output")
    return OutputError(reason(code, where), code, where)


def is_disk_error(error: sqlite3.Error, *, writing_only: bool = False) -> bool:
    """Return True when an SQLite error means the disk or folder refused a write (full, read-only, ...).

    ``writing_only``: only the codes that cannot come from reading another file (full, read-only).
    """
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return code in ((8, 13) if writing_only else _SQLITE_ERRNO)


def file_mode() -> int:
    """Return the permissions of a new output file: ``0o666`` less the umask (as a workshop file)."""
    # Linux: read it without changing it (thread-safe)
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def fsync_path(path: Path) -> None:
    """Flush a file or folder to the disk (a folder's rename); skipped where the system cannot."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def interrupt_after() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) inside the block; it takes effect when the block ends (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and callable(previous):
            previous(signal.SIGINT, None)


def check_target(path: Path, *, replace: bool) -> None:
    """Refuse a target that is a folder, or that exists when ``replace`` is False."""
    if path.is_dir():
        raise OutputError(reason(errno.EISDIR, path), errno.EISDIR, path)
    if not replace and (path.exists() or path.is_symlink()):
        raise OutputExistsError(path)


class Staged:
    """Files written under temporary names and renamed into place together by ``commit()``.

    Use as a context manager: leaving it by an exception (or Ctrl-C) removes the temporary files that were
    not committed, and an ``OSError`` or a disk error of SQLite becomes an ``OutputError``::

        with Staged(replace=force) as staged:
            tmp = staged.temporary(folder / "x.csv")
            tmp.write_text(...)
            staged.commit()
    """

    def __init__(self, *, replace: bool = True):
        self.replace = replace
        self.pending: list[tuple[Path, Path]] = []  # (temporary, final)

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if error is not None:
            filename = getattr(error, "filename", None) if isinstance(error, OSError) else None
            where = self._target_of(filename) if filename else self.pending_target()
            self.discard()
            if isinstance(error, OSError) and not isinstance(error, OutputError):
                raise output_error(error, where) from error
            if isinstance(error, sqlite3.Error) and is_disk_error(error):
                raise output_error(error, where) from error
        return False

    def _target_of(self, filename: str | None) -> Path | str | None:
        """Name the final file instead of its temporary name in a message."""
        for tmp, final in self.pending:
            if filename is not None and str(tmp) == str(filename):
                return final
        return filename

    def pending_target(self) -> Path | None:
        return self.pending[-1][1] if self.pending else None

    def temporary(self, final: str | os.PathLike, *, create: bool = True, folder: Path | None = None) -> Path:
        """Return a new temporary path beside ``final`` (the file exists unless ``create`` is False).

        ``folder`` instead of ``final``: the final name is not known yet (``retarget`` gives it later);
        messages name the folder until then.
        """
        final = Path(folder if folder is not None else final)
        if folder is None:
            check_target(final, replace=self.replace)
        try:
            fd, name = tempfile.mkstemp(prefix=f".{final.name if folder is None else 'output'}.",
                                        suffix=PART_SUFFIX, dir=final if folder is not None else final.parent)
        except OSError as error:
            raise output_error(error, final) from error
        os.close(fd)
        tmp = Path(name)
        self.pending.append((tmp, final))
        if not create:  # VACUUM INTO and Workshop.create want to make the file themselves
            tmp.unlink()
        return tmp

    def retarget(self, tmp: Path, final: Path) -> None:
        """Give the temporary file ``tmp`` its final name (checked as ``temporary`` checks it)."""
        check_target(final, replace=self.replace)
        self.pending = [(t, final if t == tmp else f) for t, f in self.pending]

    def commit(self) -> list[Path]:
        """Give every temporary file its permissions and rename it into place; return the final paths."""
        mode = file_mode()
        chosen = list(self.pending)
        for tmp, final in chosen:
            if not self.replace:
                check_target(final, replace=False)
            os.chmod(tmp, mode)
            fsync_path(tmp)
        with interrupt_after():
            for tmp, final in chosen:
                os.replace(tmp, final)
            self.pending = []
        for folder in {final.parent for _, final in chosen}:
            fsync_path(folder)
        return [final for _, final in chosen]

    def discard(self) -> None:
        """Remove the temporary files not committed (the targets are untouched)."""
        for tmp, _ in self.pending:
            for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        self.pending = []
