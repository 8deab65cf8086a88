"""The OK/Cancel helper (translated texts, OK the default, accept/reject wired) and the tab-chain helper."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from fgd_app.gui.widgets.dialogs import CANCEL, OK, ok_cancel_buttons, set_tab_chain
from fgd_app.i18n import tr


def test_ok_cancel_buttons_are_translated_and_wired(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = ok_cancel_buttons(dialog)
    assert (box.button(OK).text(), box.button(CANCEL).text()) == ("OK", "Batal")
    assert box.button(OK).isDefault()
    results = []
    dialog.finished.connect(results.append)
    box.button(OK).click()
    box.button(CANCEL).click()
    assert results == [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected]


def test_ok_text_and_a_save_that_keeps_the_dialog_open(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    saves = []
    box = ok_cancel_buttons(dialog, tr("Save"), on_ok=lambda: saves.append(1))
    assert box.button(OK).text() == "Simpan"
    box.button(OK).click()
    assert saves == [1] and dialog.result() == 0  # not accepted: the save decides


def test_set_tab_chain_orders_the_fields(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    a, b, c = QLineEdit(), QLineEdit(), QLineEdit()
    for field in (a, b, c):
        layout.addWidget(field)
    set_tab_chain(b, a, c)
    assert b.nextInFocusChain() is a and a.nextInFocusChain() is c
