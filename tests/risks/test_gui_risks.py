"""The risk page with real widgets: register, form with live level colour, heat-map click, settings dialog."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from fgd_app.core import Workshop
from fgd_app.core.risks import matrix as riskmatrix
from fgd_app.gui.risks.heatmap import ProjectorHeatMap
from fgd_app.gui.risks.model import KEYS
from fgd_app.gui.risks.page import RiskPage
from fgd_app.gui.risks.settings_dialog import RiskSettingsDialog
from fgd_app.gui.shell.navigation import PAGES
from fgd_app.gui.widgets.message_box import MessageBox


@pytest.fixture
def filled(workshop):
    opd = workshop.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    dinkes = workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    gov = workshop.dimensions.by_code("GOV")
    liv = workshop.dimensions.by_code("LIV")
    a = workshop.innovations.add(dimension_id=gov.id, name="Satu Data Kabupaten Serang", lead_opd_id=opd.id)
    b = workshop.innovations.add(dimension_id=liv.id, name="Telemedicine puskesmas", lead_opd_id=dinkes.id)
    category = workshop.risks.categories.list()[9]
    workshop.risks.add(innovation_id=a.id, event="Data tidak terintegrasi antar-OPD", likelihood=4, impact=4,
                       category_id=category.id, residual_likelihood=2, residual_impact=3)
    workshop.risks.add(innovation_id=a.id, event="Vendor lock-in", likelihood=4, impact=4)
    workshop.risks.add(innovation_id=b.id, event="Jaringan internet lemah di Kecamatan Tunjung Teja", likelihood=2,
                       impact=2)
    workshop.risks.add(innovation_id=b.id, event="Belum dinilai")
    return workshop


@pytest.fixture
def page(qtbot, filled):
    widget = RiskPage(filled)
    qtbot.addWidget(widget)
    filled.store.add_listener(widget.on_changes)  # the main window does this
    widget.resize(1166, 708)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_page_is_registered_in_the_navigation():
    spec = next(p for p in PAGES if p.key == "risks")
    assert (spec.title, spec.order, spec.load()) == ("Risks (Day 2)", 50, RiskPage)


def test_register_model_is_consistent_and_sorts_by_magnitude(page, qtmodeltester):
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 4
    page.table.sortByColumn(KEYS.index("level"), Qt.SortOrder.DescendingOrder)
    assert [r.magnitude for r in page.model.rows] == [19, 19, 7, None]
    assert page.model.index(0, KEYS.index("level")).data() == "19 Tinggi"


def test_form_shows_the_level_colour_live_and_saves_the_score(page, qtbot):
    target = next(r for r in page.model.rows if r.event == "Belum dinilai")
    page.select(target.id)
    form = page.form
    assert form.risk.id == target.id and form.badge.text() == "belum dinilai"
    form.likelihood.setCurrentIndex(form.likelihood.findData(5))
    form.likelihood.activated.emit(form.likelihood.currentIndex())
    assert page.ws.risks.get(target.id).likelihood is None  # waits for the impact
    form.impact.setCurrentIndex(form.impact.findData(4))
    form.impact.activated.emit(form.impact.currentIndex())
    assert form.badge.text() == "Besaran 23 \u00b7 Sangat Tinggi"
    assert riskmatrix.RED.lower() in form.badge.styleSheet().lower()
    saved = page.ws.risks.get(target.id)
    assert (saved.magnitude, saved.level) == (23, 5)
    assert page.model.rows[page.model.row_of(target.id)].magnitude == 23  # the register followed


def test_form_refuses_a_bad_code_under_the_field(page):
    page.select(page.model.rows[0].id)
    page.form.fields["code"].setText("X-1")
    page.form.fields["code"].editingFinished.emit()
    assert page.form.errors["code"].isVisible()
    assert "R-" in page.form.errors["code"].text()


def test_heat_map_click_filters_the_register_and_a_second_click_clears(page, qtbot):
    heat = page.heatmap.inherent
    assert heat.counts == {(4, 4): 2, (2, 2): 1}
    centre = heat.cell_rect(4, 4).center().toPoint()
    qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=QPoint(centre.x(), centre.y()))
    assert page.cell == (4, 4)
    assert sorted(r.event for r in page.model.rows) == ["Data tidak terintegrasi antar-OPD", "Vendor lock-in"]
    assert page.cell_chip.isVisible()
    qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=QPoint(centre.x(), centre.y()))
    assert page.cell is None and page.model.rowCount() == 4
    residual = page.heatmap.residual
    centre = residual.cell_rect(2, 3).center().toPoint()
    qtbot.mouseClick(residual, Qt.MouseButton.LeftButton, pos=QPoint(centre.x(), centre.y()))
    assert [r.event for r in page.model.rows] == ["Data tidak terintegrasi antar-OPD"]


def test_filters_and_the_untreated_button(page):
    page.dimension.setCurrentIndex(page.dimension.findText("Smart Living"))
    assert {r.dimension_code for r in page.model.rows} == {"LIV"}
    page.clear_filters()
    page.lacking.click()  # the uncategorised 4x4 risk is held to the default appetite (11) too
    assert [r.event for r in page.model.rows] == ["Data tidak terintegrasi antar-OPD", "Vendor lock-in"]
    page.clear_filters()
    page.search.setText("vendor")
    assert [r.event for r in page.model.rows] == ["Vendor lock-in"]


def test_quick_add_creates_and_selects_the_risk(page, qtbot):
    page.new_innovation.ensure_populated()
    page.new_innovation.setCurrentIndex(page.new_innovation.findText("LIV-01", Qt.MatchFlag.MatchStartsWith))
    qtbot.keyClicks(page.new_event, "Dokter enggan memakai aplikasi")
    qtbot.keyClick(page.new_event, Qt.Key.Key_Return)
    assert page.form.risk.code == "R-LIV-01-03"
    assert page.model.risk_at(page.table.currentIndex().row()).event == "Dokter enggan memakai aplikasi"
    assert page.new_event.text() == ""
    page.ws.undo()
    assert page.model.rowCount() == 4


def test_new_risk_needs_an_innovation_chosen_on_purpose(page, qtbot):
    """Issue 16: the risk selected in the register never lends its innovation to a new risk silently."""
    page.select(page.model.rows[0].id)
    assert page.form.risk is not None and page.new_innovation.currentIndex() < 0
    qtbot.keyClicks(page.new_event, "Anggaran dipotong")
    qtbot.keyClick(page.new_event, Qt.Key.Key_Return)
    assert page.ws.risks.count() == 4  # nothing added
    assert page.add_error.isVisible() and "inovasi" in page.add_error.text().lower()
    assert page.new_innovation.hasFocus()
    assert page.new_event.text() == "Anggaran dipotong"  # kept as typed
    qtbot.keyClicks(page.new_innovation.lineEdit(), "liv-01")  # the code, typed, is enough
    page.add_risk()
    added = page.form.risk
    assert added.event == "Anggaran dipotong" and page.ws.innovations.get(added.innovation_id).code == "LIV-01"
    assert not page.add_error.isVisible()


def test_new_risk_box_shows_the_code_of_a_long_innovation_name(page, qtbot):
    """Issue 16: the box shows "GOV-02 …" (the code first), not the tail of a long name."""
    gov = page.ws.dimensions.list()[0]
    long = page.ws.innovations.add(dimension_id=gov.id, lead_opd_id=page.ws.opds.list()[0].id,
                                   name="Pelayanan administrasi kependudukan keliling di seluruh kecamatan dengan "
                                        "mobil layanan adminduk dan jemput bola")
    page.new_innovation.ensure_populated()
    page._fill_innovations()
    page.new_innovation.setCurrentIndex(page.new_innovation.findData(long.id))
    qtbot.keyClicks(page.new_event, "Mobil layanan rusak")
    qtbot.keyClick(page.new_event, Qt.Key.Key_Return)
    assert page.form.risk.innovation_id == long.id
    edit = page.new_innovation.lineEdit()
    assert edit.text().startswith(long.code) and edit.cursorPosition() == 0
    shown = edit.fontMetrics().horizontalAdvance(long.code)
    assert shown < edit.width()  # the code fits in what is shown
    assert page.new_innovation.toolTip() == edit.text()  # the whole name on hover


def test_read_only_page_allows_no_edits(qtbot, filled):
    path = filled.path
    filled.close()
    with Workshop.open(path, read_only=True) as ws:
        widget = RiskPage(ws)
        qtbot.addWidget(widget)
        widget.select(widget.model.rows[0].id)
        assert not widget.add_button.isEnabled()
        assert not widget.form.likelihood.isEnabled()
        assert widget.form.fields["event"].isReadOnly()
        assert not widget.form.delete_button.isEnabled()


def test_settings_preview_then_apply_recomputes(qtbot, filled):
    dialog = RiskSettingsDialog(filled)
    qtbot.addWidget(dialog)
    tab = dialog.matrix_tab
    assert not tab.apply_button.isEnabled()  # the matrix in use: nothing to apply
    tab.start.setCurrentIndex(tab.start.findData("plain-5x5"))
    tab.start.activated.emit(tab.start.currentIndex())
    assert tab.apply_button.isEnabled()
    seen = []
    tab.confirm = lambda preview: seen.append(preview.findChildren(type(preview.apply_button))) or False
    assert not tab.preview_and_apply()  # cancelled: nothing changes
    assert filled.risks.matrix() == riskmatrix.spbe("A")
    tab.confirm = lambda preview: True
    assert tab.preview_and_apply()
    assert filled.risks.matrix().key == "plain-5x5"
    assert {r.magnitude for r in filled.risks.list() if r.magnitude} == {16, 4}


def test_settings_edit_band_shows_problems_live(qtbot, filled):
    dialog = RiskSettingsDialog(filled)
    qtbot.addWidget(dialog)
    editor = dialog.matrix_tab.editor
    editor.levels.item(3, 3).setText("22")  # Tinggi 16-22 overlaps Sangat Tinggi 21-25
    assert "tumpang tindih" in editor.problems.text()
    assert not dialog.matrix_tab.apply_button.isEnabled()
    editor.levels.item(3, 3).setText("19")
    editor.levels.item(4, 2).setText("20")  # variant B
    assert editor.problems.isHidden()
    assert editor.matrix().cells == riskmatrix.spbe("B").cells
    assert editor.matrix().levels == riskmatrix.spbe("B").levels


def test_settings_import_refuses_an_incomplete_file_with_the_reason(qtbot, filled, tmp_path):
    data = riskmatrix.spbe().to_dict()
    data["grid"]["3"] = [4, 10, 14]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    dialog = RiskSettingsDialog(filled)
    qtbot.addWidget(dialog)
    MessageBox.shown.clear()
    MessageBox.hook = lambda box: "close"
    try:
        assert not dialog.matrix_tab.load_file(bad)
    finally:
        MessageBox.hook = None
    assert "kemungkinan 3 \u00d7 dampak 4" in MessageBox.shown[-1].informativeText()
    good = tmp_path / "b.json"
    good.write_text(riskmatrix.spbe("B").to_json(), encoding="utf-8")
    assert dialog.matrix_tab.load_file(good)
    assert dialog.matrix_tab.editor.matrix() == riskmatrix.spbe("B")


def test_category_appetite_edits_save_and_refuse(qtbot, filled):
    dialog = RiskSettingsDialog(filled)
    qtbot.addWidget(dialog)
    tab = dialog.categories_tab
    assert tab.table.rowCount() == 16
    tab.table.item(0, 1).setText("99")
    assert not tab.error.isHidden() and "25" in tab.error.text()
    tab.table.item(0, 1).setText("16")
    assert filled.risks.categories.get(tab.ids[0]).appetite_negative == 16


def test_projector_heat_map_follows_changes(qtbot, filled):
    view = ProjectorHeatMap(filled)
    qtbot.addWidget(view)
    filled.store.add_listener(view.on_changes)
    assert view.pair.inherent.counts[(4, 4)] == 2
    filled.risks.delete(filled.risks.list()[0].id)
    assert view.pair.inherent.counts[(4, 4)] == 1


def test_delete_from_the_form_asks_and_can_be_undone(page):
    target = page.model.rows[0]
    page.select(target.id)
    MessageBox.hook = lambda box: "delete"
    try:
        page.form.delete_button.click()
    finally:
        MessageBox.hook = None
    assert page.model.row_of(target.id) < 0 and page.model.rowCount() == 3
    page.ws.undo()
    assert page.model.row_of(target.id) >= 0


def test_page_works_in_english(qtbot, filled):
    from fgd_app import i18n

    i18n.set_language("en")
    widget = RiskPage(filled)
    qtbot.addWidget(widget)
    widget.select(widget.model.rows[0].id)
    assert widget.form.badge.text() == "Magnitude 19 \u00b7 Tinggi"  # SPBE level names are the regulation's
    assert widget.model.headerData(2, Qt.Orientation.Horizontal) == "Level"


def test_impact_criteria_per_area_are_edited_and_stored(qtbot, filled):
    dialog = RiskSettingsDialog(filled)
    qtbot.addWidget(dialog)
    tab = dialog.matrix_tab
    criteria = tab.editor.criteria
    assert [criteria.horizontalHeaderItem(c).text() for c in range(criteria.columnCount())][:2] == [
        "Finansial", "Reputasi"]
    criteria.item(4, 0).setText("Kerugian lebih dari Rp 1 miliar")
    tab.confirm = lambda preview: True
    assert tab.preview_and_apply()
    assert filled.risks.matrix().impact_level(5).areas == {"Finansial": "Kerugian lebih dari Rp 1 miliar"}
    assert {r.magnitude for r in filled.risks.list() if r.magnitude} == {19, 7}  # same grid: scores unchanged
