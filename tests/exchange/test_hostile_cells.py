"""User text that looks like a formula or holds control characters: written as text, read back exactly."""

from __future__ import annotations

import csv
import random

import openpyxl
import pytest

from fgd_app.core.exchange.excel_export import export_csv, export_workbook
from fgd_app.core.exchange.excel_import import preview_import
from fgd_app.core.people.list_files import read_table

FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","klik")', "+1+2", "-2+3", "@SUM(A1:A2)", "'=already quoted",
            "''=twice"]


def _cells(path, sheet: str) -> list:
    book = openpyxl.load_workbook(path)
    return [c for row in book[sheet].iter_rows() for c in row]


def test_text_that_looks_like_a_formula_is_written_as_text_and_read_back_unchanged(workshop, tmp_path):
    for number, text in enumerate(FORMULAS):
        workshop.participants.add(name=f"Peserta {number}", position=text, notes=text)
    path = export_workbook(workshop, tmp_path / "serang.xlsx")
    cells = [c for c in _cells(path, "Peserta") if c.value in FORMULAS]
    assert len(cells) == 2 * len(FORMULAS)
    assert {c.data_type for c in cells} == {"s"}  # a string cell, never a live formula
    preview = preview_import(workshop, path)
    assert preview.changes == []  # nothing blanked, nothing changed


def test_csv_neutralises_a_leading_formula_sign_and_the_list_reader_undoes_it(workshop, tmp_path):
    for number, text in enumerate(FORMULAS):
        workshop.participants.add(name=f"Peserta {number}", notes=text)
    export_csv(workshop, tmp_path / "csv")
    with open(tmp_path / "csv" / "participant.csv", encoding="utf-8-sig", newline="") as handle:
        raw = [cell for row in csv.reader(handle) for cell in row]
    assert "'=cmd|' /C calc'!A0" in raw and "'+1+2" in raw and "'@SUM(A1:A2)" in raw and "'''=twice" in raw
    assert not any(cell[:1] in ("=", "+", "@") for cell in raw)
    table = read_table(tmp_path / "csv" / "participant.csv")
    notes = table.columns.index("Catatan")
    assert sorted(row[notes] for row in table.rows) == sorted(FORMULAS)


def test_control_characters_do_not_stop_the_export_and_come_back_exactly(workshop, tmp_path):
    text = "bel\x07 nul\x00 esc\x1b cr\r lf\n tab\t literal _x0041_ end"
    person = workshop.participants.add(name="Budi\x07 Santoso", notes=text)
    stored = workshop.participants.get(person.id)
    notes: list[str] = []
    path = export_workbook(workshop, tmp_path / "serang.xlsx", notes=notes)
    assert any("_x0007_" in note for note in notes)  # the export says what it wrote differently
    assert preview_import(workshop, path).changes == []
    assert workshop.participants.get(person.id) == stored


def test_text_longer_than_an_excel_cell_is_cut_said_and_not_imported_as_an_edit(workshop, tmp_path):
    person = workshop.participants.add(name="Budi", notes="panjang " * 5000)
    notes: list[str] = []
    path = export_workbook(workshop, tmp_path / "serang.xlsx", notes=notes)
    assert notes
    assert preview_import(workshop, path).changes == []
    assert workshop.participants.get(person.id).notes == ("panjang " * 5000).strip()


_ALPHABET = ("abcXYZ 019_-=+@'\"\t\n\r,;|!#%&<>" "\x00\x01\x07\x08\x0b\x0c\x1b\x1f\x7f"
             "\u00e9\u00fc\u4e2d\u0627\U0001f600\u200b\ufeff\u2028")


def _random_text(rng: random.Random) -> str:
    pieces = [rng.choice(_ALPHABET) for _ in range(rng.randint(1, 40))]
    if rng.random() < 0.3:
        pieces.insert(0, rng.choice(["=", "+", "-", "@", "'=", "_x0007_", "_x005F_"]))
    if rng.random() < 0.2:
        pieces.append(f"_x{rng.randint(0, 0xFFFF):04X}_")
    return "".join(pieces)


@pytest.mark.parametrize("seed", range(3))
def test_random_field_text_survives_export_and_re_import_exactly(workshop, tmp_path, seed):
    rng = random.Random(seed)
    people = [workshop.participants.add(name=f"Orang {i} " + _random_text(rng).replace("\x00", ""),
                                        position=_random_text(rng), notes=_random_text(rng))
              for i in range(25)]
    opd = workshop.opds.add(name="Dinas " + _random_text(rng), notes=_random_text(rng))
    before = [workshop.participants.get(p.id) for p in people] + [workshop.opds.get(opd.id)]
    path = export_workbook(workshop, tmp_path / f"acak{seed}.xlsx")
    preview = preview_import(workshop, path)
    assert preview.changes == [], preview.lines()
    assert [workshop.participants.get(p.id) for p in people] + [workshop.opds.get(opd.id)] == before
    folder = export_csv(workshop, tmp_path / f"csv{seed}")
    assert folder
