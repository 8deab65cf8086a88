"""The masterplan draft (issue 20): the workshop's content gathered as plain data for an editable document.

``gather_draft(ws, choices)`` returns a ``model.Draft``: chapters that follow the output books (the region
and the workshop, the analysis of the region, the masterplan per dimension, risks, quick wins, roadmap and
budget, annexes) of headings, paragraphs, tables and charts. ``choices`` (``DraftChoices``: chapters,
dimensions, A4/F4, annexes) are remembered in the workshop file. One module per chapter group
(``chapters_people``, ``chapters_analysis`` reading the stage-I ``ws.analysis``, ``chapters_risks``,
``chapters_roadmap``). The Word file is written by ``fgd_app.draft`` (python-docx); no Qt here.
"""

from fgd_app.core.draft.choices import CHAPTERS, DraftChoices, load_choices, save_choices
from fgd_app.core.draft.gather import gather_draft

__all__ = ["CHAPTERS", "DraftChoices", "gather_draft", "load_choices", "save_choices"]
