"""The quick-win page with real widgets: keyboard scoring, group scores, votes, choosing, chart click, dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication

from fgd_app.core import Workshop
from fgd_app.gui.quickwins.dialogs import CriteriaDialog, RuleDialog
from fgd_app.gui.quickwins.page import QuickWinPage
from fgd_app.gui.quickwins.ranking import KEYS, NAME_MIN
from fgd_app.gui.shell.navigation import PAGES

NAMES = ("Si Dukcapil layanan adminduk online", "Satu Data Kabupaten Serang", "Mal Pelayanan Publik",
         "Kanal pengaduan SP4N-LAPOR! terpadu")


@pytest.fixture
def filled(workshop):
    """Four Smart Governance innovations GOV-01..04; GOV-01 and GOV-02 deliver a first output in 2025."""
    opd = workshop.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    gov = workshop.dimensions.by_code("GOV")
    ids = [workshop.innovations.add(dimension_id=gov.id, name=name, lead_opd_id=opd.id).id for name in NAMES]
    for innovation_id in ids[:2]:
        workshop.plans.add(innovation_id=innovation_id, activity="Perbup", first_year=2025, last_year=2025,
                           opd_id=opd.id)
    workshop.ids = ids
    workshop.store.clear_undo()
    return workshop


@pytest.fixture
def page(qtbot, filled):
    widget = QuickWinPage(filled)
    qtbot.addWidget(widget)
    filled.store.add_listener(widget.on_changes)  # the main window does this
    widget.resize(1166, 708)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def keys(qtbot, widget, text: str) -> None:
    for char in text:
        qtbot.keyClick(widget, char)


def agreed(ws, innovation_id: str) -> list[int | None]:
    return [ws.quickwins.score(innovation_id, c.id) for c in ws.quickwins.criteria.list()]


def test_page_is_registered_in_the_navigation():
    spec = next(p for p in PAGES if p.key == "quickwins")
    assert (spec.title, spec.order, spec.load()) == ("Quick wins", 60, QuickWinPage)


def test_models_are_consistent(page, qtmodeltester):
    page.ws.quickwins.set_score(page.ws.ids[0], page.ws.quickwins.criteria.list()[0].id, 4)
    qtmodeltester.check(page.grid_model, force_py=True)
    qtmodeltester.check(page.ranking_model, force_py=True)


def test_scoring_by_keyboard_saves_each_digit_and_moves_on(page, qtbot):
    ws, (a, b, *_rest) = page.ws, page.ws.ids
    page.focus_first()
    assert page.grid.hasFocus() and page.grid.currentIndex().column() == page.grid_model.criterion_columns().start
    keys(qtbot, page.grid, "52414")  # impact 5, feasibility 2, cost 4, readiness 1, time 4 ... then next row
    assert agreed(ws, a) == [5, 2, 4, 1, 4]
    assert page.grid.currentIndex().row() == 1
    assert page.grid.currentIndex().column() == page.grid_model.criterion_columns().start
    keys(qtbot, page.grid, "4x9")  # letters and other digits do nothing
    assert agreed(ws, b) == [4, None, None, None, None]
    # (30*5 + 20*2 + 15*(6-4) + 20*1 + 15*(6-4)) / 100 = 2.7
    weighted = page.grid_model.index(0, page.grid_model.column_of("weighted")).data()
    assert weighted == "2,70"
    assert page.grid_model.index(1, page.grid_model.column_of("weighted")).data() == "4,00*"
    page.grid.setCurrentIndex(page.grid_model.index(0, page.grid_model.criterion_columns().start + 1))
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert agreed(ws, a)[1] is None
    ws.undo()
    assert agreed(ws, a)[1] == 2
    assert page.grid_model.index(0, page.grid_model.criterion_columns().start + 1).data() == "2"
    assert page.grid.currentIndex().row() == 0  # undo keeps the cursor where it was


def test_group_scores_show_their_median_in_the_agreed_view(page, qtbot, monkeypatch):
    ws, a = page.ws, page.ws.ids[0]
    page.set_group("Kelompok 1")
    page.grid.setCurrentIndex(page.grid_model.index(0, page.grid_model.criterion_columns().start))
    keys(qtbot, page.grid, "2")
    page.set_group("Kelompok 2")
    page.grid.setCurrentIndex(page.grid_model.index(0, page.grid_model.criterion_columns().start))
    keys(qtbot, page.grid, "5")
    impact = ws.quickwins.criteria.list()[0].id
    assert (ws.quickwins.score(a, impact, "Kelompok 1"), ws.quickwins.score(a, impact, "Kelompok 2")) == (2, 5)
    assert ws.quickwins.score(a, impact) is None
    page.set_group("")
    cell = page.grid_model.index(0, page.grid_model.criterion_columns().start)
    assert cell.data() == "4"  # median 3.5 rounded half up
    assert cell.data(Qt.ItemDataRole.FontRole).italic()
    assert "berbeda pendapat" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert [page.group.itemText(i) for i in range(page.group.count())] == ["Nilai kesepakatan", "Kelompok 1",
                                                                            "Kelompok 2"]
    page.adopt.click()
    assert ws.quickwins.score(a, impact) == 4


def test_votes_are_typed_in_the_votes_column(page, qtbot):
    ws, a = page.ws, page.ws.ids[0]
    page.grid.setFocus()
    page.grid.setCurrentIndex(page.grid_model.index(0, page.grid_model.column_of("votes")))
    qtbot.keyClick(page.grid, "7")
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.quickwins.votes(a) == {"": 7})  # the delegate commits on a queued call
    assert page.grid_model.index(0, page.grid_model.column_of("votes")).data() == "7"


def test_choosing_a_quick_win_with_a_justification(page, qtbot):
    ws, (a, b, *_rest) = page.ws, page.ws.ids
    for innovation_id in (a, b):
        for criterion, score in zip(ws.quickwins.criteria.list(), (5, 5, 1, 4, 1), strict=True):
            ws.quickwins.set_score(innovation_id, criterion.id, score)
    page.tabs.setCurrentIndex(1)
    assert [r.id for r in page.ranking_model.rows[:2]] == [a, b]  # tie broken by code
    page.ranking.selectRow(1)
    assert page.panel.row.id == b and page.panel.row.candidate
    page.panel.choose.click()
    assert page.panel.error.isVisible() and ws.quickwins.choice(b) is None
    page.panel.justification.setFocus()
    qtbot.keyClicks(page.panel.justification, "Hasil pertama 2025, biaya kecil & dampak langsung <warga>.")
    page.panel.choose.click()
    assert ws.quickwins.choice(b) == "Hasil pertama 2025, biaya kecil & dampak langsung <warga>."
    assert not page.panel.error.isVisible()
    assert page.ranking_model.index(1, KEYS.index("chosen")).data() == "\u2605"
    assert page.panel.choose.text() == "Simpan alasan" and page.panel.unchoose.isEnabled()
    assert "1 terpilih" in page.summary.text()
    page.panel.unchoose.click()
    assert ws.quickwins.choice(b) is None
    ws.undo()
    assert ws.quickwins.choice(b) is not None and page.panel.row.chosen


def test_clicking_a_point_on_the_chart_selects_and_opens_the_innovation(page, qtbot):
    ws, (a, b, c, _d) = page.ws, page.ws.ids
    for innovation_id, (impact, cost) in zip((a, b, c), ((5, 1), (2, 5), (4, 3)), strict=True):
        ws.quickwins.set_score(innovation_id, ws.quickwins.criteria.list()[0].id, impact)
        ws.quickwins.set_score(innovation_id, ws.quickwins.criteria.list()[2].id, cost)
    page.tabs.setCurrentIndex(2)
    page.chart.grab()  # paint once: places the points
    assert {p.id for p in page.chart.points} == {a, b, c}  # d has no scores: not on the chart
    centre = next(pos for point, pos in page.chart._placed if point.id == b)
    qtbot.mouseClick(page.chart, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y())))
    assert page.selected_id == b and page.panel.row.id == b
    assert page.ranking_model.rows[page.ranking.currentIndex().row()].id == b
    assert "GOV-02" in page.caption.text() and "Pertimbangkan ulang" in page.caption.text()
    qtbot.mouseDClick(page.chart, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y())))
    assert page.tabs.currentIndex() == 1 and page.panel.justification.hasFocus()


def test_dimension_filter_and_search_apply_to_grid_ranking_and_chart(page, qtbot):
    qtbot.keyClicks(page.search, "data")
    assert [r.code for r in page.grid_model.rows] == ["GOV-02"]
    assert [r.code for r in page.ranking_model.rows] == ["GOV-02"]
    page.search.clear()
    page.dimension.setCurrentIndex(page.dimension.findText("Smart Living"))
    assert page.grid_model.rowCount() == 0 and page.ranking_model.rowCount() == 0


def test_criteria_and_rule_dialogs_save_through_the_core(page, qtbot):
    ws = page.ws
    dialog = CriteriaDialog(ws, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.setCurrentRow(2)  # Biaya
    dialog.weight.setFocus()
    dialog.weight.selectAll()
    qtbot.keyClicks(dialog.weight, "25")
    qtbot.keyClick(dialog.weight, Qt.Key.Key_Return)
    assert ws.quickwins.criteria.list()[2].weight == 25
    dialog.weight.selectAll()
    qtbot.keyClicks(dialog.weight, "banyak")
    qtbot.keyClick(dialog.weight, Qt.Key.Key_Return)
    assert dialog.errors["weight"].isVisible() and ws.quickwins.criteria.list()[2].weight == 25
    dialog.add()
    assert len(ws.quickwins.criteria.list()) == 6
    dialog.close()
    page.reload()
    assert page.grid_model.columnCount() == 2 + 6 + 2
    rule = RuleDialog(ws, page)
    qtbot.addWidget(rule)
    rule.min_impact.setValue(3.5)
    rule.level.setCurrentIndex(rule.level.findData(None))
    rule.save()
    assert (ws.quickwins.rule().min_impact, ws.quickwins.rule().max_residual_level) == (3.5, None)
    assert ws.store.undo_name() == "Ubah aturan quick win"
    assert "dampak \u2265 3,5" in page.summary.text()


def test_read_only_workshop_shows_the_board_but_takes_no_edits(qtbot, filled):
    path = filled.path
    first = filled.quickwins.criteria.list()[0].id
    filled.quickwins.set_score(filled.ids[0], first, 3)
    filled.close()
    with Workshop.open(path, read_only=True) as ws:
        page = QuickWinPage(ws)
        qtbot.addWidget(page)
        page.show()
        page.focus_first()
        keys(qtbot, page.grid, "5")
        assert ws.quickwins.score(ws.quickwins.board().rows[0].id, first) == 3
        assert not page.new_group.isEnabled() and not page.panel.choose.isEnabled()
        assert page.grid_model.flags(page.grid_model.index(0, page.grid_model.column_of("votes"))) \
            & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags
        page.close()


@pytest.mark.parametrize("size", [(1166, 658), (824, 658)])
def test_nothing_is_squeezed_at_1366_and_1024(page, qtbot, size):
    page.resize(*size)
    page.tabs.setCurrentIndex(1)
    qtbot.wait(10)
    name = page.ranking.horizontalHeader().sectionSize(KEYS.index("name"))
    assert name >= NAME_MIN - 20
    page.tabs.setCurrentIndex(0)
    qtbot.wait(10)
    assert page.grid.horizontalHeader().sectionSize(page.grid_model.column_of("name")) >= 150


def test_the_page_in_the_main_window_takes_scores_and_ctrl_z(qtbot, filled, tmp_path):
    from fgd_app.gui.shell.main_window import MainWindow
    from fgd_app.gui.shell.settings import Settings

    main = MainWindow(filled, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    page = main.show_page("quickwins", focus=True)
    assert isinstance(page, QuickWinPage) and page.grid.hasFocus()
    keys(qtbot, page.grid, "3")
    assert agreed(filled, filled.ids[0])[0] == 3
    main.undo()
    assert agreed(filled, filled.ids[0])[0] is None
    assert page.grid_model.index(0, page.grid_model.criterion_columns().start).data() == ""
    main.close_workshop()


def test_hidden_page_recomputes_the_board_only_when_shown_again(page, filled, qtbot):
    """Innovations added on day 1 while the page is hidden cost nothing here until it is shown."""
    page.hide()
    before = page._loads
    opd = filled.opds.list()[0]
    filled.innovations.add(dimension_id=filled.dimensions.by_code("ENV").id, name="Bank sampah digital",
                           lead_opd_id=opd.id)
    filled.innovations.add(dimension_id=filled.dimensions.by_code("ENV").id, name="Sensor kualitas udara",
                           lead_opd_id=opd.id)
    assert page._loads == before
    page.show()
    qtbot.waitUntil(lambda: page._loads == before + 1)
    assert "Sensor kualitas udara" in {row.name for row in page.board.rows}
