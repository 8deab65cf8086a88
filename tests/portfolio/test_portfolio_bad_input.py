# ruff: noqa: F811 - the fixtures imported from consolidated_files are parameters here
"""Files that are not a readable consolidated file are refused with a clear message and left unchanged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from bad_files import corrupt_middle_of_a_page
from consolidated_files import consolidated, consolidated_master, english  # noqa: F401 - fixtures

from fgd_app.core.exchange.merge import MergeError, merge_files
from fgd_app.core.portfolio import PortfolioError, open_portfolio
from fgd_app.core.portfolio.source import is_consolidated_file
from fgd_app.core.store import migrations

pytestmark = pytest.mark.usefixtures("english")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, *words: str) -> PortfolioError:
    before = _digest(path) if path.is_file() else None
    with pytest.raises(PortfolioError) as caught:
        open_portfolio(path)
    text = str(caught.value)
    assert all(w in text for w in words), text
    assert "Traceback" not in text
    if before is not None:
        assert _digest(path) == before
    return caught.value


def test_a_workshop_file_is_not_a_consolidated_file(consolidated_master):
    error = _refused(consolidated_master.parent / "36.04.fgd.db", "workshop file of one region", "fgd-app merge")
    assert error.workshop_file
    assert not is_consolidated_file(consolidated_master.parent / "36.04.fgd.db")
    assert is_consolidated_file(consolidated_master)


def test_a_newer_consolidated_file(consolidated):
    conn = sqlite3.connect(consolidated)
    conn.execute("UPDATE metadata SET value = ? WHERE key = 'format_version'", (str(migrations.schema_version() + 1),))
    conn.execute("UPDATE metadata SET value = '9.0' WHERE key = 'app_version'")
    conn.commit()
    conn.close()
    _refused(consolidated, "newer version", "9.0", "not changed")


@pytest.mark.parametrize("table", ["innovation", "action_plan", "risk", "participant"])
def test_a_damaged_consolidated_file(consolidated, table):
    """No integrity check at opening (too slow for 500 regions): every table the portfolio reads is read at
    opening, so a damaged page in any of them refuses the file."""
    corrupt_middle_of_a_page(consolidated, table)
    _refused(consolidated, "damaged")


def test_truncated_not_sqlite_folder_and_missing(tmp_path):
    short = tmp_path / "short.db"
    short.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    _refused(short, "truncated")
    text = tmp_path / "notes.db"
    text.write_text("hello")
    _refused(text, "not an SQLite database")
    _refused(tmp_path, "folder")
    _refused(tmp_path / "missing.db", "does not exist")


def test_an_sqlite_file_of_another_program(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE metadata (key TEXT, value TEXT)")
    conn.execute("INSERT INTO metadata VALUES ('application', 'something.else')")
    conn.commit()
    conn.close()
    _refused(other, "another program")


def test_a_consolidated_file_missing_tables(consolidated):
    conn = sqlite3.connect(consolidated)
    conn.execute("DROP TABLE quickwin_choice")
    conn.commit()
    conn.close()
    _refused(consolidated, "not a complete consolidated file", "quickwin_choice")


def test_merge_refuses_a_workshop_file_as_output_and_leaves_it(consolidated_master):
    """The reverse: a workshop file given where the consolidated file is expected (merge's output)."""
    workshop = consolidated_master.parent / "36.73.fgd.db"
    before = _digest(workshop)
    with pytest.raises(MergeError, match="not a consolidated database"):
        merge_files(workshop, [consolidated_master.parent / "36.04.fgd.db"])
    assert _digest(workshop) == before


def test_a_consolidated_file_given_as_a_workshop_file(consolidated, tmp_path, capsys):
    """The reverse: workshop commands and the merge name a consolidated file as one, and change nothing."""
    from fgd_app.cli.commands import main

    before = hashlib.sha256(consolidated.read_bytes()).hexdigest()
    for command in (["check", str(consolidated)], ["check", str(consolidated), "--completeness"],
                    ["print", str(consolidated), "--out", str(tmp_path / "print")],
                    ["next-stage", str(consolidated), "--out", str(tmp_path / "next.fgd.db")]):
        assert main(command) != 0, command
        out = capsys.readouterr()
        assert "is a consolidated file of many regions (fgd-app merge)" in out.out + out.err, command
        assert "Traceback" not in out.out + out.err
    assert main(["merge", str(tmp_path / "again.db"), str(consolidated)]) != 0
    assert "a consolidated file (fgd-app merge), not a workshop file" in capsys.readouterr().out
    assert hashlib.sha256(consolidated.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nasional.db"]
