"""The new-workshop form: region, bimtek stage, venue, facilitator, days, horizon and where to save."""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fgd_app import i18n
from fgd_app.gui.shell.settings import Settings
from fgd_app.gui.widgets.common import FieldError, RegionPicker, add_form_row, ask, date_locale, stage_label
from fgd_app.gui.widgets.dialogs import OK, ok_cancel_buttons, set_tab_chain
from fgd_app.i18n import tr

FILE_SUFFIX = ".fgd.db"
MAX_DAYS = 7


def suggested_file_name(region_code: str, region_name: str, stage: int) -> str:
    """Return e.g. "36.04_Kabupaten-Serang_Tahap-II.fgd.db"."""
    def part(text: str) -> str:
        return re.sub(r"[^0-9A-Za-z.]+", "-", text).strip("-")

    pieces = [part(region_code), part(region_name), part(stage_label(stage))]
    return "_".join(p for p in pieces if p) + FILE_SUFFIX


def make_date_edit(day: _dt.date, accessible_name: str) -> QDateEdit:
    """Return a date picker with a calendar pop-up showing ``day`` as 02-07-2024."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setLocale(date_locale())
    edit.setAccessibleName(accessible_name)
    return edit


class DayRow(QWidget):
    """One workshop day: a date picker, the date written out ("Selasa, 2 Juli 2024"), and Remove."""

    def __init__(self, number: int, day: _dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = make_date_edit(day, tr("Workshop day {number}", number=number))
        self.written = QLabel()
        self.written.setMinimumWidth(190)
        self.remove_button = QPushButton(tr("Remove"))
        self.remove_button.setAccessibleName(tr("Remove workshop day {number}", number=number))
        self.remove_button.setAutoDefault(False)
        self.edit.dateChanged.connect(self._show_written)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.written, 1)
        layout.addWidget(self.remove_button)
        self._show_written()

    def day(self) -> _dt.date:
        return self.edit.date().toPython()

    def _show_written(self) -> None:
        self.written.setText(i18n.format_date(self.day()))


class NewWorkshopDialog(QDialog):
    """Create a workshop file; on success ``self.workshop`` is the new, open Workshop."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, busy_path: Path | None = None,
                 today: _dt.date | None = None):
        super().__init__(parent)
        self.settings = settings
        self.busy_path = busy_path
        self.workshop = None
        self._path_edited = False
        self.setWindowTitle(tr("New workshop"))
        today = today or _dt.date.today()

        self.region = RegionPicker(self)
        self.region_error = FieldError()
        self.stage = QComboBox()
        self.stage.setAccessibleName(tr("Bimtek stage"))
        for number in range(1, 5):
            self.stage.addItem(stage_label(number), number)
        self.venue = QLineEdit()
        self.venue.setAccessibleName(tr("Venue"))
        self.venue.setPlaceholderText(tr("e.g. Aula Setda Kabupaten Serang"))
        self.facilitator = QLineEdit()
        self.facilitator.setAccessibleName(tr("Facilitator"))

        self.days_box = QVBoxLayout()
        self.days_box.setSpacing(4)
        self.day_rows: list[DayRow] = []
        self.add_day_button = QPushButton(tr("Add day"))
        self.add_day_button.clicked.connect(lambda: self.add_day())
        self.add_day_button.setAutoDefault(False)
        self.days_error = FieldError()
        days_widget = QWidget()
        days_layout = QVBoxLayout(days_widget)
        days_layout.setContentsMargins(0, 0, 0, 0)
        days_layout.addLayout(self.days_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_day_button)
        add_row.addStretch(1)
        days_layout.addLayout(add_row)
        days_layout.addWidget(self.days_error)

        self.first_year = QSpinBox()
        self.last_year = QSpinBox()
        for spin, name, value in ((self.first_year, tr("First year of the planning horizon"), 2025),
                                  (self.last_year, tr("Last year of the planning horizon"), 2034)):
            spin.setRange(2000, 2100)
            spin.setValue(value)
            spin.setAccessibleName(name)
        horizon = QHBoxLayout()
        horizon.addWidget(self.first_year)
        horizon.addWidget(QLabel("\u2013"))
        horizon.addWidget(self.last_year)
        horizon.addStretch(1)
        self.horizon_error = FieldError()

        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(tr("Save as"))
        self.path_edit.textEdited.connect(self._path_typed)
        self.browse_button = QPushButton(tr("Choose…"))
        self.browse_button.setAccessibleName(tr("Choose where to save"))
        self.browse_button.clicked.connect(self._browse)
        self.browse_button.setAutoDefault(False)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.path_error = FieldError()

        self.days_widget = days_widget
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        add_form_row(form, tr("&Province:"), self.region.province)
        add_form_row(form, tr("&Regency or city:"), self.region.regency, self.region_error)
        add_form_row(form, tr("&Bimtek stage:"), self.stage)
        add_form_row(form, tr("&Venue:"), self.venue)
        add_form_row(form, tr("&Facilitator:"), self.facilitator)
        add_form_row(form, tr("Workshop &days:"), days_widget)
        add_form_row(form, tr("Planning &horizon:"), self.first_year, self.horizon_error, horizon)
        add_form_row(form, tr("&Save as:"), self.path_edit, self.path_error, path_row)

        self.buttons = ok_cancel_buttons(self, tr("Create workshop"))
        self.create_button = self.buttons.button(OK)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.region.region_chosen.connect(lambda _code: self._region_changed())
        self.region.province_changed.connect(lambda _code: self._region_changed())
        self.stage.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self.stage.setCurrentIndex(0)
        self.add_day(today)
        self.add_day(today + _dt.timedelta(days=1))
        self._suggest_path()
        self.setMinimumWidth(620)
        self.region.province.setFocus()

    # --- days ------------------------------------------------------------------------------------
    def add_day(self, day: _dt.date | None = None) -> DayRow:
        """Add a day row (by default the day after the last one)."""
        if day is None:
            day = self.day_rows[-1].day() + _dt.timedelta(days=1) if self.day_rows else _dt.date.today()
        row = DayRow(len(self.day_rows) + 1, day, self)
        row.remove_button.clicked.connect(lambda: self.remove_day(row))
        self.day_rows.append(row)
        self.days_box.addWidget(row)
        self._update_day_buttons()
        if self.isVisible():
            row.edit.setFocus()
        return row

    def remove_day(self, row: DayRow) -> None:
        if len(self.day_rows) <= 1:
            return
        index = self.day_rows.index(row)
        self.day_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._update_day_buttons()
        self.day_rows[min(index, len(self.day_rows) - 1)].edit.setFocus()

    def _update_day_buttons(self) -> None:
        for row in self.day_rows:
            row.remove_button.setEnabled(len(self.day_rows) > 1)
        self.add_day_button.setEnabled(len(self.day_rows) < MAX_DAYS)
        chain: list[QWidget] = [self.region.province, self.region.regency, self.stage, self.venue,
                                self.facilitator]
        for row in self.day_rows:
            chain += [row.edit, row.remove_button]
        chain += [self.add_day_button, self.first_year, self.last_year, self.path_edit, self.browse_button,
                  *self.buttons.buttons()]
        set_tab_chain(*chain)
        self.days_widget.setFocusProxy(self.day_rows[0].edit)

    def days(self) -> list[_dt.date]:
        return [row.day() for row in self.day_rows]

    # --- save location ---------------------------------------------------------------------------
    def _path_typed(self, _text: str) -> None:
        self._path_edited = True

    def _region_changed(self) -> None:
        self.region_error.clear_error()
        self._suggest_path()

    def _suggest_path(self) -> None:
        if self._path_edited:
            return
        code = self.region.region_code()
        name = self.region.regency.currentText() if code else ""
        folder = Path(self.settings.last_folder())
        file_name = suggested_file_name(code, name, int(self.stage.currentData() or 1)) if code else ""
        self.path_edit.setText(str(folder / file_name) if file_name else str(folder) + os.sep)

    def _browse(self) -> None:
        from fgd_app.gui.shell.app import FILE_FILTER_MSGID

        path, _ = QFileDialog.getSaveFileName(self, tr("Save the new workshop as"), self.path_edit.text(),
                                              tr(FILE_FILTER_MSGID))
        if path:
            self.path_edit.setText(path)
            self._path_edited = True

    def chosen_path(self) -> Path:
        text = self.path_edit.text().strip()
        if text and not text.endswith(FILE_SUFFIX):
            text += FILE_SUFFIX
        return Path(text).expanduser()

    # --- creating --------------------------------------------------------------------------------
    def accept(self) -> None:
        """Check the form, create the file and open it; show problems beside their fields."""
        from fgd_app.core import ValidationError, Workshop, WorkshopFileError
        from fgd_app.core.workshop_file import in_use_error

        for error in (self.region_error, self.days_error, self.horizon_error, self.path_error):
            error.clear_error()
        if not self.region.region_code():
            self.region_error.show_error(tr("Choose the province, then the regency or city."))
            self.region.regency.setFocus() if self.region.province.currentIndex() >= 0 \
                else self.region.province.setFocus()
            return
        days = self.days()
        if len(set(days)) != len(days):
            self.days_error.show_error(tr("Each workshop day may appear only once."))
            return
        text = self.path_edit.text().strip()
        path = self.chosen_path()
        if not text or text.endswith(("/", os.sep)) or not path.name.removesuffix(FILE_SUFFIX):
            self.path_error.show_error(tr("Choose where to save the workshop file."))
            self.path_edit.setFocus()
            return
        path = path.absolute()
        if self.busy_path is not None and path == self.busy_path:
            self.path_error.show_error(tr("This file is the workshop open now; choose another name."))
            return
        overwrite = False
        refusal = in_use_error(path) if path.exists() else None
        if refusal is not None:  # never offer to replace a file another window is writing to
            self.path_error.show_error(refusal.message)
            self.path_edit.setFocus()
            return
        if path.exists():
            answer = ask(self, tr("New workshop"), tr("“{name}” already exists. Replace it with the new workshop?",
                                                     name=path.name),
                         [("replace", tr("Replace")), ("cancel", tr("Cancel"))])
            if answer != "replace":
                self.path_edit.setFocus()
                return
            overwrite = True
        values = {"region_code": self.region.region_code(), "bimtek_stage": int(self.stage.currentData()),
                  "venue": self.venue.text(), "facilitator": self.facilitator.text(),
                  "horizon_first_year": self.first_year.value(), "horizon_last_year": self.last_year.value(),
                  "days": sorted(days)}
        try:
            self.workshop = Workshop.create(path, overwrite=overwrite, **values)
        except ValidationError as error:
            target = self.horizon_error if error.field.startswith("horizon") else \
                self.region_error if error.field.startswith("region") else self.path_error
            target.show_error(error.message)
            return
        except (WorkshopFileError, OSError) as error:
            self.path_error.show_error(getattr(error, "message", None) or str(error))
            self.path_edit.setFocus()
            return
        self.settings.set_last_folder(str(path.parent))
        super().accept()
