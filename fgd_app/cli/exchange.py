"""``fgd-app export`` and ``fgd-app merge``: the command-line side of hand-over, Excel/CSV and consolidation.

    fgd-app export FILE --handover DIR     the hand-over file for the ministry (+ its .sha256)
    fgd-app export FILE --excel OUT.xlsx   a workbook, one sheet per record type, plus a legend
    fgd-app export FILE --csv DIR          one CSV file per record type
    fgd-app merge OUT.db IN.db...          consolidate workshop files (inputs are never changed)

The workshop file is only read. Existing files are replaced only with ``--force``; folders are created;
see ``fgd_app.cli.output`` for what every command does with its output.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from fgd_app.i18n import tr


@contextlib.contextmanager
def _pointing_to_check(ws, path: str):
    """Turn an error on a value the export cannot use into a message pointing to ``fgd-app check``."""
    from fgd_app.core.store.rules import UNUSABLE_VALUE_ERRORS, unusable_file_error

    try:
        yield
    except UNUSABLE_VALUE_ERRORS as error:
        raise unusable_file_error(ws.store.conn, path, error) from error


class ExportCommand:
    """``fgd-app export FILE (--handover DIR | --excel OUT.xlsx | --csv DIR) [--force]``."""

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("file", metavar=tr("FILE"), help=tr("workshop file to export (it is not changed)"))
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--handover", metavar=tr("FOLDER"),
                          help=tr("write the hand-over file for the ministry and its SHA-256 into FOLDER"))
        what.add_argument("--excel", metavar=tr("WORKBOOK"),
                          help=tr("write an Excel workbook (.xlsx), one sheet per record type"))
        what.add_argument("--csv", metavar=tr("FOLDER"), help=tr("write one CSV file per record type into FOLDER"))
        parser.add_argument("--force", action="store_true", help=tr("replace files of the same name"))

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        from fgd_app.cli.output import output_file, output_folder

        if args.handover:
            from fgd_app.core.exchange.handover import export_handover

            result = export_handover(args.file, output_folder(args, args.handover), replace=args.force)
            print("\n".join(result.lines()))
            return 0
        from fgd_app.core.exchange.review import open_for_review

        if args.excel:
            from fgd_app.core.exchange.excel_export import export_workbook, workbook_path

            target = workbook_path(args.excel)  # refuses another extension before anything is read
            with open_for_review(args.file) as ws, _pointing_to_check(ws, args.file):
                path = export_workbook(ws, output_file(args, target, force=args.force), replace=args.force)
            print(tr("Workbook written: {path}", path=path))
            return 0
        from fgd_app.core.exchange.excel_export import export_csv

        with open_for_review(args.file) as ws, _pointing_to_check(ws, args.file):
            folder = output_folder(args, args.csv)
            paths = export_csv(ws, folder, replace=args.force)
        print(tr("{count} CSV files written into {path}", count=len(paths), path=folder))
        return 0


class MergeCommand:
    """``fgd-app merge OUT.db IN.db...``: exit 0 when every input was merged, 1 when some were skipped."""

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("output", metavar=tr("OUT"),
                            help=tr("the consolidated database (created, or extended when it exists)"))
        parser.add_argument("inputs", nargs="+", metavar=tr("IN"), help=tr("workshop files to merge (not changed)"))

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        from fgd_app.cli.output import output_file
        from fgd_app.core.exchange.merge import merge_files

        def progress(done: int, total: int, name: str) -> None:
            if name:
                print(tr("[{done}/{total}] {name}", done=done + 1, total=total, name=name), file=sys.stderr)

        output = output_file(args, args.output, force=True)  # an existing output is extended, never replaced
        report = merge_files(output, args.inputs, progress=progress if len(args.inputs) > 1 else None)
        print("\n".join(report.lines()))
        return 1 if report.skipped or report.conflicts else 0  # all already merged: 0, nothing to do
