"""Readable views (``db/views.sql``) written into hand-over files and consolidated databases."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from fgd_app.core.store import migrations
from fgd_app.core.store.writer import _q
from fgd_app.resources import db_path

VIEWS_FILE = "views.sql"
HANDOVER = "handover"
CONSOLIDATED = "consolidated"
_VIEW_NAME = re.compile(r"^\s*CREATE\s+VIEW\s+(\w+)", re.I)
_REGION = re.compile(r"\{\{region:(\w+)\}\}")
_SAME = re.compile(r"\{\{same:(\w+),\s*(\w+)\}\}")


@dataclass
class ViewResult:
    created: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # name -> SQLite's reason


def definitions(mode: str) -> list[tuple[str, str]]:
    """Return (name, CREATE VIEW statement) for every view, markers filled in for ``mode``."""
    text = db_path(VIEWS_FILE).read_text(encoding="utf-8")
    out = []
    for statement in migrations.split_statements(text):
        body = "\n".join(line for line in statement.splitlines() if not line.lstrip().startswith("--"))
        match = _VIEW_NAME.match(body)
        if not match:
            continue
        if mode == HANDOVER:
            body = _REGION.sub("(SELECT region_code FROM workshop)", body)
            body = _SAME.sub("1", body)
        else:
            body = _REGION.sub(lambda m: f"{m.group(1)}._region_code", body)
            body = _SAME.sub(lambda m: f"{m.group(1)}._workshop_id = {m.group(2)}._workshop_id", body)
        out.append((match.group(1), body))
    return out


def write_views(conn: sqlite3.Connection, mode: str) -> ViewResult:
    """(Re)create the views in ``conn``'s main schema; skip those whose tables or columns are missing."""
    result = ViewResult()
    for name, sql in definitions(mode):
        conn.execute(f"DROP VIEW IF EXISTS main.{_q(name)}")
        try:
            conn.execute(sql)
            conn.execute(f"SELECT * FROM main.{_q(name)} LIMIT 0").fetchall()
        except sqlite3.Error as error:
            conn.execute(f"DROP VIEW IF EXISTS main.{_q(name)}")
            result.skipped[name] = str(error)
            continue
        result.created.append(name)
    return result
