"""Berkas → Buat draf masterplan…: the dialog shows and remembers the choices, and writes the document."""

from __future__ import annotations

import threading

import docx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton, QWidget

from fgd_app.core import Workshop
from fgd_app.core.draft import DraftChoices, load_choices
from fgd_app.draft import docx_writer
from fgd_app.gui.draft.dialog import DraftDialog, DraftProgress, default_draft_name, write_draft_interactive
from fgd_app.gui.draft.job import DraftThread


def test_the_dialog_starts_from_the_stored_choices_and_returns_what_is_ticked(qtbot, workshop):
    dialog = DraftDialog(workshop)
    qtbot.addWidget(dialog)
    assert dialog.choices() == DraftChoices()
    dialog.chapter_boxes["region_analysis"].setChecked(False)
    first = workshop.dimensions.list()[0]
    dialog.dimension_boxes[first.id].setChecked(False)
    dialog.paper.setCurrentIndex(1)
    dialog.annexes.setChecked(False)
    choices = dialog.choices()
    assert "region_analysis" not in choices.chapters and first.id not in choices.dimension_ids
    assert choices.paper == "F4" and not choices.annexes
    dialog.resize(1024, 768)
    assert not dialog.grab().isNull()


def test_writing_remembers_the_choices_and_writes_the_docx_beside_the_window(qtbot, workshop, tmp_path,
                                                                           monkeypatch):
    target = tmp_path / default_draft_name(workshop)
    assert target.name == "Draf masterplan Kabupaten Serang.docx"

    def accept(dialog):
        dialog.chapter_boxes["risks"].setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DraftDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    parent = QWidget()
    qtbot.addWidget(parent)
    written = []
    job = write_draft_interactive(workshop, str(tmp_path), parent, written.append)
    assert isinstance(job, DraftThread) and job.request.target == target
    assert job.progress_dialog.isVisible() and not job.progress_dialog.isModal()
    qtbot.waitUntil(lambda: written == [target], timeout=20_000)
    qtbot.waitUntil(lambda: not parent.findChildren(DraftProgress))  # closed and gone
    assert "risks" not in load_choices(workshop.store).chapters
    headings = [p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"]
    assert "Manajemen risiko" not in " ".join(headings) and len(headings) == 6


@pytest.fixture
def demo_path(tmp_path):
    from fgd_app.core.demo import write_demo

    path = tmp_path / "demo.fgd.db"
    write_demo(path, scale=3)
    return path


def test_the_window_stays_responsive_while_the_draft_is_written(qtbot, demo_path, tmp_path, monkeypatch):
    """The job runs in its own thread on a read-only connection: the event loop keeps turning meanwhile."""
    target = tmp_path / "draf.docx"
    monkeypatch.setattr(DraftDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    writer_threads, texts = [], []
    original = docx_writer.DocxWriter.build

    def build(self, progress=None):
        writer_threads.append(threading.current_thread())
        return original(self, progress)

    monkeypatch.setattr(docx_writer.DocxWriter, "build", build)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    with Workshop.open(demo_path) as ws:
        parent = QWidget()
        qtbot.addWidget(parent)
        written = []
        job = write_draft_interactive(ws, str(tmp_path), parent, written.append)
        job.progress.connect(lambda fraction, text: texts.append(text))
        qtbot.waitUntil(lambda: bool(written), timeout=60_000)
    timer.stop()
    assert written == [target] and target.is_file()
    assert writer_threads and writer_threads[0] is not threading.main_thread()
    assert len(ticks) >= 5  # the GUI thread handled its timer while the draft was built
    assert texts[0] == "Membaca lokakarya\u2026" and texts[-1] == "Selesai ditulis." and len(texts) >= 3


def test_cancel_leaves_no_file_and_an_error_is_shown_not_raised(qtbot, workshop, tmp_path, monkeypatch):
    from fgd_app.gui.draft import dialog as dialog_module

    monkeypatch.setattr(DraftDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    target = tmp_path / "batal.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    errors, ended = [], []
    monkeypatch.setattr(dialog_module, "show_error", lambda parent, title, text, details="": errors.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    start = DraftThread.start

    def cancel_then_start(job):  # as if Cancel were pressed before the first chapter
        job.progress_dialog.findChild(QPushButton).click()
        assert job._cancel.is_set() and job.progress_dialog.labelText() == "Menghentikan\u2026"
        start(job)

    monkeypatch.setattr(DraftThread, "start", cancel_then_start)
    write_draft_interactive(workshop, str(tmp_path), parent, None, lambda: ended.append(1))
    qtbot.waitUntil(lambda: bool(ended), timeout=20_000)
    monkeypatch.setattr(DraftThread, "start", start)
    assert not target.exists() and errors == [] and not list(tmp_path.glob("*.docx*"))
    missing = tmp_path / "tidak-ada" / "draf.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    write_draft_interactive(workshop, str(tmp_path), parent, None, lambda: ended.append(2))
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=20_000)
    assert len(errors) == 1 and "tidak-ada" in errors[0]


def test_the_file_menu_has_the_command(qtbot, workshop, settings):
    from fgd_app.gui.shell.main_window import MainWindow

    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Buat draf &masterplan\u2026" in texts


def test_the_command_is_off_while_a_draft_is_written_and_the_status_bar_says_where(qtbot, workshop, settings,
                                                                                   tmp_path, monkeypatch):
    from fgd_app.gui.draft import write_draft
    from fgd_app.gui.shell.main_window import MainWindow

    target = tmp_path / "draf.docx"
    monkeypatch.setattr(DraftDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    write_draft(window)
    assert not window.draft_action.isEnabled()
    qtbot.waitUntil(window.draft_action.isEnabled, timeout=20_000)
    assert target.is_file() and str(target) in window.statusBar().currentMessage()
