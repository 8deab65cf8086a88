"""The command line: ``fgd-app [FILE]`` starts the app; subcommands run the same core without a window.

    fgd-app                      start screen
    fgd-app FILE                 open a workshop file (``--read-only`` to only look)
    fgd-app --version
    fgd-app demo FILE [--scale N] [--force]
    fgd-app check FILE           exit 0 sound, 1 problems listed, 2 not a readable workshop file
    fgd-app check FILE --completeness   ready to hand over? exit 0 complete, 1 what is missing listed

``--lang en|id`` (or the ``FGD_LANG`` environment variable) picks the language of messages and of the
window. A file literally named like a subcommand ("demo") is opened with a path that says so:
``fgd-app ./demo``.

Parsing is argparse throughout, in two steps: ``language_parser()`` (only ``--lang``) reads the language
with ``parse_known_args`` first, because every help text and message of the full parser is translated;
then the first remaining word picks a subcommand (its module's own parser takes the rest), or
``build_parser()`` (which includes ``--lang`` as a parent) reads ``[--read-only] [FILE]``.

Adding a subcommand (print, export, merge, ...)
-----------------------------------------------
Write a module with two functions and add one ``Subcommand`` line to ``SUBCOMMANDS``::

    # fgd_app/cli/printing.py
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar=tr("FILE"), help=tr("workshop file"))

    def run(args: argparse.Namespace) -> int:
        ...            # call the core, print with print(tr(...)); return the exit code

    SUBCOMMANDS: Subcommand("print", N_("Print the worksheets to PDF"), "fgd_app.cli.printing")

``target`` is a module, or ``"module:Object"`` for an object holding the two functions (``demo`` and
``check`` below are such objects in this module). The module is imported only when its subcommand runs, so ``fgd-app --version`` and ``fgd-app check``
stay fast and never import Qt or ReportLab. Raise nothing for expected failures: print a message in
the user's language (``tr``) to stderr and return 1 or 2. ``fgd_app.cli.output.run_writing`` runs every
command: an ``FgdError`` or ``OSError`` that escapes is printed without a traceback (OS errors mapped from
their errno, never the system's English text) and gives exit code 2; Ctrl-C gives one line and exit code
130. Output rules (folders created, ``--force``, temporary names, permissions): ``fgd_app.cli.output``.

argparse's own words are translated through gettext, as argparse documents (``parser_language``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from fgd_app import APP_NAME, __version__, i18n
from fgd_app.cli.parser_language import argparse_in_user_language
from fgd_app.i18n import N_, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.workshop_file import IntegrityCheck


class Subcommand(NamedTuple):  # not a dataclass: defined at every start, ~8x quicker
    """One ``fgd-app NAME ...`` command, implemented by ``module.add_arguments`` and ``module.run``."""

    name: str
    help: str  # English msgid marked with N_()
    target: str  # "package.module" or "package.module:Object", imported lazily

    def load(self):
        """Return the object with ``add_arguments(parser)`` and ``run(args) -> int``."""
        module_name, _, attribute = self.target.partition(":")
        module = importlib.import_module(module_name)
        return getattr(module, attribute) if attribute else module


SUBCOMMANDS: list[Subcommand] = [
    Subcommand("demo", N_("Write a realistic sample workshop (Kabupaten Serang) to FILE"), "fgd_app.cli.commands:DemoCommand"),
    Subcommand("check", N_("Check a workshop file (integrity, foreign keys, schema version) without changing it"),
               "fgd_app.cli.commands:CheckCommand"),
    Subcommand("export", N_("Export a workshop: hand-over file for the ministry, Excel workbook or CSV files"),
               "fgd_app.cli.exchange:ExportCommand"),
    Subcommand("merge", N_("Consolidate many workshop files into one database"), "fgd_app.cli.exchange:MergeCommand"),
    Subcommand("print", N_("Print worksheets, reports and paperwork of FILE to PDF files"), "fgd_app.cli.printing"),
    Subcommand("next-stage", N_("Carry a workshop file to the next bimtek stage (a new file; FILE is not changed)"),
               "fgd_app.cli.commands:NextStageCommand"),

    Subcommand("draft", N_("Write the masterplan draft of FILE as an editable Word document"), "fgd_app.cli.draft"),
    Subcommand("room", N_("Open the room of FILE to phones on the local network (check-in, ideas) without the window"),
               "fgd_app.cli.room"),
    Subcommand("portfolio", N_("The ministry's desk: national summary PDF and workbook of a consolidated database"),
               "fgd_app.cli.portfolio"),
]

def subcommand(name: str) -> Subcommand | None:
    return next((s for s in SUBCOMMANDS if s.name == name), None)


def language_parser() -> argparse.ArgumentParser:
    """Return the parser of ``--lang`` alone: read before the others, whose texts are translated."""
    parser = argparse.ArgumentParser(prog="fgd-app", add_help=False, allow_abbrev=False)
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES),
                        help=tr("language of the interface (default: the saved setting, else Indonesian)"))
    return parser


def _apply_language(lang: str | None) -> None:
    """Use ``lang`` (from ``--lang``, else the ``FGD_LANG`` environment variable) for messages and the window."""
    lang = lang or os.environ.get("FGD_LANG") or None
    if lang is None:
        return
    if lang not in i18n.LANGUAGES:
        print(tr("Unknown language \u201c{lang}\u201d; choose one of: {choices}.", lang=lang,
                 choices=", ".join(i18n.LANGUAGES)), file=sys.stderr)
        raise SystemExit(2)
    i18n.set_language(lang)
    os.environ["FGD_LANG"] = lang  # the window uses it instead of the saved setting


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser (subcommands are listed in the epilog and parsed by their own parser)."""
    epilog = tr("Commands:") + "\n" + "\n".join(f"  {s.name:<8} {tr(s.help)}" for s in SUBCOMMANDS)
    epilog += "\n\n" + tr("Run \u201cfgd-app COMMAND --help\u201d for the options of a command.")
    parser = argparse.ArgumentParser(
        prog="fgd-app", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=epilog,
        allow_abbrev=False,  # as language_parser(): "--la" is no --lang there, so it is none here either
        parents=[language_parser()],  # built anew: its help in the language now chosen
        description=tr("{app}: the facilitator's desk for a Smart City masterplan bimtek.", app=APP_NAME))
    parser.add_argument("--version", action="version", version=version_text(),
                        help=tr("show program's version number and exit"))
    parser.add_argument("--read-only", action="store_true", help=tr("open FILE read-only"))
    parser.add_argument("file", nargs="?", metavar=tr("FILE"), help=tr("workshop file to open"))
    return parser


def version_text() -> str:
    """Return the version line; counts the schema steps without importing the core (keeps it instant)."""
    from fgd_app.resources import db_path

    steps = len(list(db_path("migrations").glob("[0-9][0-9][0-9][0-9]_*.sql")))
    return tr("{app} {version} (workshop file format {schema})", app=APP_NAME, version=__version__, schema=steps)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    with argparse_in_user_language():
        early, rest = language_parser().parse_known_args(args)
    _apply_language(early.lang)
    command = subcommand(rest[0]) if rest else None
    if command is not None:
        try:
            return run_subcommand(command, rest[1:])
        except BrokenPipeError:  # "fgd-app check x | head": the reader left; say nothing more
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except KeyboardInterrupt:  # while loading or parsing; the command's own run has its handler
            from fgd_app.cli.output import INTERRUPTED, interrupted_message

            print(interrupted_message(), file=sys.stderr)
            return INTERRUPTED
    with argparse_in_user_language():
        options = build_parser().parse_args(rest)
    return start_gui(options.file, read_only=options.read_only)


def run_subcommand(command: Subcommand, argv: list[str]) -> int:
    """Parse ``argv`` for one subcommand and run it."""
    from fgd_app.cli.output import run_writing

    handler = command.load()
    with argparse_in_user_language():  # argparse words its group titles and -h when the parser is made
        parser = argparse.ArgumentParser(prog=f"fgd-app {command.name}", description=tr(command.help))
        handler.add_arguments(parser)
        args = parser.parse_args(argv)
    return run_writing(handler.run, args)


def start_gui(path: str | None, *, read_only: bool = False) -> int:
    """Start the window (Qt is imported only here).

    The cyclic garbage collector is off while the window is built: the ~35,000 objects made at start
    (modules, classes, Qt enums, the window) all stay alive, so collecting them is wasted work (~7 ms).
    ``fgd_app.gui.shell.app.run`` freezes them and turns the collector on again once the window is shown.
    """
    gc.disable()
    try:
        return _start_gui(path, read_only=read_only)
    finally:
        gc.enable()  # already on again in the running app; this covers every way out


def _start_gui(path: str | None, *, read_only: bool = False) -> int:
    opening = OpeningBeforeWindow(path) if path is not None and not read_only else None
    try:
        from fgd_app.gui.shell.app import run
    except ImportError as error:
        if opening is not None:
            opening.cancel()
        print(tr("The window cannot start because a library is missing: {error}", error=error), file=sys.stderr)
        print(tr("On Debian, run \u201cbash packaging/setup.sh\u201d as root, or install the packages it lists."),
              file=sys.stderr)
        return 2
    opened = opening.workshop() if opening is not None else None
    if opened is not None:
        return int(run(path, opened=opened) or 0)
    return int((run(path, read_only=True) if read_only else run(path)) or 0)


class OpeningBeforeWindow:
    """Open the workshop file while Qt loads: ``workshop()`` returns it, or None when it cannot be opened.

    Start-up: the core and the modules it needs are imported before PySide6, whose import hook reads
    the source of every module imported after it, and the file's integrity check (SQLite reads the whole
    file, letting Python go on meanwhile) runs in a thread while PySide6 loads. A file that cannot be
    opened is opened again by the window, which explains why in the language of the user's settings.
    """

    def __init__(self, path: str):
        self.path = path
        self.check: IntegrityCheck | None = None
        try:
            from fgd_app.core.workshop_file import IntegrityCheck

            self.check = IntegrityCheck(path)
        except Exception:  # noqa: BLE001 - whatever it is, the window's own attempt reports it
            pass

    def workshop(self) -> Workshop | None:
        if self.check is None:
            return None
        try:
            from fgd_app.core import Workshop

            return Workshop.open(self.path, checked=self.check)
        except Exception:  # noqa: BLE001 - whatever it is, the window's own attempt reports it
            return None

    def cancel(self) -> None:
        """Let the check end before the process does."""
        if self.check is not None:
            with contextlib.suppress(Exception):
                self.check.result()


class DemoCommand:
    """``fgd-app demo FILE [--scale N] [--force]``."""

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar=tr("FILE"), help=tr("where to write the sample workshop"))
        parser.add_argument("--scale", type=int, default=1, metavar="N",
                            help=tr("multiply the participants and records by N (for benchmarks; default 1)"))
        parser.add_argument("--force", action="store_true", help=tr("replace FILE if it is a workshop file"))
        parser.add_argument("--region", metavar=tr("CODE"),
                            help=tr("the Kemendagri code of the regency or city (default 36.04, Kabupaten Serang)"))

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        import time

        from fgd_app.cli.output import output_file
        from fgd_app.core.demo import MAX_SCALE, write_demo
        from fgd_app.core.errors import WorkshopFileError

        if not 1 <= args.scale <= MAX_SCALE:
            print(tr("The scale must be between 1 and {limit}.", limit=MAX_SCALE), file=sys.stderr)
            return 2
        started = time.perf_counter()
        path = output_file(args, args.file, force=args.force)
        existed = path.exists()
        try:
            counts = write_demo(path, args.scale, overwrite=args.force, region_code=args.region)
        except WorkshopFileError as error:
            if not (existed and args.force):
                raise
            print(error, file=sys.stderr)  # --force replaces a workshop file only
            print(tr("\u201c{name}\u201d was left unchanged: --force replaces only a workshop file that no one "
                     "has open.", name=path.name), file=sys.stderr)
            return 2
        print(tr("Sample workshop written to \u201c{path}\u201d in {seconds} s:", path=args.file,
                 seconds=f"{time.perf_counter() - started:.2f}"))
        for table, count in counts.items():
            if count:
                print(f"  {table:<28} {count:>8}")
        return 0


class CheckCommand:
    """``fgd-app check FILE``: exit 0 sound, 1 problems found and listed, 2 not a readable workshop file."""

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar=tr("FILE"), help=tr("workshop file to check (it is not changed)"))
        parser.add_argument("--completeness", action="store_true",
                            help=tr("instead: is the workshop ready to hand over? (exit 0 complete, 1 not, "
                                    "with the list of what is missing)"))

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        if args.completeness:
            return CheckCommand.run_completeness(args.file)
        from fgd_app.core.store.check import check_file

        report = check_file(args.file)
        print("\n".join(report.lines()), file=sys.stderr if report.exit_code == 2 else sys.stdout)
        return report.exit_code

    @staticmethod
    def run_completeness(path: str) -> int:
        """Print the *Siap diserahkan?* checklist; exit 0 complete, 1 not, 2 not a readable workshop file."""
        from fgd_app.core import Workshop
        from fgd_app.core.coverage.completeness import check_completeness
        from fgd_app.core.errors import FgdError

        try:
            with Workshop.open(path, read_only=True) as ws:
                result = check_completeness(ws.store)
        except FgdError as problem:
            print(str(problem), file=sys.stderr)
            return 2
        print("\n".join(result.lines()))
        return 0 if result.complete else 1


class NextStageCommand:
    """``fgd-app next-stage FILE --out NEWFILE [--force]``: the next bimtek stage's file, FILE unchanged."""

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar=tr("FILE"), help=tr("workshop file of the stage just held (not changed)"))
        parser.add_argument("--out", required=True, metavar=tr("NEWFILE"), help=tr("the next stage's new workshop file"))
        parser.add_argument("--force", action="store_true", help=tr("replace NEWFILE if it is a workshop file"))

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        import time

        from fgd_app.cli.output import output_file
        from fgd_app.core.workshop.next_stage import carry_to_next_stage

        started = time.perf_counter()
        path = output_file(args, args.out, force=args.force)
        report = carry_to_next_stage(args.file, path, force=args.force)
        print("\n".join(report.lines()))
        print(tr("Done in {seconds} s.", seconds=f"{time.perf_counter() - started:.2f}"))
        return 0
