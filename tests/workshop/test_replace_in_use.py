"""A workshop file open in another window is never replaced by a new one (issue 14, item 4)."""

from __future__ import annotations

import pytest
from conftest import SERANG

from fgd_app.core import Workshop
from fgd_app.core.errors import FileInUseError


def test_create_refuses_to_replace_a_file_open_for_writing_and_its_edits_survive(workshop_path):
    with Workshop.open(workshop_path) as other_window:
        opd = other_window.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
        with pytest.raises(FileInUseError) as refused:
            Workshop.create(workshop_path, overwrite=True, **(SERANG | {"region_code": "36.72"}))
        assert "dibuka" in refused.value.message
        other_window.opds.update(opd.id, short_name="Dinkes Serang")  # still saved into the same file
    assert not [p.name for p in workshop_path.parent.iterdir() if p.name.startswith(".new-")]
    with Workshop.open(workshop_path) as again:
        assert again.info().region_code == "36.04"
        assert again.opds.get(opd.id).short_name == "Dinkes Serang"


def test_create_replaces_a_file_nobody_has_open(workshop_path):
    with Workshop.create(workshop_path, overwrite=True, **(SERANG | {"region_code": "36.72"})) as ws:
        assert ws.info().region_code == "36.72"


def test_new_workshop_dialog_says_the_file_is_open_instead_of_offering_to_replace_it(qtbot, settings, workshop_path,
                                                                                     monkeypatch):
    from fgd_app.gui.widgets.message_box import MessageBox
    from fgd_app.gui.workshop.new_dialog import NewWorkshopDialog

    asked = []
    monkeypatch.setattr(MessageBox, "hook", lambda box: asked.append(box.text()) or "replace")
    with Workshop.open(workshop_path) as other_window:
        dialog = NewWorkshopDialog(settings)
        qtbot.addWidget(dialog)
        dialog.region.set_region("36.72")
        dialog.path_edit.setText(str(workshop_path))
        dialog.accept()
        assert dialog.workshop is None
        assert asked == []
        assert "dibuka" in dialog.path_error.text()
        assert other_window.info().region_code == "36.04"
