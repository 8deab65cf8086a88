"""Render documents to PDF files: the one entry point for the GUI's Print page and ``fgd-app print``."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from fgd_app.core.output_files import Staged, check_target, output_error
from fgd_app.i18n import tr
from fgd_app.reports.context import StoryContext
from fgd_app.reports.engine import PageDecor, PrintCancelled, PrintDocTemplate, canvas_class, page_size, printed_stamp
from fgd_app.reports.registry import DocumentSpec, document, documents

if TYPE_CHECKING:
    from fgd_app.core import Workshop

Progress = Callable[[float, str], None]
BLANK_SUFFIX = "-kosong"


def output_name(spec: DocumentSpec, blank: bool) -> str:
    """Return the PDF file name of a document ("daftar-hadir.pdf", "lembar-inovasi-kosong.pdf")."""
    return f"{spec.name}{BLANK_SUFFIX if blank else ''}.pdf"


def has_blank_form(spec: DocumentSpec) -> bool:
    """Return whether the document can be printed as an empty form (paperwork and worksheets; not reports)."""
    return spec.kind != "report"


def available_documents(ws: Workshop) -> list[DocumentSpec]:
    """Return the documents this workshop can print."""
    return [s for s in documents() if s.available is None or s.available(ws)]


def build_pdf(ws: Workshop, spec: DocumentSpec, target: Path, *, paper: str = "A4", blank: bool = False,
              orientation: str | None = None, cancel: Callable[[], bool] | None = None,
              on_page: Callable[[int], None] | None = None, replace: bool = True) -> int:
    """Write one document to ``target`` (atomically: a cancelled or failed build leaves nothing); return pages."""
    with Staged(replace=replace) as staged:
        pages = _write_pdf(ws, spec, staged.temporary(target), paper=paper, blank=blank, orientation=orientation,
                           cancel=cancel, on_page=on_page)
        staged.commit()
    return pages


def _write_pdf(ws: Workshop, spec: DocumentSpec, path: Path, *, paper: str, blank: bool, orientation: str | None,
               cancel: Callable[[], bool] | None, on_page: Callable[[int], None] | None) -> int:
    """Write one document to ``path``; return its number of pages.

    Python's cycle collector is paused while the document is made: a long document holds millions of
    objects (every cell's Paragraph and its lines), and each full collection walks them all, a third of
    the time of a 700-page document at ``--scale 100``; a document leaves almost no cycles behind.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _make_pdf(ws, spec, path, paper=paper, blank=blank, orientation=orientation, cancel=cancel,
                         on_page=on_page)
    finally:
        if paused:
            gc.enable()


def _make_pdf(ws: Workshop, spec: DocumentSpec, path: Path, *, paper: str, blank: bool, orientation: str | None,
              cancel: Callable[[], bool] | None, on_page: Callable[[int], None] | None) -> int:
    size = page_size(spec.paper or paper, orientation or spec.orientation)
    title = tr(spec.title)
    ctx = StoryContext(ws, pagesize=size, blank=blank, paper=spec.paper or paper, title=title)
    story = spec.build(ctx)
    decor = PageDecor(file_name=ws.path.name, printed=printed_stamp(), region_line=ctx.region_line())
    doc = PrintDocTemplate(str(path), size, title=f"{title} \u2014 {ctx.info.region_name}", cancel=cancel,
                           on_page=on_page)
    doc.build(story, canvasmaker=canvas_class(decor))
    return doc.page


def render(ws: Workshop, names: Iterable[str] | None, out_dir: str | os.PathLike, *, paper: str = "A4",
           blank: bool = False, orientation: str | None = None, progress: Progress | None = None,
           cancel: Callable[[], bool] | None = None, replace: bool = True) -> list[Path]:
    """Print documents ``names`` (None: every available one) into ``out_dir``; return the PDF paths.

    ``blank`` prints the paperwork and worksheets as empty forms ("-kosong.pdf"); reports, which have
    nothing to fill in, print as usual when named and are left out of a blank set.

    ``progress(fraction, message)`` is called as pages are made (fraction 0..1, for a progress bar);
    ``cancel()`` is asked before every page: when it returns True, ``PrintCancelled`` is raised.

    The documents of one call are written under temporary names and renamed together at the end: a
    cancelled or failed call (or Ctrl-C) leaves none of them. ``out_dir`` is created when missing. With
    ``replace`` False an existing PDF of the same name is refused (``OutputExistsError``) before anything
    is printed. A folder or disk that refuses the files raises ``OutputError`` (an ``OSError``).
    """
    if names is None:  # every document; a blank set is the forms only (reports have nothing to fill in)
        specs = [s for s in available_documents(ws) if not blank or has_blank_form(s)]
    else:
        specs = [document(n) for n in names]
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise output_error(error, out) from error
    targets = [out / output_name(spec, blank and has_blank_form(spec)) for spec in specs]
    for target in targets:
        check_target(target, replace=replace)
    count = max(1, len(specs))
    with Staged(replace=replace) as staged:
        for index, (spec, target) in enumerate(zip(specs, targets, strict=True)):
            if cancel is not None and cancel():
                raise PrintCancelled()
            title = tr(spec.title)

            def on_page(pages: int, index: int = index, title: str = title) -> None:
                if progress is not None:
                    progress((index + 1 - 0.8 ** pages) / count,
                             tr("{document}: page {page}", document=title, page=pages))

            if progress is not None:
                progress(index / count, title)
            _write_pdf(ws, spec, staged.temporary(target), paper=paper, blank=blank and has_blank_form(spec),
                       orientation=orientation, cancel=cancel, on_page=on_page)
        written = staged.commit()
    if progress is not None:
        progress(1.0, tr("Done"))
    return written
