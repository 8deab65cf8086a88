"""The Print page: tick documents, print them in the background into a remembered folder, cancel safely."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget

from fgd_app.core import Workshop
from fgd_app.gui.printing import page as print_page
from fgd_app.gui.printing.document_list import task_key
from fgd_app.gui.printing.job import RUNNING, PrintRequest, PrintTask, run_request, write_error_message
from fgd_app.gui.printing.page import PrintPage
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.message_box import MessageBox
from fgd_app.reports import DocumentSpec
from fgd_app.reports.registry import REGISTRY

MM = 72 / 25.4


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes are answered "close" and kept for the test to read."""
    shown: list[MessageBox] = []
    monkeypatch.setattr(MessageBox, "hook", lambda box: shown.append(box) or "close")
    return shown


@pytest.fixture
def opened(monkeypatch):
    """Record what would be opened in the system viewer instead of opening it."""
    urls: list[str] = []
    monkeypatch.setattr(print_page, "open_url", lambda url: urls.append(url.toLocalFile()) or True)
    return urls


def make_page(qtbot, ws, settings, folder: Path) -> PrintPage:
    page = PrintPage(ws, settings=settings)
    qtbot.addWidget(page)
    page.set_output_folder(folder)
    page.open_when_done.setChecked(False)
    page.tree.set_tasks(set())
    return page


def print_and_wait(qtbot, page: PrintPage) -> None:
    assert page.start_printing()
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    qtbot.waitUntil(lambda: not RUNNING, timeout=10_000)


def text_of(path: Path) -> str:
    """Return a PDF's text with every run of white space (line breaks in table cells) made one blank."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def leftovers(folder: Path) -> list[str]:
    """Return files in ``folder`` that are not finished PDFs (temporary, hidden, partial)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix != ".pdf")


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_documents_print_into_the_workshop_folder_as_valid_pdfs(qtbot, workshop, settings, tmp_path):
    ws = workshop
    opd = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    ws.innovations.add(dimension_id=ws.dimensions.list()[0].id, name="Lapor Bupati <cepat> & tuntas",
                       lead_opd_id=opd.id)
    page = make_page(qtbot, ws, settings, tmp_path)
    page.tree.tick("lembar-inovasi", blank=True)
    page.tree.tick("lembar-inovasi", blank=False)
    page.paper.setCurrentIndex(page.paper.findData("F4"))
    assert page.print_button.text() == "Cetak 2 dokumen"

    print_and_wait(qtbot, page)

    folder = tmp_path / "serang-cetak"
    blank, filled = folder / "lembar-inovasi-kosong.pdf", folder / "lembar-inovasi.pdf"
    assert page.written_files() == [blank, filled]
    assert leftovers(folder) == []
    assert "Kabupaten Serang" in text_of(blank) and "Lapor Bupati" not in text_of(blank)
    assert "GOV-01 Lapor Bupati <cepat> & tuntas" in text_of(filled)
    width, height = (float(x) for x in PdfReader(filled).pages[0].mediabox[2:])
    assert (round(width / MM), round(height / MM)) == (330, 215)  # F4, landscape as designed
    assert page.status.text().startswith("2 dokumen dicetak dalam")
    assert page.print_button.isEnabled() and page.progress.isHidden()


def test_folder_paper_and_ticked_documents_are_remembered(qtbot, workshop, settings, tmp_path):
    (tmp_path / "usb").mkdir()
    page = make_page(qtbot, workshop, settings, tmp_path / "usb")
    page.tree.tick("daftar-hadir", blank=True)
    page.tree.tick("statistik")
    page.paper.setCurrentIndex(page.paper.findData("F4"))
    page.orientation.setCurrentIndex(page.orientation.findData("landscape"))
    settings.q.sync()

    again = PrintPage(workshop, settings=Settings(QSettings(str(tmp_path / "settings.ini"),
                                                            QSettings.Format.IniFormat)))
    qtbot.addWidget(again)
    assert again.folder.text() == str(tmp_path / "usb")
    assert again.target_folder() == tmp_path / "usb" / "serang-cetak"
    assert [(t.name, t.blank) for t in again.tree.tasks()] == [("statistik", False), ("daftar-hadir", True)]
    assert (again.paper.currentData(), again.orientation.currentData()) == ("F4", "landscape")
    roadmap = next(i for i in again.tree.items if i.data(0, Qt.ItemDataRole.UserRole).name == "peta-jalan")
    assert roadmap.text(1) == "F4 mendatar"  # the roadmap takes the paper chosen


def test_a_missing_remembered_folder_falls_back_to_documents(qtbot, workshop, settings, tmp_path):
    settings.q.setValue("print/folder", str(tmp_path / "gone"))
    page = PrintPage(workshop, settings=settings)
    qtbot.addWidget(page)
    assert page.folder.text() == print_page.default_folder()


def test_cancel_midway_leaves_no_partial_file(tmp_path, workshop_path):
    """Cancelled on the first page of the second document: the first stays whole, the second never appears."""
    seen: list[str] = []

    def cancel() -> bool:
        return any(text.startswith("Lembar Kerja Manajemen Risiko") for text in seen)

    request = PrintRequest(workshop_path, (PrintTask("lembar-inovasi", True), PrintTask("lembar-risiko", True),
                                           PrintTask("daftar-hadir")), tmp_path)
    outcome = run_request(request, lambda _fraction, text: seen.append(text), cancel)
    assert outcome.cancelled and not outcome.fatal and not outcome.failures
    assert outcome.written == [tmp_path / "lembar-inovasi-kosong.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lembar-inovasi-kosong.pdf", "serang.fgd.db"]
    assert len(PdfReader(outcome.written[0]).pages) >= 6


def test_cancel_button_stops_the_job_and_keeps_only_whole_files(qtbot, workshop, settings, tmp_path):
    page = make_page(qtbot, workshop, settings, tmp_path)
    for name in ("lembar-inovasi", "lembar-rencana-aksi", "lembar-risiko", "lembar-quick-win"):
        page.tree.tick(name, blank=True)
    page.tree.tick("daftar-hadir", blank=True)
    assert page.start_printing()
    assert not page.progress.isHidden() and not page.cancel_button.isHidden() and not page.tree.isEnabled()
    qtbot.waitUntil(lambda: page.progress.value() > 0, timeout=30_000)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)

    folder = tmp_path / "serang-cetak"
    assert page.last_outcome.cancelled
    assert leftovers(folder) == []
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) < 5 and pdfs == sorted(page.written_files())
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) >= 1
    assert page.status.text().startswith("Dibatalkan.")
    assert page.tree.isEnabled() and page.cancel_button.isHidden()


def test_read_only_workshop_prints_without_touching_the_file(qtbot, workshop_path, settings, tmp_path, opened):
    before = fingerprint(workshop_path)
    ws = Workshop.open(workshop_path, read_only=True)
    try:
        page = make_page(qtbot, ws, settings, tmp_path / "out")
        page.open_when_done.setChecked(True)
        page.tree.tick("daftar-hadir")
        print_and_wait(qtbot, page)
        pdf = tmp_path / "out" / "serang-cetak" / "daftar-hadir.pdf"
        assert "Kabupaten Serang" in text_of(pdf) or "KABUPATEN SERANG" in text_of(pdf)
        assert opened == [str(pdf)]  # one document: the PDF itself opens
    finally:
        ws.close()
    assert fingerprint(workshop_path) == before
    assert not Path(f"{workshop_path}-wal").exists()


def test_several_documents_open_their_folder_and_the_buttons_open_files(qtbot, workshop, settings, tmp_path,
                                                                         opened):
    page = make_page(qtbot, workshop, settings, tmp_path)
    page.open_when_done.setChecked(True)
    page.tree.tick("berita-acara")
    page.tree.tick("notulen", blank=True)
    print_and_wait(qtbot, page)
    folder = tmp_path / "serang-cetak"
    assert opened == [str(folder)]
    page.results.setCurrentRow(1)
    page.open_file_button.click()
    page.open_folder_button.click()
    assert opened[1:] == [str(folder / "notulen-kosong.pdf"), str(folder)]


def test_unwritable_folder_is_explained_and_nothing_starts(qtbot, workshop, settings, tmp_path, boxes):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    page = make_page(qtbot, workshop, settings, blocker)
    page.tree.tick("statistik")
    assert not page.start_printing()
    assert page.job is None and len(boxes) == 1
    assert "tidak dapat ditulis" in boxes[0].text()


def test_disk_full_and_refused_writes_read_plainly():
    import errno

    assert write_error_message(OSError(errno.ENOSPC, "No space left"), Path("/media/usb")).startswith("Disk penuh")
    assert "sedang dibuka di program lain" in write_error_message(OSError(errno.EACCES, "denied"), Path("/x"))


def test_a_failing_document_is_reported_and_the_others_print(qtbot, workshop, settings, tmp_path, boxes,
                                                            monkeypatch):
    def broken(_ctx):
        raise RuntimeError("tabel rusak")

    monkeypatch.setitem(REGISTRY, "rusak", DocumentSpec("rusak", "Broken report", broken, kind="report"))
    page = make_page(qtbot, workshop, settings, tmp_path)
    page.tree.tick("rusak")
    page.tree.tick("statistik")
    print_and_wait(qtbot, page)
    folder = tmp_path / "serang-cetak"
    assert sorted(p.name for p in folder.iterdir()) == ["statistik.pdf"]
    assert len(boxes) == 1 and "Broken report: RuntimeError: tabel rusak" in boxes[0].text()
    assert page.status.text() == "1 dokumen dicetak, 1 gagal."


def test_nothing_ticked_says_so(qtbot, workshop, settings, tmp_path):
    page = make_page(qtbot, workshop, settings, tmp_path)
    assert not page.print_button.isEnabled()
    assert not page.start_printing()
    assert page.status.text() == "Centang sedikitnya satu dokumen."


def test_groups_list_every_document_and_every_input_is_named(qtbot, workshop, settings, tmp_path):
    page = make_page(qtbot, workshop, settings, tmp_path)
    groups = [page.tree.groups[k].text(0) for k in page.tree.groups]
    assert groups == ["Lembar kerja kosong (diisi tangan)", "Lembar kerja terisi (dikoreksi di kertas)", "Laporan",
                      "Administrasi kegiatan"]
    blank_group = page.tree.groups["blank"]
    blank_group.setCheckState(0, Qt.CheckState.Checked)  # a group's box ticks all of it
    assert {t.name for t in page.tree.tasks()} == {"lembar-inovasi", "lembar-rencana-aksi", "lembar-risiko",
                                                   "lembar-quick-win", "lembar-analisis-strategis"}
    assert all(t.blank for t in page.tree.tasks())
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(page) and widget.metaObject(
                ).className() not in ("QWidget", "QScrollBar", "QHeaderView", "QLabel"):
            assert widget.accessibleName() or getattr(widget, "text", lambda: "")(), widget


def test_ctrl_p_prints_from_the_page_in_the_main_window(qtbot, workshop, settings, tmp_path):
    from PySide6.QtWidgets import QApplication

    from fgd_app.gui.shell.main_window import MainWindow

    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.show_page("print", focus=True)
    page.set_output_folder(tmp_path)
    page.open_when_done.setChecked(False)
    assert [task_key(t) for t in page.tree.tasks()] == ["lembar-inovasi:blank"]  # the first-time choice
    qtbot.keyClick(page.tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert page.job is not None
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    assert page.written_files() == [tmp_path / "serang-cetak" / "lembar-inovasi-kosong.pdf"]
    window.close()


def test_closing_the_window_mid_job_cancels_it_cleanly(qtbot, workshop_path, settings, tmp_path):
    from PySide6.QtCore import QCoreApplication, QEvent

    from fgd_app.gui.shell.main_window import MainWindow

    ws = Workshop.open(workshop_path)
    window = MainWindow(ws, settings)
    window.show()
    page = window.show_page("print")
    page.set_output_folder(tmp_path)
    page.open_when_done.setChecked(False)
    page.tree.groups["blank"].setCheckState(0, Qt.CheckState.Checked)
    assert page.start_printing()
    job = page.job
    window.close()  # closes the workshop file too
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert job.is_cancelled()
    qtbot.waitUntil(lambda: not RUNNING, timeout=30_000)
    assert leftovers(tmp_path / "serang-cetak") == []
    assert len(list((tmp_path / "serang-cetak").glob("*.pdf"))) < 4
    assert Workshop.open(workshop_path).close() is None  # the file opens again: nothing left locked


def test_paperwork_details_are_saved_as_one_step_and_printed(qtbot, workshop, settings, tmp_path):
    from fgd_app.gui.printing.details_dialog import PaperworkDetailsDialog

    ws = workshop
    dialog = PaperworkDetailsDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.fields["expert_name"].placeholderText() == "Tenaga Ahli Kominfo"  # the workshop's facilitator
    dialog.fields["official_name"].setText("Drs. H. Ahmad Fauzi, M.Si. <Kepala> & Co")
    dialog.fields["official_nip"].setText("1970 0101 199003 1 001x")
    dialog.fields["report_agreements"].setPlainText("Dokumen masterplan disepakati.\nQuick win: Lapor Bupati.")
    dialog.fields["report_date"].setCurrentIndex(dialog.fields["report_date"].findData("2024-07-02"))
    dialog.accept()
    assert dialog.errors["official_nip"].isVisibleTo(dialog) and "18" in dialog.errors["official_nip"].text()
    assert ws.documents.stored() == {}  # nothing saved while one field is wrong
    dialog.fields["official_nip"].setText("19700101 199003 1 001")
    dialog.accept()
    assert dialog.result() == PaperworkDetailsDialog.DialogCode.Accepted.value
    values = ws.documents.values()
    assert (values["official_name"], values["official_nip"], values["report_date"]) == (
        "Drs. H. Ahmad Fauzi, M.Si. <Kepala> & Co", "197001011990031001", "2024-07-02")
    assert ws.store.undo_name() == "Ubah isian dokumen"
    ws.undo()
    assert ws.documents.stored().get("official_name", "") == ""  # one step undoes every field
    ws.redo()

    page = make_page(qtbot, ws, settings, tmp_path)
    page.tree.tick("berita-acara")
    print_and_wait(qtbot, page)
    text = text_of(tmp_path / "serang-cetak" / "berita-acara.pdf")
    assert "Drs. H. Ahmad Fauzi, M.Si. <Kepala> & Co" in text and "19700101 199003 1 001" in text
    assert "Quick win: Lapor Bupati." in text


def test_paperwork_details_of_a_read_only_workshop_cannot_be_edited(qtbot, workshop_path):
    from fgd_app.gui.printing.details_dialog import PaperworkDetailsDialog

    ws = Workshop.open(workshop_path, read_only=True)
    try:
        dialog = PaperworkDetailsDialog(ws)
        qtbot.addWidget(dialog)
        assert not any(field.isEnabled() for field in dialog.fields.values())
        dialog.accept()
        assert dialog.result() == PaperworkDetailsDialog.DialogCode.Rejected.value
    finally:
        ws.close()
