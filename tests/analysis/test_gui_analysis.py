"""The "Region conditions" page: keyboard entry into the tables, undo, read-only, the change list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from fgd_app.core import Workshop
from fgd_app.gui.analysis.page import AnalysisPage


def _page(qtbot, ws) -> AnalysisPage:
    page = AnalysisPage(ws)
    qtbot.addWidget(page)
    page.resize(1136, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    ws.store.add_listener(page.on_changes)
    return page


def test_a_readiness_item_is_added_and_typed_by_keyboard_then_undone(qtbot, workshop):
    page = _page(qtbot, workshop)
    page.tabs.setCurrentIndex(0)
    page.items.view.setFocus()
    qtbot.keyClick(page.items.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.items.model.rowCount() == 1
    view = page.items.view
    view.setCurrentIndex(page.items.model.index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Perbup SPBE No. 45")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: workshop.analysis.items.list()[0].name == "Perbup SPBE No. 45", timeout=2000)
    rating = page.items.model.column_of("rating")
    view.setCurrentIndex(page.items.model.index(0, rating))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.strip.kind == "error", timeout=2000)
    assert workshop.analysis.items.list()[0].rating is None  # refused, and said so
    assert "1" in page.strip.text() and "5" in page.strip.text()
    workshop.undo()
    assert page.items.model.rows[0].name != "Perbup SPBE No. 45"


def test_the_focus_tick_is_saved_and_the_gap_line_counts_problems(qtbot, workshop):
    page = _page(qtbot, workshop)
    model = page.focus.model
    branding = next(i for i, r in enumerate(model.rows) if r.dimension_id == workshop.dimensions.list()[1].id)
    model.setData(model.index(branding, model.column_of("is_focus")), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)
    assert workshop.analysis.dimensions.focus_ids() == {workshop.dimensions.list()[1].id}
    page.tabs.setCurrentIndex(2)
    qtbot.keyClick(page.problems.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.problems.model.rowCount() == 1
    assert page.gaps.text().startswith("1 ")


def test_read_only_offers_no_edit(qtbot, workshop_path):
    with Workshop.open(workshop_path, read_only=True) as ws:
        page = _page(qtbot, ws)
        assert not page.items.add_button.isEnabled()
        assert not page.items.model.flags(page.aspects.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not page.aspects.model.flags(page.aspects.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        page.close()


def test_the_change_tab_lists_what_changed_since_the_stage_before(qtbot, tmp_path):
    from fgd_app.core.demo import write_demo
    from fgd_app.core.workshop.next_stage import carry_to_next_stage

    write_demo(tmp_path / "t2.fgd.db")
    carry_to_next_stage(tmp_path / "t2.fgd.db", tmp_path / "t3.fgd.db")
    with Workshop.open(tmp_path / "t3.fgd.db") as ws:
        page = _page(qtbot, ws)
        first = ws.innovations.list()[0]
        ws.innovations.update(first.id, name="Diubah di tahap III")
        assert page.changes.topLevelItemCount() == 1
        group = page.changes.topLevelItem(0)
        assert group.child(0).text(0) == f"{first.code} Diubah di tahap III"
        assert group.child(0).child(0).text(3) == "Diubah di tahap III"
        page.close()
