"""Finding innovations as the facilitator types: FTS5 prefix search, and near-duplicate names.

The FTS5 table ``innovation_fts`` (migration 0002) is kept in sync by triggers on the base tables, so
undo and redo, which replay base-table rows, keep it right too. Words are matched by prefix, without
regard to case or diacritics ("kecam" finds "Kécamatan"). Text with no searchable word in it (``<``,
``&``, quotes) is looked up literally instead.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from fgd_app.core.store.writer import Store

_WORD = re.compile(r"[^\W_]+")
SIMILAR_THRESHOLD = 0.8
# Words that say little about what an innovation is; left out when comparing names.
GENERIC_WORDS = frozenset((
    "aplikasi", "sistem", "layanan", "pelayanan", "program", "inovasi", "digital", "online", "daring", "berbasis",
    "pengembangan", "peningkatan", "penguatan", "gerakan", "smart", "e", "si", "dan", "di", "ke", "untuk", "dengan",
    "yang", "bagi", "pada", "kabupaten", "kab", "kota",
))

_SEARCH_TEXT = """
SELECT i.id FROM innovation i
LEFT JOIN opd o ON o.id = i.lead_opd_id
WHERE instr(lower(i.code || ' ' || i.name || ' ' || i.description || ' ' || i.problem || ' ' || i.improvement
                  || ' ' || i.beneficiaries || ' ' || i.notes || ' ' || i.proposing_group || ' '
                  || coalesce(o.name, '') || ' ' || coalesce(o.short_name, '')), lower(?)) > 0
"""


def fts_query(text: str) -> str | None:
    """Return an FTS5 query matching every typed word as a prefix, or None when no word was typed."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


@lru_cache(maxsize=20_000)
def normalise_name(name: str) -> str:
    """Return a name reduced for comparison: lower case, no diacritics or punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_WORD.findall(text))


def _core(normalised: str) -> str:
    words = [w for w in normalised.split() if w not in GENERIC_WORDS]
    return " ".join(words) if words else normalised


class NameMatcher:
    """Compare one name against many (the typed name stays the cached second sequence of difflib)."""

    def __init__(self, name: str):
        self.normalised = normalise_name(name)
        self.core = _core(self.normalised)
        self.words = set(self.normalised.split())
        self.core_words = set(self.core.split())
        self._matcher = SequenceMatcher(None, "", self.core, autojunk=False)

    def score(self, other: str) -> float:
        """Return 0..1: how close ``other`` is to the name (1.0 = the same words, typos forgiven).

        The larger of: the character similarity of the names without generic words ("aplikasi",
        "sistem", ...), and the share of the shorter name's words found in the other (when it has at
        least two words and they share a word that is not generic).
        """
        nb = normalise_name(other)
        if not self.normalised or not nb:
            return 0.0
        if nb == self.normalised:
            return 1.0
        words = set(nb.split())
        cb = _core(nb)
        shorter = min(len(self.words), len(words))
        containment = len(self.words & words) / shorter if shorter >= 2 else 0.0
        if containment and not self.core_words & set(cb.split()):
            containment = 0.0  # only generic words in common
        if containment >= 1.0:
            return 1.0
        lengths = len(self.core) + len(cb)
        if lengths and 2 * min(len(self.core), len(cb)) / lengths < SIMILAR_THRESHOLD:
            return containment  # lengths alone rule out a close match
        matcher = self._matcher
        matcher.set_seq1(cb)
        if matcher.quick_ratio() < SIMILAR_THRESHOLD:
            return containment
        return max(containment, matcher.ratio())


def name_similarity(a: str, b: str) -> float:
    """Return 0..1: how close two innovation names are ("Aplikasi bank sampah" vs
    "aplikasi Bank Sampah digital" -> 1.0). See ``NameMatcher.score``."""
    return NameMatcher(a).score(b)


INDEX_SOURCES = frozenset({"innovation", "innovation_supporting_opd", "opd"})  # what the index is made from


def rebuild_index(store: Store) -> None:
    """Refill the search index from the rows (inside a write, or an undo/redo: ``Store.add_derived``)."""
    store.execute("DELETE FROM innovation_fts")
    store.execute(
        "INSERT INTO innovation_fts (rowid, id, code, name, description, problem, opds) "
        "SELECT innovation_rowid, id, code, name, description, problem, opds FROM innovation_fts_source")


class InnovationIndex:
    """Search and similarity over the workshop's innovations."""

    def __init__(self, store: Store):
        self.store = store
        self._checked = False
        self._usable = True

    def search(self, text: str, dimension_id: str | None = None) -> list[str]:
        """Return ids of innovations matching every typed word (best first); all ids for blank text."""
        text = text.strip()
        if not text:
            where, params = ("WHERE dimension_id = ?", (dimension_id,)) if dimension_id else ("", ())
            return [r[0] for r in self.store.conn.execute(f"SELECT id FROM innovation {where}", params)]
        query = fts_query(text)
        if query is not None and self._ensure_index():
            sql = "SELECT f.id FROM innovation_fts f"
            params: tuple = (query,)
            if dimension_id:
                sql += " JOIN innovation i ON i.id = f.id WHERE innovation_fts MATCH ? AND i.dimension_id = ?"
                params = (query, dimension_id)
            else:
                sql += " WHERE innovation_fts MATCH ?"
            try:
                return [r[0] for r in self.store.conn.execute(sql + " ORDER BY f.rank", params)]
            except sqlite3.OperationalError:
                pass  # something FTS cannot parse: fall back to a literal search
        sql, params = _SEARCH_TEXT, (text,)
        if dimension_id:
            sql, params = sql + " AND i.dimension_id = ?", (text, dimension_id)
        return [r[0] for r in self.store.conn.execute(sql, params)]

    def _ensure_index(self) -> bool:
        """Check once per session that the index matches the rows (VACUUM may renumber rowids); rebuild if not."""
        if self._checked:
            return self._usable
        self._checked = True
        total = self.store.scalar("SELECT count(*) FROM innovation")
        matching = self.store.scalar(
            "SELECT count(*) FROM innovation i JOIN innovation_fts f ON f.rowid = i.rowid AND f.id = i.id")
        indexed = self.store.scalar("SELECT count(*) FROM innovation_fts")
        if total == matching == indexed:
            return True
        if self.store.read_only:
            self._usable = False
            return False
        self.rebuild()
        return True

    def rebuild(self) -> None:
        """Rebuild the search index from the innovation rows (not an undoable edit)."""
        with self.store.write("rebuild search index", undoable=False):
            rebuild_index(self.store)

    def similar_names(self, dimension_id: str, name: str, *, exclude_id: str | None = None,
                      limit: int = 5) -> list[tuple[str, str, str, float]]:
        """Return (id, code, name, score) of the dimension's innovations named close to ``name``, closest first."""
        if not normalise_name(name):
            return []
        found = []
        matcher = NameMatcher(name)
        for innovation_id, code, other in self.store.conn.execute(
                "SELECT id, code, name FROM innovation WHERE dimension_id = ?", (dimension_id,)):
            if innovation_id == exclude_id:
                continue
            score = matcher.score(other)
            if score >= SIMILAR_THRESHOLD:
                found.append((innovation_id, code, other, round(score, 3)))
        found.sort(key=lambda item: (-item[3], item[1]))
        return found[:limit]
