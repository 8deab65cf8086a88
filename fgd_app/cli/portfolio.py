"""``fgd-app portfolio CONSOLIDATED --out DIR``: the national summary PDF and the portfolio workbook.

    fgd-app portfolio nasional.db --out laporan/ [--province 36] [--stage 2] [--incomplete] [--force]

The consolidated file is only read. Writes ``ringkasan_nasional.pdf`` and ``portofolio.xlsx`` into DIR.
"""

from __future__ import annotations

import argparse
import sys

from fgd_app.i18n import tr

WORKBOOK_NAME = "portofolio.xlsx"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar=tr("CONSOLIDATED"),
                        help=tr("the consolidated database written by fgd-app merge (it is not changed)"))
    parser.add_argument("--out", required=True, metavar=tr("FOLDER"), help=tr("write the PDF and the workbook into FOLDER"))
    parser.add_argument("--province", default="", metavar=tr("CODE"), help=tr("only the regions of this province (code)"))
    parser.add_argument("--stage", type=int, default=0, choices=range(0, 5), metavar="N",
                        help=tr("only this bimtek stage (1-4)"))
    parser.add_argument("--incomplete", action="store_true", help=tr("only the regions that still miss something"))
    parser.add_argument("--force", action="store_true", help=tr("replace files of the same name"))


def run(args: argparse.Namespace) -> int:
    import time

    from fgd_app.cli.output import output_folder
    from fgd_app.core.output_files import check_target
    from fgd_app.core.portfolio import PortfolioError, open_portfolio
    from fgd_app.core.portfolio.compare import all_comparisons, overview
    from fgd_app.core.portfolio.rows import filter_rows
    from fgd_app.core.portfolio.workbook import write_workbook
    from fgd_app.reports.portfolio import PDF_NAME, write_summary_pdf

    started = time.perf_counter()
    try:
        portfolio = open_portfolio(args.file)
    except PortfolioError as error:
        print(error.message, file=sys.stderr)
        return 2
    with portfolio:
        rows = filter_rows(portfolio.rows(), province=args.province, stage=args.stage,
                           incomplete_only=args.incomplete)
        folder = output_folder(args, args.out)
        pdf, workbook = folder / PDF_NAME, folder / WORKBOOK_NAME
        for target in (pdf, workbook):  # both refused before either is written
            check_target(target, replace=args.force)
        pages = write_summary_pdf(portfolio, rows, pdf, replace=args.force)
        notes: list[str] = []
        write_workbook([overview(rows), *all_comparisons(portfolio, rows)], workbook, replace=args.force, notes=notes)
    print(tr("{count} regions and stages, {incomplete} incomplete.", count=len(rows),
             incomplete=sum(1 for r in rows if r.missing)))
    print(tr("National summary written: {path} ({pages} pages)", path=pdf, pages=pages))
    print(tr("Workbook written: {path}", path=workbook))
    for note in notes:
        print("  " + note)
    print(tr("Done in {seconds} s.", seconds=f"{time.perf_counter() - started:.1f}"))
    return 0
