"""Shared widgets: the date field commits a date picked in its calendar pop-up (built when first needed)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, Qt

from fgd_app.gui.widgets.common import SavedDateEdit


def test_date_picked_in_the_calendar_popup_is_committed(qtbot):
    field = SavedDateEdit()
    qtbot.addWidget(field)
    field.set_saved("2024-07-02", force=True)
    field.show()
    assert not field._calendar_wired  # the calendar is not built with the field (start-up)
    committed = []
    field.committed.connect(committed.append)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 5, field.height() // 2))
    calendar = field.calendarWidget()
    assert calendar.isVisible()  # the click on the arrow opened the pop-up
    calendar.setSelectedDate(QDate(2024, 7, 9))
    calendar.clicked.emit(QDate(2024, 7, 9))  # what a click on the 9th sends
    assert committed == ["2024-07-09"]
    calendar.setSelectedDate(QDate(2024, 7, 3))
    calendar.activated.emit(QDate(2024, 7, 3))  # Enter on the 3rd
    assert committed == ["2024-07-09", "2024-07-03"]


def test_a_calendar_asked_for_in_code_is_wired_too(qtbot):
    field = SavedDateEdit()
    qtbot.addWidget(field)
    field.set_saved("2024-07-02", force=True)
    committed = []
    field.committed.connect(committed.append)
    field.calendarWidget().setSelectedDate(QDate(2024, 8, 17))
    field.calendarWidget().clicked.emit(QDate(2024, 8, 17))
    assert committed == ["2024-08-17"]


def test_make_selectable_and_key_sequences(qtbot):
    """Labels become selectable by mouse (and keyboard when asked); shortcuts read as QKeySequence reads them."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QLabel

    from fgd_app.gui.widgets.actions import key_sequence
    from fgd_app.gui.widgets.common import make_selectable

    label = QLabel("x")
    qtbot.addWidget(label)
    make_selectable(label)
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    make_selectable(label, keyboard=True)
    assert label.textInteractionFlags() == (Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    for text in ("Ctrl+Shift+N", "Ctrl+,", "F5", "Shift+F5", "Ctrl+F9", "Ctrl+1"):
        assert key_sequence(text) == QKeySequence(text)


def test_wrapped_label_remembers_heights_and_forgets_them_when_text_or_font_change(qtbot):
    from PySide6.QtWidgets import QLabel

    from fgd_app.gui.widgets.common import WrappedLabel

    text = "Setiap isian tersimpan saat Anda meninggalkannya (Tab atau Enter); Esc mengembalikan nilai. " * 3
    label, plain = WrappedLabel(text), QLabel(text)
    plain.setWordWrap(True)
    qtbot.addWidget(label)
    qtbot.addWidget(plain)
    heights = [label.heightForWidth(width) for width in (120, 300, 900, 120)]
    assert heights == [plain.heightForWidth(width) for width in (120, 300, 900, 120)]
    assert heights[0] > heights[1] > heights[2]
    label.setText("pendek")
    plain.setText("pendek")
    assert label.heightForWidth(120) == plain.heightForWidth(120) < heights[0]
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    plain.setFont(font)
    assert label.heightForWidth(120) == plain.heightForWidth(120)


def test_new_action_has_its_text_shortcuts_and_slot(qtbot):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QWidget

    from fgd_app.gui.widgets.actions import new_action

    parent = QWidget()
    qtbot.addWidget(parent)
    fired = []
    action = new_action(parent, "&Redo", lambda: fired.append(1), ["Ctrl+Shift+Z", "Ctrl+Y"])
    assert action.text() == "&Redo" and action.parent() is parent
    assert action.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    action.trigger()
    assert fired == [1]
    assert new_action(parent, "Ekspor", lambda: None).shortcuts() == []
