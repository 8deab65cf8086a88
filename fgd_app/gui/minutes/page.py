"""The notulen page: the note-taker types the notes of each workshop day while it happens.

Choose the day; the meeting's details (chair and note-taker with their NIP, time, place, number of
participants), the opening, the discussion (one item per speaker, see ``minutes_discussion``), the
conclusions and decisions and the follow-up. Every field is saved when it is left (one undoable
operation), Esc puts back the saved value, errors show beside the field. "Print notulen" (Ctrl+P)
writes this day's notulen to the Print page's output folder and opens it.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fgd_app import i18n
from fgd_app.gui.minutes.discussion import DiscussionPanel, name_completer, shortcut
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import (
    FieldError,
    SavedLineEdit,
    SavedTextEdit,
    SavedTimeEdit,
    bind_commit,
    show_error,
)
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.people.records import Participant
    from fgd_app.core.store.changes import Changes

MUTED = "color: palette(placeholder-text);"
PEOPLE_AREAS = ("participants", "opds")  # change areas
MINUTES_AREAS = ("minutes", "days", "workshop", "attendance")


def day_title(day) -> str:
    """Return "Selasa, 2 Juli 2024" (with the day's label when it has one)."""
    text = i18n.format_date(day.day_date)
    return f"{text} \u2014 {day.label}" if day.label else text


class MeetingSection(QGroupBox):
    """Chair and note-taker (with NIP), time, place and number of participants of the day's meeting."""

    def __init__(self, page: MinutesPage):
        super().__init__(tr("Meeting"))
        self.page = page
        ws = page.ws
        self.chair = self._line(tr("Chair"), tr("Type or pick a participant"))
        self.chair.setCompleter(name_completer(page.names, self.chair))
        self.chair_nip = self._line(tr("Chair's NIP"), tr("18 digits, optional"))
        self.note_taker = self._line(tr("Note-taker"), tr("Type or pick a participant"))
        self.note_taker.setCompleter(name_completer(page.names, self.note_taker))
        self.note_taker_nip = self._line(tr("Note-taker's NIP"), tr("18 digits, optional"))
        for nip in (self.chair_nip, self.note_taker_nip):
            nip.setFixedWidth(nip.fontMetrics().horizontalAdvance("0" * 21) + 16)
        self.start = SavedTimeEdit()
        self.start.setAccessibleName(tr("Start time"))
        self.end = SavedTimeEdit()
        self.end.setAccessibleName(tr("End time"))
        self.place = self._line(tr("Place"), "")
        self.count = self._line(tr("Number of participants"), "")
        self.count.setFixedWidth(self.count.fontMetrics().horizontalAdvance("00000") + 16)
        self.count_hint = QLabel()
        self.count_hint.setStyleSheet(MUTED)
        self.errors = {key: FieldError() for key in ("chair", "note_taker", "time", "place", "count")}

        grid = QGridLayout(self)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self._row(grid, 0, tr("&Chair:"), self.chair, self.chair_nip)
        grid.addWidget(self.errors["chair"], 1, 1, 1, 3)
        self._row(grid, 2, tr("N&ote-taker:"), self.note_taker, self.note_taker_nip)
        grid.addWidget(self.errors["note_taker"], 3, 1, 1, 3)
        line = QHBoxLayout()
        line.setSpacing(6)  # a nested layout would inherit no spacing from the grid: "Tempat:Aula" touched
        line.addWidget(self.start)
        line.addWidget(QLabel("\u2013"))
        line.addWidget(self.end)
        line.addSpacing(12)
        line.addWidget(self._caption(tr("P&lace:"), self.place))
        line.addWidget(self.place, 1)
        count = QHBoxLayout()
        count.setSpacing(6)
        count.addWidget(self.count)
        count.addWidget(self.count_hint, 1)
        grid.addWidget(self._caption(tr("T&ime:"), self.start), 4, 0)
        grid.addLayout(line, 4, 1)
        grid.addWidget(self._caption(tr("Participant&s:"), self.count), 4, 2)
        grid.addLayout(count, 4, 3)
        for row, key in enumerate(("time", "place", "count"), start=5):
            grid.addWidget(self.errors[key], row, 1, 1, 3)

        book = ws.minutes
        bind_commit(self.chair, self.errors["chair"], lambda v: self._save_person("chair", v))
        bind_commit(self.chair_nip, self.errors["chair"], lambda v: book.update(page.day_id, chair_nip=v))
        bind_commit(self.note_taker, self.errors["note_taker"], lambda v: self._save_person("note_taker", v))
        bind_commit(self.note_taker_nip, self.errors["note_taker"],
                    lambda v: book.update(page.day_id, note_taker_nip=v))
        bind_commit(self.start, self.errors["time"], lambda v: book.update(page.day_id, start_time=v))
        bind_commit(self.end, self.errors["time"], lambda v: book.update(page.day_id, end_time=v))
        bind_commit(self.place, self.errors["place"], lambda v: book.update(page.day_id, place=v))
        bind_commit(self.count, self.errors["count"],
                    lambda v: book.update(page.day_id, participants_count=v.strip() or None))

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _row(self, grid: QGridLayout, row: int, text: str, name: QWidget, nip: QWidget) -> None:
        grid.addWidget(self._caption(text, name), row, 0)
        grid.addWidget(name, row, 1)
        grid.addWidget(self._caption(tr("NIP:"), nip), row, 2)
        grid.addWidget(nip, row, 3)

    def _line(self, name: str, placeholder: str) -> SavedLineEdit:
        field = SavedLineEdit()
        field.setAccessibleName(name)
        if placeholder:
            field.setPlaceholderText(placeholder)
        return field

    def fields(self) -> list[QWidget]:
        return [self.chair, self.chair_nip, self.note_taker, self.note_taker_nip, self.start, self.end,
                self.place, self.count]

    def _save_person(self, key: str, name: str) -> None:
        """Save a chair or note-taker; a participant picked by name brings their NIP when none is written."""
        changes: dict[str, str] = {key: name}
        person = self.page.participant_named(name)
        if person is not None and person.nip and not getattr(self.page.ws.minutes.get(self.page.day_id),
                                                             f"{key}_nip"):
            changes[f"{key}_nip"] = person.nip
        self.page.ws.minutes.update(self.page.day_id, **changes)

    def load(self, day_id: str, *, force: bool) -> None:
        book = self.page.ws.minutes
        minutes = book.effective(day_id)
        self.chair.set_saved(minutes.chair, force=force)
        self.chair_nip.set_saved(minutes.chair_nip, force=force)
        self.note_taker.set_saved(minutes.note_taker, force=force)
        self.note_taker_nip.set_saved(minutes.note_taker_nip, force=force)
        self.start.set_saved(minutes.start_time, force=force)
        self.end.set_saved(minutes.end_time, force=force)
        defaults = book.defaults(day_id)
        self.place.setPlaceholderText(defaults["place"] or tr("Where the meeting takes place"))
        self.place.set_saved(minutes.place, force=force)
        self.count.set_saved("" if minutes.participants_count is None else str(minutes.participants_count),
                             force=force)
        present = len(self.page.ws.attendance.present(day_id))
        self.count.setPlaceholderText(str(present))
        self.count_hint.setText(tr("(empty: {count} present)", count=present))
        self.count.setToolTip(tr("Leave empty to print the number of participants marked present on the attendance "
                                 "list of this day ({count}).", count=present))
        for field in (self.chair, self.note_taker, self.place):
            if not field.hasFocus():
                field.setCursorPosition(0)  # long names show their beginning
        if force:
            for error in self.errors.values():
                error.clear_error()


class MinutesPage(QWidget):
    """Keep the notulen of each workshop day; print the chosen day's notulen."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None, *, settings: Settings | None = None):
        super().__init__(parent)
        self.ws = workshop
        self._settings = settings
        self.day_id = ""
        self.people: dict[str, Participant] = {}
        self.names = QStringListModel(self)  # participants, for chair and note-taker
        self.speakers = QStringListModel(self)  # participants with their organisation, and OPDs
        self.last_printed: Path | None = None

        heading = QLabel(tr("Minutes (notulen)"))
        heading.setStyleSheet(theme.PAGE_HEADING_STYLE)
        self.day_combo = QComboBox()
        self.day_combo.setAccessibleName(tr("Workshop day of the notulen"))
        self.day_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        day_label = QLabel(tr("&Day:"))
        day_label.setBuddy(self.day_combo)
        self.day_combo.currentIndexChanged.connect(self._day_chosen)
        self.print_status = QLabel()
        self.print_status.setStyleSheet(MUTED)
        self.print_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(tr("&Print notulen"))
        self.print_button.setAccessibleName(tr("Print the notulen of this day"))
        self.print_button.setToolTip(tr("Ctrl+P: this day's notulen as a PDF in the Print page's output folder"))
        self.print_button.clicked.connect(self.print_minutes)
        shortcut("Ctrl+P", self, self.print_minutes, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(day_label)
        top.addWidget(self.day_combo)
        top.addStretch(1)
        top.addWidget(self.print_status)
        top.addWidget(self.print_button)
        self.no_days = QLabel(tr("This workshop has no day yet. Add the days on the \u201cWorkshop data\u201d page."))
        self.no_days.setWordWrap(True)
        hint = QLabel(tr("A field is saved when you leave it; Esc puts back the saved value; Ctrl+Z undoes."))
        hint.setWordWrap(True)
        hint.setStyleSheet(MUTED)

        self.meeting = MeetingSection(self)
        self.opening, self.opening_box = self._text_box(tr("I. Ope&ning"), tr("Opening"), "opening", 3)
        self.conclusions, self.conclusions_box = self._text_box(tr("III. Concl&usions and decisions"),
                                                                tr("Conclusions and decisions"), "conclusions", 3)
        self.follow_up, self.follow_up_box = self._text_box(tr("IV. Follo&w-up"), tr("Follow-up"), "follow_up", 3)
        # an empty box says what goes in it
        self.opening.setPlaceholderText(tr("Who opened the meeting, its purpose and the agenda of the day"))
        self.conclusions.setPlaceholderText(tr("What the meeting agreed and decided"))
        self.follow_up.setPlaceholderText(tr("Who does what, and by when"))
        self.discussion = DiscussionPanel(workshop, self.speakers)
        discussion_box = QWidget()
        discussion_caption = QLabel(tr("II. Discussion"))
        discussion_caption.setStyleSheet("font-weight: 600;")
        discussion_layout = QVBoxLayout(discussion_box)
        discussion_layout.setContentsMargins(4, 0, 0, 0)
        discussion_layout.setSpacing(2)
        discussion_layout.addWidget(discussion_caption)
        discussion_layout.addWidget(self.discussion, 1)
        texts = QWidget()
        texts_layout = QVBoxLayout(texts)
        texts_layout.setContentsMargins(0, 0, 4, 0)
        for box in (self.opening_box, self.conclusions_box, self.follow_up_box):
            texts_layout.addWidget(box, 1)
        texts.setMinimumWidth(260)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(texts)
        self.splitter.addWidget(discussion_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(top)
        layout.addWidget(hint)
        hint.setVisible(not workshop.read_only)  # once it has a parent (else it would open as a window)
        layout.addWidget(self.no_days)
        layout.addWidget(self.meeting)
        layout.addWidget(self.splitter, 1)

        set_tab_chain(self.day_combo, *self.meeting.fields(), self.opening, self.discussion.speaker,
                      self.discussion.summary, self.discussion.add_button, self.discussion.table,
                      self.discussion.up_button, self.discussion.down_button, self.discussion.delete_button,
                      self.conclusions, self.follow_up, self.print_button)
        if workshop.read_only:
            for field in [*self.meeting.fields(), self.opening, self.conclusions, self.follow_up]:
                field.setReadOnly(True)
        self.load_people()
        self.load_days()

    # --- building -----------------------------------------------------------------------------------
    def _text_box(self, title: str, name: str, key: str, lines: int) -> tuple[SavedTextEdit, QWidget]:
        box = QWidget()
        field = SavedTextEdit()
        field.setAccessibleName(name)
        field.setMinimumHeight(field.fontMetrics().lineSpacing() * lines + 12)
        error = FieldError()
        caption = QLabel(title)
        caption.setBuddy(field)
        caption.setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(caption)
        layout.addWidget(field, 1)
        layout.addWidget(error)
        bind_commit(field, error, lambda v: self.ws.minutes.update(self.day_id, **{key: v}))
        field.error = error  # type: ignore[attr-defined] - cleared when another day is shown
        return field, box

    # --- settings -----------------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        if self._settings is None:  # a page built on its own (a test, a benchmark): the user's settings
            self._settings = Settings()
        return self._settings

    # --- loading ------------------------------------------------------------------------------------
    def load_people(self) -> None:
        """Fill the name completion: participants (with their organisation for speakers) and OPDs."""
        opds = {o.id: o for o in self.ws.opds.list()}
        participants = self.ws.participants.list()
        self.people = {p.name.casefold(): p for p in participants}
        self.names.setStringList(sorted({p.name for p in participants}, key=str.casefold))
        speakers = set()
        for person in participants:
            organisation = self.ws.participants.organisation_of(person, opds)
            speakers.add(f"{person.name} ({organisation})" if organisation else person.name)
        speakers |= {opd.short_name or opd.name for opd in opds.values()}
        self.speakers.setStringList(sorted(speakers, key=str.casefold))

    def participant_named(self, name: str) -> Participant | None:
        return self.people.get(name.strip().casefold())

    def load_days(self) -> None:
        """Fill the day chooser; keep the chosen day, else today's, else the first."""
        days = self.ws.days.list()
        wanted = self.day_id or next((d.id for d in days if d.day_date == _dt.date.today().isoformat()), "")
        self.day_combo.blockSignals(True)
        self.day_combo.clear()
        for day in days:
            self.day_combo.addItem(day_title(day), day.id)
        index = self.day_combo.findData(wanted)
        self.day_combo.setCurrentIndex(index if index >= 0 else (0 if days else -1))
        self.day_combo.blockSignals(False)
        self.no_days.setVisible(not days)
        self.splitter.setVisible(bool(days))
        self.meeting.setVisible(bool(days))
        self.print_button.setEnabled(bool(days))
        self.show_day(str(self.day_combo.currentData() or ""))

    def _day_chosen(self, _index: int) -> None:
        self.show_day(str(self.day_combo.currentData() or ""))

    def show_day(self, day_id: str) -> None:
        """Show the notulen of ``day_id`` (fields show the saved values)."""
        force = day_id != self.day_id
        self.day_id = day_id
        if not day_id:
            return
        self.meeting.load(day_id, force=force)
        minutes = self.ws.minutes.get(day_id)
        for field, key in ((self.opening, "opening"), (self.conclusions, "conclusions"),
                           (self.follow_up, "follow_up")):
            field.set_saved(getattr(minutes, key), force=force)
            if force:
                field.error.clear_error()
        self.discussion.load(day_id)
        if force:
            self.print_status.clear()

    def focus_first(self) -> None:
        if self.day_id and not self.ws.read_only:
            self.meeting.chair.setFocus()
        else:
            self.day_combo.setFocus()

    def on_changes(self, changes: Changes) -> None:
        """Reload what the committed operation (or undo/redo) changed."""
        if changes.touches(*PEOPLE_AREAS):
            self.load_people()
        if changes.touches("days"):
            self.load_days()
        elif changes.touches(*MINUTES_AREAS, "participants"):
            self.show_day(self.day_id)

    # --- printing -----------------------------------------------------------------------------------
    def print_minutes(self) -> Path | None:
        """Print the chosen day's notulen into the Print page's folder and open it; return the PDF's path."""
        from fgd_app.gui.minutes.print_day import print_day_minutes, print_folder, print_paper
        from fgd_app.gui.printing import page as print_page
        from fgd_app.gui.printing.job import folder_problem, write_error_message

        if not self.day_id:
            return None
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):  # save the field being typed in first
            focus.clearFocus()
            focus.setFocus()
        day = self.ws.days.get(self.day_id)
        folder = print_folder(self.settings, self.ws.path)
        problem = folder_problem(folder)
        if problem:
            show_error(self, tr("Print notulen"), problem)
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = print_day_minutes(self.ws, day, folder, paper=print_paper(self.settings))
        except OSError as error:
            show_error(self, tr("Print notulen"), write_error_message(error, folder))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.last_printed = path
        self.print_status.setText(tr("Printed: {file}", file=path.name))
        self.print_status.setToolTip(str(path))
        print_page.open_url(QUrl.fromLocalFile(str(path)))
        return path
