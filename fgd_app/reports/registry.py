"""The documents the app prints: one ``DocumentSpec`` each, registered by the module that builds it."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from fgd_app.i18n import N_

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.reports.context import StoryContext

# Modules that register documents, in the order documents are listed (paperwork first).
DOCUMENT_MODULES = ("fgd_app.reports.paperwork", "fgd_app.reports.worksheets", "fgd_app.reports.innovations",
                    "fgd_app.reports.plans", "fgd_app.reports.risks", "fgd_app.reports.quickwins",
                    "fgd_app.reports.statistics", "fgd_app.reports.analysis")

KINDS = {"paperwork": N_("Paperwork"), "worksheet": N_("Worksheets"), "report": N_("Reports")}


@dataclass(frozen=True)
class DocumentSpec:
    """One printable document.

    ``name`` is the file stem and the CLI's ``--only`` name; ``title`` an English msgid (translated when
    printed); ``paper`` None means the paper the user chose, "A3" fixes it (the roadmap);
    ``available(ws)`` says whether the workshop holds what the document needs (None: always).
    """

    name: str
    title: str
    build: Callable[[StoryContext], list[Flowable]]
    kind: str = "report"
    orientation: str = "portrait"
    paper: str | None = None
    description: str = ""
    available: Callable[[Workshop], bool] | None = None


REGISTRY: dict[str, DocumentSpec] = {}


def register(spec: DocumentSpec) -> DocumentSpec:
    """Add a document to the registry (a later registration of the same name replaces it)."""
    if spec.kind not in KINDS:
        raise ValueError(f"unknown document kind {spec.kind!r}")
    if spec.orientation not in ("portrait", "landscape"):
        raise ValueError(f"unknown orientation {spec.orientation!r}")
    REGISTRY[spec.name] = spec
    return spec


def documents() -> list[DocumentSpec]:
    """Return every registered document, paperwork first, then worksheets, then reports."""
    for module in DOCUMENT_MODULES:
        importlib.import_module(module)
    order = list(KINDS)
    return sorted(REGISTRY.values(), key=lambda s: order.index(s.kind))


def document(name: str) -> DocumentSpec:
    """Return the document called ``name``; raise KeyError listing the known names."""
    known = {s.name: s for s in documents()}
    if name not in known:
        raise KeyError(f"unknown document {name!r}; known: {', '.join(known)}")
    return known[name]
