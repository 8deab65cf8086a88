"""First page: the workshop's identity, its days, the planning horizon and its stages, the dimensions
and their elements, and the region's kecamatan. Every field is one undoable edit when it is left."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fgd_app import i18n
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import (
    FieldError,
    RegionPicker,
    SavedDateEdit,
    SavedLineEdit,
    SavedTextEdit,
    SavedTimeEdit,
    WrappedLabel,
    add_form_row,
    bind_commit,
    date_locale,
    make_selectable,
    run_save,
    stage_label,
)
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.gui.workshop.sections import DimensionsSection, HorizonSection
from fgd_app.i18n import tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop
    from fgd_app.core.store.changes import Changes
    from fgd_app.core.workshop.details import WorkshopDay


class IdentitySection(QGroupBox):
    """Region, bimtek stage, title, venue, facilitator and notes."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(tr("Workshop"), parent)
        self.workshop = workshop
        self.region = RegionPicker(self, lazy=True)
        self.region_error = FieldError()
        self.stage = QComboBox()
        self.stage.setAccessibleName(tr("Bimtek stage"))
        for number in range(1, 5):
            self.stage.addItem(stage_label(number), number)
        self.stage_error = FieldError()
        self.title_edit = SavedLineEdit()
        self.title_edit.setAccessibleName(tr("Title"))
        self.title_error = FieldError()
        self.venue = SavedLineEdit()
        self.venue.setAccessibleName(tr("Venue"))
        self.venue_error = FieldError()
        self.facilitator = SavedLineEdit()
        self.facilitator.setAccessibleName(tr("Facilitator"))
        self.facilitator_error = FieldError()
        self.notes = SavedTextEdit()
        self.notes.setAccessibleName(tr("Notes"))
        self.notes.setFixedHeight(70)
        self.notes_error = FieldError()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_form_row(form, tr("&Province:"), self.region.province)
        add_form_row(form, tr("&Regency or city:"), self.region.regency, self.region_error)
        add_form_row(form, tr("&Bimtek stage:"), self.stage, self.stage_error)
        add_form_row(form, tr("&Title:"), self.title_edit, self.title_error)
        add_form_row(form, tr("&Venue:"), self.venue, self.venue_error)
        add_form_row(form, tr("&Facilitator:"), self.facilitator, self.facilitator_error)
        add_form_row(form, tr("&Notes:"), self.notes, self.notes_error)

        self.region.region_chosen.connect(
            lambda code: run_save(lambda: workshop.update_info(region_code=code), self.region_error))
        self.stage.activated.connect(
            lambda _i: run_save(lambda: workshop.update_info(bimtek_stage=self.stage.currentData()),
                                self.stage_error))
        for field, error, key in ((self.title_edit, self.title_error, "title"), (self.venue, self.venue_error, "venue"),
                                  (self.facilitator, self.facilitator_error, "facilitator"),
                                  (self.notes, self.notes_error, "notes")):
            bind_commit(field, error, lambda value, key=key: workshop.update_info(**{key: value}))
        if workshop.read_only:
            self.region.setEnabled(False)
            self.stage.setEnabled(False)
            for field in (self.title_edit, self.venue, self.facilitator, self.notes):
                field.setReadOnly(True)
        self.load()

    def load(self) -> None:
        info = self.workshop.info()
        self.region.set_region(info.region_code, info.region_name, info.province_name)
        self.stage.setCurrentIndex(self.stage.findData(info.bimtek_stage))
        self.title_edit.setPlaceholderText(tr("Bimtek {stage}", stage=info.stage_label))
        self.title_edit.set_saved(info.title)
        self.venue.set_saved(info.venue)
        self.facilitator.set_saved(info.facilitator)
        self.notes.set_saved(info.notes)


class DayRow(QWidget):
    """One workshop day: date (written out beside it), start and end time, a label, Remove."""

    def __init__(self, workshop: Workshop, day: WorkshopDay, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.day_id = day.id
        self.date_edit = SavedDateEdit()
        self.date_edit.setLocale(date_locale())
        self.written = QLabel()
        self.written.setMinimumWidth(200)
        self.start = SavedTimeEdit()
        self.end = SavedTimeEdit()
        self.label_edit = SavedLineEdit()
        self.label_edit.setPlaceholderText(tr("e.g. Day 1: innovations"))
        self.remove_button = QPushButton(tr("Remove"))
        self.error = FieldError()
        self.set_number(number)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.date_edit)
        top.addWidget(self.written)
        top.addWidget(self.start)
        top.addWidget(QLabel("\u2013"))
        top.addWidget(self.end)
        top.addWidget(self.label_edit, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.error)

        days = workshop.days
        bind_commit(self.date_edit, self.error, lambda v: days.update(self.day_id, day_date=v))
        bind_commit(self.start, self.error, lambda v: days.update(self.day_id, start_time=v))
        bind_commit(self.end, self.error, lambda v: days.update(self.day_id, end_time=v))
        bind_commit(self.label_edit, self.error, lambda v: days.update(self.day_id, label=v))
        self.remove_button.clicked.connect(lambda: run_save(lambda: days.delete(self.day_id), self.error))
        if workshop.read_only:
            for field in (self.date_edit, self.start, self.end, self.label_edit):
                field.setReadOnly(True)
            self.remove_button.hide()
        self.load(day)

    def retire(self) -> None:
        """Silence the fields of a day that no longer exists (leaving them must not save anything)."""
        for field in (self.date_edit, self.start, self.end, self.label_edit, self.remove_button):
            field.blockSignals(True)

    def set_number(self, number: int) -> None:
        self.date_edit.setAccessibleName(tr("Date of workshop day {number}", number=number))
        self.start.setAccessibleName(tr("Start time of workshop day {number}", number=number))
        self.end.setAccessibleName(tr("End time of workshop day {number}", number=number))
        self.label_edit.setAccessibleName(tr("Label of workshop day {number}", number=number))
        self.remove_button.setAccessibleName(tr("Remove workshop day {number}", number=number))

    def load(self, day: WorkshopDay) -> None:
        self.date_edit.set_saved(day.day_date)
        self.written.setText(i18n.format_date(day.day_date))
        self.start.set_saved(day.start_time)
        self.end.set_saved(day.end_time)
        self.label_edit.set_saved(day.label)


class DaysSection(QGroupBox):
    """The workshop days (attendance is taken per day)."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(tr("Workshop days"), parent)
        self.workshop = workshop
        self.tab_anchor: QWidget | None = None  # the widget Tab leaves before the first day
        self.rows: dict[str, DayRow] = {}
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        self.add_button = QPushButton(tr("Add day"))
        self.add_button.clicked.connect(self.add_day)
        self.error = FieldError()
        self.empty_label = QLabel(tr("No workshop day yet. Attendance is taken per day."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows_layout)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.add_button.setVisible(not workshop.read_only)
        self.load()

    def load(self) -> None:
        """Show the days; rows of days that still exist are kept (and keep the keyboard focus)."""
        days = self.workshop.days.list()
        wanted = [d.id for d in days]
        for day_id in list(self.rows):
            if day_id not in wanted:
                row = self.rows.pop(day_id)
                row.retire()
                row.setParent(None)
                row.deleteLater()
        for number, day in enumerate(days, start=1):
            row = self.rows.get(day.id)
            if row is None:
                row = self.rows[day.id] = DayRow(self.workshop, day, number)
            else:
                row.load(day)
                row.set_number(number)
            self.rows_layout.removeWidget(row)
            self.rows_layout.insertWidget(number - 1, row)
            row.show()  # at once, not on the next event loop turn (Tab and focus need it visible)
        self.empty_label.setVisible(not days)
        self._chain_tab_order([self.rows[d.id] for d in days])

    def _chain_tab_order(self, rows: list[DayRow]) -> None:
        """Tab goes through the days in date order, then to "Add day" (also for days added later)."""
        chain: list[QWidget] = [self.tab_anchor] if self.tab_anchor is not None else []
        for row in rows:
            chain += [row.date_edit, row.start, row.end, row.label_edit, row.remove_button]
        set_tab_chain(*chain, self.add_button)

    def add_day(self) -> None:
        days = self.workshop.days.list()
        last = _dt.date.fromisoformat(days[-1].day_date) if days else _dt.date.today()
        next_day = last + _dt.timedelta(days=1) if days else last
        if run_save(lambda: self.workshop.days.add(day_date=next_day.isoformat()), self.error):
            self.load()
            new = next((r for r in self.rows.values() if r.date_edit.saved == next_day.isoformat()), None)
            if new is not None:
                new.date_edit.setFocus()


class DistrictsSection(QGroupBox):
    """The region's kecamatan, read-only (they follow the region)."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(tr("Kecamatan"), parent)
        self.workshop = workshop
        self.summary = WrappedLabel()
        self.names = WrappedLabel()
        make_selectable(self.names, keyboard=True)
        self.names.setAccessibleName(tr("Kecamatan of the region"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.names)
        self.load()

    def load(self) -> None:
        districts = self.workshop.districts()
        self.summary.setText(tr("{count} kecamatan in {region}, from the Kemendagri list; they follow the "
                                "region chosen above.", count=len(districts),
                                region=self.workshop.info().region_name))
        self.names.setText(", ".join(name for _id, _code, name in districts))


class WorkshopPage(QScrollArea):
    """The workshop's own data (first step of the facilitator's path)."""

    def __init__(self, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.workshop = workshop
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        heading = QLabel(tr("Workshop data"))
        heading.setStyleSheet(theme.PAGE_HEADING_STYLE)
        hint = WrappedLabel(tr("Each field is saved when you leave it (Tab or Enter); Esc puts back the saved value; "
                               "Ctrl+Z undoes the last change."))
        self.identity = IdentitySection(workshop)
        self.days = DaysSection(workshop)
        self.horizon = HorizonSection(workshop)
        self.dimensions = DimensionsSection(workshop)
        self.districts = DistrictsSection(workshop)
        body = QWidget()
        body.setObjectName("workshopPageBody")
        body.setMaximumWidth(980)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(12)
        layout.addWidget(heading)
        if not workshop.read_only:
            layout.addWidget(hint)
        for section in (self.identity, self.days, self.horizon, self.dimensions, self.districts):
            layout.addWidget(section)
        self.days.tab_anchor = self.identity.notes  # now that both sit in the same window
        self.days.load()
        layout.addStretch(1)
        outer = QWidget()
        outer_layout = QHBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.addWidget(body, 1)
        outer_layout.addStretch(0)
        self.setWidget(outer)

    def focus_first(self) -> None:
        self.identity.region.province.setFocus()

    def on_changes(self, changes: Changes) -> None:
        """Reload what the committed operation (or undo/redo) changed."""
        if changes.touches("workshop"):
            self.identity.load()
            self.horizon.load_years()
        if changes.touches("days"):
            self.days.load()
        if changes.touches("horizon", "workshop"):
            self.horizon.load_stages()
        if changes.touches("dimensions"):
            self.dimensions.load()
        if changes.touches("districts", "workshop"):
            self.districts.load()
