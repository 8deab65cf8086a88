"""The planning screen driven by keyboard: plans for several innovations, refused input at the field, table
editing with Enter, reorder/duplicate/undo; then the file, the roadmap rows and the budget totals."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from fgd_app.core.roadmap.data import DIMENSION, INNOVATION, PLAN
from fgd_app.gui.plans.model import KEYS
from fgd_app.gui.plans.page import PlanningPage
from fgd_app.gui.roadmap.page import RoadmapPage


@pytest.fixture
def page(qtbot, workshop):
    ws = workshop
    opds = {short: ws.opds.add(name=name, short_name=short).id for name, short in (
        ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"), ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
        ("Dinas Komunikasi dan Informatika", "Diskominfo"), ("Dinas Pariwisata", "Dispar"))}
    gov, brd = ws.dimensions.by_code("GOV"), ws.dimensions.by_code("BRD")
    ws.innovations.add(dimension_id=gov.id, name="Layanan adminduk daring", lead_opd_id=opds["Disdukcapil"])
    ws.innovations.add(dimension_id=gov.id, name="Satu data kabupaten", lead_opd_id=opds["Diskominfo"])
    ws.innovations.add(dimension_id=brd.id, name="Wisata religi Banten Lama", lead_opd_id=opds["Dispar"])
    ws.store.clear_undo()
    widget = PlanningPage(ws)
    ws.store.add_listener(widget.on_changes)  # what the main window does
    qtbot.addWidget(widget)
    widget.resize(1146, 678)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    ws.store.remove_listener(widget.on_changes)


def focused():
    return QApplication.focusWidget()


def type_into(qtbot, text: str, *, enter: bool = True) -> None:
    widget = focused()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if enter:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.wait(5)  # a closing completion list hands the focus on in the next event loop turn


def edit_cell(qtbot, table, text: str) -> None:
    """Open the current cell's editor (F2), type ``text`` over its value and press Enter."""
    table.window().activateWindow()  # offscreen, a completion popup that was shown keeps the activation
    table.setFocus()
    qtbot.waitUntil(lambda: focused() is table, timeout=1000)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = focused()
    assert editor is not table
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    if editor.completer() is not None and editor.completer().popup().isVisible():
        editor.completer().popup().hide()  # on a real screen Enter closes it; offscreen it keeps the activation
        table.window().activateWindow()
        qtbot.waitUntil(lambda: focused() is editor, timeout=1000)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(5)


def enter_plan(qtbot, page, activity, output, first, last, opd, funding, budget) -> None:
    """Type one plan into the new-plan line, field after field, Enter after each."""
    assert focused() is page.entry.activity
    for text in (activity, output, str(first), str(last), opd, funding, budget):
        type_into(qtbot, text)
    qtbot.wait(1)  # the table reloads after the write


def test_keyboard_entry_for_several_innovations_then_file_roadmap_and_budget(qtbot, page, workshop_path):
    ws = page.ws
    page.focus_first()
    assert focused() is page.entry.activity
    assert page.heading.text().startswith("GOV-01 Layanan adminduk daring")
    assert page.entry.opd.text().startswith("Disdukcapil")  # the lead OPD is offered

    enter_plan(qtbot, page, "Kajian kebutuhan", "Dokumen kajian", 2025, 2025, "bappe", "APBD", "150.000.000")
    assert focused() is page.entry.activity and page.entry.activity.text() == ""
    enter_plan(qtbot, page, "Pengembangan aplikasi", "Aplikasi beroperasi", 2026, 2027, "Diskominfo", "apbn",
               "Rp 1,25 M")
    assert page.plans_model.rowCount() == 2

    # bad input: shown at its field in Indonesian, nothing saved, the typed text stays
    before = ws.plans.count()
    enter_plan(qtbot, page, "Sosialisasi", "", 2027, 2028, "Disdukcapil", "APBD", "-5.000.000")
    assert page.entry.errors["budget"].text() == "Anggaran tidak boleh negatif."
    assert focused() is page.entry.budget and page.entry.budget.text() == "-5.000.000"
    assert ws.plans.count() == before
    page.entry.budget.clear()
    page.entry.activity.clear()
    page.entry.output.clear()
    page.entry.activity.setFocus()

    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # next innovation
    assert page.heading.text().startswith("GOV-02") and focused() is page.entry.activity
    enter_plan(qtbot, page, "Penyusunan regulasi", "Perbup", 2025, 2026, "", "", "100000001")
    assert page.entry.errors["opd_id"].isVisible()  # the OPD was emptied: refused at the field
    assert page.entry.errors["opd_id"].text() == "Pilih OPD penanggung jawab."
    page.entry.opd.setFocus()
    type_into(qtbot, "Diskominfo")
    type_into(qtbot, "")  # no funding source yet
    type_into(qtbot, "100000001")
    qtbot.wait(1)
    assert not page.entry.errors["opd_id"].isVisible()

    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.heading.text().startswith("BRD-01")
    type_into(qtbot, "Festival wisata religi")
    type_into(qtbot, "Festival tahunan")
    type_into(qtbot, "2027")
    type_into(qtbot, "2029", enter=False)
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # add now, with defaults
    qtbot.wait(1)
    festival = ws.plans.of(page.current_innovation_id())[0]
    assert (festival.first_year, festival.last_year, festival.budget) == (2027, 2029, 0)
    assert festival.funding_source_id is None and festival.opd_id == ws.opds.find_by_name("Dispar").id
    # edit in the table: the budget cell, Enter saves and moves to the next field
    page.table.setFocus()
    page.table.setCurrentIndex(page.plans_model.index(0, KEYS.index("funding")))
    edit_cell(qtbot, page.table, "CSR")
    assert KEYS[page.table.currentIndex().column()] == "budget"
    edit_cell(qtbot, page.table, "sembilan ratus juta")  # refused: editor reopened with the text, message at cell
    qtbot.wait(5)
    assert "bukan jumlah rupiah" in page.table_error.text()
    assert KEYS[page.table.currentIndex().column()] == "budget"
    editor = focused()
    assert editor.text() == "sembilan ratus juta"
    editor.selectAll()
    qtbot.keyClicks(editor, "900000000")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(1)
    assert KEYS[page.table.currentIndex().column()] == "opd"  # Enter follows the columns as shown (key columns first)
    assert ws.plans.get(festival.id).budget == 900_000_000

    # the file on disk, read by another connection
    with sqlite3.connect(f"file:{workshop_path}?mode=ro", uri=True) as conn:
        saved = conn.execute(
            "SELECT i.code, p.position, p.activity, p.first_year, p.last_year, o.short_name, "
            "coalesce(f.name, ''), p.budget FROM action_plan p JOIN innovation i ON i.id = p.innovation_id "
            "JOIN opd o ON o.id = p.opd_id LEFT JOIN funding_source f ON f.id = p.funding_source_id "
            "JOIN dimension d ON d.id = i.dimension_id ORDER BY d.position, i.code, p.position").fetchall()
    assert saved == [
        ("GOV-01", 1, "Kajian kebutuhan", 2025, 2025, "Bappeda", "APBD", 150_000_000),
        ("GOV-01", 2, "Pengembangan aplikasi", 2026, 2027, "Diskominfo", "APBN", 1_250_000_000),
        ("GOV-02", 1, "Penyusunan regulasi", 2025, 2026, "Diskominfo", "", 100_000_001),
        ("BRD-01", 1, "Festival wisata religi", 2027, 2029, "Dispar", "CSR", 900_000_000)]

    # the roadmap and its budget summary, hand-computed:
    # GOV 2025 = 150.000.000 + 50.000.001; GOV 2026 = 625.000.000 + 50.000.000; GOV 2027 = 625.000.000;
    # BRD 2027..2029 = 300.000.000 each (900 jt over three years).
    roadmap = RoadmapPage(ws)
    qtbot.addWidget(roadmap)
    rows = roadmap.view.rows
    assert [(r.kind, r.label) for r in rows] == [
        (DIMENSION, "Smart Governance"), (INNOVATION, "GOV-01 Layanan adminduk daring"),
        (PLAN, "Kajian kebutuhan"), (PLAN, "Pengembangan aplikasi"), (INNOVATION, "GOV-02 Satu data kabupaten"),
        (PLAN, "Penyusunan regulasi"), (DIMENSION, "Smart Branding"), (INNOVATION, "BRD-01 Wisata religi Banten Lama"),
        (PLAN, "Festival wisata religi")]
    assert [(r.first_year, r.last_year) for r in rows if r.kind == PLAN] == [(2025, 2025), (2026, 2027), (2025, 2026),
                                                                            (2027, 2029)]
    grid = roadmap.budget.grid_model
    summary = grid.summary
    years, codes = summary.years, [d.code for d in summary.dimensions]
    cell = {(codes[c], years[r]): grid.amount(r, c) for r in range(len(years)) for c in range(len(codes))}
    assert cell[("GOV", 2025)] == 200_000_001 and cell[("GOV", 2026)] == 675_000_000
    assert cell[("GOV", 2027)] == 625_000_000 and cell[("GOV", 2028)] == 0
    assert [cell[("BRD", y)] for y in (2027, 2028, 2029)] == [300_000_000] * 3
    totals = [grid.amount(r, len(codes)) for r in range(len(years))]
    assert totals[:6] == [200_000_001, 675_000_000, 925_000_000, 300_000_000, 300_000_000, 0]
    assert grid.amount(len(years), len(codes)) == 2_400_000_001
    assert roadmap.budget.total.text() == "Rp 2.400.000.001"
    opd_model = roadmap.budget.opd_model
    assert [(opd_model.index(r, 0).data(), opd_model.index(r, 2).data(Qt.ItemDataRole.UserRole))
            for r in range(opd_model.rowCount())] == [("Diskominfo", 1_350_000_001), ("Dispar", 900_000_000),
                                                      ("Bappeda", 150_000_000)]
    roadmap.opd.setCurrentIndex(roadmap.opd.findText("Diskominfo"))
    assert [r.label for r in roadmap.view.rows if r.kind == PLAN] == ["Pengembangan aplikasi", "Penyusunan regulasi"]
    assert roadmap.budget.total.text() == "Rp 1.350.000.001"


def test_reorder_duplicate_move_and_undo_from_the_keyboard(qtbot, page):
    ws = page.ws
    innovation = page.current_innovation_id()
    page.focus_first()
    for name in ("Kajian", "Regulasi", "Pengadaan"):
        type_into(qtbot, name, enter=False)
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(1)
    order = lambda: [p.activity for p in ws.plans.of(innovation)]  # noqa: E731
    assert order() == ["Kajian", "Regulasi", "Pengadaan"]
    page.table.setFocus()
    page.table.setCurrentIndex(page.plans_model.index(0, 1))
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(1)
    assert order() == ["Regulasi", "Kajian", "Pengadaan"]
    assert page.current_plan_id() == ws.plans.of(innovation)[1].id  # the selection follows the plan
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(1)
    assert order() == ["Regulasi", "Kajian", "Kajian", "Pengadaan"]
    ws.undo()
    qtbot.wait(1)
    assert order() == ["Regulasi", "Kajian", "Pengadaan"] and page.plans_model.rowCount() == 3
    ws.undo()
    qtbot.wait(1)
    assert [page.plans_model.index(r, 1).data() for r in range(3)] == ["Kajian", "Regulasi", "Pengadaan"]
    # the stage column is derived from the years and the stage boundaries
    assert page.plans_model.index(0, KEYS.index("stage")).data() == "Tahap 1"
    # a cycle is refused with a message naming it, nothing changes
    first, second = (p.id for p in ws.plans.of(innovation)[:2])
    ws.plans.set_dependencies(second, [first])
    qtbot.wait(1)
    assert page.plans_model.index(1, KEYS.index("depends_on")).data() == "#1"
    assert page._run(lambda: ws.plans.set_dependencies(first, [second])) is None
    assert "siklus" in page.table_error.text() and ws.plans.dependencies(first) == []


def test_read_only_workshop_allows_no_edits(qtbot, workshop_path, page):
    from fgd_app.core import Workshop

    page.ws.store.remove_listener(page.on_changes)
    first = page.ws.innovations.list()[0]
    page.ws.plans.add(innovation_id=first.id, activity="Kajian", first_year=2025, opd_id=first.lead_opd_id)
    page.ws.close()
    ws = Workshop.open(workshop_path, read_only=True)
    try:
        view = PlanningPage(ws)
        qtbot.addWidget(view)
        assert view.plans_model.rowCount() == 1
        view.table.setCurrentIndex(view.plans_model.index(0, 1))
        assert not view.entry.activity.isEnabled() and not view.entry.add_button.isEnabled()
        assert not view.buttons["duplicate"].isEnabled() and view.buttons["details"].isEnabled()
        assert not (view.plans_model.flags(view.plans_model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable)
        assert view.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    finally:
        ws.close()
