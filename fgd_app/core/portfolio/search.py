"""Find similar innovations in every region ("who else builds a Mal Pelayanan Publik?").

The consolidated file stays read-only: the FTS5 index is built on first use in a memory database attached
to the portfolio's connection (``desk``), from the innovations' name, problem and description and the
region's name; a query then costs one FTS5 match (see tests/perf/bench_portfolio.py).
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    workshop_id: str
    region_code: str
    region_name: str
    stage: int
    dimension: str
    code: str
    name: str
    problem: str
    description: str


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Return an FTS5 query matching every word of ``text`` (the last one as a prefix); '' for no words.

    Words are quoted, so nothing the user types is FTS5 syntax (``AND``, ``"``, ``*``, ``-``, ``:``).
    """
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class InnovationSearch:
    """An FTS5 index over every region's innovations, in memory; ``find(text)`` returns hits, best first."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        started = time.perf_counter()
        conn.execute("ATTACH DATABASE ':memory:' AS desk")
        conn.execute("CREATE VIRTUAL TABLE desk.innovation_fts USING fts5(name, problem, description, region, "
                     "content='', tokenize='unicode61 remove_diacritics 2')")
        conn.execute("INSERT INTO desk.innovation_fts (rowid, name, problem, description, region) "
                     "SELECT i.rowid, i.name, i.problem, i.description, w.region_name FROM innovation i "
                     "LEFT JOIN workshop w ON w.id = i._workshop_id")
        self.build_seconds = time.perf_counter() - started

    def find(self, text: str, limit: int = 200) -> list[Hit]:
        """Return up to ``limit`` innovations matching every word of ``text``, best match first."""
        query = fts_query(text)
        if not query:
            return []
        rows = self.conn.execute(
            "SELECT i._workshop_id, w.region_code, w.region_name, w.bimtek_stage, coalesce(d.name, ''), i.code, "
            "i.name, i.problem, i.description FROM (SELECT rowid AS rid, rank FROM desk.innovation_fts "
            "WHERE innovation_fts MATCH ? ORDER BY rank LIMIT ?) f JOIN innovation i ON i.rowid = f.rid "
            "LEFT JOIN workshop w ON w.id = i._workshop_id LEFT JOIN dimension d ON d.id = i.dimension_id "
            "ORDER BY f.rank", (query, limit))
        return [Hit(str(r[0]), r[1] or "", r[2] or "", int(r[3] or 0), r[4], r[5] or "", r[6] or "", r[7] or "",
                    r[8] or "") for r in rows]
