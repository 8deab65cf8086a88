"""How every ``fgd-app`` command treats its output: folders, existing files, errors and Ctrl-C.

- **Missing folders are created**, parents included (like ``mkdir -p``), for every output: the folder of
  ``export --handover DIR`` and ``--csv DIR`` and ``print --out DIR``, and the folder a file goes into for
  ``export --excel FILE``, ``merge OUT`` and ``demo FILE``. A command that then fails, is interrupted or
  writes nothing removes the folders it created (when they are still empty).
- **Existing files are refused** unless ``--force`` (``demo``, ``export``, ``print``); ``--force`` never
  replaces a file that is not a workshop file where a workshop file is written (``demo``), and ``merge``
  only ever extends a consolidated database of this app, never another file.
- **Each file is written under a temporary name in its folder and renamed when complete**
  (``fgd_app.core.output_files``), with the permissions of a workshop file (0666 less the umask).
- **Errors** are one or two lines in the user's language on stderr, never a traceback: the path and the
  reason mapped from the errno (write-protected, read-only disk, disk full, a file where a folder is
  expected and the reverse, ...), never the system's English text.
- **Exit codes**: 0 done; 1 done in part (``check`` found problems; ``merge`` skipped inputs or found
  conflicts; when it merged nothing it writes no file); 2 nothing was written (bad arguments, unreadable input, output refused
  or unwritable); 130 interrupted by Ctrl-C, with nothing half-written left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from fgd_app.core.errors import FgdError
from fgd_app.core.output_files import OutputError, OutputExistsError, is_disk_error, output_error
from fgd_app.i18n import tr

INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


class CreatedFolders:
    """The folders a command created for its output; ``remove_empty()`` takes them away again."""

    def __init__(self) -> None:
        self.paths: list[Path] = []  # deepest first

    def make(self, folder: str | os.PathLike) -> Path:
        """Return ``folder`` as an absolute path, created with its missing parents; raise ``OutputError``."""
        folder = Path(folder).expanduser().absolute()
        if folder.is_dir():
            return folder
        missing = []
        probe = folder
        while not probe.exists() and not probe.is_symlink() and probe != probe.parent:
            missing.append(probe)
            probe = probe.parent
        if probe.exists() and not probe.is_dir():  # the folder, or one above it, is a file
            raise OutputError(tr("\u201c{path}\u201d is a file, not a folder.", path=probe), errno.ENOTDIR, probe)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.paths += [p for p in missing if p.is_dir()]
            raise output_error(error, folder) from error
        self.paths += missing
        return folder

    def remove_empty(self) -> None:
        """Remove the created folders that are still empty (deepest first)."""
        for folder in self.paths:
            with contextlib.suppress(OSError):
                folder.rmdir()
        self.paths = []


def error_lines(error: BaseException) -> list[str]:
    """Return what to print for an error of a command (in the user's language)."""
    if isinstance(error, OutputExistsError):
        return [str(error), tr("Add --force to replace it.")]
    if isinstance(error, FgdError):
        return [str(error)]
    if isinstance(error, OSError) or (isinstance(error, sqlite3.Error) and is_disk_error(error)):
        return [str(output_error(error))]
    return [tr("The command stopped on a database error ({code}); nothing was written.",
               code=getattr(error, "sqlite_errorname", type(error).__name__))]


def interrupted_message() -> str:
    return tr("Interrupted (Ctrl-C); nothing half-written was left behind.")


def run_writing(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command: its errors become messages and exit codes; created folders go when it fails."""
    folders = args.created_folders = CreatedFolders()
    code = 2
    unreadable = [path for path in ([getattr(args, "file", None)] + list(getattr(args, "inputs", None) or []))
                  if path and not _can_read(path)]
    if unreadable and getattr(args, "file", None):  # merge lists an unreadable input as skipped itself
        print(tr("The file \u201c{path}\u201d cannot be read (no permission).", path=unreadable[0]), file=sys.stderr)
        return 2
    try:
        code = int(run(args))
    except BrokenPipeError:  # the reader of stdout left: main() ends quietly
        raise
    except KeyboardInterrupt:
        code = INTERRUPTED
        print(interrupted_message(), file=sys.stderr)
    except (FgdError, OSError, sqlite3.Error) as error:
        print("\n".join(error_lines(error)), file=sys.stderr)
    finally:
        if code != 0:
            folders.remove_empty()
    return code


def _can_read(path: str | os.PathLike) -> bool:
    """Return False when ``path`` or one of its folders may not be read (a missing file is not our business)."""
    try:
        os.stat(path)
    except PermissionError:
        return False
    except OSError:
        return True
    return os.access(path, os.R_OK) if os.path.isfile(path) else True


def output_folder(args: argparse.Namespace, folder: str | os.PathLike) -> Path:
    """Return the output folder ``folder``, created when missing (and removed again if the command fails)."""
    created = getattr(args, "created_folders", None) or CreatedFolders()
    return created.make(folder)


def output_file(args: argparse.Namespace, path: str | os.PathLike, *, force: bool) -> Path:
    """Return the output file ``path`` (absolute), its folder created; refuse a folder or, without force, a file."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise OutputError(tr("\u201c{path}\u201d is a folder; a file name is needed here.", path=path),
                          errno.EISDIR, path)
    if not force and path.exists():
        raise OutputExistsError(path)
    output_folder(args, path.parent)
    return path
