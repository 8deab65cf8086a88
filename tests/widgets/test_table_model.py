"""The base table model: rows from a list, headers named once and translated, one Index type for the GUI."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt

from fgd_app import i18n
from fgd_app.gui.widgets.table_model import RowTableModel
from fgd_app.i18n import N_

GUI = Path(__file__).resolve().parents[2] / "fgd_app" / "gui"
H = Qt.Orientation.Horizontal


class People(RowTableModel[tuple[str, int]]):
    headers = (N_("Name"), N_("Plans"))
    header_tips = ("", N_("Number of action plans"))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(row[index.column()])


def test_the_base_model_passes_qtmodeltester_empty_and_filled(qtmodeltester):
    model = People()
    qtmodeltester.check(model)
    model.set_rows([("Ani", 2), ("Budi", 0), ("Citra", 5)])
    qtmodeltester.check(model)


def test_shape_rows_and_set_rows_reset_the_model(qtbot):
    model = People()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(iter([("Ani", 2), ("Budi", 0)]))  # any iterable; kept as a list
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0  # flat
    assert model.row(model.index(1, 1)) == ("Budi", 0)
    assert model.row(QModelIndex()) is None
    assert model.data(model.index(0, 1)) == "2"


def test_headers_are_translated_with_their_tooltips():
    model = People()
    assert [model.headerData(n, H) for n in range(2)] == ["Nama", "Rencana"]
    assert model.headerData(0, H, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(1, H, Qt.ItemDataRole.ToolTipRole) == i18n.tr("Number of action plans")
    assert model.headerData(2, H) is None and model.headerData(0, Qt.Orientation.Vertical) is None
    i18n.set_language("en")
    assert model.headerData(0, H) == "Name"


def test_the_index_type_is_defined_once():
    pattern = re.compile(r"QModelIndex\s*\|\s*QPersistentModelIndex")
    places = sorted(str(p.relative_to(GUI)) for p in GUI.rglob("*.py") if pattern.search(p.read_text("utf-8")))
    assert places == ["widgets/table_model.py"]
