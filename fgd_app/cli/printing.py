"""``fgd-app print FILE --out DIR [--blank] [--paper A4|F4|A3] [--only NAME...] [--force]``: the Print page's PDFs.

The PDFs of one run are written under temporary names and renamed together when all are done; existing
PDFs of the same names are replaced only with ``--force`` (see ``fgd_app.cli.output``)."""

from __future__ import annotations

import argparse
import sys
import time

from fgd_app.core import WorkshopFileError
from fgd_app.i18n import tr
from fgd_app.reports.engine import PrintCancelled


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from fgd_app.reports.registry import documents

    names = [spec.name for spec in documents()]
    parser.add_argument("file", metavar=tr("FILE"), help=tr("workshop file"))
    parser.add_argument("--out", required=True, metavar=tr("DIR"), help=tr("folder for the PDF files"))
    parser.add_argument("--blank", action="store_true", help=tr("print empty forms to fill in by hand"))
    parser.add_argument("--paper", default="A4", type=str.upper, choices=["A4", "F4", "A3"],
                        help=tr("paper size (F4 = folio, 215 x 330 mm; A3 prints the roadmap on large sheets)"))
    parser.add_argument("--only", nargs="+", metavar=tr("NAME"), choices=names,
                        help=tr("print only these documents: {names}", names=", ".join(names)))
    parser.add_argument("--force", action="store_true", help=tr("replace PDF files of the same name"))


def run(args: argparse.Namespace) -> int:
    from fgd_app.cli.output import output_folder
    from fgd_app.core.exchange.review import open_for_review
    from fgd_app.core.store.rules import UNUSABLE_VALUE_ERRORS, unusable_file_error
    from fgd_app.reports.render import render

    try:  # printing only reads: the file keeps every byte (a hand-over copy its .sha256; an older file is
        ws = open_for_review(args.file)  # shown upgraded in memory, never upgraded in place)
    except WorkshopFileError as error:
        print(str(error), file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        paths = render(ws, args.only, output_folder(args, args.out), paper=args.paper, blank=args.blank,
                       replace=args.force)
    except PrintCancelled:
        return 1
    except UNUSABLE_VALUE_ERRORS as error:  # a value planted behind the app's back: point to check
        raise unusable_file_error(ws.store.conn, args.file, error) from error
    finally:
        ws.close()
    for path in paths:
        print(path)
    print(tr("{count} documents printed in {seconds} s.", count=len(paths),
             seconds=f"{time.perf_counter() - started:.1f}"), file=sys.stderr)
    return 0
