"""Print one day's notulen straight from the notulen page, into the Print page's output folder.

One day is one to three pages (well under a second), so it is built on the GUI thread with the window's
own connection: everything committed so far is in it. The file goes where the Print page puts its PDFs
(the remembered output folder, "<folder>/<workshop>-cetak/") on the remembered paper, named after the
day ("notulen-2024-07-02.pdf"), so it is found beside the other paperwork.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from fgd_app.gui.shell.settings import Settings

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.workshop.details import WorkshopDay


def print_folder(settings: Settings, workshop_path: Path) -> Path:
    """Return the folder the Print page writes this workshop's PDFs to."""
    from fgd_app.gui.printing.page import default_folder, output_folder_for

    folder = str(settings.q.value("print/folder", "") or "")
    return output_folder_for(folder if folder and Path(folder).is_dir() else default_folder(), workshop_path)


def print_paper(settings: Settings) -> str:
    """Return the paper chosen on the Print page (A4 or F4)."""
    from fgd_app.reports import PAPERS

    paper = str(settings.q.value("print/paper", "A4") or "A4").upper()
    return paper if paper in PAPERS and paper != "A3" else "A4"


def minutes_file_name(day: WorkshopDay) -> str:
    return f"notulen-{day.day_date}.pdf"


def print_day_minutes(ws: Workshop, day: WorkshopDay, out_dir: Path, *, paper: str = "A4") -> Path:
    """Write the notulen of ``day`` alone to ``out_dir`` (created when missing) and return the PDF's path.

    Raises OSError when the folder or the file cannot be written; a failed build leaves no file behind.
    """
    from fgd_app.reports import document
    from fgd_app.reports.paperwork import minutes_section
    from fgd_app.reports.render import build_pdf

    spec = dataclasses.replace(document("notulen"), name=f"notulen-{day.day_date}",
                               build=lambda ctx: minutes_section(ctx, day))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / minutes_file_name(day)
    build_pdf(ws, spec, target, paper=paper)
    return target
