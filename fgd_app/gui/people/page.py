"""The "Participants and OPDs" page: two searchable tables, attendance per day, import of lists.

Keys: Ctrl+N new, Enter edit (form), F2 or double-click edit a cell, Del delete, Space toggles the
attendance cell, Ctrl+F search, Ctrl+I import a list. Every change is one undoable operation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from fgd_app.core.people.importer import OPDS, PARTICIPANTS
from fgd_app.gui.people.forms import OpdForm, ParticipantForm
from fgd_app.gui.people.models import OpdTableModel, ParticipantTableModel, short_day
from fgd_app.gui.people.panel import ListPanel
from fgd_app.gui.widgets.common import ask
from fgd_app.i18n import format_int, tr

WATCHED = ("opds", "participants", "attendance", "days")  # change areas


class PeoplePage(QWidget):
    """OPDs and participants of the workshop, with attendance per workshop day."""

    def __init__(self, workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workshop
        self.dialog: QDialog | None = None  # the form or import preview now open, if any
        self.participant_model = ParticipantTableModel(workshop, self)
        self.opd_model = OpdTableModel(workshop, self)
        self.participants = ListPanel(self.participant_model, self)
        self.participants.search.setPlaceholderText(tr("Search name, position, OPD, phone…"))
        self.participants.set_columns_hint({"name": 32, "position": 22, "organisation": 16, "email": 24},
                                           hide_order=("nip", "email", "phone", "position"),
                                           caps={"name": 40, "position": 36, "organisation": 30, "email": 34})
        self.opds = ListPanel(self.opd_model, self)
        self.opds.search.setPlaceholderText(tr("Search OPD name, short name or kind…"))
        self.opds.set_columns_hint({"name": 30}, caps={"name": 70})
        for panel, target in ((self.participants, PARTICIPANTS), (self.opds, OPDS)):
            panel.add_requested.connect(self.add_participant if target == PARTICIPANTS else self.add_opd)
            panel.edit_requested.connect(self.edit_participant if target == PARTICIPANTS else self.edit_opd)
            panel.delete_requested.connect(
                self.delete_participants if target == PARTICIPANTS else self.delete_opds)
            panel.import_requested.connect(lambda t=target: self.import_list(t))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.participants, "")
        self.tabs.addTab(self.opds, "")
        self.tabs.setAccessibleName(tr("Participants and OPDs"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        if not workshop.read_only:  # Ctrl+N is handled by each list (see ListPanel.eventFilter)
            QShortcut(QKeySequence("Ctrl+I"), self, lambda: self.import_list(self.current_target()),
                      context=context)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_first, context=context)
        self.reload()

    # --- page contract ---------------------------------------------------------------------------
    def on_changes(self, changes) -> None:
        """Refresh after any commit, undo or redo that touched people, OPDs, attendance or days."""
        if changes.only("attendance"):  # a tick: no need to read every participant again
            self.participant_model.refresh_attendance()
            self.update_counts()
        elif changes.touches(*WATCHED):
            self.reload()

    def focus_first(self) -> None:
        self.current_panel().search.setFocus()

    # --- state -----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.participant_model.load()
        self.opd_model.load()
        self.participants.schedule_fit()
        self.opds.schedule_fit()
        self.update_counts()

    def current_panel(self) -> ListPanel:
        return self.participants if self.tabs.currentIndex() == 0 else self.opds

    def current_target(self) -> str:
        return PARTICIPANTS if self.tabs.currentIndex() == 0 else OPDS

    def update_counts(self) -> None:
        people, opds = self.participant_model.rowCount(), self.opd_model.rowCount()
        self.tabs.setTabText(0, tr("Participants ({count})", count=format_int(people)))
        self.tabs.setTabText(1, tr("OPDs ({count})", count=format_int(opds)))
        parts = [tr("{count} participants", count=format_int(people))]
        parts += [tr("present {day}: {count}", day=short_day(day), count=format_int(count))
                  for day, count in self.participant_model.present_counts()]
        self.participants.set_counts(" \u00b7 ".join(parts))
        used = sum(1 for row in self.opd_model.rows if row.participants)
        self.opds.set_counts(" \u00b7 ".join([tr("{count} OPDs", count=format_int(opds)),
                                                tr("{count} with participants", count=format_int(used))]))

    def _after_save(self, panel: ListPanel, record_id: str | None, message: str) -> None:
        self.reload()
        if record_id:
            panel.select_id(record_id)
        panel.strip.show_info(message)

    # --- dialogs -------------------------------------------------------------------------------
    def _open(self, dialog: QDialog, on_accept) -> None:
        """Show ``dialog`` window-modal without blocking; ``on_accept(dialog)`` runs when it is accepted."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.current_panel().table.setFocus()

    # --- OPDs ------------------------------------------------------------------------------------
    def add_opd(self) -> None:
        self._open(OpdForm(self.ws, parent=self),
                   lambda form: self._after_save(self.opds, form.result_record.id, self._saved_message()))

    def edit_opd(self, opd_id: str) -> None:
        self._open(OpdForm(self.ws, self.ws.opds.get(opd_id), parent=self),
                   lambda form: self._after_save(self.opds, opd_id, self._saved_message()))

    def delete_opds(self, ids: list[str]) -> None:
        rows = [r for r in self.opd_model.rows if r.id in ids]
        if not rows:
            return
        members = sum(r.participants for r in rows)
        if members:
            names = ", ".join(f"\u201c{r.opd.display}\u201d" for r in rows[:3]) + (" \u2026" if len(rows) > 3 else "")
            answer = ask(self, tr("Delete OPD"), tr(
                "{names} has {count} participant(s). Delete anyway? The participants stay, without an OPD.",
                names=names, count=members), [("delete", tr("Delete")), ("cancel", tr("Cancel"))])
            if answer != "delete":
                return
        if len(rows) == 1:
            done = self.opds.run(lambda: self.ws.opds.delete(rows[0].id))
        else:
            done = self.opds.run(lambda: self.ws.opds.delete_many([r.id for r in rows], tr(
                "Delete {count} OPDs", count=len(rows))))
        if done:
            self._after_save(self.opds, None, self._saved_message())

    # --- participants ----------------------------------------------------------------------------
    def add_participant(self) -> None:
        self._open(ParticipantForm(self.ws, parent=self),
                   lambda form: self._after_save(self.participants, form.result_record.id, self._saved_message()))

    def edit_participant(self, person_id: str) -> None:
        self._open(ParticipantForm(self.ws, self.ws.participants.get(person_id), parent=self),
                   lambda form: self._after_save(self.participants, person_id, self._saved_message()))

    def delete_participants(self, ids: list[str]) -> None:
        rows = [r for r in self.participant_model.rows if r.id in ids]
        if not rows:
            return
        if len(rows) > 1:
            answer = ask(self, tr("Delete participants"), tr(
                "Delete {count} participants and their attendance?", count=len(rows)),
                [("delete", tr("Delete")), ("cancel", tr("Cancel"))])
            if answer != "delete":
                return
            done = self.participants.run(lambda: self.ws.participants.delete_many(
                [r.id for r in rows], tr("Delete {count} participants", count=len(rows))))
        else:
            done = self.participants.run(lambda: self.ws.participants.delete(rows[0].id))
        if done:
            self._after_save(self.participants, None, self._saved_message())

    def _saved_message(self) -> str:
        name = self.ws.store.undo_name()
        return tr("Saved: {operation}. Ctrl+Z undoes it.", operation=name) if name else ""

    # --- import ----------------------------------------------------------------------------------
    def import_list(self, target: str | None = None, path: str | None = None) -> None:
        """Open the import preview (it asks for a file first when ``path`` is None)."""
        if self.ws.read_only:
            return
        from fgd_app.gui.people.import_dialog import ImportDialog

        self._open(ImportDialog(self.ws, target=target or self.current_target(), path=path, parent=self),
                   self._imported)

    def _imported(self, dialog) -> None:
        if not dialog.imported:
            return
        self.tabs.setCurrentIndex(0 if dialog.preview.target == PARTICIPANTS else 1)
        self._after_save(self.current_panel(), None, self._saved_message())
