"""``fgd-app draft FILE --out PATH.docx``: the masterplan draft as an editable Word document.

The workshop file is only read (as ``print`` reads it). Without options the draft follows the choices
remembered in the file (*Berkas → Buat draf masterplan…*); ``--chapters``, ``--dimensions``, ``--paper``
and ``--no-annexes`` override them for this run (they are not saved). The document is written under a
temporary name and renamed when complete; an existing file is replaced only with ``--force``. Exit codes:
0 written, 2 nothing written (see ``fgd_app.cli.output``).
"""

from __future__ import annotations

import argparse
import sys
import time

from fgd_app.core import WorkshopFileError
from fgd_app.core.draft.choices import CHAPTERS, PAPERS
from fgd_app.i18n import tr


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar=tr("FILE"), help=tr("workshop file (it is not changed)"))
    parser.add_argument("--out", required=True, metavar=tr("PATH.docx"), help=tr("the Word document to write"))
    parser.add_argument("--chapters", nargs="+", metavar=tr("NAME"), choices=list(CHAPTERS),
                        help=tr("only these chapters: {names}", names=", ".join(CHAPTERS)))
    parser.add_argument("--dimensions", nargs="+", metavar=tr("CODE"),
                        help=tr("only these dimensions, by code (GOV, BRD, ECO, LIV, SOC, ENV)"))
    parser.add_argument("--paper", type=str.upper, choices=list(PAPERS),
                        help=tr("paper size (F4 = folio, 215 x 330 mm; default: the file's choice, else A4)"))
    parser.add_argument("--no-annexes", action="store_true", help=tr("leave out the annexes"))
    parser.add_argument("--force", action="store_true", help=tr("replace the document if it exists"))


def run(args: argparse.Namespace) -> int:
    from fgd_app.cli.output import output_file
    from fgd_app.core.draft import gather_draft, load_choices
    from fgd_app.core.exchange.review import open_for_review
    from fgd_app.draft.docx_writer import docx_path, write_docx

    target = docx_path(args.out)  # refuses another extension before anything is read
    started = time.perf_counter()
    try:
        ws = open_for_review(args.file)
    except WorkshopFileError as error:
        print(str(error), file=sys.stderr)
        return 2
    try:
        choices = load_choices(ws.store)
        if args.chapters:
            choices.chapters = [c for c in CHAPTERS if c in args.chapters]
        if args.dimensions:
            known = {d.code.upper(): d.id for d in ws.dimensions.list()}
            unknown = [c for c in args.dimensions if c.upper() not in known]
            if unknown:
                print(tr("Unknown dimension code \u201c{code}\u201d; the file has: {codes}.", code=unknown[0],
                         codes=", ".join(known)), file=sys.stderr)
                return 2
            choices.dimension_ids = [known[c.upper()] for c in args.dimensions]
        if args.paper:
            choices.paper = args.paper
        if args.no_annexes:
            choices.annexes = False
        draft = gather_draft(ws, choices)
    finally:
        ws.close()
    path = write_docx(draft, output_file(args, target, force=args.force), replace=args.force)
    print(path)
    print(tr("Masterplan draft written in {seconds} s: {tables} tables, {figures} figures.",
             seconds=f"{time.perf_counter() - started:.1f}", tables=len(draft.tables()),
             figures=len(draft.figures())), file=sys.stderr)
    return 0
