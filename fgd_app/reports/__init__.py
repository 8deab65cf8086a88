"""Printing: worksheets, reports and workshop paperwork as PDF, from the core (no Qt).

``render(ws, names, out_dir, paper="A4", blank=False, progress=..., cancel=...)`` writes the PDFs;
``documents()`` lists what can be printed. See ``engine`` for the shared look, ``text`` for how user
text is kept from being read as markup.
"""

from fgd_app.reports.engine import PAPERS, PrintCancelled
from fgd_app.reports.registry import DocumentSpec, document, documents, register
from fgd_app.reports.render import available_documents, has_blank_form, output_name, render

__all__ = ["PAPERS", "DocumentSpec", "PrintCancelled", "available_documents", "document", "documents", "has_blank_form",
           "output_name", "register", "render"]
