"""What changed, by area: every table has an area, typical edits report the areas screens expect."""

from __future__ import annotations

import ast
import sqlite3
import warnings
from pathlib import Path

import pytest

from fgd_app.core.store import known_schema
from fgd_app.core.store.changes import (
    AREA_OF_TABLE,
    AREAS,
    EVERYTHING,
    Changes,
    UnmappedTableWarning,
    areas_of,
)
from fgd_app.core.store.writer import NOT_UNDOABLE

GUI = Path(__file__).resolve().parents[2] / "fgd_app" / "gui"

# String literals in fgd_app/gui that equal a table name but are not table references: each is a column,
# field or form key of a record (``row["opd"]``, ``COLUMN["element"]``, ``errors["impact_area"]``).
# Area names that equal a table name ("workshop", "attendance", "minutes") are allowed anyway.
NOT_TABLE_REFERENCES = {
    "opd",  # the OPD column of the plan and innovation tables
    "element",  # the element column and the sidebar's element items
    "dimension",  # the dimension column and the sidebar's dimension items
    "innovation",  # the innovation column of the risk register and the risk form's field
    "risk",  # the ranking's risk column
    "impact_area",  # the risk form's field
}


def file_tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return set(known_schema.introspect(conn))
    finally:
        conn.close()


def record(workshop) -> list[Changes]:
    seen: list[Changes] = []
    workshop.store.add_listener(seen.append)
    return seen


def test_every_table_of_a_new_file_has_an_area(workshop_path):
    tables = file_tables(workshop_path)
    assert tables - set(AREA_OF_TABLE) - NOT_UNDOABLE == set(), "add the new table to AREA_OF_TABLE"
    assert set(AREA_OF_TABLE) - tables == set(), "AREA_OF_TABLE names a table the schema no longer has"


def test_every_table_the_undo_log_records_has_an_area(workshop):
    assert set(workshop.store.user_tables()) <= set(AREA_OF_TABLE)


def test_the_known_schema_agrees(workshop_path):
    assert set(known_schema.reference().tables) == file_tables(workshop_path)


def test_touches_and_only_reject_unknown_areas():
    changes = Changes("Add OPD", frozenset({"opds"}))
    with pytest.raises(ValueError, match="opd"):
        changes.touches("opd")  # a table name, not an area
    with pytest.raises(ValueError):
        changes.only("atendance")
    assert changes.touches("opds", "participants")
    assert not changes.touches("participants")
    assert changes.only("opds", "participants")
    assert not Changes("Edit", frozenset({"opds", "participants"})).only("opds")


def test_an_unmapped_table_warns_and_reports_everything():
    # pyproject.toml turns the warning into an error in the test suite
    with pytest.raises(UnmappedTableWarning, match="new_table"):
        areas_of(["opd", "new_table"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnmappedTableWarning)
        areas = areas_of(["opd", "new_table"])  # what production does
    assert areas == {"opds", EVERYTHING}
    changes = Changes("Something new", areas)
    assert changes.touches("quickwins") and changes.touches("paperwork")
    assert not changes.only("opds")
    assert EVERYTHING not in AREAS


def test_typical_edits_report_their_areas(workshop):
    seen = record(workshop)
    opd = workshop.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    assert seen[-1].areas == {"opds"} and seen[-1].kind == "op"

    person = workshop.participants.add(name="Siti Nurhaliza", opd_id=opd.id)
    assert seen[-1].areas == {"participants"}

    day = workshop.days.list()[0]
    workshop.attendance.set(person.id, day.id, True)
    assert seen[-1].areas == {"attendance"}
    assert seen[-1].only("attendance")  # the people page's quick path

    gov = workshop.dimensions.list()[0]
    innovation = workshop.innovations.add(dimension_id=gov.id, name="Satu data kabupaten", lead_opd_id=opd.id)
    assert seen[-1].areas == {"innovations"}

    workshop.innovations.update(innovation.id, partners=[{"pentahelix": "akademisi", "name": "Untirta"}])
    assert "innovation_links" in seen[-1].areas

    workshop.risks.add(innovation_id=innovation.id, event="Server pusat data mati", likelihood=5, impact=3)
    assert seen[-1].areas == {"risks"}

    criterion = workshop.quickwins.criteria.list()[0]
    workshop.quickwins.set_score(innovation.id, criterion.id, 4)
    assert seen[-1].areas == {"quickwin_scores"}
    assert seen[-1].only("quickwin_scores")  # the quick-win page's quick path
    assert not seen[-1].touches("quickwins")


def test_undo_and_redo_report_the_areas_of_the_operation(workshop):
    seen = record(workshop)
    opd = workshop.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    workshop.participants.add(name="Siti Nurhaliza", opd_id=opd.id)
    undone = workshop.undo()
    assert undone == seen[-1]
    assert (undone.kind, undone.areas) == ("undo", {"participants"})
    redone = workshop.redo()
    assert redone == seen[-1]
    assert (redone.kind, redone.areas) == ("redo", {"participants"})


def test_deleting_an_opd_reports_the_participants_its_foreign_key_emptied(workshop):
    seen = record(workshop)
    opd = workshop.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    workshop.participants.add(name="Siti Nurhaliza", opd_id=opd.id)
    workshop.opds.delete(opd.id)
    assert seen[-1].areas == {"opds", "participants"}  # participant.opd_id is SET NULL
    assert workshop.undo().areas == {"opds", "participants"}


def _strings(nodes):
    for node in nodes:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                yield sub.lineno, sub.value


def _area_lists(tree: ast.AST):
    """Yield (line, text) of the strings that must be area names: arguments of ``touches``/``only`` and the
    values of ``WATCHED``, ``*_AREAS`` and ``*_TABLES`` constants."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "touches", "only"):
            yield from _strings(node.args)
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id if isinstance(t, ast.Name) else getattr(t, "attr", "") for t in targets]
            if any(n == "WATCHED" or n.endswith(("_AREAS", "_TABLES")) for n in names):
                yield from _strings([node.value])


def _change_handlers(tree: ast.AST):
    """Yield (line, text) of every string in a function that takes ``changes`` or is an ``on_changes``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (
                node.name.endswith("on_changes") or any(a.arg == "changes" for a in node.args.args)):
            yield from _strings(node.body)


def gui_sources():
    for path in sorted(GUI.rglob("*.py")):
        yield path.relative_to(GUI.parent.parent), ast.parse(path.read_text(encoding="utf-8"))


def test_change_handling_in_the_gui_names_areas_never_tables():
    tables = set(known_schema.reference().tables) - AREAS
    wrong = []
    for path, tree in gui_sources():
        wrong += [f"{path}:{line}: {text!r} is no area" for line, text in _area_lists(tree) if text not in AREAS]
        wrong += [f"{path}:{line}: table {text!r}" for line, text in _change_handlers(tree) if text in tables]
    assert wrong == [], "change handling must ask by area (fgd_app/core/store/changes.py)"


def test_no_string_literal_in_the_gui_is_a_table_name():
    tables = set(known_schema.reference().tables) - AREAS - NOT_TABLE_REFERENCES
    found = []
    for path, tree in gui_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in tables:
                found.append(f"{path}:{node.lineno}: {node.value!r}")
    assert found == [], "a table name in the GUI: ask for an area, or explain the literal in NOT_TABLE_REFERENCES"


def test_the_gui_never_reads_changes_tables():
    found = []
    for path, tree in gui_sources():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr == "tables" and isinstance(node.value, ast.Name)
                    and node.value.id == "changes"):
                found.append(f"{path}:{node.lineno}")
    assert found == []
