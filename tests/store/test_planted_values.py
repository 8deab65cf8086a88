"""Wrong values planted in a file behind the app's back: ``check`` lists them and never crashes; the other
commands refuse a file they cannot use with a message that points to ``check``, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fgd_app.cli.commands import main
from fgd_app.core import Workshop
from fgd_app.core.errors import WorkshopFileError
from fgd_app.core.exchange.handover import export_handover
from fgd_app.core.exchange.review import open_for_review
from fgd_app.core.store.check import check_file


def tamper(path: Path, *statements: str) -> None:
    """Change a closed workshop file behind the app's back (rules switched off)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        conn.execute(sql)
    conn.close()


PLANTED = {
    "bimtek stage written as a roman numeral": ["UPDATE workshop SET bimtek_stage = 'II'"],
    "bimtek stage out of range": ["UPDATE workshop SET bimtek_stage = 9"],
    "no workshop row": ["DELETE FROM workshop"],
}


@pytest.fixture(params=sorted(PLANTED))
def planted(request, workshop_path):
    tamper(workshop_path, *PLANTED[request.param])
    return workshop_path


def test_check_lists_the_planted_value_and_never_crashes(planted, capsys):
    report = check_file(planted)
    assert report.exit_code == 1, report.lines()
    assert any("workshop" in problem or "lokakarya" in problem for problem in report.problems), report.problems
    assert main(["check", str(planted)]) == 1
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("opening", [Workshop.open, open_for_review,
                                     lambda path: Workshop.open(path, read_only=True)])
def test_opening_refuses_with_a_message_pointing_to_check(planted, opening):
    with pytest.raises(WorkshopFileError) as caught:
        opening(planted)
    assert "fgd-app check" in caught.value.message


def test_commands_refuse_with_a_message_pointing_to_check(planted, tmp_path, capsys):
    assert main(["print", str(planted), "--out", str(tmp_path / "pdf")]) == 2
    assert main(["export", str(planted), "--csv", str(tmp_path / "csv")]) == 2
    assert main(["export", str(planted), "--handover", str(tmp_path / "kominfo")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("fgd-app check") == 3, err
    with pytest.raises(WorkshopFileError):
        export_handover(planted, tmp_path)
