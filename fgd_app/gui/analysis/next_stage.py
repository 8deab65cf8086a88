"""File → Continue to the next stage…: write the next bimtek stage's file and offer to open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from fgd_app.core.errors import FgdError
from fgd_app.gui.widgets.common import ask, show_error
from fgd_app.i18n import N_, roman, tr

FILTER = N_("Workshop files (*.fgd.db)")


def suggested_name(path: Path, stage: int) -> Path:
    """Return "serang_tahap3.fgd.db" beside ``path`` for the next stage (any old "_tahapN" replaced)."""
    stem = path.name.removesuffix(".fgd.db").removesuffix(".db")
    for number in range(1, 5):
        stem = stem.removesuffix(f"_tahap{number}")
    return path.with_name(f"{stem}_tahap{stage}.fgd.db")


def continue_to_next_stage(window: QWidget, workshop) -> Path | None:
    """Ask for the new file's name, carry the workshop there, and offer to open it; return the new file."""
    from fgd_app.core.workshop.next_stage import LAST_STAGE, carry_to_next_stage

    stage = workshop.info().bimtek_stage
    title = tr("Continue to the next stage")
    if stage >= LAST_STAGE:
        ask(window, title, tr("This workshop is at stage IV, the last bimtek: there is no next stage."),
            [("close", tr("Close"))], icon=QMessageBox.Icon.Information)
        return None
    path, _ = QFileDialog.getSaveFileName(window, tr("File for stage {stage}", stage=roman(stage + 1)),
                                          str(suggested_name(workshop.path, stage + 1)), tr(FILTER))
    if not path:
        return None
    target = Path(path)
    if not target.name.endswith(".db"):
        target = target.with_name(target.name + ".fgd.db")
    try:
        if not workshop.read_only:
            workshop.store.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # the source file holds every edit
        report = carry_to_next_stage(workshop.path, target, force=target.exists())
    except FgdError as error:
        show_error(window, title, str(error))
        return None
    choice = ask(window, title, tr("Stage {stage} was written to \u201c{name}\u201d with the analysis, OPDs, "
                                   "participants, innovations, plans, risks and quick-win choices of this stage. "
                                   "Open it now?", stage=roman(report.stage), name=target.name),
                 [("open", tr("Open stage {stage}", stage=roman(report.stage))), ("stay", tr("Stay here"))])
    if choice == "open":
        controller = getattr(QApplication.instance(), "_fgd_controller", None)
        if controller is not None:
            controller.open_path(target)
    return target
