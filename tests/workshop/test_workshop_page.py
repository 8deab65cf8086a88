"""The workshop data page: each field one undoable edit, errors beside the field, undo refreshes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from fgd_app.gui.workshop.page import WorkshopPage


@pytest.fixture
def page(qtbot, workshop):
    widget = WorkshopPage(workshop)
    qtbot.addWidget(widget)
    workshop.store.add_listener(widget.on_changes)  # as the main window does
    widget.resize(1100, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def type_and_leave(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_identity_fields_commit_one_operation_each(qtbot, page, workshop):
    type_and_leave(qtbot, page.identity.title_edit, "  Penyusunan Masterplan Smart City  ")
    assert workshop.info().title == "Penyusunan Masterplan Smart City"
    assert page.identity.title_edit.text() == "Penyusunan Masterplan Smart City"  # shown as saved (trimmed)
    type_and_leave(qtbot, page.identity.facilitator, "Dr. Rina")
    assert workshop.store.undo_name() == "Ubah data lokakarya"
    workshop.undo()
    assert page.identity.facilitator.text() == "Tenaga Ahli Kominfo"
    assert workshop.info().title == "Penyusunan Masterplan Smart City"


def test_stage_combo_commits_when_chosen(qtbot, page, workshop):
    page.identity.stage.setFocus()
    qtbot.keyClick(page.identity.stage, Qt.Key.Key_Down)
    assert workshop.info().bimtek_stage == 3
    assert page.identity.title_edit.placeholderText() == "Bimtek Tahap III"


def test_region_lists_load_only_when_touched(qtbot, workshop):
    page = WorkshopPage(workshop)
    qtbot.addWidget(page)
    picker = page.identity.region
    assert (picker.province.count(), picker.regency.count()) == (1, 1)
    assert (picker.province.currentText(), picker.regency.currentText()) == ("Banten", "Kabupaten Serang")


def test_region_change_replaces_the_kecamatan_and_undoes(qtbot, page, workshop):
    picker = page.identity.region
    picker.regency.setFocus()
    assert picker.regency.count() == 8  # Banten's regencies and cities, loaded on focus
    picker.regency.setCurrentIndex(picker.regency.findData("36.73"))
    picker.regency.activated.emit(picker.regency.currentIndex())
    assert workshop.info().region_name == "Kota Serang"
    assert page.districts.summary.text().startswith("6 kecamatan di Kota Serang")
    workshop.undo()
    assert workshop.info().region_name == "Kabupaten Serang" and len(workshop.districts()) == 29
    assert picker.regency.currentText() == "Kabupaten Serang"


def test_days_add_edit_remove(qtbot, page, workshop):
    page.days.add_button.click()
    assert [d.day_date for d in workshop.days.list()] == ["2024-07-02", "2024-07-03", "2024-07-04"]
    row = page.days.rows[workshop.days.list()[2].id]
    assert row.written.text() == "Kamis, 4 Juli 2024"
    type_and_leave(qtbot, row.label_edit, "Hari 3: peta jalan")
    assert workshop.days.list()[2].label == "Hari 3: peta jalan"
    row.end.setFocus()
    row.end.setTime(row.end.time().addSecs(-10 * 3600))  # 06:00, before the start
    qtbot.keyClick(row.end, Qt.Key.Key_Return)
    assert row.error.text() == "Jam selesai tidak boleh sebelum jam mulai."
    assert workshop.days.list()[2].end_time == "16:00"
    row.remove_button.click()
    assert len(workshop.days.list()) == 2 and len(page.days.rows) == 2
    workshop.undo()
    assert len(page.days.rows) == 3


def test_horizon_years_and_stages(qtbot, page, workshop):
    type_and_leave(qtbot, page.horizon.last_year, "2029")
    assert workshop.info().horizon_last_year == 2029
    assert [s.last_year for s in workshop.stages.list()][-1] <= 2029
    page.horizon.table.item(0, 0).setText("Fondasi")
    assert workshop.stages.list()[0].name == "Fondasi"
    page.horizon.table.item(0, 2).setData(Qt.ItemDataRole.EditRole, 2040)  # outside the horizon
    assert "di luar" in page.horizon.stages_error.text()
    assert page.horizon.table.item(0, 2).data(Qt.ItemDataRole.EditRole) == workshop.stages.list()[0].last_year


def test_elements_rename_add_remove(qtbot, page, workshop):
    section = page.dimensions
    governance = section.dimension_items()[0]
    first = governance.child(0)
    element_id = first.data(Qt.ItemDataRole.UserRole)
    first.setText("Pelayanan Publik Digital")
    assert workshop.elements.get(element_id).name == "Pelayanan Publik Digital"
    section.dimension_items()[0].child(0).setText("   ")
    assert section.error.text() == "Nama elemen tidak boleh kosong."
    assert section.dimension_items()[0].child(0).text() == "Pelayanan Publik Digital"
    section.set_current_item(section.dimension_items()[0])
    section.add_button.click()
    dimension_id = section.dimension_items()[0].data(Qt.ItemDataRole.UserRole)
    assert [e.name for e in workshop.elements.of(dimension_id)][-1] == "Elemen baru"
    section.set_current_item(section.dimension_items()[0].child(3))
    section.remove_button.click()
    assert len(workshop.elements.of(dimension_id)) == 3
    workshop.undo()
    assert section.dimension_items()[0].rowCount() == 4


def test_element_tree_by_keyboard(qtbot, page, workshop):
    """F2 renames the current element, Delete removes it; a dimension cannot be removed."""
    section = page.dimensions
    tree = section.tree
    section.set_current_item(section.dimension_items()[1].child(0))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not tree and isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Branding Digital Desa")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    dimension_id = section.dimension_items()[1].data(Qt.ItemDataRole.UserRole)
    qtbot.waitUntil(lambda: workshop.elements.of(dimension_id)[0].name == "Branding Digital Desa")
    count = len(workshop.elements.of(dimension_id))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert len(workshop.elements.of(dimension_id)) == count - 1
    section.set_current_item(section.dimension_items()[1])
    qtbot.keyClick(tree, Qt.Key.Key_Delete)  # a dimension stays
    assert len(workshop.dimensions.list()) == 6
    bold = section.dimension_items()[1].font().bold()
    assert bold and not section.dimension_items()[1].child(0).font().bold()


def test_escape_puts_back_the_saved_value(qtbot, page, workshop):
    venue = page.identity.venue
    venue.setFocus()
    qtbot.keyClicks(venue, " lantai 2")
    qtbot.keyClick(venue, Qt.Key.Key_Escape)
    assert venue.text() == "Aula Setda Kabupaten Serang"
    qtbot.keyClick(venue, Qt.Key.Key_Tab)
    assert workshop.store.undo_name() is None  # nothing was saved


def test_read_only_page_allows_no_edit(qtbot, workshop_path):
    from fgd_app.core import Workshop

    with Workshop.open(workshop_path, read_only=True) as ws:
        page = WorkshopPage(ws)
        qtbot.addWidget(page)
        assert page.identity.venue.isReadOnly() and page.identity.notes.isReadOnly()
        assert not page.identity.region.province.isEnabled()
        assert all(row.date_edit.isReadOnly() and row.remove_button.isHidden() for row in page.days.rows.values())
        assert page.horizon.add_button.isHidden() and page.dimensions.add_button.isHidden()
        assert page.horizon.first_year.isReadOnly()
