"""Berkas → Buat draf masterplan…: the dialog shows and remembers the choices, and writes the document."""

from __future__ import annotations

import docx
from PySide6.QtWidgets import QDialog, QFileDialog

from fgd_app.core.draft import DraftChoices, load_choices
from fgd_app.gui.draft.dialog import DraftDialog, default_draft_name, write_draft_interactive


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


def test_writing_remembers_the_choices_and_writes_the_docx(qtbot, workshop, tmp_path, monkeypatch):
    target = tmp_path / default_draft_name(workshop)
    assert target.name == "Draf masterplan Kabupaten Serang.docx"

    def accept(dialog):
        dialog.chapter_boxes["risks"].setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DraftDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    path = write_draft_interactive(workshop, str(tmp_path), None)
    assert path == target and target.is_file()
    assert "risks" not in load_choices(workshop.store).chapters
    headings = [p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"]
    assert "Manajemen risiko" not in " ".join(headings) and len(headings) == 6


def test_the_file_menu_has_the_command(qtbot, workshop, settings):
    from fgd_app.gui.shell.main_window import MainWindow

    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Buat draf &masterplan\u2026" in texts
