"""Values of the wrong kind planted behind the app's back (issue 14, defect 13): 'II' in a number column.

No rule of the file refuses them (SQLite keeps text in an INTEGER column), so opening accepts the file;
``check`` lists every one, and print, export and the window stop with a message that names the value and
points to ``fgd-app check``, never a traceback (``fgd-app print`` crashed with a TypeError on
``action_plan.position = 'II'``).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from fgd_app.cli.commands import main
from fgd_app.core.store.check import check_file
from fgd_app.core.store.rules import wrong_types

# one wrong value per kind of column the reports read: (table, column, SQL value)
KINDS = {
    "plan position": ("action_plan", "position", "'II'"),
    "plan year": ("action_plan", "first_year", "'dua ribu'"),
    "plan budget (rupiah)": ("action_plan", "budget", "'Rp banyak'"),
    "innovation yes/no": ("innovation", "is_ict", "'ya'"),
    "risk magnitude": ("risk", "magnitude", "'besar'"),
    "stage years": ("horizon_stage", "first_year", "'awal'"),
    "quick-win weight (real)": ("quickwin_criterion", "weight", "'berat'"),
    "quick-win score": ("quickwin_score", "score", "'tinggi'"),
    "text as bytes": ("innovation", "name", "X'00ff10'"),
    "date as bytes": ("workshop_day", "day_date", "X'07'"),
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.fgd.db"
    assert main(["demo", str(path)]) == 0
    return path


def plant(source: Path, target: Path, *kinds: tuple[str, str, str]) -> Path:
    """Copy ``source`` to ``target`` and write each wrong value into the first row of its table."""
    shutil.copy(source, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    triggers = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")]
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")  # the file's triggers refuse some values: plant past them
    for table, column, value in kinds:
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
        conn.execute(f"UPDATE {table} SET {column} = {value} WHERE rowid = (SELECT min(rowid) FROM {table})")
    for sql in triggers:
        conn.execute(sql)
    conn.close()
    return target


def number_columns(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    found = [(t, c) for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                             "LIKE 'sqlite%' AND name NOT LIKE '\\_%' ESCAPE '\\' AND sql NOT LIKE "
                                             "'%VIRTUAL%' AND name NOT LIKE '%fts%'")
             for (c, kind) in conn.execute(f"SELECT name, type FROM pragma_table_info('{t}')")
             if kind.upper() in ("INTEGER", "REAL") and conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]]
    conn.close()
    return found


def test_check_lists_text_in_every_number_column(demo_file, tmp_path):
    """Every INTEGER and REAL column of the demo gets text in one row; check lists each of them."""
    columns = [(t, c) for t, c in number_columns(demo_file) if (t, c) != ("workshop", "singleton")]
    assert len(columns) > 40
    path = plant(demo_file, tmp_path / "semua.fgd.db", *[(t, c, "'II'") for t, c in columns])
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    found = {(t, c) for t, _, c, _ in wrong_types(conn, limit=1000)}
    conn.close()
    assert found == set(columns)
    report = check_file(path)
    assert report.exit_code == 1
    assert any("action_plan" in p and "position" in p and "'II'" in p for p in report.problems), report.problems


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_print_and_export_point_to_check(demo_file, tmp_path, capsys, kind):
    path = plant(demo_file, tmp_path / "tanam.fgd.db", KINDS[kind])
    table, column, _ = KINDS[kind]
    report = check_file(path)
    assert report.exit_code == 1 and any(table in p and column in p for p in report.problems), report.problems
    before = path.read_bytes()
    print_code = main(["print", str(path), "--out", str(tmp_path / "pdf")])
    excel_code = main(["export", str(path), "--excel", str(tmp_path / "x.xlsx")])
    csv_code = main(["export", str(path), "--csv", str(tmp_path / "csv")])
    handover_code = main(["export", str(path), "--handover", str(tmp_path / "serah")])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error:" not in err, err
    assert handover_code == 2  # the hand-over copy must pass check
    for code in (print_code, excel_code, csv_code):
        assert code in (0, 2)
    assert err.count("fgd-app check") >= [print_code, excel_code, csv_code].count(2), err
    assert path.read_bytes() == before


def test_the_print_that_crashed_names_the_value(demo_file, tmp_path, capsys):
    path = plant(demo_file, tmp_path / "posisi.fgd.db", KINDS["plan position"])
    assert main(["print", str(path), "--out", str(tmp_path / "pdf")]) == 2
    err = capsys.readouterr().err
    assert "action_plan" in err and "position" in err and "'II'" in err and "fgd-app check" in err, err
    assert not (tmp_path / "pdf").exists()


@pytest.mark.parametrize("kind", ["plan position", "text as bytes"])
def test_the_handover_refusal_names_check_like_the_others(demo_file, tmp_path, capsys, kind):
    path = plant(demo_file, tmp_path / "serah.fgd.db", KINDS[kind])
    assert main(["export", str(path), "--handover", str(tmp_path / "serah")]) == 2
    err = capsys.readouterr().err
    assert f"fgd-app check {path}" in err and KINDS[kind][0] in err, err
    assert not any((tmp_path / "serah").iterdir()) if (tmp_path / "serah").exists() else True


def test_the_window_points_to_check(qapp, demo_file, tmp_path, monkeypatch):
    """Every page of the window on a file with wrong values: any error box names check, none is 'unexpected'."""
    from fgd_app.gui.shell.app import setup_application
    from fgd_app.gui.shell.settings import Settings
    from fgd_app.gui.widgets.message_box import MessageBox

    boxes: list[MessageBox] = []
    monkeypatch.setattr(MessageBox, "hook", lambda box: boxes.append(box))
    monkeypatch.setattr(MessageBox, "shown", [])
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    controller = setup_application(qapp, settings)
    path = plant(demo_file, tmp_path / "jendela.fgd.db", *(KINDS[k] for k in (
        "plan position", "plan year", "plan budget (rupiah)", "quick-win weight (real)",
        "quick-win score", "text as bytes")))
    controller.open_path(path)
    window = controller.window
    assert window is not None, [b.text() for b in boxes]
    try:
        for spec in window.specs:
            window.show_page(spec.key)
            qapp.processEvents()
        texts = [b.text() + " " + b.informativeText() for b in boxes]
        assert all("fgd-app check" in t for t in texts), texts
        try:
            raise TypeError("'<' not supported between instances of 'str' and 'int'")
        except TypeError:
            controller.excepthook(*sys.exc_info())
        assert "fgd-app check" in boxes[-1].text() and "II" in boxes[-1].text()
    finally:
        window.close()
