"""The draft's chapter "Analysis of the region": a hook that the stage-I work fills.

Bimtek I analyses the region's readiness (people and skills, governance, regulation, infrastructure; the
*Analisis Strategis* book). This app does not record that yet; when it does, its area registers one
provider here and the draft's chapter carries what the provider returns::

    # in the stage-I area, e.g. fgd_app/core/analysis/draft_part.py, imported by that area's package
    from fgd_app.core.draft.region_analysis import register_provider
    from fgd_app.core.draft.model import Heading, Paragraph, Table

    def region_analysis_blocks(ws):
        rows = ws.analysis.readiness_rows()          # whatever that area stores
        if not rows:
            return []                               # nothing recorded: the chapter says what belongs there
        return [Heading(tr("Readiness"), 2), Table(tr("Readiness per aspect"), [...], rows)]

    register_provider("readiness", region_analysis_blocks)

A provider takes the open ``Workshop`` and returns blocks (``fgd_app.core.draft.model``), the empty list
when the file holds none of its data; it is called with the file open read-only. Providers run in the
order they were registered; one that raises is skipped and named in the chapter (the draft still gets
written). No Qt, no Word here: the writer draws the blocks like any other chapter's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fgd_app.core.draft.model import Block, Paragraph
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop

Provider = Callable[["Workshop"], list[Block]]
PROVIDERS: dict[str, Provider] = {}

# the modules that register a provider; imported when a draft is gathered (the stage-I area adds its own)
PROVIDER_MODULES: list[str] = []


def register_provider(name: str, provider: Provider) -> None:
    """Let ``provider`` add blocks to the chapter; a second registration of ``name`` replaces the first."""
    PROVIDERS[name] = provider


def unregister_provider(name: str) -> None:
    PROVIDERS.pop(name, None)


def what_belongs_here() -> str:
    return tr("This chapter holds the analysis of the region made in bimtek I: the readiness of its people "
              "and skills, governance, regulation and infrastructure, its strengths and weaknesses, and the "
              "problems and potentials the masterplan answers. Write it here, or record it in the app when "
              "it supports the stage-I analysis.")


def region_analysis_blocks(ws: Workshop) -> list[Block]:
    """Return the chapter's content from every provider; empty when none has data."""
    import importlib

    for module in PROVIDER_MODULES:
        importlib.import_module(module)
    blocks: list[Block] = []
    for name, provider in list(PROVIDERS.items()):
        try:
            blocks += provider(ws)
        except Exception:  # noqa: BLE001 - one broken part must not stop the draft
            blocks.append(Paragraph(tr("The part \u201c{name}\u201d of this analysis could not be read from the "
                                       "file.", name=name), "note"))
    return blocks
