"""The roadmap page: the painted view (rows, bars, quick-win year, keys, click to edit), filters, layout at
1366 and 1024 pixels, the edit dialog with refusals at the field, and the models' consistency."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog

from fgd_app.core.roadmap.data import PLAN
from fgd_app.gui.plans.dialog import PlanDialog
from fgd_app.gui.plans.model import InnovationsModel, PlansModel
from fgd_app.gui.roadmap.page import RoadmapPage
from fgd_app.gui.roadmap.view import QUICK_WIN_FILL


@pytest.fixture
def ws(workshop):
    ws = workshop
    kominfo = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo").id
    dispar = ws.opds.add(name="Dinas Pariwisata", short_name="Dispar").id
    gov, env = ws.dimensions.by_code("GOV"), ws.dimensions.by_code("ENV")
    a = ws.innovations.add(dimension_id=gov.id, name="Layanan adminduk daring", lead_opd_id=kominfo)
    b = ws.innovations.add(dimension_id=env.id, name="Bank sampah digital", lead_opd_id=dispar)
    apbd = ws.plans.funding_sources.find("APBD").id
    ws.plans.add(innovation_id=a.id, activity="Kajian", first_year=2025, opd_id=kominfo, budget="100 jt",
                 funding_source_id=apbd)
    ws.plans.add(innovation_id=a.id, activity="Aplikasi", first_year=2026, last_year=2028, opd_id=kominfo,
                 budget="300.000.000")
    ws.plans.add(innovation_id=b.id, activity="Sosialisasi", first_year=2030, last_year=2031, opd_id=dispar,
                 budget="50.000.000", funding_source_id=apbd)
    ws.store.clear_undo()
    return ws


@pytest.fixture
def page(qtbot, ws):
    widget = RoadmapPage(ws)
    ws.store.add_listener(widget.on_changes)
    qtbot.addWidget(widget)
    widget.resize(1146, 678)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    ws.store.remove_listener(widget.on_changes)


def test_bars_sit_over_their_years_and_the_quick_win_year_is_highlighted(page):
    view = page.view
    plans = [n for n, r in enumerate(view.rows) if r.kind == PLAN]
    aplikasi = next(n for n in plans if view.rows[n].label == "Aplikasi")
    bar = view.bar_rect(aplikasi)
    assert bar.left() >= view.year_rect(2026).left() and bar.right() <= view.year_rect(2028).right()
    assert bar.right() > view.year_rect(2027).right()
    image = QPixmap(view.viewport().size())
    view.viewport().render(image)
    pixels = image.toImage()
    empty_row_y = view.header_height + len(view.rows) * view.row_height + 5
    quick = view.year_rect(2025)
    assert pixels.pixelColor(quick.center().x(), empty_row_y) == QUICK_WIN_FILL
    assert pixels.pixelColor(view.year_rect(2029).center().x(), empty_row_y) != QUICK_WIN_FILL


def test_click_on_a_bar_opens_its_plan_and_saving_refreshes_the_roadmap(qtbot, page, ws, monkeypatch):
    view = page.view
    row = next(n for n, r in enumerate(view.rows) if r.kind == PLAN and r.label == "Sosialisasi")
    plan_id = view.rows[row].id
    opened = []

    def fake_exec(dialog):
        opened.append(dialog.plan_id)
        dialog.last_year.setValue(2033)
        dialog.budget.setText("75.000.000")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(PlanDialog, "exec", fake_exec)
    point = view.bar_rect(row).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == [plan_id]
    plan = ws.plans.get(plan_id)
    assert (plan.last_year, plan.budget) == (2033, 75_000_000)
    assert page.budget.total.text() == "Rp 475.000.000"
    # a click beside the bar only selects the row
    opened.clear()
    row = next(n for n, r in enumerate(view.rows) if r.label == "Kajian")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view.year_rect(2033).center().x(),
                                                                            view.bar_rect(row).center().y()))
    assert opened == [] and view.current == row
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert len(opened) == 1


def test_keys_move_the_selection_and_tooltips_tell_the_plan(qtbot, page):
    view = page.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.rows[view.current].label == "Kajian"
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current == len(view.rows) - 1
    text = view.tooltip_for(view.current)
    assert "Sosialisasi" in text and "Rp 50.000.000" in text and "Dispar" in text and "(Tahap 2\u20133)" in text


def test_filters_change_rows_and_totals_and_survive_a_reload(qtbot, page, ws):
    page.funding.setCurrentIndex(page.funding.findText("Belum ditentukan"))
    assert [r.label for r in page.view.rows if r.kind == PLAN] == ["Aplikasi"]
    assert page.budget.total.text() == "Rp 300.000.000"
    page.dimension.setCurrentIndex(page.dimension.findText("Smart Environment"))
    assert page.view.rows == [] and page.budget.total.text() == "Rp 0"
    page.clear_filters()
    assert len([r for r in page.view.rows if r.kind == PLAN]) == 3
    page.dimension.setCurrentIndex(page.dimension.findText("Smart Governance"))
    ws.plans.add(innovation_id=ws.innovations.list()[0].id, activity="Evaluasi", first_year=2034,
                 opd_id=ws.opds.find_by_name("Diskominfo").id, budget="10.000.000")
    assert page.dimension.currentText() == "Smart Governance"
    assert [r.label for r in page.view.rows if r.kind == PLAN] == ["Kajian", "Aplikasi", "Evaluasi"]
    assert page.budget.total.text() == "Rp 410.000.000"


def test_budget_beside_the_roadmap_when_wide_and_under_it_at_1024(qtbot, page):
    page.resize(1146, 678)
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    page.resize(790, 678)
    qtbot.wait(1)
    assert page.splitter.orientation() == Qt.Orientation.Vertical
    assert page.minimumSizeHint().width() <= 790


def test_plan_dialog_shows_a_refused_value_at_its_field_and_saves_nothing(qtbot, ws):
    plan = ws.plans.of(ws.innovations.list()[0].id)[0]
    dialog = PlanDialog(ws, plan.id)
    qtbot.addWidget(dialog)
    dialog.budget.setText("-1")
    dialog.activity.setText("Kajian ulang")
    dialog.save()
    assert dialog.errors["budget"].text() == "Anggaran tidak boleh negatif."
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert ws.plans.get(plan.id).activity == "Kajian"
    dialog.budget.setText("Rp 1,5 M")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ws.plans.get(plan.id).budget == 1_500_000_000 and ws.store.undo_name().startswith("Ubah rencana aksi")


def test_models_are_consistent(qtmodeltester, page, ws):
    for model in (page.budget.grid_model, page.budget.opd_model, page.budget.stage_model):
        qtmodeltester.check(model)
    plans = PlansModel(ws)
    plans.load(ws.innovations.list()[0].id)
    qtmodeltester.check(plans)
    innovations = InnovationsModel()
    innovations.set_rows(ws.innovations.rows(), ws.plans.counts())
    qtmodeltester.check(innovations)

