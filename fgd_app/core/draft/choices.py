"""What the facilitator chose for the draft: chapters, dimensions, paper, annexes; remembered in the file.

The choices are one JSON value under the key ``draft_options`` of ``document_setting`` (the table of the
paperwork's named fields), so no schema change is needed and a copy of the file drafts the same way.
Saving them is one undoable operation. Unknown chapters or dimensions in a stored value are ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fgd_app.core.store.record_table import new_id
from fgd_app.core.store.writer import Store, now_iso
from fgd_app.i18n import N_, tr

SETTING_KEY = "draft_options"
PAPERS = ("A4", "F4")

# chapter key -> title (English msgid); the annexes are a choice of their own ("with or without annexes")
CHAPTERS: dict[str, str] = {
    "workshop": N_("The region and the workshop"),
    "region_analysis": N_("Analysis of the region"),
    "dimensions": N_("Masterplan per dimension"),
    "risks": N_("Risk management"),
    "quickwins": N_("Quick wins"),
    "roadmap": N_("Roadmap and budget"),
}
ANNEXES = "annexes"
ANNEXES_TITLE = N_("Annexes")


@dataclass
class DraftChoices:
    """``chapters`` in document order; ``dimension_ids`` None means every dimension."""

    chapters: list[str] = field(default_factory=lambda: list(CHAPTERS))
    dimension_ids: list[str] | None = None
    paper: str = "A4"
    annexes: bool = True

    def to_json(self) -> str:
        return json.dumps({"chapters": self.chapters, "dimensions": self.dimension_ids, "paper": self.paper,
                           "annexes": self.annexes}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DraftChoices:
        """Return the choices stored as ``text``; anything unreadable falls back to the defaults."""
        try:
            raw = json.loads(text)
        except (ValueError, TypeError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        chapters = raw.get("chapters")
        chapters = [c for c in CHAPTERS if isinstance(chapters, list) and c in chapters] if chapters is not None \
            else list(CHAPTERS)
        dims = raw.get("dimensions")
        dims = [d for d in dims if isinstance(d, str)] if isinstance(dims, list) else None
        paper = raw.get("paper") if raw.get("paper") in PAPERS else "A4"
        return cls(chapters=chapters, dimension_ids=dims, paper=paper, annexes=raw.get("annexes") is not False)

    def wants(self, chapter: str) -> bool:
        return self.annexes if chapter == ANNEXES else chapter in self.chapters


def load_choices(store: Store) -> DraftChoices:
    """Return the choices remembered in the workshop file (the defaults when none are)."""
    value = store.scalar("SELECT value FROM document_setting WHERE key = ?", (SETTING_KEY,))
    return DraftChoices.from_json(value) if value else DraftChoices()


def save_choices(store: Store, choices: DraftChoices) -> None:
    """Remember ``choices`` in the file (one undoable operation; nothing when they did not change)."""
    if choices.paper not in PAPERS:
        raise ValueError(choices.paper)
    text = choices.to_json()
    if store.scalar("SELECT value FROM document_setting WHERE key = ?", (SETTING_KEY,)) == text:
        return
    stamp = now_iso()
    with store.write(tr("Choose the masterplan draft's contents")):
        store.execute("INSERT INTO document_setting (id, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                      (new_id(), SETTING_KEY, text, stamp, stamp))
