"""Excel and CSV export, and importing an edited workbook back (preview, validation, one undoable step)."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from fgd_app.cli.commands import main
from fgd_app.core import Workshop
from fgd_app.core.exchange.excel_export import META_SHEET, export_csv, export_workbook
from fgd_app.core.exchange.excel_import import WorkbookError, apply_import, preview_import, to_db


@pytest.fixture
def filled(workshop):
    ws = workshop
    bappeda = ws.opds.add(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")
    kominfo = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    ws.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    siti = ws.participants.add(name="Siti Nurhaliza", opd_id=bappeda.id, phone="081234567890")
    ws.participants.add(name="Budi Santoso", opd_id=kominfo.id)
    ws.attendance.set(siti.id, ws.days.list()[0].id, True)
    dimension = ws.dimensions.list()[0]
    innovation = ws.innovations.add(dimension_id=dimension.id, name="Satu Data Kabupaten Serang",
                                    lead_opd_id=kominfo.id)
    ws.plans.add(innovation_id=innovation.id, activity="Kajian kebutuhan", first_year=2025, last_year=2025,
                 opd_id=bappeda.id, status_id=ws.plans.statuses.list()[0].id, budget=150_000_000)
    return ws


def _headers(sheet) -> list[str]:
    return [c.value for c in sheet[1]]


def _find(sheet, column: str, value) -> int:
    index = _headers(sheet).index(column)
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=index + 1).value == value)


def _set(sheet, row: int, column: str, value) -> None:
    sheet.cell(row=row, column=_headers(sheet).index(column) + 1, value=value)


def test_workbook_has_a_legend_one_sheet_per_record_type_and_keeps_ids(filled, tmp_path):
    path = export_workbook(filled, tmp_path / "serang.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Keterangan"
    assert {"Inovasi", "Rencana aksi", "Risiko", "Peserta", "Kehadiran", "OPD"} <= set(book.sheetnames)
    assert book[META_SHEET].sheet_state == "hidden"
    plans = book["Rencana aksi"]
    assert plans.freeze_panes == "A2"
    assert _headers(plans)[0] == "ID" and plans.cell(row=2, column=1).value == filled.plans.list()[0].id
    budget = plans.cell(row=2, column=_headers(plans).index("Anggaran (Rp)") + 1)
    assert budget.value == 150_000_000 and "Rp" in budget.number_format
    assert plans.cell(row=2, column=_headers(plans).index("OPD penanggung jawab") + 1).value == \
        "Badan Perencanaan Pembangunan Daerah"
    days = book["Hari"]
    assert days.cell(row=2, column=_headers(days).index("Tanggal") + 1).number_format.startswith("[$-421]")
    legend = book["Keterangan"]
    red = [c for row in legend.iter_rows() for c in row if c.value == 25]
    assert red and red[0].fill.fgColor.rgb.endswith("E05252")  # SPBE: magnitude 25 is Sangat Tinggi, red
    texts = {c.value for row in legend.iter_rows() for c in row if isinstance(c.value, str)}
    assert "APBD" in texts and "Smart Governance" in texts


def test_round_trip_export_edit_import_gives_the_edited_data(filled, tmp_path):
    path = export_workbook(filled, tmp_path / "serang.xlsx")
    book = openpyxl.load_workbook(path)
    opds, people, plans, innovations = book["OPD"], book["Peserta"], book["Rencana aksi"], book["Inovasi"]
    _set(opds, _find(opds, "Singkatan", "Bappeda"), "Singkatan", "Bappelitbangda")
    opds.append([None, "Dinas Sosial", "Dinsos", "dinas"])
    people.delete_rows(_find(people, "Nama", "Budi Santoso"))
    _set(people, _find(people, "Nama", "Siti Nurhaliza"), "No. HP", "+62 813-1111-2222")
    _set(plans, 2, "Anggaran (Rp)", "Rp 1.250.000.000")
    _set(innovations, 2, "OPD pengampu", "Dinas Kesehatan")  # pick another OPD by its name
    edited = tmp_path / "serang_diedit.xlsx"
    book.save(edited)

    preview = preview_import(filled, edited)
    counts = {s.sheet: (s.count("add"), s.count("change"), s.count("delete")) for s in preview.sheets}
    assert counts["OPD"] == (1, 1, 0) and counts["Peserta"] == (0, 1, 1)
    assert counts["Rencana aksi"] == (0, 1, 0) and counts["Inovasi"] == (0, 1, 0)
    assert counts["Kehadiran"] == (0, 0, 0)
    assert not preview.failed
    change = next(c for c in preview.changes if c.table == "innovation")
    assert "Dinas Kesehatan" in change.describe() and "Dinas Komunikasi dan Informatika" in change.describe()
    assert filled.opds.find_by_name("Dinsos") is None  # a preview saves nothing

    assert apply_import(filled, preview) == 6
    assert filled.opds.find_by_name("Bappeda") is None
    assert filled.opds.find_by_name("Bappelitbangda").name == "Badan Perencanaan Pembangunan Daerah"
    assert filled.opds.find_by_name("Dinsos").name == "Dinas Sosial"
    assert [p.name for p in filled.participants.list()] == ["Siti Nurhaliza"]
    assert filled.participants.list()[0].phone == "081311112222"  # through the repository's validate()
    assert filled.plans.list()[0].budget == 1_250_000_000
    assert filled.innovations.list()[0].lead_opd_id == filled.opds.find_by_name("Dinkes").id
    assert filled.attendance.all() == {(filled.participants.list()[0].id, filled.days.list()[0].id)}
    # the file now equals the edit: export again and compare every edited sheet, row by row
    again = openpyxl.load_workbook(export_workbook(filled, tmp_path / "lagi.xlsx"))
    normalised = {"No. HP": {"+62 813-1111-2222": "081311112222"},
                  "Anggaran (Rp)": {"Rp 1.250.000.000": 1_250_000_000}}
    for title in ("OPD", "Peserta", "Rencana aksi", "Inovasi"):
        ours, theirs = _rows_by_name(again[title]), _rows_by_name(openpyxl.load_workbook(edited)[title])
        assert ours.keys() == theirs.keys(), title
        for name, row in theirs.items():
            for heading, value in row.items():
                if heading in ("ID", "Dibuat", "Diubah") or heading.startswith("ID "):
                    continue
                assert ours[name][heading] == normalised.get(heading, {}).get(value, value), (title, name, heading)


def _rows_by_name(sheet) -> dict[str, dict[str, object]]:
    headers = _headers(sheet)
    name = next(h for h in ("Nama OPD", "Nama", "Kegiatan", "Nama inovasi") if h in headers)
    rows = [dict(zip(headers, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    return {r[name]: r for r in rows if r.get(name)}


def test_the_whole_import_is_one_undoable_operation(filled, tmp_path):
    path = export_workbook(filled, tmp_path / "serang.xlsx")
    book = openpyxl.load_workbook(path)
    book["OPD"].append([None, "Dinas Sosial", "Dinsos"])
    book["Peserta"].delete_rows(2)
    book.save(path)
    apply_import(filled, preview_import(filled, path))
    assert filled.store.undo_name() == "Impor dari Excel \u201cserang.xlsx\u201d"
    filled.undo()
    assert filled.opds.count() == 3 and filled.participants.count() == 2


def test_rows_that_fail_validation_are_listed_and_only_they_are_left_out(filled, tmp_path):
    path = export_workbook(filled, tmp_path / "serang.xlsx")
    book = openpyxl.load_workbook(path)
    opds, people = book["OPD"], book["Peserta"]
    _set(opds, _find(opds, "Singkatan", "Dinkes"), "Nama OPD", "   ")  # refused by Opds.validate()
    _set(people, _find(people, "Nama", "Siti Nurhaliza"), "NIP", "12345")  # refused: NIP is 18 digits
    _set(people, _find(people, "Nama", "Budi Santoso"), "OPD", "Dinas Tidak Ada")  # not in the list
    opds.append([None, "Dinas Sosial", "Dinsos"])
    book.save(path)
    preview = preview_import(filled, path)
    reasons = {c.label: c.error for c in preview.failed}
    assert "kosong" in reasons["Dinas Kesehatan"]
    assert "NIP" in reasons["Siti Nurhaliza"]
    assert "Dinas Tidak Ada" in reasons["Budi Santoso"]
    assert any("Baris" in line for line in preview.lines())
    assert apply_import(filled, preview) == 1
    assert filled.opds.find_by_name("Dinkes").name == "Dinas Kesehatan"
    assert filled.opds.find_by_name("Dinsos") is not None
    assert {p.nip for p in filled.participants.list()} == {""}


def test_a_workbook_of_another_workshop_or_no_workbook_is_refused(filled, tmp_path, workshop_path):
    other_path = tmp_path / "lain.fgd.db"
    with Workshop.create(other_path, region_code="36.73", days=["2024-08-01"]) as other:
        book = export_workbook(other, tmp_path / "lain.xlsx")
    with pytest.raises(WorkbookError, match="Kota Serang"):
        preview_import(filled, book)
    text = tmp_path / "bukan.xlsx"
    text.write_text("bukan buku kerja")
    with pytest.raises(WorkbookError):
        preview_import(filled, text)


@pytest.mark.parametrize(("kind", "cell", "stored"), [
    ("rupiah", "Rp 1.250.000", 1_250_000), ("rupiah", 1500.0, 1500), ("bool", "Ya", 1), ("bool", "tidak", 0),
    ("date", "02/07/2024", "2024-07-02"), ("", 42.0, 42)])
def test_cell_values_are_read_the_way_people_type_them(kind, cell, stored):
    from fgd_app.core.store.known_schema import Column

    column = Column("x", "TEXT" if kind == "date" else "INTEGER", True, None, 0)
    assert to_db(column, kind, cell) == stored


def test_csv_files_one_per_record_type_with_readable_names(filled, tmp_path):
    paths = export_csv(filled, tmp_path / "csv")
    names = {p.name for p in paths}
    assert {"innovation.csv", "action_plan.csv", "participant.csv", "opd.csv", "attendance.csv"} <= names
    with open(tmp_path / "csv" / "participant.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["Nama"] for r in rows} == {"Siti Nurhaliza", "Budi Santoso"}
    assert {r["OPD"] for r in rows} == {"Badan Perencanaan Pembangunan Daerah", "Dinas Komunikasi dan Informatika"}


def test_cli_exports_excel_and_csv_without_changing_the_file(workshop_path, tmp_path):
    before = workshop_path.read_bytes()
    assert main(["export", str(workshop_path), "--excel", str(tmp_path / "a.xlsx")]) == 0
    assert main(["export", str(workshop_path), "--csv", str(tmp_path / "csv")]) == 0
    assert (tmp_path / "a.xlsx").exists() and (tmp_path / "csv" / "opd.csv").exists()
    assert workshop_path.read_bytes() == before


def test_import_dialog_previews_per_sheet_and_saves_on_confirmation(qtbot, filled, tmp_path):
    from fgd_app.gui.exchange.excel_dialog import ImportExcelDialog

    path = export_workbook(filled, tmp_path / "serang.xlsx")
    book = openpyxl.load_workbook(path)
    book["OPD"].append([None, "Dinas Sosial", "Dinsos"])
    _set(book["Peserta"], _find(book["Peserta"], "Nama", "Budi Santoso"), "NIP", "123")
    book.save(path)
    dialog = ImportExcelDialog(filled, preview_import(filled, path))
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "OPD (+1 ~0 \u22120)" in titles and any(t.startswith("Peserta") and "\u26a0" in t for t in titles)
    assert filled.opds.find_by_name("Dinsos") is None
    dialog.save_button.click()
    assert dialog.applied == 1
    assert filled.opds.find_by_name("Dinsos") is not None


def test_a_risk_edited_in_excel_is_rescored_by_the_risk_register_after_a_fresh_open(filled, tmp_path):
    innovation = filled.innovations.list()[0]
    risk = filled.risks.add(innovation_id=innovation.id, event="Server pusat data mati", likelihood=5, impact=3)
    assert (risk.magnitude, risk.level) == (18, 4)  # SPBE matrix
    path = filled.path
    filled.close()
    with Workshop.open(path) as ws:  # parts of the workshop are built on first use: found all the same
        book = openpyxl.load_workbook(export_workbook(ws, tmp_path / "risiko.xlsx"))
        _set(book["Risiko"], 2, "Kemungkinan", 1)
        book.save(tmp_path / "risiko.xlsx")
        apply_import(ws, preview_import(ws, tmp_path / "risiko.xlsx"))
        again = ws.risks.get(risk.id)
        assert (again.likelihood, again.magnitude, again.level) == (1, 5, 1)


def test_an_unedited_workbook_of_the_demo_workshop_changes_nothing(tmp_path):
    from fgd_app.core.demo import write_demo

    write_demo(tmp_path / "demo.fgd.db")
    with Workshop.open(tmp_path / "demo.fgd.db") as ws:
        preview = preview_import(ws, export_workbook(ws, tmp_path / "demo.xlsx"))
        assert preview.changes == []


def test_a_row_breaking_a_rule_checked_only_at_commit_is_refused_in_the_preview(filled, tmp_path, monkeypatch):
    from fgd_app.core.exchange import excel_import

    innovation = filled.innovations.list()[0]
    risk = filled.risks.add(innovation_id=innovation.id, event="Server pusat data mati", likelihood=5, impact=3)
    book = openpyxl.load_workbook(export_workbook(filled, tmp_path / "risiko.xlsx"))
    _set(book["Risiko"], 2, "Kemungkinan", 1)  # without the register, magnitude 18 no longer matches a cell
    book["OPD"].append([None, "Dinas Sosial", "Dinsos"])
    book.save(tmp_path / "risiko.xlsx")
    monkeypatch.setattr(excel_import, "repositories", lambda ws: {})  # the generic path: only the file's rules
    preview = preview_import(filled, tmp_path / "risiko.xlsx")
    assert [c.table for c in preview.failed] == ["risk"]
    assert apply_import(filled, preview) == 1
    assert filled.risks.get(risk.id).likelihood == 5
    assert filled.opds.find_by_name("Dinsos") is not None
