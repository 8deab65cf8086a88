"""The capture screen: 60 innovations by keyboard only, undo across it, search, inline edit, merge, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from fgd_app.core import Workshop
from fgd_app.gui.innovations.model import COLUMN
from fgd_app.gui.innovations.page import InnovationsPage
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.message_box import MessageBox

OPDS = (("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"), ("Dinas Kesehatan", "Dinkes"),
        ("Dinas Komunikasi, Informatika, Persandian dan Statistik", "Diskominfosatik"),
        ("Dinas Lingkungan Hidup", "DLH"), ("Dinas Pariwisata, Pemuda dan Olahraga", "Disparpora"),
        ("Dinas Perhubungan", "Dishub"), ("Badan Perencanaan Pembangunan Daerah", "Bappeda"))

# (Alt+number of the dimension, name, OPD as typed, pick the first completion?, element as typed)
PLAN = [
    (1, "Si Dukcapil", "disduk", True, "pelay"),
    (1, "Satu Data Kabupaten", "diskom", True, "birok"),
    (2, "Branding wisata religi Banten Lama", "dispar", False, "pariw"),
    (3, "E-retribusi pasar", "kominfo", False, "transaksi"),
    (4, "Telemedicine puskesmas", "dinkes", False, "keseh"),
    (4, "Informasi angkutan umum", "dishub", True, "transport"),
    (5, "CCTV kecamatan", "diskom", True, "keamanan"),
    (6, "Aplikasi bank sampah", "dlh", False, "sampah"),
]


@pytest.fixture
def window(qtbot, workshop, tmp_path, monkeypatch):
    """The main window on the Serang workshop with a few OPDs, showing the innovations page."""
    for name, short in OPDS:
        workshop.opds.add(name=name, short_name=short)
    workshop.store.clear_undo()
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(workshop, settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.show_page("innovations", focus=True)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    yield main
    main.close_workshop()


def page_of(main: MainWindow) -> InnovationsPage:
    page = main.page("innovations")
    assert isinstance(page, InnovationsPage)
    return page


def target():
    """Where the keyboard goes: an open completion pop-up, else the focused widget."""
    return QApplication.activePopupWidget() or QApplication.focusWidget()


def type_in(qtbot, text: str) -> None:
    for char in text:
        qtbot.keyClicks(target(), char)


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(target(), k, modifier)


def test_sixty_innovations_by_keyboard_only_then_undo(qtbot, window, workshop_path):
    page = page_of(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.quick.name)
    expected = []
    for number in range(60):
        dimension, name, opd, pick, element = PLAN[number % len(PLAN)]
        name = f"{name} {number + 1}"
        key(qtbot, Qt.Key.Key_0 + dimension, Qt.KeyboardModifier.AltModifier)
        key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is page.quick.name
        type_in(qtbot, name)
        key(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is page.quick.opd
        page.quick.opd.selectAll()
        type_in(qtbot, opd)
        if pick:  # choose from the completion pop-up with the arrow key
            assert QApplication.activePopupWidget() is not None
            key(qtbot, Qt.Key.Key_Down)
            key(qtbot, Qt.Key.Key_Return)
            assert "\u2014" in page.quick.opd.text()
        key(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is page.quick.element
        page.quick.element.selectAll()
        type_in(qtbot, element)
        if QApplication.activePopupWidget() is not None:
            key(qtbot, Qt.Key.Key_Escape)
        key(qtbot, Qt.Key.Key_Return)
        assert page.quick.name_error.isHidden() and page.quick.opd_error.isHidden(), page.quick.opd_error.text()
        assert page.quick.element_error.isHidden(), page.quick.element_error.text()
        assert QApplication.focusWidget() is page.quick.name and page.quick.name.text() == "", (
            QApplication.focusWidget().accessibleName(), page.workshop.innovations.count(), page.quick.name.text(),
            page.quick.element.text(), page.quick.message.text())
        expected.append((dimension, name))
        shown = [page.proxy.index(r, COLUMN["name"]).data() for r in range(page.proxy.rowCount())]
        assert name in shown

    with Workshop.open(workshop_path, read_only=True) as reader:  # what is in the file, from outside
        items = reader.innovations.list()
        assert len(items) == 60
        dimensions = {d.id: d.position for d in reader.dimensions.list()}
        assert sorted((dimensions[i.dimension_id], i.name) for i in items) == sorted(expected)
        assert all(i.element_id for i in items)
        assert {reader.opds.get(i.lead_opd_id).short_name for i in items} == {s for _, s in OPDS if s != "Bappeda"}
        codes = [i.code for i in items if i.dimension_id == reader.dimensions.by_code("LIV").id]
        assert codes == [f"LIV-{n:02d}" for n in range(1, 15)]
    assert page.sidebar.dimension_count(workshop_dimension(page, "ENV")) == 7

    for _ in range(5):
        window.undo_action.trigger()
    assert page.model.rowCount() == 55
    assert page.sidebar.dimension_count(workshop_dimension(page, "ENV")) == 6
    with Workshop.open(workshop_path, read_only=True) as reader:
        names = {i.name for i in reader.innovations.list()}
        assert len(names) == 55 and "Aplikasi bank sampah 56" not in names and "Si Dukcapil 57" not in names
    window.redo_action.trigger()
    assert page.model.rowCount() == 56


def workshop_dimension(page: InnovationsPage, code: str) -> str:
    return page.workshop.dimensions.by_code(code).id


def test_bad_quick_add_shows_the_message_at_the_field_and_saves_nothing(qtbot, window):
    page = page_of(window)
    page.quick.name.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert page.quick.name_error.isVisible() and "kosong" in page.quick.name_error.text()
    type_in(qtbot, "Si Dukcapil")
    key(qtbot, Qt.Key.Key_Return)
    assert page.quick.opd_error.isVisible() and "pengampu" in page.quick.opd_error.text()
    assert QApplication.focusWidget() is page.quick.opd
    type_in(qtbot, "dinas")
    key(qtbot, Qt.Key.Key_Escape)
    key(qtbot, Qt.Key.Key_Return)
    assert "beberapa OPD" in page.quick.opd_error.text()
    assert page.workshop.innovations.count() == 0
    assert page.quick.name.text() == "Si Dukcapil"


def test_close_name_warns_without_blocking(qtbot, window):
    page = page_of(window)
    page.sidebar.select_number(6)
    ws = page.workshop
    ws.innovations.add(dimension_id=workshop_dimension(page, "ENV"), name="Aplikasi bank sampah",
                       lead_opd_id=ws.opds.find_by_name("DLH").id)
    page.quick.name.setFocus()
    type_in(qtbot, "aplikasi Bank Sampah digital")
    qtbot.waitUntil(lambda: "ENV-01" in page.quick.message.text())
    assert "Aplikasi bank sampah" in page.quick.message.text()
    key(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "dlh")
    key(qtbot, Qt.Key.Key_Return)
    assert ws.innovations.count() == 2
    assert "ENV-02" in page.quick.message.text() and "ENV-01" in page.quick.message.text()


def test_search_filters_across_dimensions_as_you_type(qtbot, window):
    page = page_of(window)
    ws = page.workshop
    dlh, dinkes = ws.opds.find_by_name("DLH").id, ws.opds.find_by_name("Dinkes").id
    ws.innovations.add(dimension_id=workshop_dimension(page, "ENV"), name="Bank sampah", lead_opd_id=dlh)
    ws.innovations.add(dimension_id=workshop_dimension(page, "LIV"), name="Telemedicine", lead_opd_id=dinkes,
                       description="Konsultasi dokter <spesialis> & \"rujukan\"")
    ws.innovations.add(dimension_id=workshop_dimension(page, "GOV"), name="Si Dukcapil", lead_opd_id=dinkes)
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    type_in(qtbot, "dink")
    assert page.proxy.rowCount() == 2  # both of Dinkes, from two dimensions
    page.search.clear()
    type_in(qtbot, "<spes")
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, COLUMN["name"]).data() == "Telemedicine"
    key(qtbot, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.proxy.rowCount() == 1  # back to Smart Governance


def test_inline_edit_goes_through_the_core_and_refuses_an_empty_name(qtbot, window):
    page = page_of(window)
    ws = page.workshop
    item = ws.innovations.add(dimension_id=workshop_dimension(page, "GOV"), name="Si Dukcapil",
                              lead_opd_id=ws.opds.find_by_name("Disdukcapil").id)
    index = page.proxy.index(0, COLUMN["name"])
    assert page.proxy.setData(index, "Si Dukcapil Online")
    assert ws.innovations.get(item.id).name == "Si Dukcapil Online"
    assert index.data() == "Si Dukcapil Online"
    assert not page.proxy.setData(index, "   ")
    assert "kosong" in page.message.text()
    status = page.proxy.index(0, COLUMN["status"])
    assert page.proxy.setData(status, "running")
    assert ws.innovations.get(item.id).status == "running" and status.data() == "Sudah berjalan"
    window.undo_action.trigger()
    assert ws.innovations.get(item.id).status == "new" and status.data() == "Baru"


def test_detail_pane_saves_long_text_exactly(qtbot, window):
    page = page_of(window)
    ws = page.workshop
    item = ws.innovations.add(dimension_id=workshop_dimension(page, "GOV"), name="Si Dukcapil",
                              lead_opd_id=ws.opds.find_by_name("Disdukcapil").id)
    page.table.select_id(item.id)
    assert page.detail.current.id == item.id
    text = "Baris satu <b>&amp;</b>\n\nمسجد 🕌 \"kutip\"\n" + "x" * 10_000
    page.detail.description.setFocus()
    page.detail.description.setPlainText(text)
    page.quick.name.setFocus()  # leaving the field saves it
    assert ws.innovations.get(item.id).description == text.strip()
    assert page.detail.description.toPlainText() == text.strip()


def test_merge_asks_which_to_keep_and_delete_asks_only_with_dependents(qtbot, window, monkeypatch):
    page = page_of(window)
    ws = page.workshop
    gov, dlh = workshop_dimension(page, "GOV"), ws.opds.find_by_name("DLH").id
    a = ws.innovations.add(dimension_id=gov, name="Aplikasi bank sampah", lead_opd_id=dlh)
    b = ws.innovations.add(dimension_id=gov, name="Bank sampah digital", lead_opd_id=dlh)
    c = ws.innovations.add(dimension_id=gov, name="CCTV", lead_opd_id=dlh)
    answers = iter(["second"])
    monkeypatch.setattr(MessageBox, "hook", lambda box: next(answers))
    page.table.selectAll()
    page.merge_selected()
    assert "tepat dua" in page.message.text()
    page.table.clearSelection()
    for innovation_id in (a.id, b.id):
        row = page.proxy.row_of(innovation_id)
        page.table.selectionModel().select(page.proxy.index(row, 0), page.table.selectionModel().SelectionFlag.Select
                                           | page.table.selectionModel().SelectionFlag.Rows)
    assert page.merge_button.isEnabled()
    page.merge_selected()
    assert [i.code for i in ws.innovations.list()] == ["GOV-02", "GOV-03"]
    assert "GOV-01" in ws.innovations.get(b.id).notes
    page.table.select_id(c.id)
    page.delete_selected()  # nothing depends on it: no question, undoable
    assert ws.innovations.count() == 1
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert ws.innovations.count() == 3


def test_read_only_workshop_shows_everything_and_allows_no_edit(qtbot, workshop, workshop_path):
    dlh = workshop.opds.add(name="Dinas Lingkungan Hidup", short_name="DLH").id
    workshop.innovations.add(dimension_id=workshop.dimensions.by_code("GOV").id, name="Satu Data", lead_opd_id=dlh)
    workshop.close()
    with Workshop.open(workshop_path, read_only=True) as reader:
        page = InnovationsPage(reader)
        qtbot.addWidget(page)
        page.show()
        assert page.proxy.rowCount() == 1
        assert not page.quick.name.isEnabled() and not page.quick.add_button.isEnabled()
        index = page.proxy.index(0, COLUMN["name"])
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert not page.proxy.setData(index, "Other")
        page.table.selectRow(0)
        assert page.detail.name.isReadOnly() and not page.detail.lead.isEnabled()
        assert not page.delete_button.isEnabled() and not page.merge_button.isEnabled()
        page.delete_selected()
        page.search.setText("satu")
        assert page.proxy.rowCount() == 1
        assert reader.innovations.count() == 1


def test_unknown_opd_is_offered_as_new_and_added_with_the_innovation_in_one_undo(qtbot, window, monkeypatch):
    """Issue 16, item 6: typing an OPD nobody registered offers to add it right there; one Ctrl+Z undoes both."""
    page = page_of(window)
    asked = []

    def answer(box):
        asked.append((box.text(), box.keys(), box.informativeText()))
        return box.keys()[0]  # "Add … as a new OPD", the default button

    monkeypatch.setattr(MessageBox, "hook", answer)
    opds = page.workshop.opds.count()
    page.quick.name.setFocus()
    type_in(qtbot, "Festival kuliner Banten")
    key(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "Dinas Perindustrian")
    key(qtbot, Qt.Key.Key_Escape) if QApplication.activePopupWidget() else None
    key(qtbot, Qt.Key.Key_Return)
    assert len(asked) == 1 and "Dinas Perindustrian" in asked[0][0]
    assert asked[0][1] == ["new", "cancel"]  # no registered OPD is close to it
    item = page.workshop.innovations.list()[-1]
    assert item.name == "Festival kuliner Banten"
    assert page.workshop.opds.get(item.lead_opd_id).name == "Dinas Perindustrian"
    assert page.workshop.opds.count() == opds + 1
    assert "Dinas Perindustrian" in page.quick.message.text() and page.quick.opd_error.isHidden()
    assert QApplication.focusWidget() is page.quick.name
    assert any(opd.endswith("Dinas Perindustrian") for opd in page.quick.opd.completer().model().stringList())
    window.undo_action.trigger()  # one step takes both away
    assert page.workshop.innovations.count() == 0 and page.workshop.opds.count() == opds


def test_unknown_opd_close_to_a_registered_one_offers_that_one_first(qtbot, window, monkeypatch):
    """The dedupe check: "Dinas Kesehatn" offers Dinkes; choosing it adds no OPD; cancelling saves nothing."""
    page = page_of(window)
    answers = iter(["cancel", None])
    seen = []

    def answer(box):
        seen.append(box.keys())
        choice = next(answers)
        return choice if choice is not None else box.keys()[1]  # "Use Dinkes — Dinas Kesehatan"

    monkeypatch.setattr(MessageBox, "hook", answer)
    opds = page.workshop.opds.count()
    page.quick.name.setFocus()
    type_in(qtbot, "Posyandu digital")
    page.quick.opd.setText("Dinas Kesehatn")
    key(qtbot, Qt.Key.Key_Return)
    assert page.workshop.innovations.count() == 0 and page.quick.opd_error.isVisible()
    assert page.quick.name.text() == "Posyandu digital"  # kept as typed
    dinkes = page.workshop.opds.find_by_name("Dinkes")
    assert seen[0] == ["new", dinkes.id, "cancel"]
    page.quick.name.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    item = page.workshop.innovations.list()[-1]
    assert item.lead_opd_id == dinkes.id and page.workshop.opds.count() == opds
    assert page.quick.opd.text() == "Dinkes \u2014 Dinas Kesehatan"


def test_unknown_opd_with_a_bad_element_asks_nothing(qtbot, window, monkeypatch):
    page = page_of(window)
    monkeypatch.setattr(MessageBox, "hook", lambda box: pytest.fail("asked about the OPD before the element"))
    page.quick.name.setText("Festival")
    page.quick.opd.setText("Dinas Perindustrian")
    page.quick.element.setText("tidak ada")
    page.quick.submit()
    assert page.quick.element_error.isVisible() and page.workshop.innovations.count() == 0


def test_capture_page_folds_the_detail_and_keeps_the_newest_row_in_view(qtbot, window):
    """Issue 16, item 7: no empty detail pane until a row is chosen; each new row fully visible; stale
    "✓ … added" messages go on undo and on search; no greyed leftovers after a search."""
    window.resize(1024, 768)
    page = page_of(window)
    assert not page.detail.isVisible()  # folded: nothing chosen
    page.quick.opd.setText("Dinkes")
    for number in range(25):
        page.quick.name.setText(f"Layanan kesehatan keliling {number + 1}")
        page.quick.submit()
        qtbot.wait(5)
        row = page.proxy.row_of(page.model.newest_id)
        rect = page.table.visualRect(page.proxy.index(row, 0))
        viewport = page.table.viewport().rect()
        assert viewport.contains(rect.topLeft()) and viewport.contains(rect.bottomLeft()), (number, rect, viewport)
    assert page.table.viewport().height() > 10 * page.table.rowHeight(0)  # room for rows, not for an empty pane
    assert "\u2713" in page.quick.message.text()
    window.undo_action.trigger()
    assert "\u2713" not in page.quick.message.text()  # the stale "added" goes; the page says what was undone
    assert page.message.text().startswith(("Dibatalkan", "Undone"))
    page.table.selectRow(0)
    assert page.detail.isVisible() and page.detail.current is not None
    page.quick.name.setText("Layanan")
    page.quick.submit()
    assert "\u2713" in page.quick.message.text()
    page.search.setText("tidak ada yang cocok")
    assert page.quick.message.text() == "" and page.message.text() == ""
    assert page.proxy.rowCount() == 0
    assert not page.detail.isVisible() and page.detail.current is None  # no greyed leftovers
    page.search.clear()
    page.table.selectRow(2)
    assert page.detail.isVisible()
