"""SQLite URIs: one helper quotes every path, so '#', '?' and '%' in folder names open the right file."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

import fgd_app
from fgd_app.core.store.uri import sqlite_uri


@pytest.mark.parametrize("name", ["Serah #2", "Serah %41", "tanya?ya", "a&b=c", "spasi  ganda", "Ünïcødé"])
def test_a_quoted_uri_opens_exactly_the_named_file(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    path = folder / "data.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "a stray file appeared beside the folder"


def test_parameters_are_appended_after_the_quoted_path():
    assert sqlite_uri(Path("/a #/b.db"), mode="ro", immutable="1") == "file:/a%20%23/b.db?mode=ro&immutable=1"


def test_every_sqlite_uri_in_the_app_is_built_by_the_helper():
    package = Path(fgd_app.__file__).parent
    handmade = [f"{path.relative_to(package)}:{number}"
                for path in package.rglob("*.py") if path.name != "uri.py"
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if re.search(r"""f?["']file:""", line)]
    assert handmade == []
