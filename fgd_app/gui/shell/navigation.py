"""The facilitator's path through a workshop: the registry of pages the main window shows.

A page is added with ONE line in ``PAGES``. The main window lists
the pages by ``order`` in its navigation, creates each page the first time it is shown, and gives it
the keys Ctrl+1 .. Ctrl+9 in that order.

Page contract
-------------
- A page is a ``QWidget`` subclass constructed as ``Page(workshop, parent=None, **needs)``, where
  ``workshop`` is the open ``fgd_app.core.Workshop``. The page imports its own modules; keep module import
  light.
- A page receives what it needs; it never looks for it (no ``self.window().settings``, no global registry).
  The main window makes one ``PageContext`` (the workshop, the app's ``Settings``, the workshop's
  ``ProjectorHub``) and passes the fields a ``PageSpec`` names in ``needs`` as keyword arguments, e.g.
  ``needs=("settings",)`` -> ``Page(workshop, None, settings=...)``. Every page of a window gets the same
  objects. Give each such keyword a default that lets the page stand alone (a test, a benchmark): without
  ``settings`` it uses the user's ``Settings()``, without ``hub`` it makes a private ``ProjectorHub``.
- Optional ``on_changes(changes)``: called by the main window after every commit, undo and redo with a
  ``fgd_app.core.store.changes.Changes`` (``.name``, ``.areas``, ``.kind``). Ask by area, never by table:
  ``changes.touches("opds", "innovations")``, or ``changes.only("attendance")`` for a quick path; the areas
  and the tables in each are listed in ``AREA_OF_TABLE`` there, and a misspelt area raises ``ValueError``.
  Refresh only what the areas say changed. Pages are told about changes even while hidden.
- Optional ``focus_first()``: put the keyboard focus on the page's first useful input; called when
  the facilitator navigates to the page.
- When ``workshop.read_only`` is true the page must not allow edits (disable or hide edit controls).
- Every edit goes through the core (one ``store.write`` per edit); the page never runs SQL. Show a
  ``ValidationError`` next to its field (see ``fgd_app.gui.widgets.common.FieldError``).
- Visible text goes through ``tr()``; ``title`` below is an English msgid marked with ``N_``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

from fgd_app.i18n import N_

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from fgd_app.core import Workshop
    from fgd_app.gui.projector.hub import ProjectorHub
    from fgd_app.gui.shell.settings import Settings


class PageContext(NamedTuple):
    """What the main window hands the pages it builds (the same objects to each of them)."""

    workshop: Workshop  # the open workshop
    settings: Settings  # the app's settings (print folder and paper, recent files, language)
    hub: ProjectorHub  # the workshop's projector window and round timer (fgd_app.gui.projector.hub)
    # show another page at a record: navigate("risks", risk_id); the page's optional show_target(record_id)
    # selects it ("" = just the page). None for a page built on its own.
    navigate: Callable[[str, str], None] | None = None


class PageSpec(NamedTuple):  # not a dataclass: defined at every start, ~8x quicker
    """One page of the main window."""

    key: str  # "workshop", "people", "innovations", ...
    title: str  # English msgid marked with N_(...); shown via tr()
    factory: str  # "fgd_app.gui.workshop.page:WorkshopPage" (imported lazily)
    order: int  # position in the facilitator's path
    needs: tuple[str, ...] = ()  # PageContext fields passed as keyword arguments, e.g. ("settings",)

    def load(self) -> type:
        """Import and return the page class named by ``factory``."""
        module_name, _, class_name = self.factory.partition(":")
        return getattr(importlib.import_module(module_name), class_name)

    def create(self, context: PageContext, parent: QWidget | None = None) -> QWidget:
        """Build the page with the workshop and the parts of ``context`` it ``needs``."""
        needs = {name: getattr(context, name) for name in self.needs}
        return self.load()(context.workshop, parent, **needs)


PAGES: list[PageSpec] = [
    PageSpec("workshop", N_("Workshop data"), "fgd_app.gui.workshop.page:WorkshopPage", 10),
    # Other areas add their line here, e.g.
    # PageSpec("people", N_("Participants and OPDs"), "fgd_app.gui.people.page:PeoplePage", 20),
    PageSpec("people", N_("Participants and OPDs"), "fgd_app.gui.people.page:PeoplePage", 20),
    PageSpec("innovations", N_("Innovations (Day 1)"), "fgd_app.gui.innovations.page:InnovationsPage", 30,
             needs=("hub",)),
    PageSpec("plans", N_("Action plans (Day 2)"), "fgd_app.gui.plans.page:PlanningPage", 40),
    PageSpec("roadmap", N_("Roadmap"), "fgd_app.gui.roadmap.page:RoadmapPage", 45),
    PageSpec("risks", N_("Risks (Day 2)"), "fgd_app.gui.risks.page:RiskPage", 50),
    PageSpec("quickwins", N_("Quick wins"), "fgd_app.gui.quickwins.page:QuickWinPage", 60),
    PageSpec("minutes", N_("Minutes (notulen)"), "fgd_app.gui.minutes.page:MinutesPage", 65,
             needs=("settings",)),
    PageSpec("print", N_("Print"), "fgd_app.gui.printing.page:PrintPage", 70, needs=("settings",)),
    PageSpec("coverage", N_("Coverage and hand-over"), "fgd_app.gui.coverage.page:CoveragePage", 80,
             needs=("navigate",)),
    # stage I (its own bimtek): listed last so that the day-1/day-2 pages keep their keys Ctrl+1..9
    PageSpec("analysis", N_("Region conditions"), "fgd_app.gui.analysis.page:AnalysisPage", 90),
]


def ordered_pages() -> list[PageSpec]:
    """Return the pages in the facilitator's order (keys must be unique)."""
    keys = [p.key for p in PAGES]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate page keys in PAGES: {keys}")
    return sorted(PAGES, key=lambda p: (p.order, p.key))
