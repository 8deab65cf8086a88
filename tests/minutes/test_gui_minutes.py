"""The notulen page: typed by keyboard during the day, saved field by field, undone, printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fgd_app.core import Workshop
from fgd_app.gui.printing import page as print_page
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.message_box import MessageBox

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NIP = "197001011990031001"


@pytest.fixture
def settings(tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    (tmp_path / "pdf").mkdir()
    settings.q.setValue("print/folder", str(tmp_path / "pdf"))  # the Print page's remembered folder
    return settings


@pytest.fixture
def opened(monkeypatch):
    """Record what would be opened in the system viewer instead of opening it."""
    urls: list[str] = []
    monkeypatch.setattr(print_page, "open_url", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


@pytest.fixture
def boxes(monkeypatch):
    shown: list[MessageBox] = []
    monkeypatch.setattr(MessageBox, "hook", lambda box: shown.append(box) or "close")
    return shown


@pytest.fixture
def people(workshop_path):
    """Two participants for name completion: one with a NIP."""
    with Workshop.open(workshop_path) as ws:
        bappeda = ws.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
        ws.participants.add(name="Drs. H. Entus Mahmud", nip=NIP, opd_id=bappeda.id)
        ws.participants.add(name="Siti Rahmawati", organisation="Universitas Serang Raya", pentahelix="akademisi")
    return workshop_path


@pytest.fixture
def window(qtbot, people, settings):
    ws = Workshop.open(people)
    win = MainWindow(ws, settings)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    win.close()


def focused() -> QWidget:
    return QApplication.focusWidget()


def target() -> QWidget:
    """Where the keyboard goes: an open completion pop-up, else the focus."""
    return QApplication.activePopupWidget() or QApplication.focusWidget()


def type_in(qtbot, text: str) -> None:
    for char in text:
        qtbot.keyClicks(target(), char)


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(target(), k, modifier)


def open_page(window):
    page = window.show_page("minutes", focus=True)
    QApplication.processEvents()
    return page


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def type_day(qtbot, page) -> None:
    """Type a whole day's notulen the way a note-taker does: Tab from field to field, Ctrl+Enter per item."""
    assert focused() is page.meeting.chair
    type_in(qtbot, "entus")  # completion finds any part of a participant's name
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert page.meeting.chair.text() == "Drs. H. Entus Mahmud"
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.meeting.chair_nip and page.meeting.chair_nip.text() == NIP  # came with the name
    key(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "Siti Rahmawati")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.meeting.start
    key(qtbot, Qt.Key.Key_Up)  # 08:00 -> 09:00
    for _ in range(4):  # Tab visits the minutes of each time, then goes on
        key(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.meeting.place
    page.meeting.place.selectAll()
    type_in(qtbot, "Ruang Rapat Bappeda")
    key(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "42")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.opening
    type_in(qtbot, "Rapat dibuka oleh Kepala Bappeda.")
    key(qtbot, Qt.Key.Key_Tab)
    for speaker, summary in (("Tenaga Ahli Kominfo", "Paparan enam dimensi Smart City."),
                             ("bapp", "Data <b>& integrasi antar-OPD"),
                             ("Siti Rahmawati", "Usul: layanan terpadu di kecamatan.")):
        assert focused() is page.discussion.speaker
        type_in(qtbot, speaker)
        if speaker == "bapp":  # OPDs and participants with their organisation complete too
            key(qtbot, Qt.Key.Key_Down)
        key(qtbot, Qt.Key.Key_Return)  # Enter goes on to the summary
        assert focused() is page.discussion.summary
        type_in(qtbot, summary)
        key(qtbot, Qt.Key.Key_Return, CTRL)
    assert focused() is page.discussion.speaker and page.discussion.speaker.text() == ""
    page.conclusions.setFocus()
    type_in(qtbot, "Inovasi dipetakan per OPD.")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.follow_up
    type_in(qtbot, "Rencana aksi disusun besok.")
    key(qtbot, Qt.Key.Key_Tab)


def test_a_day_typed_by_keyboard_is_in_the_file_after_reopening(qtbot, window, people):
    page = open_page(window)
    assert window.nav.currentRow() == 7 and "Notulen" in window.nav.currentItem().toolTip()  # page 8
    assert page.day_combo.currentText() == "Selasa, 2 Juli 2024"
    type_day(qtbot, page)
    assert page.discussion.model.rowCount() == 3
    window.close()
    with Workshop.open(people) as ws:
        day = ws.days.list()[0]
        minutes = ws.minutes.get(day.id)
        assert (minutes.chair, minutes.chair_nip, minutes.note_taker) == ("Drs. H. Entus Mahmud", NIP,
                                                                          "Siti Rahmawati")
        assert (minutes.start_time, minutes.end_time, minutes.place) == ("09:00", "", "Ruang Rapat Bappeda")
        assert minutes.participants_count == 42
        assert minutes.opening == "Rapat dibuka oleh Kepala Bappeda."
        assert minutes.conclusions == "Inovasi dipetakan per OPD."
        assert minutes.follow_up == "Rencana aksi disusun besok."
        assert [(i.position, i.speaker, i.summary) for i in ws.minutes.items.of(day.id)] == [
            (1, "Tenaga Ahli Kominfo", "Paparan enam dimensi Smart City."),
            (2, "Bappeda", "Data <b>& integrasi antar-OPD"),
            (3, "Siti Rahmawati", "Usul: layanan terpadu di kecamatan.")]
        assert ws.minutes.get(ws.days.list()[1].id).chair == ""  # the other day is untouched


def test_ctrl_z_in_the_empty_speaker_field_undoes_the_last_item(qtbot, window):
    page = open_page(window)
    page.discussion.speaker.setFocus()
    for number in (1, 2, 3):
        type_in(qtbot, f"Pembicara {number}")
        key(qtbot, Qt.Key.Key_Tab)
        type_in(qtbot, f"Ringkasan {number}")
        key(qtbot, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert window.undo_action.text() == "&Batalkan: Tambah butir pembahasan"
    type_in(qtbot, "Setengah")  # typing not yet added: Ctrl+Z undoes the typing first
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert page.discussion.speaker.text() == "" and page.discussion.model.rowCount() == 3
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert [i.speaker for i in page.discussion.model.rows] == ["Pembicara 1", "Pembicara 2"]
    assert focused() is page.discussion.speaker


def test_items_move_with_alt_arrows_are_deleted_with_delete_and_edited_in_place(qtbot, window):
    page = open_page(window)
    day_id = page.day_id
    for speaker in ("A", "B", "C"):
        window.workshop.minutes.items.add(day_id=day_id, speaker=speaker, summary=f"Kata {speaker}")
    table = page.discussion.table
    page.discussion.select(page.discussion.model.rows[2].id)
    table.setFocus()
    key(qtbot, Qt.Key.Key_Up, ALT)
    key(qtbot, Qt.Key.Key_Up, ALT)
    assert [i.speaker for i in window.workshop.minutes.items.of(day_id)] == ["C", "A", "B"]
    assert page.discussion.current_item_id() == page.discussion.model.rows[0].id  # C stays chosen
    assert not page.discussion.up_button.isEnabled()
    key(qtbot, Qt.Key.Key_Delete)
    assert [i.speaker for i in window.workshop.minutes.items.of(day_id)] == ["A", "B"]
    assert window.undo_action.text() == "&Batalkan: Hapus butir pembahasan"
    # F2 on a summary: a multi-line editor; Ctrl+Enter saves it as one undoable edit
    table.setCurrentIndex(page.discussion.model.index(1, 2))
    key(qtbot, Qt.Key.Key_F2)
    editor = focused()
    assert editor.accessibleName() == "Ringkasan"
    editor.selectAll()
    type_in(qtbot, "Baris satu")
    key(qtbot, Qt.Key.Key_Return)
    type_in(qtbot, "baris dua")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.workshop.minutes.items.of(day_id)[1].summary == "Baris satu\nbaris dua"
    assert window.undo_action.text() == "&Batalkan: Ubah butir pembahasan"
    window.undo_action.trigger()
    assert window.workshop.minutes.items.of(day_id)[1].summary == "Kata B"
    assert page.discussion.model.rows[1].summary == "Kata B"


def test_errors_show_beside_the_field_and_esc_puts_back_the_saved_value(qtbot, window):
    page = open_page(window)
    meeting = page.meeting
    meeting.chair_nip.setFocus()
    type_in(qtbot, "12345")
    key(qtbot, Qt.Key.Key_Tab)
    assert meeting.errors["chair"].isVisible() and "18 angka" in meeting.errors["chair"].text()
    assert window.workshop.minutes.get(page.day_id).chair_nip == ""
    meeting.chair_nip.setFocus()
    key(qtbot, Qt.Key.Key_Escape)
    assert meeting.chair_nip.text() == "" and not meeting.errors["chair"].isVisible()
    meeting.end.setFocus()
    for _ in range(9):
        key(qtbot, Qt.Key.Key_Down)  # 16:00 -> 07:00, before the start
    key(qtbot, Qt.Key.Key_Tab)  # to the minutes
    key(qtbot, Qt.Key.Key_Tab)  # out of the field
    assert "jam selesai" in meeting.errors["time"].text().lower()
    page.discussion.speaker.setFocus()
    key(qtbot, Qt.Key.Key_Return, CTRL)  # nothing typed
    assert page.discussion.entry_error.isVisible() and page.discussion.model.rowCount() == 0


def test_each_day_keeps_its_own_notulen_and_place_follows_the_venue(qtbot, window):
    page = open_page(window)
    first, second = window.workshop.days.list()
    assert page.meeting.place.text() == "Aula Setda Kabupaten Serang"
    page.opening.setFocus()
    type_in(qtbot, "Hari pertama")
    page.day_combo.setFocus()  # leaving the field saves it before the day changes
    page.day_combo.setCurrentIndex(1)
    assert page.day_id == second.id and page.opening.toPlainText() == ""
    assert page.day_combo.currentText() == "Rabu, 3 Juli 2024"
    window.workshop.update_info(venue="Pendopo Kabupaten Serang")
    assert page.meeting.place.text() == "Pendopo Kabupaten Serang"
    page.day_combo.setCurrentIndex(0)
    assert page.opening.toPlainText() == "Hari pertama"
    assert window.workshop.minutes.get(first.id).opening == "Hari pertama"


def test_print_notulen_writes_this_day_into_the_print_folder_and_opens_it(qtbot, window, opened, tmp_path):
    page = open_page(window)
    type_day(qtbot, page)
    page.opening.setFocus()
    type_in(qtbot, " Tanpa keluar dari isian.")  # Ctrl+P saves the field being typed in first
    key(qtbot, Qt.Key.Key_P, CTRL)
    path = tmp_path / "pdf" / "serang-cetak" / "notulen-2024-07-02.pdf"
    assert page.last_printed == path and opened == [str(path)]
    assert page.print_status.text() == "Tercetak: notulen-2024-07-02.pdf"
    text = pdf_text(path)
    for expected in ("NOTULEN", "Selasa, 2 Juli 2024", "09.00", "Ruang Rapat Bappeda", "Drs. H. Entus Mahmud",
                     "Tenaga Ahli Kominfo", "Bappeda", "Siti Rahmawati", "Data <b>& integrasi antar-OPD",
                     "Tanpa keluar dari isian.", "42 orang"):
        assert expected in text, expected
    assert "Rabu, 3 Juli 2024" not in text  # this day only


def test_print_into_a_folder_that_cannot_be_written_says_why(qtbot, window, opened, boxes, settings, tmp_path):
    page = open_page(window)
    settings.q.setValue("print/folder", str(tmp_path))
    (tmp_path / "serang-cetak").write_text("a file where the folder should be")
    assert page.print_minutes() is None
    assert boxes and opened == []


def test_read_only_workshop_shows_the_notulen_without_edits(qtbot, people, settings, opened):
    with Workshop.open(people) as ws:
        day = ws.days.list()[0]
        ws.minutes.update(day.id, chair="Kepala Bappeda")
        ws.minutes.items.add(day_id=day.id, speaker="Tenaga Ahli", summary="Paparan")
    ws = Workshop.open(people, read_only=True)
    window = MainWindow(ws, settings)
    qtbot.addWidget(window)
    window.show()
    page = open_page(window)
    assert page.meeting.chair.text() == "Kepala Bappeda" and page.meeting.chair.isReadOnly()
    assert page.opening.isReadOnly() and not page.discussion.entry.isVisible()
    assert not page.discussion.delete_button.isVisible()
    index = page.discussion.model.index(0, 2)
    assert not page.discussion.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert page.print_minutes() is not None  # printing only reads
    window.close()


def test_every_input_has_an_accessible_name(qtbot, window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
    )

    page = open_page(window)
    inputs = [w for w in page.findChildren(QWidget)
              if isinstance(w, QLineEdit | QComboBox | QAbstractSpinBox | QPlainTextEdit | QAbstractItemView
                            | QAbstractButton) and not isinstance(w, QHeaderView) and w.isVisibleTo(page)
              and not (isinstance(w, QLineEdit) and isinstance(w.parent(), QComboBox | QAbstractSpinBox))]
    assert len(inputs) > 15
    for widget in inputs:
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        assert name.strip(), type(widget).__name__
