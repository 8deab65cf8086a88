"""The participants and OPDs page: keyboard editing, validation, attendance, search and the import preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from fgd_app.core import Workshop
from fgd_app.core.people.importer import ImportPreview
from fgd_app.gui.people.forms import OpdForm, ParticipantForm
from fgd_app.gui.people.import_dialog import ImportDialog
from fgd_app.gui.people.import_model import PreviewModel
from fgd_app.gui.people.models import OpdTableModel, ParticipantTableModel, SearchProxy
from fgd_app.gui.people.page import PeoplePage
from fgd_app.gui.widgets.message_box import MessageBox

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OPD_CSV = str(FIXTURES / "opd_kabupaten_serang.csv")
PESERTA_CSV = str(FIXTURES / "peserta_contoh.csv")


@pytest.fixture
def page(qtbot, workshop):
    """The page inside a stand-in main window: it hears every commit, undo and redo."""
    widget = PeoplePage(workshop)
    workshop.store.add_listener(widget.on_changes)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    yield widget
    workshop.store.remove_listener(widget.on_changes)


@pytest.fixture
def answers(monkeypatch):
    """Answer message boxes with the queued keys (and record them)."""
    queue: list[str] = []
    shown: list[MessageBox] = []

    def hook(box: MessageBox) -> str | None:
        shown.append(box)
        return queue.pop(0) if queue else None

    monkeypatch.setattr(MessageBox, "hook", hook)
    return queue, shown


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def open_dialog(qtbot, page):
    """Return the form or preview the page just opened, once it has the keyboard focus."""
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is dialog, timeout=2000)
    return dialog


def editor_of(qtbot, table) -> QComboBox:
    """Return the combo box editing a cell of ``table``."""
    qtbot.waitUntil(lambda: table.state() == table.State.EditingState, timeout=2000)
    combos = [c for c in table.viewport().findChildren(QComboBox) if c.isVisible()]
    assert len(combos) == 1
    return combos[0]


def shown_values(panel, column: int = 0) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, workshop):
    ImportPreview.from_file(workshop, OPD_CSV).apply()
    ImportPreview.from_file(workshop, PESERTA_CSV).apply()
    day = workshop.days.list()[0]
    person = workshop.participants.list()[0]
    workshop.attendance.set(person.id, day.id, True)
    participants = ParticipantTableModel(workshop)
    participants.load()
    opds = OpdTableModel(workshop)
    opds.load()
    proxy = SearchProxy()
    proxy.setSourceModel(participants)
    proxy.set_search("pemerintah")
    preview = PreviewModel()
    preview.set_preview(ImportPreview.from_file(workshop, PESERTA_CSV))
    for model in (participants, opds, proxy, preview):
        qtmodeltester.check(model, force_py=True)
    assert participants.columnCount() == 7 + 2
    assert participants.headerData(7, Qt.Orientation.Horizontal) == "Sel 2 Jul"
    assert participants.headerData(8, Qt.Orientation.Horizontal) == "Rab 3 Jul"


def test_add_opd_by_keyboard_enter_saves(qtbot, page, workshop):
    page.tabs.setCurrentIndex(1)
    page.opds.table.setFocus()
    qtbot.keyClick(page.opds.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = open_dialog(qtbot, page)
    assert isinstance(form, OpdForm)
    assert QApplication.focusWidget() is form.name
    qtbot.keyClicks(form.name, "Badan Perencanaan Pembangunan Daerah")
    qtbot.keyClick(form.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Bappeda")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not form.isVisible()
    assert [o.short_name for o in workshop.opds.list()] == ["Bappeda"]
    assert workshop.store.undo_name() == "Tambah OPD \u201cBadan Perencanaan Pembangunan Daerah\u201d"
    assert shown_values(page.opds) == ["Badan Perencanaan Pembangunan Daerah"]
    assert "Ctrl+Z" in page.opds.strip.text()
    assert page.tabs.tabText(1) == "OPD (1)"


def test_invalid_opd_shows_the_message_under_the_field_and_saves_nothing(qtbot, page, workshop):
    workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    page.tabs.setCurrentIndex(1)
    page.add_opd()
    form = open_dialog(qtbot, page)
    qtbot.keyClick(form.name, Qt.Key.Key_Return)  # empty name
    assert form.isVisible()
    assert form.errors["name"].isVisibleTo(form)
    assert form.errors["name"].text() == "Nama OPD tidak boleh kosong."
    qtbot.keyClicks(form.name, "dinas kesehatan")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)  # same name as an OPD that exists
    assert form.errors["name"].text() == "OPD bernama \u201cDinas Kesehatan\u201d sudah ada."
    qtbot.keyClick(form.name, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert workshop.opds.count() == 1


def test_add_participant_by_keyboard_with_opd_typed_by_short_name(qtbot, page, workshop):
    bappeda = workshop.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    page.participants.table.setFocus()
    qtbot.keyClick(page.participants.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = open_dialog(qtbot, page)
    assert isinstance(form, ParticipantForm)
    qtbot.keyClicks(form.name, "Siti Nurhaliza")
    type_into(qtbot, form.nip, "12345")
    type_into(qtbot, form.organisation.lineEdit(), "bappeda")
    type_into(qtbot, form.phone, "+62 813 1111 2222")
    qtbot.keyClick(form.phone, Qt.Key.Key_Return)
    assert form.isVisible()
    assert form.errors["nip"].text() == "NIP harus 18 angka (atau dikosongkan)."
    assert QApplication.focusWidget() is form.nip
    assert workshop.participants.count() == 0
    form.nip.clear()
    qtbot.keyClick(form.nip, Qt.Key.Key_Return)
    assert not form.isVisible()
    (person,) = workshop.participants.list()
    assert (person.name, person.opd_id, person.phone) == ("Siti Nurhaliza", bappeda.id, "081311112222")
    assert shown_values(page.participants, 3) == ["Bappeda"]
    assert page.participants.counts.text() == "1 peserta \u00b7 hadir Sel 2 Jul: 0 \u00b7 hadir Rab 3 Jul: 0"


def test_enter_on_a_row_opens_the_edit_form(qtbot, page, workshop):
    person = workshop.participants.add(name="Rina Marlina", position="Ketua")
    table = page.participants.table
    table.setFocus()
    table.setCurrentIndex(page.participants.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    form = open_dialog(qtbot, page)
    assert isinstance(form, ParticipantForm) and form.name.text() == "Rina Marlina"
    form.position.setText("Ketua Komunitas")
    qtbot.keyClick(form.position, Qt.Key.Key_Return)
    assert workshop.participants.get(person.id).position == "Ketua Komunitas"
    assert shown_values(page.participants, 1) == ["Ketua Komunitas"]


def test_inline_edit_with_f2_and_a_refused_value_shows_the_message_strip(qtbot, page, workshop):
    person = workshop.participants.add(name="Dewi Lestari", email="dewi@example.id")
    page.reload()
    table = page.participants.table
    email_column = page.participant_model.column_of("email")
    table.setColumnHidden(email_column, False)
    table.setFocus()
    table.setCurrentIndex(page.participants.proxy.index(0, email_column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "bukan-email")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: page.participants.strip.kind == "error", timeout=2000)
    assert page.participants.strip.text() == "\u201cbukan-email\u201d bukan alamat email."
    assert workshop.participants.get(person.id).email == "dewi@example.id"

    position = page.participant_model.column_of("position")
    table.setCurrentIndex(page.participants.proxy.index(0, position))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Wartawan")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workshop.participants.get(person.id).position == "Wartawan", timeout=2000)
    assert page.participants.strip.kind == "info"


def test_inline_organisation_and_pentahelix_editors_save_through_the_core(qtbot, page, workshop):
    opd = workshop.opds.add(name="Dinas Pariwisata, Pemuda dan Olahraga", short_name="Disparpora")
    person = workshop.participants.add(name="Yusuf Maulana")
    page.reload()
    table = page.participants.table
    table.setFocus()
    table.setCurrentIndex(page.participants.proxy.index(0, page.participant_model.column_of("organisation")))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = editor_of(qtbot, table)
    combo.lineEdit().setText("Dinas Pariwisata Pemuda dan Olahraga")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workshop.participants.get(person.id).opd_id == opd.id, timeout=2000)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)

    table.setCurrentIndex(page.participants.proxy.index(0, page.participant_model.column_of("pentahelix")))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = editor_of(qtbot, table)
    combo.setCurrentIndex(combo.findData("media"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workshop.participants.get(person.id).pentahelix == "media", timeout=2000)
    assert shown_values(page.participants, page.participant_model.column_of("pentahelix")) == ["Media"]


def test_delete_key_removes_a_participant_and_undo_brings_it_back(qtbot, page, workshop):
    workshop.participants.add(name="Ahmad Fauzi")
    workshop.participants.add(name="Budi Santoso")
    table = page.participants.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [p.name for p in workshop.participants.list()] == ["Budi Santoso"]
    assert shown_values(page.participants) == ["Budi Santoso"]
    workshop.undo()  # as the main window's Ctrl+Z does
    assert shown_values(page.participants) == ["Ahmad Fauzi", "Budi Santoso"]


def test_deleting_an_opd_with_participants_asks_first(qtbot, page, workshop, answers):
    queue, shown = answers
    opd = workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    person = workshop.participants.add(name="Nurul Hidayah", opd_id=opd.id)
    page.tabs.setCurrentIndex(1)
    table = page.opds.table
    table.setFocus()
    table.selectRow(0)
    queue.append("cancel")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert "1 peserta" in shown[0].text()
    assert workshop.opds.count() == 1
    queue.append("delete")
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert workshop.opds.count() == 0
    assert workshop.participants.get(person.id).opd_id is None
    assert page.opd_model.rowCount() == 0


def test_attendance_checkbox_is_saved_in_the_file(qtbot, page, workshop, workshop_path):
    person = workshop.participants.add(name="Ujang Suryana")
    page.reload()
    day1, day2 = workshop.days.list()
    table = page.participants.table
    column = page.participant_model.column_of("day:" + day2.id)
    table.setFocus()
    table.setCurrentIndex(page.participants.proxy.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert workshop.attendance.all() == {(person.id, day2.id)}
    assert workshop.store.undo_name() == "Tandai \u201cUjang Suryana\u201d hadir"
    assert page.participants.counts.text().endswith("hadir Rab 3 Jul: 1")
    workshop.undo()
    assert page.participants.proxy.index(0, column).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert page.participants.counts.text().endswith("hadir Rab 3 Jul: 0")
    workshop.redo()
    assert page.participants.proxy.index(0, column).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    workshop.close()
    with Workshop.open(workshop_path) as again:
        assert again.attendance.present(day2.id) == {person.id}
        assert again.attendance.present(day1.id) == set()


def test_search_filters_as_you_type(qtbot, page, workshop):
    opd = workshop.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    workshop.participants.add(name="Siti Nurhaliza", opd_id=opd.id)
    workshop.participants.add(name="Rina Marlina", organisation="Komunitas Relawan TIK", pentahelix="komunitas")
    workshop.participants.add(name="Dewi Lestari", phone="0878 1234 5678")
    panel = page.participants
    qtbot.keyClicks(panel.search, "bapp")
    assert shown_values(panel) == ["Siti Nurhaliza"]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "komunitas rina")
    assert shown_values(panel) == ["Rina Marlina"]
    assert panel.counts.text().startswith("Menampilkan 1 dari 3")
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.proxy.rowCount() == 3


def test_import_preview_counts_apply_reimport_and_undo(qtbot, page, workshop):
    manual = workshop.participants.add(name="Peserta Manual")
    page.import_list("opd", path=OPD_CSV)
    dialog = page.dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.counts.text() == "32 baru \u00b7 0 sudah terdaftar \u00b7 0 ganda dalam berkas \u00b7 0 kosong \u00b7 0 ditolak"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert workshop.opds.count() == 32 and page.opd_model.rowCount() == 32

    page.import_list(path=PESERTA_CSV)
    dialog = page.dialog
    assert dialog.target_combo.currentData() == "participant"
    assert dialog.counts.text() == "9 baru \u00b7 0 sudah terdaftar \u00b7 1 ganda dalam berkas \u00b7 1 kosong \u00b7 0 ditolak"
    assert dialog.import_button.text() == "Impor 9 peserta"
    statuses = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert statuses[6] == "\u2013 Baris kosong"
    assert statuses[7] == "= Ganda dalam berkas: Nama sama dengan baris 2."
    assert statuses[10] == "+ Baru: OPD: Disparpora"
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)
    assert workshop.participants.count() == 10
    assert workshop.store.undo_name() == "Impor 9 peserta dari peserta_contoh.csv"
    assert page.participant_model.rowCount() == 10 and page.tabs.currentIndex() == 0

    page.import_list(path=PESERTA_CSV)
    dialog = page.dialog
    assert dialog.counts.text().startswith("0 baru \u00b7 10 sudah terdaftar")
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert workshop.participants.count() == 10

    workshop.undo()
    assert [p.id for p in workshop.participants.list()] == [manual.id]
    assert shown_values(page.participants) == ["Peserta Manual"]
    assert workshop.opds.count() == 32


def test_cancel_of_the_import_changes_nothing(qtbot, page, workshop):
    page.import_list(path=PESERTA_CSV)
    qtbot.keyClick(page.dialog, Qt.Key.Key_Escape)
    assert page.dialog is None
    assert workshop.participants.count() == 0
    assert workshop.store.undo_name() is None


def test_import_mapping_can_be_changed_in_the_dialog(qtbot, workshop, tmp_path):
    path = tmp_path / "daftar.csv"
    path.write_text("Kolom A;Kolom B\nRudi Hartono;Dinkes\nSari Dewi;Bappeda\n", encoding="utf-8")
    dialog = ImportDialog(workshop, path=str(path))
    qtbot.addWidget(dialog)
    assert "Tidak ada kolom berkas yang dikenali" in dialog.strip.text()
    assert not dialog.import_button.isEnabled()
    name_combo, org_combo = dialog.mapping_combos
    name_combo.setCurrentIndex(name_combo.findData("name"))
    org_combo = dialog.mapping_combos[1]
    org_combo.setCurrentIndex(org_combo.findData("organisation"))
    assert dialog.strip.text() == ""
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Impor 2 peserta"
    dialog.apply()
    assert sorted(p.organisation for p in workshop.participants.list()) == ["Bappeda", "Dinkes"]


def test_bad_file_in_the_dialog_says_why(qtbot, workshop, tmp_path):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    dialog = ImportDialog(workshop, path=str(path))
    qtbot.addWidget(dialog)
    assert dialog.strip.kind == "error"
    assert dialog.strip.text() == "\u201crusak.xlsx\u201d rusak atau bukan buku kerja Excel (.xlsx)."
    assert not dialog.import_button.isEnabled()
    assert dialog.preview is None


def test_read_only_page_allows_no_edits(qtbot, workshop_path):
    with Workshop.open(workshop_path) as ws:
        ws.participants.add(name="Siti Nurhaliza")
    with Workshop.open(workshop_path, read_only=True) as ws:
        widget = PeoplePage(ws)
        qtbot.addWidget(widget)
        widget.show()
        panel = widget.participants
        assert not panel.add_button.isVisible() and not panel.import_button.isVisible()
        model = widget.participant_model
        flags = model.flags(model.index(0, 0))
        assert not flags & Qt.ItemFlag.ItemIsEditable
        day_flags = model.flags(model.index(0, model.columnCount() - 1))
        assert not day_flags & Qt.ItemFlag.ItemIsUserCheckable
        assert not model.setData(model.index(0, 0), "Lain")
        panel.table.setFocus()
        panel.table.selectRow(0)
        qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
        qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert widget.dialog is None
        assert ws.participants.count() == 1


def test_narrow_window_hides_the_least_needed_columns_and_says_so(qtbot, page, workshop):
    for number in range(5):
        workshop.participants.add(name=f"Peserta Dengan Nama Yang Cukup Panjang {number}, S.Kom., M.T.",
                                  position="Kepala Bidang Aplikasi Informatika", nip=f"19800101200501100{number}",
                                  email=f"peserta{number}@example.go.id", phone="0812 3456 7890")
    page.resize(760, 600)
    qtbot.wait(10)
    model = page.participant_model
    hidden = [model.column_key(c) for c in range(model.columnCount()) if page.participants.table.isColumnHidden(c)]
    assert "nip" in hidden and "name" not in hidden
    assert "Disembunyikan agar muat: NIP" in page.participants.counts.text()
    page.resize(1600, 700)
    qtbot.wait(10)
    assert not any(page.participants.table.isColumnHidden(c) for c in range(model.columnCount()))


def test_ctrl_n_in_the_main_window_adds_a_participant_not_a_workshop(qtbot, workshop, tmp_path):
    from PySide6.QtCore import QSettings

    from fgd_app.gui.shell.main_window import MainWindow
    from fgd_app.gui.shell.settings import Settings

    window = MainWindow(workshop, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    new_workshop = []
    window.new_requested.connect(lambda: new_workshop.append(True))
    page = window.show_page("people", focus=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.participants.search, timeout=2000)
    qtbot.keyClick(page.participants.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = open_dialog(qtbot, page)
    assert isinstance(form, ParticipantForm)
    assert new_workshop == []
    qtbot.keyClick(form.name, Qt.Key.Key_Escape)
