"""The detail pane: every field of the selected innovation; each saves when you leave it (one undo step)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fgd_app.core import Workshop
from fgd_app.core.innovations.records import Innovation, Partner, status_label
from fgd_app.core.typed_entry import opd_completion
from fgd_app.core.workshop.defaults import PENTAHELIX, pentahelix_label
from fgd_app.gui.widgets.common import FieldError, SavedLineEdit, SavedTextEdit, SearchableCombo, bind_commit, run_save
from fgd_app.i18n import tr


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _text_edit(name: str, lines: int = 3) -> SavedTextEdit:
    edit = SavedTextEdit()
    edit.setAccessibleName(name)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class CheckList(QListWidget):
    """A short list of checkable items (OPDs, kecamatan); ``checked()`` returns their ids in list order."""

    def __init__(self, name: str, on_change: Callable[[], None]):
        super().__init__()
        self.setAccessibleName(name)
        self._on_change = on_change
        self._filling = False
        self.itemChanged.connect(lambda _item: None if self._filling else self._on_change())

    def fill(self, entries: list[tuple[str, str]], checked: list[str]) -> None:
        self._filling = True
        wanted = set(checked)
        if [self.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.count())] != [e[0] for e in entries]:
            self.clear()
            for key, text in entries:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                self.addItem(item)
        for n in range(self.count()):
            item = self.item(n)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            if item.data(Qt.ItemDataRole.CheckStateRole) is None or item.checkState() != state:
                item.setCheckState(state)
        self._filling = False

    def checked(self) -> list[str]:
        return [self.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.count())
                if self.item(n).checkState() == Qt.CheckState.Checked]


class DetailPane(QScrollArea):
    """Shows one innovation (``show_innovation``); saves each field through ``ws.innovations.update``."""

    def __init__(self, workshop: Workshop, parent=None):
        super().__init__(parent)
        self.workshop = workshop
        self.current: Innovation | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(6, 4, 6, 4)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.error = FieldError()
        outer.addWidget(self.error)

        top = QGridLayout()
        top.setHorizontalSpacing(8)
        top.setVerticalSpacing(3)
        self.name = SavedLineEdit()
        self.name.setAccessibleName(tr("Innovation name"))
        self.name_error = FieldError()
        self.dimension = QComboBox()
        self.dimension.setAccessibleName(tr("Dimension"))
        self.element = QComboBox()
        self.element.setAccessibleName(tr("Element"))
        self.lead = SearchableCombo()
        self.lead.setAccessibleName(tr("Lead OPD"))
        self.status = QComboBox()
        self.status.setAccessibleName(tr("Status"))
        for key in ("running", "new"):
            self.status.addItem(status_label(key), key)
        self.ict = QCheckBox(tr("ICT-based"))
        self.ict.setAccessibleName(tr("ICT-based innovation"))
        self.ict.setToolTip(tr("Uses information and communication technology (a policy or programme may be non-ICT)"))
        self.group = SavedLineEdit()
        self.group.setAccessibleName(tr("Proposing group (FGD table)"))
        self.group.setPlaceholderText(tr("e.g. Table 3"))
        top.addWidget(_label(tr("&Name"), self.name), 0, 0)
        top.addWidget(self.name, 0, 1, 1, 3)
        top.addWidget(self.name_error, 1, 1, 1, 3)
        top.addWidget(_label(tr("Dimension"), self.dimension), 2, 0)
        top.addWidget(self.dimension, 2, 1)
        top.addWidget(_label(tr("Element"), self.element), 2, 2)
        top.addWidget(self.element, 2, 3)
        top.addWidget(_label(tr("Lead OPD"), self.lead), 3, 0)
        top.addWidget(self.lead, 3, 1, 1, 3)
        group_row = QHBoxLayout()
        group_row.addWidget(self.group, 1)
        group_row.addWidget(self.ict)
        top.addWidget(_label(tr("Status"), self.status), 4, 0)
        top.addWidget(self.status, 4, 1)
        top.addWidget(_label(tr("Group"), self.group), 4, 2)
        top.addLayout(group_row, 4, 3)
        top.setColumnStretch(1, 3)
        top.setColumnStretch(3, 2)
        for combo in (self.dimension, self.element, self.lead, self.status):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        outer.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        outer.addWidget(self.tabs, 1)
        self.description = _text_edit(tr("Description"))
        self.problem = _text_edit(tr("Problem or potential addressed"))
        self.improvement = _text_edit(tr("What is to be improved"), 2)
        self.beneficiaries = _text_edit(tr("Beneficiaries"), 2)
        about = QWidget()
        grid = QGridLayout(about)
        grid.setContentsMargins(0, 4, 0, 0)
        for row, (text, edit) in enumerate(((tr("&Description"), self.description),
                                            (tr("&Problem or potential"), self.problem))):
            grid.addWidget(_label(text, edit), 0, row)
            grid.addWidget(edit, 1, row)
        for row, (text, edit) in enumerate(((tr("What to &improve (if running)"), self.improvement),
                                            (tr("&Beneficiaries"), self.beneficiaries))):
            grid.addWidget(_label(text, edit), 2, row)
            grid.addWidget(edit, 3, row)
        self.tabs.addTab(about, tr("Description"))

        self.supporting = CheckList(tr("Supporting OPDs"), self._save_supporting)
        self.partner_boxes: dict[str, QCheckBox] = {}
        self.partner_names: dict[str, SavedLineEdit] = {}
        people = QWidget()
        grid = QGridLayout(people)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.addWidget(QLabel(tr("Supporting OPDs")), 0, 0)
        grid.addWidget(self.supporting, 1, 0, len(PENTAHELIX), 1)
        grid.addWidget(QLabel(tr("Pentahelix partners (names separated by commas)")), 0, 1, 1, 2)
        for row, key in enumerate(PENTAHELIX, start=1):
            box = QCheckBox(pentahelix_label(key))
            box.setAccessibleName(tr("Partner element: {name}", name=pentahelix_label(key)))
            names = SavedLineEdit()
            names.setAccessibleName(tr("Partner names: {name}", name=pentahelix_label(key)))
            box.clicked.connect(lambda _checked=False: self._save_partners())
            names.committed.connect(lambda _text: self._save_partners())
            grid.addWidget(box, row, 1)
            grid.addWidget(names, row, 2)
            self.partner_boxes[key], self.partner_names[key] = box, names
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self.tabs.addTab(people, tr("OPDs and partners"))

        self.whole_region = QRadioButton(tr("Whole region"))
        self.some_districts = QRadioButton(tr("Chosen kecamatan"))
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.whole_region)
        self.scope.addButton(self.some_districts)
        self.districts = CheckList(tr("Kecamatan"), self._save_districts)
        self.notes = _text_edit(tr("Notes"))
        place = QWidget()
        grid = QGridLayout(place)
        grid.setContentsMargins(0, 4, 0, 0)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.whole_region)
        scope_row.addWidget(self.some_districts)
        scope_row.addStretch(1)
        grid.addWidget(QLabel(tr("Location")), 0, 0)
        grid.addLayout(scope_row, 1, 0)
        grid.addWidget(self.districts, 2, 0)
        grid.addWidget(_label(tr("N&otes"), self.notes), 0, 1)
        grid.addWidget(self.notes, 1, 1, 2, 1)
        self.tabs.addTab(place, tr("Location and notes"))

        self._lists: dict[str, list] = {}
        self._elements_of: dict[str, list] = {}
        self._connect()
        self.show_innovation(None)

    # --- saving ----------------------------------------------------------------------------------
    def _save(self, **changes: Any) -> bool:
        if self.current is None or self.workshop.read_only:
            return False
        innovation_id = self.current.id
        return run_save(lambda: self.workshop.innovations.update(innovation_id, **changes), self.error)

    def _connect(self) -> None:
        bind_commit(self.name, self.name_error, lambda text: self._checked_update(name=text))
        bind_commit(self.group, self.error, lambda text: self._checked_update(proposing_group=text))
        for key, edit in (("description", self.description), ("problem", self.problem),
                          ("improvement", self.improvement), ("beneficiaries", self.beneficiaries),
                          ("notes", self.notes)):
            bind_commit(edit, self.error, lambda text, key=key: self._checked_update(**{key: text}))
        self.dimension.activated.connect(lambda _n: self._save(dimension_id=self.dimension.currentData(),
                                                                  element_id=None))
        self.element.activated.connect(lambda _n: self._save(element_id=self.element.currentData()))
        self.lead.chosen.connect(lambda opd_id: self._save(lead_opd_id=opd_id))
        self.status.activated.connect(lambda _n: self._save(status=self.status.currentData()))
        self.ict.clicked.connect(lambda checked: self._save(is_ict=bool(checked)))
        self.whole_region.clicked.connect(lambda _c: self._save(location_scope="region"))
        self.some_districts.clicked.connect(lambda _c: self._save(location_scope="districts",
                                                                 district_ids=self.districts.checked()))

    def _checked_update(self, **changes: Any) -> None:
        """Save for ``bind_commit`` (it shows the ValidationError next to the field)."""
        if self.current is not None:
            self.workshop.innovations.update(self.current.id, **changes)

    def _save_supporting(self) -> None:
        self._save(supporting_opd_ids=self.supporting.checked())

    def _save_districts(self) -> None:
        chosen = self.districts.checked()
        self._save(location_scope="districts" if chosen else "region", district_ids=chosen)

    def _save_partners(self) -> None:
        partners = []
        for key in PENTAHELIX:
            names = [n.strip() for n in self.partner_names[key].text().replace(";", ",").split(",") if n.strip()]
            if names:
                partners += [Partner(key, n) for n in names]
            elif self.partner_boxes[key].isChecked():
                partners.append(Partner(key, ""))
        self._save(partners=partners)

    # --- showing ---------------------------------------------------------------------------------
    def _list(self, key: str) -> list:
        """Return the dimensions, OPDs or kecamatan, read once until ``forget_lists``."""
        if key not in self._lists:
            self._lists[key] = {"dimensions": self.workshop.dimensions.list, "opds": self.workshop.opds.list,
                                "districts": self.workshop.districts}[key]()
        return self._lists[key]

    def forget_lists(self) -> None:
        """Read the lists again next time (OPDs, kecamatan, dimensions or elements were edited)."""
        self._lists.clear()
        self._elements_of.clear()

    def show_innovation(self, innovation_id: str | None) -> None:
        """Show this innovation (None: nothing selected); fields being typed in keep their text."""
        try:
            self.current = self.workshop.innovations.get(innovation_id) if innovation_id else None
        except KeyError:
            self.current = None
        item = self.current
        self.widget().setEnabled(item is not None)
        editable = item is not None and not self.workshop.read_only
        for widget in (self.name, self.group, self.description, self.problem, self.improvement,
                       self.beneficiaries, self.notes, *self.partner_names.values()):
            widget.setReadOnly(not editable)
        for widget in (self.dimension, self.element, self.lead, self.status, self.ict, self.whole_region,
                       self.some_districts, self.supporting, self.districts, *self.partner_boxes.values()):
            widget.setEnabled(editable)
        if item is None:
            self.heading.setText(tr("Select an innovation to see and edit all its fields."))
            for edit in (self.name, self.group, self.description, self.problem, self.improvement,
                         self.beneficiaries, self.notes, *self.partner_names.values()):
                edit.set_saved("", force=True)
            return
        dimensions = self._list("dimensions")
        dimension_name = next((d.name for d in dimensions if d.id == item.dimension_id), "")
        self.heading.setText(f"{item.code} \u00b7 {dimension_name}")
        self.name.set_saved(item.name)
        self.group.set_saved(item.proposing_group)
        for key in ("description", "problem", "improvement", "beneficiaries", "notes"):
            getattr(self, key).set_saved(getattr(item, key))
        self.improvement.setEnabled(item.status == "running")
        self._fill_combo(self.dimension, [(d.id, d.name) for d in dimensions], item.dimension_id)
        if item.dimension_id not in self._elements_of:
            self._elements_of[item.dimension_id] = self.workshop.elements.of(item.dimension_id)
        elements = [("", tr("(no element)"))] + [(e.id, e.name) for e in self._elements_of[item.dimension_id]]
        self._fill_combo(self.element, elements, item.element_id or "")
        opds = self._list("opds")
        if self.lead.count() != len(opds) or any(self.lead.itemData(n) != o.id for n, o in enumerate(opds)):
            self.lead.clear()
            for opd in opds:
                self.lead.addItem(opd_completion(opd), opd.id)
        if not self.lead.hasFocus():
            self.lead.select_data(item.lead_opd_id)
            self.lead.lineEdit().setCursorPosition(0)
        self.status.setCurrentIndex(self.status.findData(item.status))
        self.ict.setChecked(item.is_ict)
        self.supporting.fill(sorted(((o.id, o.short_name or o.name) for o in opds if o.id != item.lead_opd_id),
                                    key=lambda entry: entry[1].casefold()), item.supporting_opd_ids)
        for key in PENTAHELIX:
            names = [p.name for p in item.partners if p.pentahelix == key]
            self.partner_boxes[key].setChecked(bool(names))
            self.partner_names[key].set_saved(", ".join(n for n in names if n))
        (self.whole_region if item.location_scope == "region" else self.some_districts).setChecked(True)
        self.districts.fill([(d[0], d[2]) for d in self._list("districts")], item.district_ids)

    @staticmethod
    def _fill_combo(combo: QComboBox, entries: list[tuple[str, str]], current: str) -> None:
        if [combo.itemData(n) for n in range(combo.count())] != [e[0] for e in entries] or \
                [combo.itemText(n) for n in range(combo.count())] != [e[1] for e in entries]:
            combo.clear()
            for key, text in entries:
                combo.addItem(text, key)
        combo.setCurrentIndex(combo.findData(current))

    def refresh(self) -> None:
        """Show the current innovation as saved now (after an edit, undo or redo)."""
        self.show_innovation(self.current.id if self.current else None)
